"""A duplicated operationId is reported with a warning; the operations are told apart by naming.

operationIds name methods and classes, and a spec promises they are unique. Two operations sharing
one still make a client: method names fall back to the operation's path where they clash
(`list_pets`, `list_archived_pets`), so nothing is rewritten here.
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
        where = jsonpointer.join("", "paths", path, method, "operationId")
        message = (
            f"operationId {operation_id!r} is also {first[operation_id]}'s; "
            "where their names clash, they are named from their paths"
        )
        problems.append(Problem("warning", message, file, where, "give each operation its own id"))
    return problems
