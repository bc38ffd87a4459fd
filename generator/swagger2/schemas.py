"""Swagger 2.0 schemas, headers, security schemes, servers and references in OpenAPI 3.0 words."""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..walk import SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES

_REFS = {
    "#/definitions/": "#/components/schemas/",
    "#/parameters/": "#/components/parameters/",
    "#/responses/": "#/components/responses/",
}
# Converted sections that no Swagger reference moves into: a shared body parameter is a request
# body component in the converted document (`convert.py`).
_WRITTEN_AS = {"#/components/requestBodies/": "#/parameters/"}
# A parameter's own keywords that make up its schema in OpenAPI 3.
_NUMBER_BOUNDS = ("maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "multipleOf")
_LENGTH_BOUNDS = ("maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems")
_BOUNDS = (*_NUMBER_BOUNDS, *_LENGTH_BOUNDS)
# go-swagger reads `x-isnullable` as `x-nullable` (Harbor writes both).
_NULLABLE_KEYS = ("x-nullable", "x-isnullable")
_SCHEMA_KEYS = (
    "type",
    "format",
    "items",
    "default",
    "enum",
    *_NULLABLE_KEYS,
    "x-ms-enum",
    *_BOUNDS,
)
_OAUTH_FLOWS = {
    "implicit": "implicit",
    "password": "password",
    "application": "clientCredentials",
    "accessCode": "authorizationCode",
}
_TAG_KEYS = ("x-discriminator-value", "x-ms-discriminator-value")


def schema_v3(schema: Any) -> Any:
    """A Swagger schema in OpenAPI 3.0 words: `x-nullable` (or go-swagger's `x-isnullable`) is
    `nullable`, `type: file` is binary, a discriminator names its property in an object, and an
    open enum is the values listed or any other. (AutoRest's `format: file` stays: OpenAPI 3
    documents carry it too, so normalizing reads it, for both.) go-swagger reads `x-nullable`
    beside a `$ref` too (Weaviate's `valueGeoRange`): that property may be null, whatever the
    definition it names says."""
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        marked = any(key in schema for key in _NULLABLE_KEYS)
        return _nullable_mark(dict(schema)) if marked else schema
    converted = _nullable_mark(_open_enum(dict(schema)))
    if converted.get("type") == "file":
        converted |= {"type": "string", "format": "binary"}
    if isinstance(converted.get("discriminator"), str):
        converted["discriminator"] = {"propertyName": converted["discriminator"]}
    for key in SCHEMA_MAPS:
        if isinstance(converted.get(key), dict):
            converted[key] = {name: schema_v3(child) for name, child in converted[key].items()}
    for key in SCHEMA_LISTS:
        if isinstance(converted.get(key), list):
            converted[key] = [schema_v3(child) for child in converted[key]]
    for key in SCHEMA_SINGLES:
        if key in converted:
            converted[key] = schema_v3(converted[key])
    return converted


def _nullable_mark(schema: dict[str, Any]) -> dict[str, Any]:
    marks = [schema.pop(key) for key in _NULLABLE_KEYS if key in schema]
    if marks:
        schema["nullable"] = marks[0]
    return schema


def _open_enum(schema: dict[str, Any]) -> dict[str, Any]:
    """AutoRest's `x-ms-enum` with `modelAsString: true` lists the values known today, and
    says a service may send others: the values listed, or any other of the type (a client
    takes `Literal[...] | str`, and a reply with a new value still parses)."""
    marker = schema.get("x-ms-enum")
    if not isinstance(marker, dict) or marker.get("modelAsString") is not True:
        return schema
    if not isinstance(schema.get("enum"), list):
        return schema
    kind = {"type": schema["type"]} if "type" in schema else {}
    rest = {key: value for key, value in schema.items() if key not in ("enum", "type")}
    return {**rest, "anyOf": [{**kind, "enum": schema["enum"]}, kind]}


def parameter_schema(parameter: dict[str, Any]) -> Any:
    """The schema a non-body parameter spells out in its own keywords."""
    schema = {key: parameter[key] for key in _SCHEMA_KEYS if key in parameter}
    return schema_v3(schema)


def header(written: Any) -> Any:
    if not isinstance(written, dict) or "$ref" in written:
        return written
    schema = {k: v for k, v in written.items() if k not in ("description", "collectionFormat")}
    described = {"description": written["description"]} if "description" in written else {}
    return {**described, "schema": schema_v3(schema)}


def servers(source: dict[str, Any]) -> list[dict[str, str]]:
    host, base = source.get("host"), str(source.get("basePath") or "").rstrip("/")
    if not isinstance(host, str) or not host:
        return [{"url": base}] if base else []
    schemes = [s for s in (source.get("schemes") or ["https"]) if s in ("https", "http")]
    ordered = sorted(schemes or ["https"], key=lambda scheme: scheme != "https")
    return [{"url": f"{scheme}://{host}{base}"} for scheme in ordered]


def security_scheme(scheme: Any) -> Any:
    if not isinstance(scheme, dict):
        return scheme
    kind = scheme.get("type")
    described = {k: v for k, v in scheme.items() if k == "description" or k.startswith("x-")}
    if kind == "basic":
        return {"type": "http", "scheme": "basic", **described}
    if kind == "oauth2" and scheme.get("flow") in _OAUTH_FLOWS:
        urls = ("authorizationUrl", "tokenUrl")
        flow = {k: scheme[k] for k in urls if k in scheme} | {"scopes": scheme.get("scopes") or {}}
        return {"type": "oauth2", "flows": {_OAUTH_FLOWS[scheme["flow"]]: flow}, **described}
    return scheme


def discriminator_mappings(schemas: dict[str, Any]) -> None:
    """Swagger's `x-discriminator-value` (AutoRest's `x-ms-discriminator-value`) on a subtype, as
    the mapping of its parent."""
    for name, schema in schemas.items():
        tags = [schema.get(key) for key in _TAG_KEYS] if isinstance(schema, dict) else []
        value = next((tag for tag in tags if tag is not None), None)
        if not isinstance(value, str):
            continue
        for part in schema.get("allOf") or []:
            ref = part.get("$ref") if isinstance(part, dict) else None
            parent = schemas.get(ref.removeprefix("#/definitions/")) if ref else None
            discriminator = parent.get("discriminator") if isinstance(parent, dict) else None
            if isinstance(discriminator, dict):
                mapping = discriminator.setdefault("mapping", {})
                mapping[value] = f"#/definitions/{jsonpointer.escape(name)}"


def rewrite_refs(node: Any) -> Any:
    """Local references moved with their targets into `components`."""
    if isinstance(node, dict):
        rewritten = {key: rewrite_refs(value) for key, value in node.items()}
        ref = node.get("$ref")
        if isinstance(ref, str):
            rewritten["$ref"] = _moved(ref)
        discriminator = rewritten.get("discriminator")
        if isinstance(discriminator, dict) and isinstance(discriminator.get("mapping"), dict):
            mapping = discriminator["mapping"]
            discriminator["mapping"] = {
                value: _moved(target) if isinstance(target, str) else target
                for value, target in mapping.items()
            }
        return rewritten
    if isinstance(node, list):
        return [rewrite_refs(item) for item in node]
    return node


def written_ref(ref: str) -> str:
    """A reference of the converted document as the Swagger file spells it."""
    for new, old in {**{new: old for old, new in _REFS.items()}, **_WRITTEN_AS}.items():
        if ref.startswith(new):
            return old + ref.removeprefix(new)
    return ref


def _moved(ref: str) -> str:
    for old, new in _REFS.items():
        if ref.startswith(old):
            return new + ref.removeprefix(old)
    return ref


def media_types(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
