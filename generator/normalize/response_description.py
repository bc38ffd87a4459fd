"""A response without `description`: given an empty one, with one warning for the spec.

OpenAPI 3.0 and 3.1 require the key, and the structural check refuses a response without it;
hand-written specs often leave it out (`"200": {content: ...}`), and OpenAPI 3.2 made it
optional. Nothing generated depends on it, so the spec is read as 3.2 would read it.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..walk import iter_messages


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    filled = []
    for pointer, message in iter_messages(document):
        is_response = jsonpointer.split(pointer)[-2] == "responses"  # not a request body
        if is_response and "description" not in message and "$ref" not in message:
            message["description"] = ""
            filled.append(pointer)
    if not filled:
        return []
    more = f" (and {len(filled) - 1} more)" if len(filled) > 1 else ""
    text = f"a response without `description`{more}; read as an empty one, as OpenAPI 3.2 does"
    return [Problem("warning", text, file, filled[0], "describe each response")]
