"""A spec path as a request: its path checked and percent-encoded, and what follows it.

The client joins every request path under the base URL as text, so a path must begin with one
`/` and hold nothing that would address another path than the one written (a `.` or `..`
segment, an escaped `/`), and its placeholders must be whole. Its literal characters outside
RFC 3986's path characters are percent-encoded here, once; placeholders (`{id}`) are kept for
the client to fill.

Some specs give one URL several operations by adding to the path key what a URL would take as
a fragment or a query (`/pets#byTag`, `/search?type=user`). A fragment never reaches a server,
so it is left out of the request; a query is sent with every call, before the call's own
parameters. Either way the call's query survives (a `#` left in the URL would swallow it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote

from .. import jsonpointer
from ..errors import Problem, SpecError

# `{name}`, or `{+name}` (RFC 6570's reserved expansion: a value holding a path; see `spans`).
PLACEHOLDER = re.compile(r"\{\+?([^{}/]+)\}")
# Unreserved characters, sub-delimiters, ':', '@' and '/' stand for themselves in a path.
_PATH_CHARACTERS = "-._~!$&'()*+,;=:@/"
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


@dataclass(frozen=True)
class RequestPath:
    template: str  # percent-encoded, placeholders kept
    fixed_query: tuple[tuple[str, str], ...]  # from a `?` in the path key, decoded


def request_path(path: str, file: str, spanning: frozenset[str] = frozenset()) -> RequestPath:
    """Where `path` sends a request; SpecError (with its pointer) if it cannot be sent.

    The variables named in `spanning` hold a path of their own: the client's template writes
    them `{+name}`, for the runtime to keep their slashes as separators.
    """
    pointer = jsonpointer.join("", "paths", path)
    location, _, query = path.partition("#")[0].partition("?")
    if not location.startswith("/") or location.startswith("//"):
        hint = "write it relative to the server URL, starting with '/' (e.g. '/items')"
        raise _refused(f"the path {path!r} must begin with a single '/'", file, pointer, hint)
    if any("{" in part or "}" in part for part in PLACEHOLDER.split(location)[::2]):
        hint = "close every '{name}' placeholder, or percent-encode a literal brace as %7B / %7D"
        raise _refused(f"the path {path!r} has unbalanced braces", file, pointer, hint)
    if "{" in path[len(location) :]:
        hint = "move the placeholder into the path, or declare a query parameter"
        problem = "a placeholder after '?' or '#', where no parameter can fill it"
        raise _refused(f"the path {path!r} has {problem}", file, pointer, hint)
    _check_segments(location, path, file, pointer)
    pieces = PLACEHOLDER.split(location)
    template = "".join(
        _encode(piece) if index % 2 == 0 else "{" + "+" * (piece in spanning) + piece + "}"
        for index, piece in enumerate(pieces)
    )
    return RequestPath(template, tuple(parse_qsl(query, keep_blank_values=True)))


def _check_segments(location: str, path: str, file: str, pointer: str) -> None:
    for segment in location.split("/"):
        if PLACEHOLDER.search(segment):
            continue
        decoded = unquote(segment, errors="replace")
        if decoded in (".", ".."):
            problem = "a '.' or '..' segment, which would address another path"
        elif "/" in decoded:
            problem = "an escaped '/' (%2F), which servers may read as a separator"
        else:
            continue
        hint = "write the path the server serves, without such segments"
        raise _refused(f"the path {path!r} has {problem}", file, pointer, hint)


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
