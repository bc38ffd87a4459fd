"""A `default` its own schema rejects is dropped, with a warning naming it.

Generated from server code, specs often carry a default in the wrong JSON type (`type: boolean`
with `default: "true"`, a nullable model with `default: "null"`) or outside the enum it sits
beside (`default: right` for `enum: [Left, Right]`). Written into a model, such a value is a
type error under `mypy --strict` and, since pydantic does not validate defaults, a wrong value
at run time. Without the default the client sends nothing and the server applies its own.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from jsonschema.validators import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from .. import jsonpointer
from ..errors import Problem
from .shared_walk import every_schema

_ROOT = "urn:sdkgen:spec"
_QUOTE_CHARS = 40


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems: list[Problem] = []
    holders = [(where, schema) for where, schema in every_schema(document) if "default" in schema]
    if not holders:
        return problems
    resource: Resource[Any] = DRAFT202012.create_resource(document)
    registry: Registry[Any] = Registry().with_resource(_ROOT, resource)
    for pointer, schema in holders:
        error = _rejection(schema["default"], pointer, registry)
        if error is not None:
            quoted = _quote(schema.pop("default"))
            message = f"`default` {quoted} does not match its schema ({error}); it is dropped"
            hint = "give a default the schema allows, or remove it"
            where = jsonpointer.join(pointer, "default")
            problems.append(Problem("warning", message, file, where, hint))
    return problems


def _rejection(value: Any, pointer: str, registry: Registry[Any]) -> str | None:
    """Why the schema at `pointer` rejects `value` (None when it accepts it)."""
    target = {"$ref": f"{_ROOT}#{quote(pointer, safe='/~')}"}
    validator = Draft202012Validator(target, registry=registry)
    try:
        error = next(iter(validator.iter_errors(value)), None)
    except (Unresolvable, re.error):  # a broken `$ref` or `pattern` is reported elsewhere
        return None
    return None if error is None else str(error.message)


def _quote(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"
