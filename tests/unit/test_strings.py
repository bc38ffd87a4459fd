from __future__ import annotations

import ast
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import strings
from generator.strings import Safe, SpecText

HOSTILE = st.text(
    alphabet=st.sampled_from(list("\"'\\\n\r\t{}#`<>*_[]|\x00\u2028abc ")), max_size=40
)


def test_spec_text_refuses_to_be_formatted() -> None:
    text = SpecText("x")
    with pytest.raises(TypeError):
        str(text)
    with pytest.raises(TypeError):
        f"{text}"


@given(HOSTILE)
def test_docstring_escaper_keeps_text_inside_the_docstring(raw: str) -> None:
    body = strings.docstring(SpecText(raw), indent=4)
    source = f'def f():\n    """{body}"""\n    return 1\n'
    tree = ast.parse(source)
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    assert len(function.body) == 2  # the docstring and `return 1`: nothing escaped the string
    assert isinstance(body, Safe)


@given(HOSTILE)
def test_docstring_lines_are_indented_with_spaces_only(raw: str) -> None:
    """A tab in a spec's text must not mix with our indentation (ruff E101 fails the package)."""
    body = strings.docstring(SpecText(raw), indent=4)
    for line in body.split("\n")[1:]:
        indentation = line[: len(line) - len(line.lstrip())]
        assert "\t" not in indentation, repr(line)


@given(HOSTILE)
def test_string_literal_round_trips(raw: str) -> None:
    assert ast.literal_eval(strings.string_literal(SpecText(raw))) == raw


@given(HOSTILE)
def test_toml_string_round_trips(raw: str) -> None:
    assert tomllib.loads(f"x = {strings.toml_string(SpecText(raw))}")["x"] == raw


@given(HOSTILE)
def test_comment_stays_on_one_line(raw: str) -> None:
    assert "\n" not in strings.comment(SpecText(raw))
    assert "\r" not in strings.comment(SpecText(raw))


def test_markdown_neutralises_html_and_markup() -> None:
    text = strings.markdown(SpecText("<script>alert(1)</script> *bold* [x](http://e) `code`"))
    assert "<" not in text and ">" not in text
    assert "\\*bold\\*" in text and "\\[x\\]" in text and "\\`code\\`" in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("# Heading", "\\# Heading"),
        ("- item", "\\- item"),
        ("12. item", "12\\. item"),
        ("=== rule", "\\=== rule"),
        ("A well-formed sentence. Really.", "A well-formed sentence. Really."),
    ],
)
def test_markdown_escapes_line_start_marks_only_at_the_start(raw: str, expected: str) -> None:
    assert strings.markdown(SpecText(raw)) == expected


def test_identifier_refuses_anything_but_identifiers() -> None:
    assert strings.identifier("ok_name") == "ok_name"
    for bad in ("class", "a-b", "1a", "a b", "é"):
        with pytest.raises(ValueError):
            strings.identifier(bad)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("brain_type at /v1/{id} (optional).", "brain_type at /v1/{id} (optional)."),
        ("Use `cara-3` or `x`y", "Use `cara-3` or `x`y"),
        ("<img src=x> *b* [l](http://e)", "&lt;img src=x&gt; \\*b\\* \\[l\\](http://e)"),
        ("a|b ~~s~~", "a\\|b \\~\\~s\\~\\~"),
        ("_lead and trail_ but mid_word", "\\_lead and trail\\_ but mid_word"),
        ("# Heading", "\\# Heading"),
        ("- item", "\\- item"),
        ("```fence", "\\`\\`\\`fence"),
        ("one ` tick", "one \\` tick"),
        ("line\n# two", "line # two"),
    ],
)  # fmt: skip
def test_markdown_prose_keeps_code_and_plain_punctuation(raw: str, expected: str) -> None:
    assert strings.markdown_prose(SpecText(raw)) == expected


def test_markdown_prose_pairs_backtick_runs_and_reads_a_fenced_example_as_code() -> None:
    # A span opens and closes with runs of the same length, so a fence or a double-backtick span
    # does not shift which parts are code: the words around them keep their spaces.
    assert strings.markdown_prose(SpecText("Send ``a`b`` or `c` (`d` and `e`).")) == (
        "Send ``a`b`` or `c` (`d` and `e`)."
    )
    fenced = 'Returns:\n```json\n{\n  "id": "x_1"\n}\n```\nHere `id` and `name` are kept.'
    assert strings.markdown_prose(SpecText(fenced)) == (
        'Returns: `{ "id": "x_1" }` Here `id` and `name` are kept.'
    )


def test_an_unclosed_run_or_fence_stays_text_and_what_follows_still_pairs() -> None:
    """A run with no later run of its length, or a fence with no later line of as many
    backticks, is literal; the spans and blocks after it are read as if it were not there."""
    assert strings.markdown_prose(SpecText("a ``` b `c` d")) == "a \\`\\`\\` b `c` d"
    fenced = "Intro\n`````json\nopen\n```\nx = 1\n```\nEnd"
    assert strings.markdown_prose(SpecText(fenced)) == (
        "Intro \\`\\`\\`\\`\\`json open `x = 1` End"
    )


def test_code_spans_and_fences_hold_any_backticks() -> None:
    assert strings.code_span("str | UUID") == "`str | UUID`"
    assert strings.code_span("a`b") == "``a`b``"
    assert strings.code_span("`x") == "`` `x ``"
    assert strings.code_fence("plain") == "```"
    assert strings.code_fence("x = '````'") == "`````"


def test_html_in_a_description_reads_as_text_in_markdown_and_docstrings() -> None:
    raw = SpecText(
        "Items per page.<br /><br /><b>Valid Values:</b> <code>1-100</code> &amp; more, "
        'see <a href="https://e.example">the docs</a>. Send Bearer <token>; <img src=x>'
    )
    assert strings.markdown_prose(raw) == (
        "Items per page. Valid Values: `1-100` &amp; more, see the docs. "
        "Send Bearer &lt;token&gt;; &lt;img src=x&gt;"
    )
    assert strings.docstring(raw) == (
        "Items per page.\n\nValid Values: `1-100` & more, see the docs. Send Bearer <token>; "
        "<img src=x>"
    )
    # Without markup nothing changes: an entity in plain text stays as written.
    assert strings.markdown_prose(SpecText("AT&amp;T <token>")) == "AT&amp;amp;T &lt;token&gt;"
