"""Reading a loaded document's untyped values: load validated the structure, not every corner.

Load checked the document against the OpenAPI model, yet the diff still meets `$ref`s to follow and
optional maps that may be absent; these helpers give them one safe spelling.
"""

from __future__ import annotations

from typing import Any

from .. import refs
from .views import Node


def mapping(value: Any) -> dict[str, Any]:
    """`value` as a dict with string keys (status codes may be loaded as ints), else empty."""
    return {str(key): item for key, item in value.items()} if isinstance(value, dict) else {}


def strings(value: Any) -> set[str]:
    return {item for item in value if isinstance(item, str)} if isinstance(value, list) else set()


def deref(document: dict[str, Any], node: Any, pointer: str) -> Node | None:
    """A parameter, body or response object with `$ref`s followed; None when absent or broken."""
    resolved = refs.resolve(document, node, pointer)
    return Node(resolved.node, resolved.pointer) if isinstance(resolved.node, dict) else None
