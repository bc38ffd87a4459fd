"""Every operation and schema object of an OpenAPI document, with its JSON pointer.

Normalization, naming and the diff all need "each schema, wherever it sits"; this is the one
place that knows where schemas can sit: components, operations under `paths`, and the operations
the API calls itself (`webhooks`, and `callbacks` of operations), whose payloads are models too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import jsonpointer

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Where a schema holds other schemas: maps of them, lists of them, and single ones.
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SCHEMA_SINGLES = (
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
)


def iter_operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) for every operation, in document order."""
    for path, item in (document.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                yield path, method, operation


def iter_events(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(pointer, name, operation) for every webhook and callback operation, in document order.

    The API sends these requests rather than answering them: a client gets their payload models,
    not methods. `name` is the webhook's or callback's key (`newPet`, `onStatusChange`).
    """
    for name, item in (document.get("webhooks") or {}).items():
        yield from _item_operations(item, jsonpointer.join("", "webhooks", name), name)
    for path, method, operation in iter_operations(document):
        base = jsonpointer.join("", "paths", path, method, "callbacks")
        for name, callback in (operation.get("callbacks") or {}).items():
            for expression, item in callback.items() if isinstance(callback, dict) else ():
                where = jsonpointer.join(base, name, expression)
                yield from _item_operations(item, where, name)


def _item_operations(
    item: Any, pointer: str, name: str
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for method in HTTP_METHODS:
        operation = item.get(method) if isinstance(item, dict) else None
        if isinstance(operation, dict):
            yield jsonpointer.join(pointer, method), name, operation


def iter_messages(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, message) for every request body and response, wherever it is written."""
    components = document.get("components") or {}
    for kind in ("requestBodies", "responses"):
        for name, message in (components.get(kind) or {}).items():
            if isinstance(message, dict):
                yield jsonpointer.join("", "components", kind, name), message
    operations = [
        (jsonpointer.join("", "paths", path, method), operation)
        for path, method, operation in iter_operations(document)
    ]
    operations += [(pointer, operation) for pointer, _name, operation in iter_events(document)]
    for pointer, operation in operations:
        body = operation.get("requestBody")
        if isinstance(body, dict):
            yield jsonpointer.join(pointer, "requestBody"), body
        for status, response in (operation.get("responses") or {}).items():
            if isinstance(response, dict):
                yield jsonpointer.join(pointer, "responses", status), response


def iter_schemas(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, schema) for every schema object, parents before children, each visited once."""
    for pointer, schema in _root_schemas(document):
        yield from iter_subschemas(schema, pointer)


def iter_subschemas(schema: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """`schema` and every schema nested in it (iteratively: nesting depth is bounded by load)."""
    stack = [(pointer, schema)]
    while stack:
        here, node = stack.pop()
        if not isinstance(node, dict):
            continue
        yield here, node
        children = list(_children(node, here))
        stack.extend(reversed(children))


def _children(node: dict[str, Any], pointer: str) -> Iterator[tuple[str, Any]]:
    for key in SCHEMA_MAPS:
        mapping = node.get(key)
        if isinstance(mapping, dict):
            for name, child in mapping.items():
                yield jsonpointer.join(pointer, key, name), child
    for key in SCHEMA_LISTS:
        items = node.get(key)
        if isinstance(items, list):
            for index, child in enumerate(items):
                yield jsonpointer.join(pointer, key, index), child
    for key in SCHEMA_SINGLES:
        child = node.get(key)
        if isinstance(child, dict):
            yield jsonpointer.join(pointer, key), child


def _root_schemas(document: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    components = document.get("components") or {}
    for name, schema in (components.get("schemas") or {}).items():
        yield jsonpointer.join("", "components", "schemas", name), schema
    for kind in ("parameters", "headers"):
        for name, holder in (components.get(kind) or {}).items():
            yield from _holder_schemas(holder, jsonpointer.join("", "components", kind, name))
    for kind in ("requestBodies", "responses"):
        for name, holder in (components.get(kind) or {}).items():
            yield from _message_schemas(holder, jsonpointer.join("", "components", kind, name))
    for path, item in (document.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        item_pointer = jsonpointer.join("", "paths", path)
        for index, parameter in enumerate(item.get("parameters") or []):
            yield from _holder_schemas(
                parameter, jsonpointer.join(item_pointer, "parameters", index)
            )
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                yield from _operation_schemas(operation, jsonpointer.join(item_pointer, method))
    for pointer, _name, operation in iter_events(document):
        yield from _operation_schemas(operation, pointer)


def _operation_schemas(operation: dict[str, Any], pointer: str) -> Iterator[tuple[str, Any]]:
    for index, parameter in enumerate(operation.get("parameters") or []):
        yield from _holder_schemas(parameter, jsonpointer.join(pointer, "parameters", index))
    body = operation.get("requestBody")
    if isinstance(body, dict):
        yield from _message_schemas(body, jsonpointer.join(pointer, "requestBody"))
    for status, response in (operation.get("responses") or {}).items():
        yield from _message_schemas(response, jsonpointer.join(pointer, "responses", status))


def _holder_schemas(holder: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """Schemas of a parameter or header: `schema`, or `content.<type>.schema`."""
    if not isinstance(holder, dict):
        return
    if isinstance(holder.get("schema"), dict):
        yield jsonpointer.join(pointer, "schema"), holder["schema"]
    yield from _content_schemas(holder, pointer)


def _message_schemas(message: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """Schemas of a request body or response: its content and, for responses, its headers."""
    if not isinstance(message, dict):
        return
    yield from _content_schemas(message, pointer)
    for name, header in (message.get("headers") or {}).items():
        yield from _holder_schemas(header, jsonpointer.join(pointer, "headers", name))


def _content_schemas(holder: dict[str, Any], pointer: str) -> Iterator[tuple[str, Any]]:
    for media_type, media in (holder.get("content") or {}).items():
        if isinstance(media, dict) and isinstance(media.get("schema"), dict):
            yield jsonpointer.join(pointer, "content", media_type, "schema"), media["schema"]
