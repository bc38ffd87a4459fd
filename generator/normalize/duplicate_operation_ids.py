"""A duplicated operationId is dropped from every operation but the first, with a warning.

operationIds name methods and classes, so two operations sharing one would get names that say
nothing of which is which (`create_pet`, `create_pet_2`). Without it, the later operation is named
from its method and path, as any operation without an operationId is.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..walk import iter_operations


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for path, method, operation in iter_operations(document):
        operation_id = operation.get("operationId")
        if not isinstance(operation_id, str):
            continue
        here = f"{method.upper()} {path}"
        if operation_id not in first:
            first[operation_id] = here
            continue
        del operation["operationId"]
        where = jsonpointer.join("", "paths", path, method, "operationId")
        message = (
            f"operationId {operation_id!r} is also {first[operation_id]}'s; "
            "this operation is named from its method and path"
        )
        problems.append(Problem("warning", message, file, where, "give each operation its own id"))
    return problems
