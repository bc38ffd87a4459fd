"""Which path parameters hold a path of their own, sent across several segments.

By default a path parameter's value is one segment: its `/` is percent-encoded, so an id can
never address another resource. Some APIs take a path in one parameter (a folder such as
`marketing/2024/q1`, or a Google resource name `projects/p1/locations/l1`) and serve it only
with its slashes as separators. The spec says so in one of three ways, and nothing else (the
parameter's name is no evidence):

* RFC 6570's reserved expansion in the path key, `/v1/{+name}`, as converted Google specs write;
* `allowReserved: true` (OpenAPI 3.2 allows it on path parameters), or `x-allowReserved: true`;
* `x-multi-segment: true`, as GitHub's description marks a branch, a ref, a tag or a file path
  (`/repos/{owner}/{repo}/contents/{path}`), or `x-multiSegment: true`, the spelling proposed
  for OpenAPI itself;
* a string `pattern` written to match `/`: a literal `/` (`^projects/[^/]+$`, `[a-z0-9/]+`), or
  `.` repeated (`.+`, `^.*$`). A `/` only inside a negated class (`[^/]+`), a single `.` (a
  version's sloppy `\\d+.\\d+`), classes such as `\\S`, and a negative lookaround naming `/`
  (`^(?!.*/).+$`) are not evidence: those values stay one segment.

Only a `simple` (default) style string value can span: a label or matrix value, an array or
an object is written with delimiters of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import keywords, refs
from ..describe import as_sentence
from ..strings import SpecText

_REPEATS = ("+", "*")
_NOTE = (
    "The value may hold slashes, sent as path separators (`a/b/c`); an empty, `.` or `..` "
    "segment is refused."
)
_NEGATIVE_LOOKAROUNDS = ("(?!", "(?<!")
_FLAGS = ("allowReserved", "x-allowReserved", "x-multi-segment", "x-multiSegment")


def spans_segments(parameter: Mapping[str, Any], schema: Any, reserved: bool) -> bool:
    """Whether the path parameter's value is sent with its `/` as separators.

    `schema` is the parameter's resolved schema; `reserved` whether the path key writes the
    variable as `{+name}`.
    """
    if parameter.get("in") != "path" or "schema" not in parameter:
        return False
    if parameter.get("style", "simple") != "simple":
        return False
    schema = schema if isinstance(schema, dict) else {}
    if not keywords.types(schema) <= {"string"}:
        return False
    if reserved or any(parameter.get(flag) is True for flag in _FLAGS):
        return True
    pattern = schema.get("pattern")
    return isinstance(pattern, str) and pattern_admits_slash(pattern)


def site_spans(document: dict[str, Any], path: str, site: refs.ParameterSite) -> bool:
    """Whether the parameter at `site` of an operation at the path key `path` spans."""
    schema = refs.resolve(document, site.parameter.get("schema"), site.pointer).node
    return spans_segments(site.parameter, schema, "{+" + site.name + "}" in path)


def spanning_names(
    document: dict[str, Any], path: str, operation: dict[str, Any], pointer: str
) -> frozenset[str]:
    """The path parameters of the operation at `pointer` whose values span segments."""
    sites = refs.operation_parameters(document, path, operation, pointer)
    return frozenset(site.name for site in sites if site_spans(document, path, site))


def described(description: SpecText | None) -> SpecText:
    """A spanning parameter's description, saying what its value may hold (docstring, api.md)."""
    said = as_sentence(description.unsafe_value) if description is not None else ""
    return SpecText(f"{said} {_NOTE}".strip())  # GitHub's "tag parameter" ran on into it


def pattern_admits_slash(pattern: str) -> bool:
    """Whether the regular expression is written to match `/` (see the module docstring)."""
    index, found = 0, False
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith(_NEGATIVE_LOOKAROUNDS, index):
            end = _group_end(pattern, index)
            if "/" in pattern[index:end]:
                return False  # the pattern forbids `/` somewhere
            index = end
            continue
        if char == "\\":
            found = found or pattern[index + 1 : index + 2] == "/"
            index += 2
            continue
        if char == "[":
            end = _class_end(pattern, index)
            members = pattern[index + 1 : end]
            found = found or ("/" in members and not members.startswith("^"))
            index = end + 1
            continue
        found = found or char == "/" or (char == "." and _repeated(pattern, index + 1))
        index += 1
    return found


def _repeated(pattern: str, index: int) -> bool:
    """Whether a quantifier at `index` lets the atom before it match more than once."""
    if pattern.startswith(_REPEATS, index):
        return True
    if not pattern.startswith("{", index):
        return False
    bounds = pattern[index + 1 : pattern.find("}", index)].split(",")
    upper = bounds[-1].strip()
    return len(bounds) == 2 and (not upper or (upper.isdigit() and int(upper) > 1))


def _class_end(pattern: str, start: int) -> int:
    """The index of the `]` closing the class opened at `start` (the end if there is none)."""
    index = start + 1
    if pattern.startswith("^", index):
        index += 1
    if pattern.startswith("]", index):
        index += 1  # a `]` first in a class is a member
    while index < len(pattern) and pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return min(index, len(pattern))


def _group_end(pattern: str, start: int) -> int:
    """The index just past the `)` closing the group opened at `start`."""
    depth, index = 0, start
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _class_end(pattern, index) + 1
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        index += 1
        if depth == 0:
            return index
    return index
