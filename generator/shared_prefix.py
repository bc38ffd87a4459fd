"""The path segments every operation's path opens with, which name the API, not an operation.

HubSpot writes `/marketing/v3/marketing-events/...` on every path where another API would put
`/marketing/v3` in its server URL: a method named from the path is named from the rest.
"""

from __future__ import annotations

from typing import Any

from .walk import iter_operations


def shared_prefix(document: dict[str, Any]) -> tuple[str, ...]:
    """The static segments every path of the document opens with and goes on after; none for a
    document of one path, where the prefix is all there is."""
    paths = [path.strip("/").split("/") for path, _method, _op in iter_operations(document)]
    if len({"/".join(segments) for segments in paths}) < 2:
        return ()
    shared: list[str] = []
    for column in zip(*paths, strict=False):
        first = column[0]
        if "{" in first or any(segment != first for segment in column):
            break
        shared.append(first)
    shortest = min(len(segments) for segments in paths)
    return tuple(shared[: shortest - 1])


def unshared(path: str, shared: tuple[str, ...]) -> str:
    """The path without the shared segments it opens with."""
    segments = path.strip("/").split("/")
    if not shared or tuple(segments[: len(shared)]) != shared:
        return path
    return "/" + "/".join(segments[len(shared) :])
