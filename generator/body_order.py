"""Which of an operation's request bodies its own method sends, and in which order the others come.

Placement names the operation's method before its bodies are analysed, from the name the
spec's SDK gives the body that method sends (`sdk_names`), and analysis then builds that body
first: both read the order from here, so the name and the body cannot part. A file can only
travel as multipart, so a multipart body that carries one comes first; then structured bodies
before raw ones (`media.body_rank`), then spec order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import keywords, refs
from .inheritance import declared_properties
from .media import body_rank, encoding

_MAX_NESTING = 8  # arrays of arrays of files


def body_order(document: dict[str, Any], request_body: Any) -> list[str]:
    """The media types of the operation's request body (a `$ref` followed), preferred first."""
    body = refs.resolve(document, request_body, "").node
    content = body.get("content") if isinstance(body, dict) else None
    if not isinstance(content, dict):
        return []
    types = [media for media in content if isinstance(media, str)]
    ranks = {media: _rank(document, media, content[media]) for media in types}
    return sorted(types, key=lambda media: (ranks[media], types.index(media)))


def _rank(document: dict[str, Any], media: str, entry: Any) -> int:
    kind = encoding(media)
    schema = entry.get("schema") if isinstance(entry, dict) else None
    if kind == "multipart":
        held = declared_properties(document, schema).values()
        if any(is_file(prop, lambda node: refs.resolve(document, node, "").node) for prop in held):
            return 0
    return body_rank(kind)


def is_file(schema: Any, resolve: Callable[[Any], Any], depth: int = _MAX_NESTING) -> bool:
    """A file: `format: binary` (3.0) or `contentMediaType` (3.1), or an array of them.
    `resolve` follows a `$ref` where the schema sits: the spec as written here, the hoisted
    schemas in analysis, so the body ranked first and the fields typed as files agree."""
    node = resolve(schema)
    if not isinstance(node, dict) or depth <= 0:
        return False
    if node.get("format") == "binary" or "contentMediaType" in node:
        return True
    arrays = "array" in (keywords.types(node) or keywords.implied_types(node))
    return arrays and is_file(node.get("items"), resolve, depth - 1)
