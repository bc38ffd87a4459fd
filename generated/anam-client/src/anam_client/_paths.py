"""Request paths: checking a path template, and filling it with caller-supplied values.

A request URL is the base URL's origin and path followed by the request path, joined as text.
That is only safe because the path is checked first: it must begin with a single ``/`` and may
hold nothing but path characters, so no spelling of it (``@evil.example/x``, ``.evil.example``,
``:8443/x``, ``//evil/x``, backslashes, ``%2F``, dot segments) can move the request, or the
credentials it carries, to another scheme, host or port, or above the base URL's path.

Each value must land in exactly one path segment whatever it contains. An id of ``../admin``
that reached the server as two segments would address a different resource, so every reserved
character is percent-encoded and the segments ``.`` and ``..`` are spelled ``%2E`` / ``%2E%2E``,
which neither httpx nor servers fold away as dot-segments. A value with a ``label`` or ``matrix``
style, or an array or object, is written as ``_styles`` says, its delimiters left as they are.

A placeholder written ``{+name}`` holds a path of its own (a folder ``marketing/2024/q1``, a
resource name ``projects/p1/instances/i1``): its ``/`` are sent as separators and each segment
between them is encoded like any value. A segment that is empty, ``.`` or ``..`` is refused, so
such a value can add segments under the operation's path but never climb out of it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from urllib.parse import quote, unquote

from ._exceptions import SDKError
from ._styles import path_text

__all__ = ["check_path", "encode_segment", "expand_path"]

_PLACEHOLDER = re.compile(r"\{([^{}/]+)\}")
# RFC 3986 path characters (unreserved, sub-delims, ":", "@", "/") and percent-escapes.
_PATH_TEXT = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*")
_DOT_SEGMENTS = frozenset({".", ".."})
_NOT_SEGMENTS = frozenset({"", ".", ".."})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def expand_path(template: str, params: Mapping[str, object]) -> str:
    """Substitute every ``{name}``; raises before any request is made.

    An invalid template is an SDKError; a missing or empty value is a ValueError.
    """
    pieces = _pieces(template)
    if len(pieces) == 1:
        return template
    parts = list(pieces)
    for index in range(1, len(parts), 2):  # odd places hold parameter names
        name = parts[index]
        if name not in params:  # ``{+name}`` is given as ``name``
            parts[index] = _path_value(template, name.removeprefix("+"), params)
            continue
        parts[index] = _segment(name, params[name])
    return "".join(parts)


def _segment(name: str, value: object) -> str:
    text = path_text(name, value)
    if not text:
        raise ValueError(f"Path parameter {name!r} must be a non-empty value, got {value!r}")
    return _not_a_dot_segment(text)


def _path_value(template: str, name: str, params: Mapping[str, object]) -> str:
    """A value holding a path: each segment encoded as one, joined by ``/``."""
    if name not in params:
        raise ValueError(f"Missing path parameter {name!r} for {template!r}")
    value = params[name]
    if not isinstance(value, str):  # a number or the like: one segment, as always
        return _segment(name, value)
    segments = value.split("/")
    if any(segment in _NOT_SEGMENTS for segment in segments):
        raise ValueError(
            f"Path parameter {name!r} holds a path, whose segments must not be empty, '.' or "
            f"'..', got {value!r}"
        )
    return "/".join(path_text(name, segment) for segment in segments)


@functools.lru_cache(maxsize=1024)
def _pieces(template: str) -> tuple[str, ...]:
    """A checked template split into literal text and parameter names, alternately (names at
    odd places), once per template rather than once per call."""
    return tuple(_PLACEHOLDER.split(check_path(template)))


@functools.lru_cache(maxsize=1024)
def check_path(template: str) -> str:
    """``template`` if it can only address paths under the base URL, else SDKError."""
    if not isinstance(template, str):
        raise SDKError(f"A request path must be a str, not {type(template).__name__}")
    problem = _path_problem(template)
    if problem:
        raise SDKError(f"Refusing the request path {template!r}: {problem}")
    return template


def _path_problem(template: str) -> str | None:
    if not template.startswith("/") or template.startswith("//"):
        return "it must begin with a single '/' (it is joined under the base URL)"
    literal = _PLACEHOLDER.sub("", template)
    if not _PATH_TEXT.fullmatch(literal):
        return (
            "it may only hold letters, digits, -._~!$&'()*+,;=:@/ and %XX escapes "
            "(no query, fragment, backslash, whitespace or unbalanced braces)"
        )
    for segment in template.split("/"):
        if _PLACEHOLDER.search(segment):
            continue
        decoded = unquote(segment, errors="replace")
        if decoded in _DOT_SEGMENTS:
            return "it has a '.' or '..' segment"
        if any(char in decoded for char in "/\\") or _CONTROL.search(decoded):
            return "it has an escaped '/', '\\' or control character"
    return None


def encode_segment(text: str) -> str:
    """Percent-encode ``text`` (as UTF-8) so it is one opaque path segment."""
    return _not_a_dot_segment(quote(text, safe=""))


def _not_a_dot_segment(text: str) -> str:
    """``.`` and ``..`` are left percent-encoded: unreserved, yet read as "here" and "up"."""
    if text in {".", ".."}:
        return text.replace(".", "%2E")
    return text
