"""`required: true` on a property, as Swagger 1 wrote it: the property joins its parent's
`required` list, with a warning.

OpenAPI 3 and JSON Schema list the required properties on the object (`required: [id]`); a
boolean `required` on the property itself is not a list of names, and the structural check
refuses it. The intent is plain: `true` requires the property, `false` says it is optional.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from .shared_walk import every_schema


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        properties = schema.get("properties")
        for name, prop in properties.items() if isinstance(properties, dict) else ():
            if not isinstance(prop, dict) or not isinstance(prop.get("required"), bool):
                continue
            required = schema.setdefault("required", [])
            if not isinstance(required, list):
                continue  # the object's own `required` is malformed: the structural check says so
            wanted = prop.pop("required")
            if wanted and name not in required:
                required.append(name)
            elif not wanted and name in required:
                required.remove(name)
            if not required:
                del schema["required"]
            where = jsonpointer.join(pointer, "properties", name, "required")
            message = f"`required: {str(wanted).lower()}` on a property; read as the object's list"
            hint = f"list it in the object's `required`: [{name}]" if wanted else "drop it"
            problems.append(Problem("warning", message, file, where, hint))
    return problems
