"""Bytes fields of models typed by the runtime's `Octets`, handed to datamodel-code-generator.

JSON has no bytes: a `format: binary` string inside a JSON document travels as base64 text. The
runtime's `Octets` type (in `_types`) reads and writes that text, so only the fields that hold
bytes pay for it, not every model. datamodel-code-generator types a schema that names a
`customTypePath` by that import, wherever the schema sits (a field, an array's items, a map's
values, a union's branch). A `customTypePath` written in the spec is dropped: the path becomes an
import, and only ours is one the allowlist (`models.py`) accepts.
"""

from __future__ import annotations

import copy
from typing import Any

from . import keywords
from .walk import iter_subschemas

_KEY = "customTypePath"
_UNTYPED_BESIDE = frozenset({"$ref", "enum", "const", "anyOf", "oneOf", "allOf"})


def octets_module(package: str) -> str:
    """The module generated models import `Octets` from."""
    return f"{package}._types"


def with_octets(schemas: dict[str, Any], package: str) -> dict[str, Any]:
    """`schemas` with every bytes schema typed by `Octets`; only the schemas that hold one (or a
    `customTypePath` of the spec's own) are copied."""
    path = f"{octets_module(package)}.Octets"
    out = dict(schemas)
    for name, schema in schemas.items():
        if any(_marked(node) for _pointer, node in iter_subschemas(schema, "")):
            out[name] = copy.deepcopy(schema)
            for _pointer, node in iter_subschemas(out[name], ""):
                node.pop(_KEY, None)
                if _is_bytes(node):
                    node[_KEY] = path
    return out


def _marked(node: dict[str, Any]) -> bool:
    return _KEY in node or _is_bytes(node)


def _is_bytes(node: dict[str, Any]) -> bool:
    """Whether datamodel-code-generator would type `node` as `bytes` (or `bytes | None`) alone:
    a binary string with nothing beside it that types it otherwise."""
    if node.get("format") != "binary" or not _UNTYPED_BESIDE.isdisjoint(node):
        return False
    return keywords.types(node) - {"null"} == {"string"}
