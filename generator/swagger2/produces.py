"""The media types a Swagger 2.0 response or body parameter is written under in OpenAPI 3.

Swagger 2.0 names an operation's media types once (`produces`, `consumes`) for all of its
responses and its body, and a document names them once for all of its operations. Taken
literally, a `text/plain` ping whose error replies are a JSON object reads as an object sent as
text, and a document that `consumes` `text/plain` for its one raw-markdown upload reads as
sending every JSON body as text too: bodies no server sends and no client can write. A response
or body whose schema is an object or an array keeps only the media types that can carry one
(JSON and XML), and is JSON when the list names neither; any other schema takes the list as
written.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..media import base_media, is_json

_DEFINITIONS = "#/definitions/"
_STRUCTURED_KEYWORDS = ("properties", "additionalProperties", "items", "allOf")
_MAX_HOPS = 20  # a `$ref` chain longer than this is a cycle, not a schema


def media_for(schema: Any, listed: list[str], definitions: dict[str, Any]) -> list[str]:
    """The media types of a response or body of `schema` in an operation that lists these (its
    `produces` or `consumes`)."""
    if not _structured(schema, definitions):
        return listed
    return [media for media in listed if _carries_structure(media)] or ["application/json"]


def _carries_structure(media: str) -> bool:
    base = base_media(media)
    return is_json(base) or base.endswith(("/xml", "+xml"))


def _structured(schema: Any, definitions: dict[str, Any]) -> bool:
    """An object or an array: by `type` (every type, when it lists several) or by its keywords,
    read through `$ref`s to `definitions`."""
    for _hop in range(_MAX_HOPS):
        if not isinstance(schema, dict):
            return False
        ref = schema.get("$ref")
        if not isinstance(ref, str):
            break
        if not ref.startswith(_DEFINITIONS):
            return False  # in another file: left as the spec writes it
        schema = definitions.get(jsonpointer.unescape(ref.removeprefix(_DEFINITIONS)))
    else:
        return False
    if not isinstance(schema, dict) or schema.get("format") == "file":
        return False  # AutoRest's `type: object, format: file` is a stream, not an object
    kind = schema.get("type")
    if isinstance(kind, str):
        return kind in ("object", "array")
    if isinstance(kind, list):
        return bool(kind) and all(item in ("object", "array") for item in kind)
    return any(keyword in schema for keyword in _STRUCTURED_KEYWORDS)
