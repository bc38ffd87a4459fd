"""What each node of an OpenAPI document is, read from the keys that lead to it.

A `$ref` means a schema under `properties`, a parameter in `parameters`, a path item under `paths`:
bundling needs to know which, to put the referenced object in the right components section. And
anything not listed here (examples' values, extensions, `info`) is data, whose `$ref` keys are not
references at all.
"""

from __future__ import annotations

from .walk import HTTP_METHODS, SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES

# components section -> the kind of object it holds
SECTIONS = {
    "schemas": "schema",
    "parameters": "parameter",
    "responses": "response",
    "requestBodies": "requestBody",
    "headers": "header",
    "examples": "example",
    "links": "link",
    "callbacks": "callback",
    "securitySchemes": "securityScheme",
}

_HOLDER = {"schema": "schema", "content": "map:media", "examples": "map:example"}

# kind -> {key: kind of the child}; "*" is every entry of a map, "[]" every item of a list.
_CHILDREN: dict[str, dict[str, str]] = {
    "document": {"paths": "map:pathItem", "webhooks": "map:pathItem", "components": "components"},
    "components": {section: f"map:{kind}" for section, kind in SECTIONS.items()}
    | {"pathItems": "map:pathItem"},
    "pathItem": dict.fromkeys(HTTP_METHODS, "operation") | {"parameters": "list:parameter"},
    "operation": {
        "parameters": "list:parameter",
        "requestBody": "requestBody",
        "responses": "map:response",
        "callbacks": "map:callback",
    },
    "callback": {"*": "pathItem"},
    "response": {"headers": "map:header", "content": "map:media", "links": "map:link"},
    "requestBody": {"content": "map:media"},
    "media": {"schema": "schema", "examples": "map:example", "encoding": "map:encoding"},
    "encoding": {"headers": "map:header"},
    "parameter": _HOLDER,
    "header": _HOLDER,
    "schema": {key: "map:schema" for key in SCHEMA_MAPS}
    | {key: "list:schema" for key in SCHEMA_LISTS}
    | dict.fromkeys(SCHEMA_SINGLES, "schema")
    | {"discriminator": "discriminator"},
    "discriminator": {"mapping": "mapping"},
}


def child_kind(kind: str, key: str) -> str | None:
    """The kind of `key`'s value in a node of `kind`; None for data that holds no references."""
    if kind.startswith("map:"):
        return kind[4:] if key != "[]" else None
    if kind.startswith("list:"):
        return kind[5:] if key == "[]" else None
    children = _CHILDREN.get(kind, {})
    return children.get(key) or (children.get("*") if key != "[]" else None)


def is_ref_site(kind: str) -> bool:
    """Whether a node of this kind may be a Reference Object (maps and lists are not)."""
    return not kind.startswith(("map:", "list:")) and kind not in ("document", "components")
