"""Body and form parameters as the request body they describe in OpenAPI 3.0."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import jsonpointer
from .origins import Origins
from .produces import media_for
from .schemas import mapping, parameter_schema, schema_v3

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

# A parameter as written (resolved if it was a `$ref`) and the pointer it was written at.
Located = tuple[dict[str, Any], str]
# What the conversion could not keep: (message, pointer in the Swagger document, fix).
Warn = Callable[[str, str, str], None]
# collectionFormat -> (style, explode) for a query parameter, and for a urlencoded form field:
# OpenAPI 3 gives form fields the query styles through the body's `encoding`. Path and header
# parameters only have csv.
COLLECTION_STYLES = {
    "csv": ("form", False),
    "multi": ("form", True),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
}


def body(
    located: Located,
    consumes: list[str],
    origins: Origins,
    at: str,
    definitions: dict[str, Any],
) -> dict[str, Any]:
    """The request body at converted pointer `at` that body parameter `located` describes: an
    object or array only under the media types that can carry one (`produces.py`)."""
    parameter, source = located
    origins.record(at, source)
    written = parameter.get("schema") or {}
    schema = schema_v3(written)
    listed = [m for m in consumes if m not in FORM_TYPES] or ["application/json"]
    media_types = media_for(written, listed, definitions)
    examples = mapping(parameter.get("x-examples"))
    content: dict[str, Any] = {}
    for media_type in media_types:
        where = jsonpointer.join(at, "content", media_type)
        content[media_type] = {"schema": schema}
        origins.record(jsonpointer.join(where, "schema"), jsonpointer.join(source, "schema"))
        if media_type in examples:
            content[media_type]["example"] = examples[media_type]
            example = jsonpointer.join(source, "x-examples", media_type)
            origins.record(jsonpointer.join(where, "example"), example)
            origins.record(where, example)  # the media type's own part
    converted: dict[str, Any] = {"content": content, "required": bool(parameter.get("required"))}
    if parameter.get("description"):
        converted["description"] = parameter["description"]
    return converted


def form(
    parameters: list[Located], consumes: list[str], origins: Origins, at: str, warn: Warn
) -> Any:
    """Form parameters as one object schema, sent the way the operation consumes; the request
    body at `at` comes from the first of them, each property from its own."""
    origins.record(at, parameters[0][1])
    properties: dict[str, Any] = {}
    for parameter, _source in parameters:
        name = str(parameter.get("name"))
        field = parameter_schema(parameter)
        if parameter.get("description"):
            field["description"] = parameter["description"]
        properties[name] = field
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [str(p.get("name")) for p, _source in parameters if p.get("required")]
    if required:
        schema["required"] = required
    uploads = any(p.get("type") == "file" for p, _source in parameters)
    media_types = [m for m in consumes if m in FORM_TYPES]
    if uploads or not media_types:
        media_types = ["multipart/form-data"] if uploads else ["application/x-www-form-urlencoded"]
    content: dict[str, Any] = {}
    for media_type in media_types:
        content[media_type] = {"schema": schema}
        encoding = _encoding(parameters, media_type, warn)
        if encoding:
            content[media_type]["encoding"] = encoding
        _record_fields(parameters, origins, jsonpointer.join(at, "content", media_type))
    return {"content": content, "required": bool(required)}


def _encoding(parameters: list[Located], media_type: str, warn: Warn) -> dict[str, Any]:
    """How each array field is written: its collectionFormat as a urlencoded field's style. A
    multipart array travels as one part per item (OpenAPI 3 has no style for parts), so a
    format that says otherwise, like one OpenAPI 3 has no style for, is a warning, not silence."""
    urlencoded = media_type == "application/x-www-form-urlencoded"
    encoding: dict[str, Any] = {}
    for parameter, source in parameters:
        if parameter.get("type") != "array":
            continue
        name = parameter.get("name")
        written = parameter.get("collectionFormat")
        collection = written or "csv"
        if urlencoded and collection in COLLECTION_STYLES:
            style, explode = COLLECTION_STYLES[collection]
            encoding[str(name)] = {"style": style, "explode": explode}
            continue
        if urlencoded:
            encoding[str(name)] = {"style": "form", "explode": False}
        if written is None or written == "multi":
            continue
        sent = "comma-separated" if urlencoded else "as one part per item"
        message = (
            f"form parameter {name!r} uses collectionFormat {written!r}, which OpenAPI 3 cannot "
            f"express for {media_type}; it is sent {sent}"
        )
        fix = "use csv, ssv, pipes or multi" if urlencoded else "use multi"
        warn(message, jsonpointer.join(source, "collectionFormat"), fix)
    return encoding


def _record_fields(parameters: list[Located], origins: Origins, where: str) -> None:
    for parameter, source in parameters:
        name = str(parameter.get("name"))
        origins.record(jsonpointer.join(where, "schema", "properties", name), source)
        origins.record(jsonpointer.join(where, "encoding", name), source)
