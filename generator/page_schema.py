"""Reading a response for pagination: its schema's fields by name, through `$ref`s, `allOf`
members and nullable wrappers, and what type each is; the headers it declares."""

from __future__ import annotations

from typing import Any

from .annotate import Annotator
from .refs import hops, resolve


def own_properties(schema: dict[str, Any]) -> dict[str, Any]:
    properties = schema.get("properties")
    return properties if isinstance(properties, dict) else {}


def property_of(schema: Any, name: str, annotator: Annotator) -> Any:
    schema = follow(schema, annotator)
    if not isinstance(schema, dict):
        return None
    if name in own_properties(schema):
        return follow(own_properties(schema)[name], annotator)
    # `allOf` members all hold; failing them, a field one `anyOf`/`oneOf` branch declares is
    # one the body may carry (DigitalOcean's `links.pages` is `anyOf` the page pairs it sends).
    for member in [*(schema.get("allOf") or []), *_branches(schema)]:
        found = property_of(member, name, annotator)
        if found is not None:
            return found
    return None


def _branches(schema: dict[str, Any]) -> list[Any]:
    return [*(schema.get("anyOf") or []), *(schema.get("oneOf") or [])]


def follow(schema: Any, annotator: Annotator) -> Any:
    """The schema `schema` stands for: a `$ref` (or a nullable `anyOf` around one) replaced by
    the named schema (see `refs.hops`)."""
    *_, last = hops(schema, annotator.schema)
    return last


def _types(schema: Any) -> set[str]:
    kind = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def is_array(schema: Any) -> bool:
    return "array" in _types(schema)


def is_string(schema: Any) -> bool:
    return "string" in _types(schema)


def is_integer(schema: Any) -> bool:
    return "integer" in _types(schema)


def is_boolean(schema: Any) -> bool:
    return "boolean" in _types(schema)


def is_scalar(schema: Any) -> bool:
    return bool(_types(schema) & {"string", "integer"})


def declared_headers(
    document: dict[str, Any], operation: dict[str, Any], status: str
) -> frozenset[str]:
    """The names, in lower case, of the headers the operation's `status` response declares
    (a response given by `$ref` is read where it is defined)."""
    responses = operation.get("responses")
    declared = responses.get(status) if isinstance(responses, dict) else None
    response = resolve(document, declared, "").node
    headers = response.get("headers") if isinstance(response, dict) else None
    return (
        frozenset(str(name).lower() for name in headers or ())
        if isinstance(headers, dict)
        else frozenset()
    )


def first_page(schema: dict[str, Any]) -> int:
    """Where a page-number parameter counts from: 0 when its default or its minimum is 0
    (Mistral's `page`, `default: 0`), else 1. Counting from 1 where the API counts from 0 asks
    for page 2 after the first, skipping a whole page of items."""
    start = schema.get("default", schema.get("minimum"))
    return 0 if type(start) in (int, float) and start == 0 else 1
