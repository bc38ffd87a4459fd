"""The media types a Swagger 2.0 response is written under in OpenAPI 3.

Swagger 2.0 names an operation's media types once (`produces`) for all of its responses, so a
`text/plain` ping whose error replies are a JSON object reads, taken literally, as an object sent
as text: a body no server sends and no client can parse. A response whose schema is an object or
an array keeps only the media types that can carry one (JSON and XML), and is JSON when
`produces` names neither; other responses take `produces` as written.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..media import base_media, is_json

_DEFINITIONS = "#/definitions/"
_STRUCTURED_KEYWORDS = ("properties", "additionalProperties", "items", "allOf")
_MAX_HOPS = 20  # a `$ref` chain longer than this is a cycle, not a schema


def response_media(schema: Any, produces: list[str], definitions: dict[str, Any]) -> list[str]:
    """The media types of a response of `schema` in an operation that `produces` these."""
    if not _structured(schema, definitions):
        return produces
    return [media for media in produces if _carries_structure(media)] or ["application/json"]


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
    if not isinstance(schema, dict):
        return False
    kind = schema.get("type")
    if isinstance(kind, str):
        return kind in ("object", "array")
    if isinstance(kind, list):
        return bool(kind) and all(item in ("object", "array") for item in kind)
    return any(keyword in schema for keyword in _STRUCTURED_KEYWORDS)
