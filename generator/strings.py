"""Untrusted spec text and the only door from it into generated files.

A spec is text from the internet that becomes code other teams import (openapi-python-client's
GHSA-5293-mq8x-g3xj: a description holding triple quotes ran code on import). So every string read
from a spec is wrapped as `SpecText` the moment it enters the intermediate representation; it cannot
be formatted or printed, and leaves only through one escaper per output context below, which returns
`Safe`. The Jinja environment prints nothing but `Safe` (see `render.py`), so an escaper that was
forgotten is a render error, never an injection.
"""

from __future__ import annotations

import html
import itertools
import keyword
import re
import unicodedata
from collections import deque
from collections.abc import Iterator

_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# C0 controls and the bidirectional overrides of "Trojan Source" (CVE-2021-42574), which make code
# read differently from how it runs.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class SpecText:
    """Text that came from a spec. It refuses `str()` and formatting: use an escaper."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def __str__(self) -> str:
        raise TypeError("spec text must go through an escaper in generator.strings")

    def __format__(self, spec: str) -> str:
        raise TypeError("spec text must go through an escaper in generator.strings")

    def __repr__(self) -> str:
        return f"SpecText({self._value!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SpecText) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("SpecText", self._value))

    def __bool__(self) -> bool:
        return bool(self._value.strip())

    @property
    def unsafe_value(self) -> str:
        """The raw text, for naming and escaping only: never print it into a file."""
        return self._value


class Safe(str):
    """Text an escaper produced for one output context; the only strings templates may print."""

    __slots__ = ()


def clean(text: str) -> str:
    """Text with one kind of newline and no control characters, bidi overrides or surrogates."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub("", text)


# Descriptions written in HTML (eBay's, Amazon's, Adyen's), which no docstring or Markdown
# reader here renders: the markup of a few well-known tags becomes the text it stands for. Any
# other `<...>` (`Bearer <token>`) is text and stays so.
_HTML_CODE = re.compile(r"<code>([^<>`]*)</code>", re.IGNORECASE)
_HTML_BREAK = re.compile(r"<(?:br|/?p|/?div|/?ul|/?ol|li|/li|/?tr)\s*/?>", re.IGNORECASE)
_HTML_INLINE = re.compile(
    r"</?(?:a|b|strong|i|em|u|span|sup|sub|tt|small|font)(?:\s[^<>]*)?>", re.IGNORECASE
)

_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")


def _html_as_text(text: str) -> str:
    """`text` with well-known HTML tags read as text: breaks as newlines, `<code>` as a code
    span, emphasis and links as their words; entities decoded only where tags were found."""
    if not (_HTML_CODE.search(text) or _HTML_BREAK.search(text) or _HTML_INLINE.search(text)):
        return text
    text = _HTML_CODE.sub(lambda match: f"`{match[1]}`" if match[1].strip() else "", text)
    text = _HTML_INLINE.sub("", _HTML_BREAK.sub("\n", text))
    return _BLANK_LINES.sub("\n\n", html.unescape(text))


def docstring(text: SpecText | None, indent: int = 0) -> Safe:
    """Body of a triple-quoted docstring: quotes and backslashes escaped, lines re-indented."""
    if text is None:
        return Safe("")
    # Tabs become spaces: a tab in a docstring line's indentation mixes with ours (ruff E101).
    body = clean(_html_as_text(text.unsafe_value)).expandtabs(4).strip()
    body = body.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"') and (len(body) - len(body[:-1].rstrip("\\")) - 1) % 2 == 0:
        body = body[:-1] + '\\"'  # a bare quote right before the closing quotes would end them
    lines = [line.rstrip() for line in body.split("\n")]
    pad = " " * indent
    return Safe("\n".join(lines[:1] + [pad + line if line else "" for line in lines[1:]]))


def docstring_sections(
    paragraphs: list[SpecText], items: list[tuple[Safe, SpecText]], indent: int
) -> Safe:
    """A docstring body: escaped paragraphs, then an `Args:` list of `name: escaped text`."""
    pad = " " * indent
    blocks: list[str] = [docstring(paragraph, indent) for paragraph in paragraphs]
    if items:
        lines = ["Args:"]
        lines += [f"    {name}: {docstring(text, indent + 8)}" for name, text in items]
        blocks.append(("\n" + pad).join(lines))
    text = ("\n\n" + pad).join(block for block in blocks if block)
    return Safe(text + "\n" + pad if "\n" in text else text)


def string_literal(text: SpecText | str) -> Safe:
    """A Python string literal holding exactly `text` (repr escapes everything that needs it)."""
    raw = text.unsafe_value if isinstance(text, SpecText) else text
    return Safe(repr(_SURROGATE.sub("\ufffd", raw)))


def comment(text: SpecText | None) -> Safe:
    """One line of text that stays inside a `#` comment."""
    if text is None:
        return Safe("")
    return Safe(" ".join(clean(text.unsafe_value).split()))


def toml_string(text: SpecText | str) -> Safe:
    """A TOML basic string (double quoted) holding exactly `text`."""
    raw = text.unsafe_value if isinstance(text, SpecText) else text
    escaped = []
    for char in _SURROGATE.sub("\ufffd", raw):
        if char in '"\\':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return Safe('"' + "".join(escaped) + '"')


_MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]()|~])")
_MARKDOWN_BLOCK_START = re.compile(r"^(\d*)([#+\-=.])")


def markdown(text: SpecText | None) -> Safe:
    """Inline Markdown that renders as the literal text: no HTML, links, headings or code.

    Marks that only mean something at the start of a line (`# `, `- `, `1. `) are escaped only
    there, so ordinary sentences keep their full stops and hyphens unescaped."""
    if text is None:
        return Safe("")
    flat = " ".join(clean(text.unsafe_value).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _MARKDOWN_INLINE.sub(r"\\\1", flat)
    return Safe(_MARKDOWN_BLOCK_START.sub(r"\1\\\2", flat))


_PROSE_MARKS = re.compile(r"([\\`*\[\]~|])")
_LONE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_BACKTICKS = re.compile(r"`+")
# As CommonMark reads them: a code span opens with a run of backticks and closes at the next run
# of the same length; a fenced block opens with a line of three or more and closes at the next
# line of at least as many. Both are paired in one pass: spec text is untrusted, and a regex
# that searches on from every unclosed opener costs the square of a hostile description.
_FENCE_OPEN = re.compile(r"[ \t]*(`{3,})[^`]*")
_FENCE_CLOSE = re.compile(r"[ \t]*(`{3,})[ \t]*")


def markdown_prose(text: SpecText | str | None) -> Safe:
    """One line of Markdown that reads as the text: the spec's `code` stays code, the rest is
    literal (no HTML, links, emphasis, headings or list items) without escaping what cannot
    mean anything, so `brain_type` and `/v1/{id}` read as written in the raw file too. A fenced
    example (```json ...```) has no line of its own here: it reads as a code span."""
    if text is None:
        return Safe("")
    raw = text.unsafe_value if isinstance(text, SpecText) else text
    flat = " ".join(_unfenced(clean(_html_as_text(raw))).split())
    rendered: list[str] = []
    start = 0
    for opening, closing in _code_spans(flat):
        rendered += [
            _prose(flat[start : opening.start()], first=start == 0),
            code_span(flat[opening.end() : closing.start()]),
        ]
        start = closing.end()
    rendered.append(_prose(flat[start:], first=start == 0))
    return Safe("".join(rendered))


def _code_spans(text: str) -> Iterator[tuple[re.Match[str], re.Match[str]]]:
    """Each code span's opening and closing backtick runs, in order; a run with no later run
    of its length is literal text."""
    runs = list(_BACKTICKS.finditer(text))
    later: dict[int, deque[int]] = {}  # run length -> indices of the runs of that length
    for index, run in enumerate(runs):
        later.setdefault(len(run[0]), deque()).append(index)
    index = 0
    while index < len(runs):
        same = later[len(runs[index][0])]
        while same and same[0] <= index:
            same.popleft()
        if not same:
            index += 1
            continue
        closing = same.popleft()
        yield runs[index], runs[closing]
        index = closing + 1


def _unfenced(text: str) -> str:
    """`text` with each fenced block's lines as one code span."""
    lines = text.split("\n")
    fences = [len(m[1]) if (m := _FENCE_CLOSE.fullmatch(line)) else 0 for line in lines]
    # the longest closing fence at or after each line: an opener longer than that stays text
    reach = [*reversed([*itertools.accumulate(reversed(fences), max)]), 0]
    kept: list[str] = []
    index = 0
    while index < len(lines):
        opened = _FENCE_OPEN.fullmatch(lines[index])
        if opened is None or len(opened[1]) > reach[index + 1]:
            kept.append(lines[index])
            index += 1
            continue
        end = next(j for j in range(index + 1, len(lines)) if fences[j] >= len(opened[1]))
        kept.append(code_span("\n".join(lines[index + 1 : end])))
        index = end + 1
    return "\n".join(kept)


def _prose(text: str, *, first: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PROSE_MARKS.sub(r"\\\1", text)
    text = _LONE_UNDERSCORE.sub(r"\\_", text)
    return _MARKDOWN_BLOCK_START.sub(r"\1\\\2", text) if first else text


def code_span(text: str) -> Safe:
    """An inline code span holding exactly `text` on one line, whatever backticks it has."""
    flat = " ".join(clean(text).split())
    if not flat:
        return Safe("")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(flat)), default=0) + 1)
    padded = f" {flat} " if flat.startswith("`") or flat.endswith("`") else flat
    return Safe(f"{fence}{padded}{fence}")


def code_fence(*blocks: str) -> Safe:
    """A fence for fenced code blocks holding `blocks`: longer than any backtick run in them."""
    longest = max((len(run) for block in blocks for run in _BACKTICKS.findall(block)), default=0)
    return Safe("`" * max(3, longest + 1))


def identifier(name: str) -> Safe:
    """Vouch for a name built by `naming`: refuse anything that is not a plain identifier."""
    if not name.isidentifier() or keyword.iskeyword(name) or not name.isascii():
        raise ValueError(f"not a safe Python identifier: {name!r}")
    return Safe(name)


def plain(text: str) -> str:
    """Spec text handed to datamodel-code-generator: normalised, without control characters.

    That library escapes what it writes; the model module is then checked by `models.py` against
    an allowlist of syntax, so this only has to keep the text well-formed.
    """
    lines = unicodedata.normalize("NFC", clean(text)).expandtabs(4).split("\n")
    return "\n".join(line.rstrip() for line in lines)
