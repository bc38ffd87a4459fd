"""A path item or operation written `[]` is an empty one, with one warning for the spec.

Specs dumped from languages with a single empty-table type (Lua, PHP) write a path with nothing
documented, or an operation with no details, as `[]` (Kong's Admin API has fifteen). The
structural check would refuse the whole document for them; the intent, an empty mapping, is
plain: the path offers no operation, the operation takes and returns nothing documented.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..walk import HTTP_METHODS


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return []
    emptied = []
    for path, item in paths.items():
        if item == []:
            paths[path] = {}
            emptied.append(jsonpointer.join("", "paths", path))
            continue
        for method in [m for m in HTTP_METHODS if isinstance(item, dict) and item.get(m) == []]:
            item[method] = {}
            emptied.append(jsonpointer.join("", "paths", path, method))
    if not emptied:
        return []
    more = f" (and {len(emptied) - 1} more)" if len(emptied) > 1 else ""
    text = f"a path item or operation written `[]`{more}; read as an empty one"
    return [Problem("warning", text, file, emptied[0], "write `{}` or leave it out")]
