"""`items` spelt as a list (JSON Schema draft 4 to 2019-09's tuple) is read as `prefixItems`.

Mistral's `EmbeddingResponse.data` is `type: array` with `items: [$ref: EmbeddingResponseData]`.
OpenAPI 3.0 and 3.1 both want one schema there, so the document was refused outright; the older
drafts read the list as a tuple, one schema per position, which 3.1 spells `prefixItems` (and
`additionalItems`, the schema for the positions after those, `items`). Read so, with a warning,
the array is typed from the schemas listed (a list of `EmbeddingResponseData`).
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..walk import iter_schemas
from .shared_walk import every_schema

_MESSAGE = "`items` is a list (a tuple in JSON Schema before 2020-12); read as `prefixItems`"


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems: list[Problem] = []
    found = _respell(every_schema(document), file)
    while found:  # a tuple's positions are schemas the walk reaches only once respelt
        problems += found
        found = _respell(tuple(iter_schemas(document)), file)
    return problems


def _respell(schemas: tuple[tuple[str, dict[str, Any]], ...], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in schemas:
        positions = schema.get("items")
        if not isinstance(positions, list) or "prefixItems" in schema:
            continue
        schema["prefixItems"] = schema.pop("items")
        rest = schema.pop("additionalItems", None)
        if isinstance(rest, (dict, bool)):
            schema["items"] = rest
        where = jsonpointer.join(pointer, "items")
        problems.append(Problem("warning", _MESSAGE, file, where, "spell the list `prefixItems`"))
    return problems
