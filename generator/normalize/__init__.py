"""Small, pure rewrites of real-world spec quirks, applied in one explicit order.

Every later stage (naming, models, the diff, the contract validator) sees the normalized document,
so a quirk is handled once, here, and two spellings of the same contract compare equal: `nullable:
true` (OpenAPI 3.0 style, found even in 3.1 documents) and `type: [X, "null"]` are one thing after
this. Each pass mutates the copy it is given and reports what it changed as info-level problems.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ..errors import Problem
from . import exclusive_bounds, nullable, optional_keyword, single_branch

Pass = Callable[[dict[str, Any], str], list[Problem]]

PASSES: tuple[Pass, ...] = (
    optional_keyword.apply,
    exclusive_bounds.apply,
    nullable.apply,
    single_branch.apply,
)


def normalize(document: dict[str, Any], file: str = "") -> tuple[dict[str, Any], list[Problem]]:
    """A normalized deep copy of `document`, and what was changed."""
    result = copy.deepcopy(document)
    problems: list[Problem] = []
    for apply in PASSES:
        problems.extend(apply(result, file))
    return result, problems
