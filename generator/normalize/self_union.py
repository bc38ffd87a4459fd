"""A `oneOf`/`anyOf` branch that leads back to its own union adds nothing: X = A | B | X is A | B.

Specs say so by accident (`Value: oneOf [string, array of Value, Value]`, or `Loop: anyOf
[Loop2]` beside `Loop2: anyOf [Loop, integer]`). Left as written, no tool can evaluate the type:
a validator expands the union inside itself without end (jsonschema raises RecursionError, and
pydantic-core crashes the generated client's process), and the models read `Value = Union[str,
list[Value], Value]`. So each branch is followed through bare `$ref`s and through unions with
nothing but annotations beside them, the hops that neither add nor remove a value. A branch that
comes back to its union is replaced by what else it leads to (nothing, most often: the branch is
dropped), with a warning. A branch that reaches the union only under `items` or a property is a
real recursive type (`list[Value]`), not a hop: it is left alone.

A union left with no branch at all (`Loop: anyOf [Loop2]`, `Loop2: anyOf [Loop]`) says nothing
about its values, and is refused with its pointer and the fix. Read literally it admits no value
(none can be proven valid); read as "any value", it would be a type the spec never gave, and a
client that silently accepts whatever comes back. Compilers refuse `type T = T` for the same
reason. Where the union has other keywords (`type`, `properties`), those say what it is, and only
the empty `oneOf`/`anyOf` goes.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from .. import jsonpointer
from ..errors import GenerationError, Problem
from ..refs import resolve
from .nullable import ANNOTATIONS
from .shared_walk import every_schema

_UNIONS = ("oneOf", "anyOf")


@dataclass
class _Union:
    schema: dict[str, Any]
    key: str
    pointer: str  # of the `oneOf`/`anyOf` list
    positions: list[int]  # where each branch it has now was written


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    """Branches that lead back and nowhere else are dropped first, all at once (they hold no
    value of their own, so dropping one changes no other's values): `Loop2 = Loop | int` loses
    `Loop`, and `Loop = Loop2` stays a name for it. A branch that still leads back (`U = str |
    V`, `V = U | int`) is then replaced by what else it reaches: `U = str | int`."""
    unions = [
        _Union(schema, key, jsonpointer.join(pointer, key), list(range(len(schema[key]))))
        for pointer, schema in every_schema(document)
        for key in _UNIONS
        if isinstance(schema.get(key), list) and schema[key]
    ]
    problems: list[Problem] = []
    for replace in (False, True):
        plans = [(union, _plan(document, union)) for union in unions]
        if not any(plan for _, plan in plans):
            break  # no branch leads back (any more)
        for union, plan in plans:
            kept = {index: others for index, others in plan.items() if replace or not others}
            problems += _rewrite(union, kept, file)
        errors = [problem for problem in problems if problem.level == "error"]
        if errors:
            raise GenerationError(errors)
    return problems


def _plan(document: dict[str, Any], union: _Union) -> dict[int, list[Any]]:
    """Index of each branch that leads back -> what else it reaches."""
    plan: dict[int, list[Any]] = {}
    for index, branch in enumerate(union.schema.get(union.key) or ()):
        others = _elsewhere(document, union.schema, branch)
        if others is not None:
            plan[index] = others
    return plan


def _rewrite(union: _Union, plan: dict[int, list[Any]], file: str) -> list[Problem]:
    """`plan` carried out on the union, each branch it changes reported where it was written."""
    if not plan:
        return []
    branches: list[Any] = union.schema[union.key]
    kept: list[Any] = []
    positions: list[int] = []
    problems: list[Problem] = []
    for index, branch in enumerate(branches):
        position = union.positions[index]
        if index not in plan:
            kept.append(branch)
            positions.append(position)
            continue
        added = [copy.deepcopy(o) for o in plan[index] if o not in branches and o not in kept]
        kept += added
        positions += [position] * len(added)
        where = jsonpointer.join(union.pointer, position)
        problems.append(_looped(file, where, union.key, len(added)))
    if not kept and not _says_more(union.schema, union.key):
        message = (
            f"every `{union.key}` branch refers back to this union: it says nothing about a value"
        )
        hint = "give the union a branch that is a type of its own, or remove it"
        return [Problem("error", message, file, union.pointer, hint)]
    union.schema[union.key], union.positions = kept, positions
    if not kept:
        del union.schema[union.key]
    return problems


def _elsewhere(document: dict[str, Any], union: dict[str, Any], branch: Any) -> list[Any] | None:
    """The schemas (as written) `branch` reaches through bare `$ref`s and plain unions, when it
    reaches `union` that way too; None when it does not lead back."""
    reached: list[Any] = []
    back = False
    seen: set[int] = set()
    stack = [branch]
    while stack:
        node = stack.pop()
        resolved = resolve(document, node, "")
        target = resolved.node
        if target is union and _bare(resolved.siblings):
            back = True
        elif id(target) not in seen:
            seen.add(id(target))
            hops = _hops(target) if _bare(resolved.siblings) else None
            if hops is None:
                reached.append(node)
            else:
                stack.extend(reversed(hops))
    return reached if back else None


def _hops(schema: Any) -> list[Any] | None:
    """The branches of a union that allows exactly what they allow (no keyword beside it but
    annotations); None for any other schema."""
    if not isinstance(schema, dict):
        return None
    keys = [key for key in _UNIONS if key in schema]
    if len(keys) != 1 or _says_more(schema, keys[0]):
        return None
    branches = schema[keys[0]]
    return branches if isinstance(branches, list) and branches else None


def _says_more(schema: dict[str, Any], key: str) -> bool:
    """Whether `schema` has keywords beside `key` that allow or forbid values."""
    return not _bare({k: v for k, v in schema.items() if k != key})


def _bare(keywords: dict[str, Any]) -> bool:
    return all(key in ANNOTATIONS or key.startswith("x-") for key in keywords)


def _looped(file: str, pointer: str, key: str, added: int) -> Problem:
    if not added:
        message = f"`{key}` branch only refers back to its own union, adding nothing; dropped"
        hint = "drop the branch that refers back to the union"
        return Problem("warning", message, file, pointer, hint)
    message = (
        f"`{key}` branch refers back to its own union; replaced by the {added} schema(s) it adds"
    )
    hint = "list those schemas in the union instead of the branch that refers back to it"
    return Problem("warning", message, file, pointer, hint)
