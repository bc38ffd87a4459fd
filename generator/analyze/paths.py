"""A spec path as a request path: checked, and its literal text percent-encoded.

The client joins every request path under the base URL as text, so a path must begin with one
`/` and hold nothing that would address another path than the one written (a `.` or `..`
segment, an escaped `/`), and its placeholders must be whole. Its literal characters outside
RFC 3986's path characters are percent-encoded here, once: a `#` or `?` in a spec path
(`/cookies#formExploded`) is part of the path, and must not end it and swallow the query.
Placeholders (`{id}`) are kept for the client to fill.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from .. import jsonpointer
from ..errors import Problem, SpecError

PLACEHOLDER = re.compile(r"\{([^{}/]+)\}")
# Unreserved characters, sub-delimiters, ':', '@' and '/' stand for themselves in a path.
_PATH_CHARACTERS = "-._~!$&'()*+,;=:@/"
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def request_path(path: str, file: str) -> str:
    """`path` with its literal text percent-encoded; SpecError if it cannot be a request path."""
    pointer = jsonpointer.join("", "paths", path)
    if not path.startswith("/") or path.startswith("//"):
        raise _refused(
            f"the path {path!r} must begin with a single '/'",
            file,
            pointer,
            "write it relative to the server URL, starting with '/' (e.g. '/items')",
        )
    literal_parts = PLACEHOLDER.split(path)[::2]
    if any("{" in part or "}" in part for part in literal_parts):
        raise _refused(
            f"the path {path!r} has unbalanced braces",
            file,
            pointer,
            "close every '{name}' placeholder, or percent-encode a literal brace as %7B / %7D",
        )
    _check_segments(path, file, pointer)
    pieces = PLACEHOLDER.split(path)
    return "".join(
        _encode(piece) if index % 2 == 0 else "{" + piece + "}"
        for index, piece in enumerate(pieces)
    )


def _check_segments(path: str, file: str, pointer: str) -> None:
    for segment in path.split("/"):
        if PLACEHOLDER.search(segment):
            continue
        decoded = unquote(segment, errors="replace")
        if decoded in (".", ".."):
            problem = "a '.' or '..' segment, which would address another path"
        elif "/" in decoded:
            problem = "an escaped '/' (%2F), which servers may read as a separator"
        else:
            continue
        raise _refused(
            f"the path {path!r} has {problem}",
            file,
            pointer,
            "write the path the server serves, without such segments",
        )


def _encode(text: str) -> str:
    """Percent-encode what is not a path character, keeping `%XX` escapes already there."""
    pieces = _ESCAPE.split(text)
    escapes = _ESCAPE.findall(text)
    encoded = [quote(piece, safe=_PATH_CHARACTERS) for piece in pieces]
    return "".join(
        piece + (escapes[index] if index < len(escapes) else "")
        for index, piece in enumerate(encoded)
    )


def _refused(message: str, file: str, pointer: str, hint: str) -> SpecError:
    return SpecError(Problem("error", message, file, pointer, hint))
