"""YAML specs read in one pass over the events give what PyYAML's safe loader gives."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from generator import yamlsafe

_CASES = [
    "a: 1\nb: [x, 'y', \"z\", 2.5, true, null, ~, 0x1F, 1_000]\n",
    "200:\n  description: ok\nopenapi: 3.0.0\n",  # integer keys become the text written
    "version: 2022-08-30\nat: 2001-12-14t21:59:43.10-05:00\n",  # timestamps stay text
    "base: &b {type: object, x: [1, 2]}\nuse: *b\nagain: *b\n",
    "s: &s shared\nt: *s\n",
    "defaults: &d {a: 1, b: 2}\nmerged:\n  <<: *d\n  b: 3\n",  # merge keys
    "blob: !!binary aGVsbG8=\n",
    "set: !!set {a, b}\n",
    "? [complex, key]\n: value\n",
    "text: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
    "dup: 1\nother: 2\ndup: 3\n",
    "- 1\n- [2, [3, {four: 4}]]\n",
    "just a scalar\n",
    "",
    "---\na: 1\n---\nb: 2\n",
    "a: *missing\n",
    "a: [1, 2\n",
    "on: yes\n",
    "= : 1\n",
]


def _reference(text: str) -> tuple[str, Any]:
    """PyYAML's safe loader with the module's own timestamp and key rules."""
    try:
        document = yaml.load(text, Loader=yamlsafe._Loader)
        return "ok", yamlsafe._string_keys(document)
    except (yaml.YAMLError, ValueError) as error:
        return "error", f"{type(error).__name__}: {error}"


def _ours(text: str) -> tuple[str, Any]:
    try:
        return "ok", yamlsafe.load(text, 50)
    except (yaml.YAMLError, ValueError) as error:
        return "error", f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("text", _CASES)
def test_documents_and_errors_match_the_safe_loader(text: str) -> None:
    ours, reference = _ours(text), _reference(text)
    assert ours == reference
    if ours[0] == "ok":  # key order too: it decides the order of generated code
        assert repr(ours[1]) == repr(reference[1])


@pytest.mark.parametrize("extra", ["", "base: &b {x: 1}\nmerged: {<<: *b}\n"])
def test_status_keys_stay_where_they_were_written(extra: str) -> None:
    """Integer keys become text in place, in the one pass and in the safe loader's: the order
    of a spec's responses is the order of the generated code."""
    text = "responses:\n  default: {}\n  200: {}\n  '201': {}\n  404: {}\n"
    document = yamlsafe.load(text + extra, 50)
    assert list(document["responses"]) == ["default", "200", "201", "404"]


def test_an_anchored_value_is_one_object_wherever_an_alias_repeats_it() -> None:
    document = yamlsafe.load("base: &b {type: object}\nuse: *b\n", 50)
    assert document["use"] is document["base"]


def test_bounds_hold_in_the_one_pass() -> None:
    with pytest.raises(yamlsafe.YAMLDepthError):
        yamlsafe.load("a: " + "[" * 60 + "]" * 60 + "\n", 50)
    aliases = "x: &x 1\nl: [" + ", ".join(["*x"] * (yamlsafe.MAX_ALIASES + 1)) + "]\n"
    with pytest.raises(yamlsafe.YAMLAliasError):
        yamlsafe.load(aliases, 50)


# A merge key sends the document to PyYAML's safe loader instead of the one pass: both read alike.
@pytest.mark.parametrize("extra", ["", "base: &b {x: 1}\nmerged: {<<: *b}\n"])
def test_scalars_are_read_as_yaml_1_2_as_openapi_specifies(extra: str) -> None:
    text = "enum: [16:9, 1:1, 1:30.5, yes, no, on, 0777, 1_000, 0x1F, 2.5, true, False]\non: 1\n"
    document = yamlsafe.load(text + extra, 50)
    assert document["enum"] == [
        *("16:9", "1:1", "1:30.5", "yes", "no", "on"),
        *(777, "1_000", 31, 2.5, True, False),
    ]
    assert document["on"] == 1
