"""A response without `description`: given an empty one, with one warning for the spec.

OpenAPI 3.0 and 3.1 require the key, and the structural check refuses a response without it;
hand-written specs often leave it out (`"200": {content: ...}`), and OpenAPI 3.2 made it
optional. Nothing generated depends on it, so the spec is read as 3.2 would read it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..walk import iter_events, iter_operations


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    filled = []
    for pointer, response in _responses(document):
        if "description" not in response and "$ref" not in response:
            response["description"] = ""
            filled.append(pointer)
    if not filled:
        return []
    more = f" (and {len(filled) - 1} more)" if len(filled) > 1 else ""
    message = f"a response without `description`{more}; read as an empty one, as OpenAPI 3.2 does"
    return [Problem("warning", message, file, filled[0], "describe each response")]


def _responses(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, response) for every response an operation or the components declare."""
    owners = [
        (jsonpointer.join("", "paths", path, method), operation)
        for path, method, operation in iter_operations(document)
    ]
    owners += [(pointer, operation) for pointer, _name, operation in iter_events(document)]
    holders = [(jsonpointer.join(at, "responses"), owner.get("responses")) for at, owner in owners]
    components = document.get("components")
    if isinstance(components, dict):
        holders.append(("/components/responses", components.get("responses")))
    for at, responses in holders:
        for status, response in responses.items() if isinstance(responses, dict) else ():
            if isinstance(response, dict):
                yield jsonpointer.join(at, str(status)), response
