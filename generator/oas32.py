"""OpenAPI 3.2 documents: read as the 3.1 documents they extend, or refused where they do not.

3.2 keeps 3.1's schemas (JSON Schema 2020-12) and adds fields, most of which change nothing a
client sends or reads (`$self`, tag `summary`/`parent`/`kind`, example `dataValue`, a device
authorization flow, `discriminator.defaultMapping`, `xml.nodeType`, a response `summary`), and
makes a response's `description` optional: those are accepted. `itemSchema` (the item type of a
stream) is read by analysis and hoisting; media types `$ref`d from `components.mediaTypes` are
joined in by normalization (`normalize/media_type_refs.py`).

What would change the wire and has no reading here is refused, each with its pointer, rather
than dropped: a `query` operation and `additionalOperations` (methods no generated client
sends), an `in: querystring` parameter (the whole query string as one value), and
`itemEncoding`/`prefixEncoding` (the parts of a sequential multipart body), and a parameter's
media type given by `$ref` (only bodies' and responses' are joined in).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import jsonpointer
from .walk import HTTP_METHODS, iter_messages

_METHOD_HINT = "describe the operation with a standard method (`get`, `post`, ...) or remove it"
_REFUSED_MEDIA = {
    "itemEncoding": "the encoding of each part of a sequential body is not supported",
    "prefixEncoding": "the encoding of positional parts of a body is not supported",
}


def is_32(document: Any) -> bool:
    return isinstance(document, dict) and str(document.get("openapi", "")).startswith("3.2")


def as_31(document: dict[str, Any]) -> dict[str, Any]:
    """The document the 3.1 structural model validates: relabelled 3.1, and each
    `in: querystring` parameter read as `query` (it is refused by `unsupported` instead)."""
    document = {**document, "openapi": "3.1.0"}
    for pointer, parameter in _parameters(document):
        if parameter.get("in") == "querystring":
            _replace(document, pointer, {**parameter, "in": "query"})
    return document


def tolerated(error: dict[str, Any]) -> bool:
    """A 3.1 structural error 3.2 lifts: a response without `description`."""
    location = error["loc"]
    return (
        error["type"] == "missing"
        and bool(location)
        and location[-1] == "description"
        and "responses" in location
    )


def unsupported(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(pointer, message, hint) for each 3.2 construct this generator cannot honour."""
    found: list[tuple[str, str, str]] = []
    for pointer, item in _path_items(document):
        if isinstance(item.get("query"), dict):
            message = "the QUERY method (a path item's `query`) is not supported"
            found.append((jsonpointer.join(pointer, "query"), message, _METHOD_HINT))
        extra = item.get("additionalOperations")
        for method in extra if isinstance(extra, dict) else ():
            where = jsonpointer.join(pointer, "additionalOperations", str(method))
            message = f"the non-standard method {str(method)[:40]!r} is not supported"
            found.append((where, message, _METHOD_HINT))
    for pointer, parameter in _parameters(document):
        if parameter.get("in") == "querystring":
            message = "an `in: querystring` parameter (the whole query string) is not supported"
            hint = "describe each query field as an `in: query` parameter"
            found.append((pointer, message, hint))
        content = parameter.get("content")
        for media, entry in content.items() if isinstance(content, dict) else ():
            if isinstance(entry, dict) and "$ref" in entry:
                where = jsonpointer.join(pointer, "content", media, "$ref")
                message = "a parameter's media type given by `$ref` is not supported"
                found.append((where, message, "write the media type object in the parameter"))
    for pointer, media in _media(document):
        for key, message in _REFUSED_MEDIA.items():
            if key in media:
                hint = "send the body as one `schema`d value, or remove the field"
                found.append((jsonpointer.join(pointer, key), message, hint))
    return found


def _path_items(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every path item: under `paths`, `webhooks`, `components.pathItems`, and callbacks."""
    components = document.get("components")
    components = components if isinstance(components, dict) else {}
    roots = [("/paths", document.get("paths")), ("/webhooks", document.get("webhooks"))]
    roots.append(("/components/pathItems", components.get("pathItems")))
    stack = [
        (jsonpointer.join(base, key), item)
        for base, items in roots
        for key, item in (items.items() if isinstance(items, dict) else ())
    ]
    while stack:
        pointer, item = stack.pop()
        if not isinstance(item, dict):
            continue
        yield pointer, item
        for method in HTTP_METHODS:
            operation = item.get(method)
            callbacks = operation.get("callbacks") if isinstance(operation, dict) else None
            for name, callback in callbacks.items() if isinstance(callbacks, dict) else ():
                for expression, inner in callback.items() if isinstance(callback, dict) else ():
                    where = jsonpointer.join(pointer, method, "callbacks", name, expression)
                    stack.append((where, inner))


def _parameters(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every parameter written in place: components', path items' and operations'."""
    components = document.get("components")
    defined = components.get("parameters") if isinstance(components, dict) else None
    for name, parameter in defined.items() if isinstance(defined, dict) else ():
        if isinstance(parameter, dict):
            yield jsonpointer.join("/components/parameters", name), parameter
    for pointer, item in list(_path_items(document)):
        owners = [(pointer, item)]
        owners += [(jsonpointer.join(pointer, m), item[m]) for m in HTTP_METHODS if m in item]
        for where, owner in owners:
            listed = owner.get("parameters") if isinstance(owner, dict) else None
            for index, parameter in enumerate(listed if isinstance(listed, list) else ()):
                if isinstance(parameter, dict):
                    yield jsonpointer.join(where, "parameters", index), parameter


def _media(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every media type object of a request body or response."""
    for pointer, message in iter_messages(document):
        content = message.get("content")
        for media, entry in content.items() if isinstance(content, dict) else ():
            if isinstance(entry, dict):
                yield jsonpointer.join(pointer, "content", media), entry


def _replace(document: dict[str, Any], pointer: str, value: Any) -> None:
    """Set the value at `pointer` in a copy-on-write way: each container on the way is copied
    (the caller's document is only validated, never changed)."""
    tokens = jsonpointer.split(pointer)
    node: Any = document
    for token in tokens[:-1]:
        key: Any = int(token) if isinstance(node, list) else token
        child = node[key]
        child = list(child) if isinstance(child, list) else dict(child)
        node[key] = child
        node = child
    last = tokens[-1]
    node[int(last) if isinstance(node, list) else last] = value
