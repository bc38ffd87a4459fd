"""Request and reply bodies decoded by media type, then checked against their schema.

JSON (`application/json`, `*+json`) is parsed; `application/x-www-form-urlencoded` fields are
read with their `encoding` (style and explode, as parameters are); `multipart/form-data` parts
are split with the standard library, text parts read as their property's type, files required
where the schema says `format: binary`; `text/*` is the decoded text. Raw binary bodies and XML
are checked for their media type only (see `tolerances.py`). Every decoded value is checked with
the schema validator of `schemas.py`, and a violation names the schema keyword that failed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import jsonpointer
from .schemas import SchemaChecker, Violation, properties_of, resolved_schema
from .styles import MISSING, ParameterSpec, read_parameter
from .wire import (
    WireRequest,
    base_media,
    is_json_media,
    media_matches,
    multipart_parts,
    schema_types,
    text_value,
)

_OPAQUE = ("application/xml", "text/xml")  # structured, but not something we decode


@dataclass(frozen=True)
class Decoded:
    """A body as the value its schema describes (files of a multipart body as `FilePart`)."""

    value: Any
    problems: tuple[str, ...] = ()


class FilePart(str):
    """A multipart file part: a string to the schema validator, bytes to whoever asks."""

    filename: str | None
    content_type: str | None
    data: bytes

    def __new__(cls, data: bytes, filename: str | None, content_type: str | None) -> FilePart:
        part = super().__new__(cls, data.decode("latin-1"))
        part.data, part.filename, part.content_type = data, filename, content_type
        return part


def declared_media(content: Mapping[str, Any], media: str) -> str | None:
    """The content key that a media type falls under (exact first, then `type/*`, `*/*`)."""
    if media in content:
        return media
    exact = [key for key in content if base_media(key) == media]
    wild = [key for key in content if media_matches(key, media)]
    found = exact or wild
    return found[0] if found else None


def is_opaque(media: str) -> bool:
    """Bodies we check for media type only: raw bytes and XML."""
    media = base_media(media)
    if is_json_media(media) or media.startswith("text/") or media in _STRUCTURED:
        return media in _OPAQUE
    return True


_STRUCTURED = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})


def decode(
    document: dict[str, Any], media: str, media_object: Mapping[str, Any], request: WireRequest
) -> Decoded:
    """The body of `request` as JSON data, read as `media` (a declared content key) says."""
    media = base_media(media) if "*" not in media else request.media_type
    schema = media_object.get("schema", {})
    if is_json_media(media):
        try:
            return Decoded(json.loads(request.body))
        except ValueError as error:
            return Decoded(MISSING, (f"the body is not JSON ({error})",))
    if media == "application/x-www-form-urlencoded":
        return _form(document, schema, media_object.get("encoding") or {}, request)
    if media == "multipart/form-data":
        return _multipart(document, schema, media_object.get("encoding") or {}, request)
    text = request.body.decode("utf-8", "replace")
    return Decoded(text_value(document, schema, text) if media.startswith("text/") else text)


def body_violations(
    checker: SchemaChecker, pointer: str, media_object: Mapping[str, Any], decoded: Decoded
) -> list[Violation]:
    """Every way a decoded body breaks the schema at `pointer` (`.../content/<media>`)."""
    found = [Violation("body", problem, pointer) for problem in decoded.problems]
    if decoded.value is MISSING:
        return found
    schema_pointer = jsonpointer.join(pointer, "schema")
    schema = media_object.get("schema")
    return found + [
        Violation(f"body/{v.where}" if v.where != "<root>" else "body", v.message, v.pointer)
        for v in checker.violations(schema, decoded.value, schema_pointer)
    ]


# -- forms ------------------------------------------------------------------------------------


def field_schemas(document: dict[str, Any], schema: Any, depth: int = 0) -> dict[str, Any]:
    """The schema of each field a form or multipart body may have, to read its text by.

    Its own and its `allOf` members' properties, then those of each `oneOf`/`anyOf` branch (a
    union of models sent as a form): a field the branches declare differently may be any of
    their declarations.
    """
    found = properties_of(document, schema)
    resolved = resolved_schema(document, schema)
    if not isinstance(resolved, dict) or depth > 20:
        return found
    branches: dict[str, list[Any]] = {}
    # an `allOf` member's own properties are found above, the unions inside it here
    members = [m for key in ("oneOf", "anyOf", "allOf") for m in resolved.get(key) or []]
    for member in members:
        for name, prop in field_schemas(document, member, depth + 1).items():
            declared = branches.setdefault(name, [])
            if name not in found and prop not in declared:
                declared.append(prop)
    found.update({name: p[0] if len(p) == 1 else {"anyOf": p} for name, p in branches.items() if p})
    return found


def _form(
    document: dict[str, Any], schema: Any, encoding: Mapping[str, Any], request: WireRequest
) -> Decoded:
    """Each property read like a query parameter with its `encoding` (default: form, exploded).

    A nested object without an `encoding` has no serialization OpenAPI defines: the two that
    real servers read are accepted, `field[key]=value` brackets and a JSON text.
    """
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        return Decoded(MISSING, ("a form body must be UTF-8",))
    fields = WireRequest("POST", "/?" + text, {}, b"")
    properties = field_schemas(document, schema)
    value: dict[str, Any] = {}
    for name, prop in properties.items():
        spec = _field_spec(document, name, prop, encoding.get(name) or {}, fields.query)
        found = read_parameter(document, spec, fields, {})
        if found is not MISSING:
            value[name] = found
    # Names no property owns are kept, so the schema's `additionalProperties` judges them; a
    # property may own a name with brackets itself (`employee[email]`) or through them (deepObject).
    value.update(
        {
            key: text
            for key, text in fields.query
            if key not in properties and key.split("[")[0] not in properties
        }
    )
    return Decoded(value)


def _field_spec(
    document: dict[str, Any],
    name: str,
    prop: Any,
    encoding: Mapping[str, Any],
    pairs: list[tuple[str, str]],
) -> ParameterSpec:
    style = encoding.get("style")
    content_type = str(encoding.get("contentType") or "")
    # `null` takes no part in the spelling: a nullable object (`oneOf: [null, {...}]`) nests.
    kinds = [kind for kind in schema_types(document, prop) if kind != "null"]
    nested = kinds[:1] == ["object"]
    if style is None and (nested or not kinds):  # a field of any type may hold an object
        bracketed = any(key.startswith(name + "[") for key, _ in pairs)
        style = "deepObject" if bracketed else None
    parameter: dict[str, Any] = {"name": name, "in": "query", "schema": prop}
    if style is not None:
        parameter["style"] = style
    if "explode" in encoding:
        parameter["explode"] = encoding["explode"]
    if is_json_media(content_type) or (nested and style is None):
        parameter = {"name": name, "in": "query", "content": {"application/json": {"schema": prop}}}
    return ParameterSpec.of(document, parameter)


# -- multipart --------------------------------------------------------------------------------


def _multipart(
    document: dict[str, Any], schema: Any, encoding: Mapping[str, Any], request: WireRequest
) -> Decoded:
    """Parts by name; stricter than openapi-core: a `format: binary` property must arrive as a
    file part (with a filename), and a file part must be declared `format: binary`."""
    try:
        parts = multipart_parts(request.content_type, request.body)
    except ValueError as error:
        return Decoded(MISSING, (f"multipart body: {error}",))
    properties = field_schemas(document, schema)
    problems: list[str] = []
    value: dict[str, Any] = {}
    for part in parts:
        prop = properties.get(part.name, {})
        binary = is_binary(document, prop)
        if binary and part.filename is None:
            problems.append(
                f"part {part.name!r} is `format: binary` but was sent as a plain field, "
                "not as a file (no filename)"
            )
        if not binary and part.filename is not None and part.name in properties:
            problems.append(f"part {part.name!r} was sent as a file, but its schema is not binary")
        item: Any = (
            FilePart(part.data, part.filename, part.content_type)
            if binary or part.filename is not None
            else _part_value(document, prop, encoding.get(part.name) or {}, part.data)
        )
        if _is_array(document, prop):
            value.setdefault(part.name, []).append(item)
        elif part.name in value:
            problems.append(f"part {part.name!r} was sent more than once")
        else:
            value[part.name] = item
    return Decoded(value, tuple(problems))


def _part_value(
    document: dict[str, Any], prop: Any, encoding: Mapping[str, Any], data: bytes
) -> Any:
    text = data.decode("utf-8", "replace")
    if _is_array(document, prop):
        return text_value(document, resolved_schema(document, prop).get("items", {}), text)
    if is_json_media(str(encoding.get("contentType") or "")):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text_value(document, prop, text)


def is_binary(document: dict[str, Any], schema: Any) -> bool:
    schema = resolved_schema(document, schema)
    if not isinstance(schema, dict):
        return False
    if schema.get("format") == "binary" or "contentMediaType" in schema:
        return True
    return _is_array(document, schema) and is_binary(document, schema.get("items"))


def _is_array(document: dict[str, Any], schema: Any) -> bool:
    return schema_types(document, schema)[:1] == ["array"]
