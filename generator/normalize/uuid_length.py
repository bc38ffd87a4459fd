"""`format: uuid` beside lengths no UUID has: read as the plain string, with a warning.

A UUID is written in 36 characters (`8-4-4-4-12` hex digits and hyphens). Intercom's spec marks
its contact ids `format: uuid, minLength: 24, maxLength: 24`: they are 24 hex digits, and the
lengths are what the API means. Kept, the format would type the field `UUID`, which no real id
parses as, and no value could satisfy both the format and the lengths. The lengths win.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from .shared_walk import every_schema

_UUID_LENGTH = 36


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        if schema.get("format") != "uuid" or _admits(schema, _UUID_LENGTH):
            continue
        del schema["format"]
        message = "`format: uuid` beside lengths no UUID has (36 characters); read as a string"
        where = jsonpointer.join(pointer, "format")
        problems.append(Problem("warning", message, file, where, "drop the format or the lengths"))
    return problems


def _admits(schema: dict[str, Any], length: int) -> bool:
    low, high = schema.get("minLength"), schema.get("maxLength")
    too_long = isinstance(low, int) and not isinstance(low, bool) and low > length
    too_short = isinstance(high, int) and not isinstance(high, bool) and high < length
    return not (too_long or too_short)
