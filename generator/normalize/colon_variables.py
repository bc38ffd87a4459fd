"""A path segment written `:name`, as Express and Rails routes spell it, is the variable `{name}`.

Specs written from such routes keep `/todos/:id` as the path key. Sent as written, every call
would request the literal text `:id`. The intent is plain, so the segment becomes `{id}` with a
warning naming the key, and the path-variable pass then declares it (from the operation's own
`in: path` parameter, or as a string). A key is left alone when the rewritten one exists already
or a `$ref` points into it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .. import jsonpointer
from ..errors import Problem

_SEGMENT = re.compile(r":([A-Za-z_][A-Za-z0-9_]*)")
_CUT = re.compile(r"[?#]")


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return []
    renamed = {key: new for key in paths if (new := _rewritten(key)) != key and new not in paths}
    if not renamed:
        return []
    text = json.dumps(document)
    renamed = {
        key: new
        for key, new in renamed.items()
        if f'"#{jsonpointer.join("/paths", key)}' not in text
    }
    document["paths"] = {renamed.get(key, key): item for key, item in paths.items()}
    return [
        Problem(
            "warning",
            f"path segment {segment!r} read as the path variable {{{segment[1:]}}}",
            file,
            jsonpointer.join("", "paths", key),
            f"write the path as {new!r}",
        )
        for key, new in renamed.items()
        for segment in key.split("/")
        if _SEGMENT.fullmatch(segment)
    ]


def _rewritten(key: str) -> str:
    """`key` with each `:name` segment of its path (before any `?` or `#`) as `{name}`."""
    path, rest = key, ""
    if (cut := _CUT.search(key)) is not None:
        path, rest = key[: cut.start()], key[cut.start() :]
    segments = [
        f"{{{found.group(1)}}}" if (found := _SEGMENT.fullmatch(segment)) else segment
        for segment in path.split("/")
    ]
    return "/".join(segments) + rest
