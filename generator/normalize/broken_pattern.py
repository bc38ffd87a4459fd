"""A `pattern` that is not a regular expression at all is dropped, with a warning naming it.

Specs generated from server code carry regexes nobody compiled: NestJS class-validator output
such as `^[w-.]+@...` (a reversed character range, the backslashes lost on the way). The
generated client does not check patterns, but the contract validator and the example values
built for it do, and a regex that cannot be compiled would fail every operation that touches
the schema. Without the pattern the string is checked by its other keywords.

A pattern that compiles but that `re` warns about (`[[A-Z0-9]{1,18}`: a `[` inside a set, which
a later Python may read as a nested set) is kept, and the warning is not let out onto the
user's terminal: it is about Python's future, not about the spec.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from .. import jsonpointer
from ..errors import Problem
from .shared_walk import every_schema


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems: list[Problem] = []
    for pointer, schema in every_schema(document):
        pattern = schema.get("pattern")
        if not isinstance(pattern, str):
            continue
        try:
            _compile(pattern)
        except re.error as error:
            del schema["pattern"]
            message = (
                f"`pattern` {pattern!r} does not compile as a regular expression ({error}); "
                "it is dropped"
            )
            where = jsonpointer.join(pointer, "pattern")
            problems.append(Problem("warning", message, file, where, "fix the regex, or remove it"))
    return problems


def _compile(pattern: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        re.compile(pattern)
