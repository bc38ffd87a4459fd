"""AutoRest's `x-ms-paths`: path items whose keys carry a fixed query string.

Swagger 2.0 allows one operation per path and method, so Azure's specs give a URL several
operations by writing the query that tells them apart into the key of a second map of path
items (`/{containerName}?restype=container`, `...?restype=container&comp=metadata`). Such a key
is an OpenAPI path key with a query, which the rest of the generator already reads: the path
part is templated as usual and the query is sent with every call (see `analyze/paths.py`). So
the items join `paths` here, and only a key that is not a path plus a query is refused: one
without a query would be a plain path (or the twin of one), and one with a fragment or a
placeholder after the `?` has no request to stand for.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem, SpecError

KEY = "x-ms-paths"


def checked_keys(source: dict[str, Any], file: str) -> list[str]:
    """The keys of the document's `x-ms-paths`, each a path plus a query; SpecError naming the
    first that is not, or that `paths` holds too."""
    written = source.get(KEY)
    if written is None:
        return []
    if not isinstance(written, dict):
        hint = "make `x-ms-paths` a map of path items, as `paths` is"
        raise SpecError(Problem("error", "x-ms-paths is not a map", file, f"/{KEY}", hint))
    plain = source.get("paths")
    for key in written:
        problem = _problem(key, plain if isinstance(plain, dict) else {})
        if problem is not None:
            message, hint = problem
            pointer = jsonpointer.join("", KEY, key)
            raise SpecError(Problem("error", message, file, pointer, hint))
    return list(written)


def _problem(key: Any, plain: dict[str, Any]) -> tuple[str, str] | None:
    if not isinstance(key, str):
        return f"the x-ms-paths key {key!r} is not text", "write the key as a path plus a query"
    location, mark, query = key.partition("?")
    if not location.startswith("/") or not mark or not query.strip("&"):
        return (
            f"the x-ms-paths key {key!r} is not a path plus a query",
            "write it as '/path?name=value' (a key without a query belongs in `paths`)",
        )
    if "#" in key or "{" in query or "}" in query:
        return (
            f"the x-ms-paths key {key!r} has a fragment or a placeholder in its query",
            "give the query fixed text only; declare a query parameter for a value that varies",
        )
    if key in plain:
        return (
            f"the x-ms-paths key {key!r} is a key of `paths` too",
            "keep each path key in one of the two maps",
        )
    return None
