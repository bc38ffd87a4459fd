"""The one door from spec text to generated files: Jinja prints only what an escaper produced.

A template that prints raw spec text (or any plain string) must fail to render, so a forgotten
escaper is an error at generation time, never an injection; through the filters the same text
renders, and renders literally (Jinja syntax inside it is data, not a template).
"""

from __future__ import annotations

import ast
import tomllib

import jinja2
import pytest

from generator.render import environment
from generator.strings import Safe, SpecText, identifier

HOSTILE = '"""\\\n{{ 7*7 }}{% for x in [1] %}loop{% endfor %} <b>x</b> \u2028import os'


@pytest.mark.parametrize(
    "value", [SpecText(HOSTILE), HOSTILE, "plain", SpecText("harmless")], ids=repr
)
def test_printing_unescaped_text_is_a_render_error(value: object) -> None:
    template = environment().from_string("x = {{ value }}")
    with pytest.raises(TypeError, match="unescaped"):
        template.render(value=value)


@pytest.mark.parametrize(
    "expression",
    [
        "value ~ ''",
        "value | string",
        "value | e",
        "[value] | join",
        "value.unsafe_value",
        "value.unsafe_value | safe",
        "value._value | upper",
        "'%s' % value.unsafe_value",
    ],
)
def test_spec_text_cannot_be_smuggled_out_through_jinja(expression: str) -> None:
    """Jinja's string filters call str(), which SpecText refuses; the raw value is a plain str
    (or Markup), which the environment refuses to print."""
    template = environment().from_string("{{ " + expression + " }}")
    with pytest.raises(TypeError):
        template.render(value=SpecText(HOSTILE))


def test_escaped_text_renders_into_each_output_context() -> None:
    source = (
        'DOC = """{{ value | docstring }}"""\n'
        "LITERAL = {{ value | pystr }}\n"
        "# {{ value | comment }}\n"
    )
    rendered = environment().from_string(source).render(value=SpecText(HOSTILE))
    namespace: dict[str, object] = {}
    exec(compile(ast.parse(rendered), "<rendered>", "exec"), namespace)
    assert namespace["LITERAL"] == HOSTILE
    assert "{{ 7*7 }}" in str(namespace["DOC"]) and "49" not in rendered
    assert set(namespace) == {"__builtins__", "DOC", "LITERAL"}  # the comment stayed a comment


def test_toml_and_markdown_filters_hold_the_literal_text() -> None:
    env = environment()
    toml = env.from_string("title = {{ value | toml }}\n").render(value=SpecText(HOSTILE))
    assert tomllib.loads(toml) == {"title": HOSTILE}
    markdown = env.from_string("{{ value | md }}").render(value=SpecText(HOSTILE))
    assert "\n" not in markdown and "<b>" not in markdown and "{{" not in markdown


def test_safe_text_and_numbers_are_what_templates_may_print() -> None:
    rendered = (
        environment().from_string("{{ a }} {{ b }} {{ c }}").render(a=Safe("name"), b=3, c=True)
    )
    assert rendered == "name 3 True"


def test_undefined_names_fail_instead_of_printing_nothing() -> None:
    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{{ missing }}").render()


@pytest.mark.parametrize("name", ["class", "None", "1st", "", "a-b", "a b", "名前", "x\nimport os"])
def test_identifier_escaper_refuses_what_is_not_a_plain_identifier(name: str) -> None:
    """Names are built by `naming`; the identifier escaper only vouches for them, and refuses."""
    with pytest.raises(ValueError, match="not a safe Python identifier"):
        identifier(name)


def test_identifier_escaper_passes_plain_identifiers() -> None:
    assert identifier("class_") == "class_" and isinstance(identifier("class_"), Safe)
