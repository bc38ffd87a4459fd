"""Comparing a generated package's public names and annotations, the way a caller meets them.

Keyword arguments and model fields are matched by what they carry on the wire (an argument that
now fills another parameter must not pass as unchanged), then by the Python name callers type; a
wire name that kept its meaning but got another Python name is a rename. Annotations are
compared as sets of union members, with `Literal[...]` split into one member per value, so an enum
that gained a value is seen as a union that gained a member.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

T = TypeVar("T")
Verdict = Literal["same", "wider", "narrower", "changed"]


@dataclass(frozen=True)
class Matched(Generic[T]):
    pairs: list[tuple[T, T]]
    renamed: list[tuple[T, T]]
    removed: list[T]
    added: list[T]


def match_names(
    old: Mapping[str, T], new: Mapping[str, T], wire: Callable[[T], object]
) -> Matched[T]:
    """Pair items (keyed by Python name) by wire identity, then the rest by Python name.

    Same wire identity under another Python name is a rename; the same Python name over another
    wire identity is the same thing to the caller (the package absorbs the wire change).
    """
    by_wire = {wire(item): name for name, item in old.items()}
    pairs: list[tuple[T, T]] = []
    renamed: list[tuple[T, T]] = []
    left_old, left_new = dict(old), {}
    for name in sorted(new):
        old_name = by_wire.get(wire(new[name]))
        if old_name is not None and old_name in left_old:
            (pairs if old_name == name else renamed).append((left_old.pop(old_name), new[name]))
        else:
            left_new[name] = new[name]
    for name in sorted(left_old.keys() & left_new.keys()):
        pairs.append((left_old.pop(name), left_new.pop(name)))
    return Matched(
        pairs,
        renamed,
        [left_old[n] for n in sorted(left_old)],
        [left_new[n] for n in sorted(left_new)],
    )


def _members(annotation: Iterable[str]) -> frozenset[str]:
    """Union members of an annotation, a `Literal` of several values split into one per value."""
    found: set[str] = set()
    for member in annotation:
        found.update(_literal_values(member) or (member,))
    return frozenset(found)


def verdict(old: Iterable[str], new: Iterable[str]) -> Verdict:
    """How the set of values an annotation admits moved.

    `Literal["a"]` is a `str` and `int` is a `float` (PEP 484), so `str -> Literal[...]` narrows.
    `Any` admits everything, but turning it into a real type changes what callers hold at run
    time (a dict becomes a model), so that is a change, never a narrowing.
    """
    before, after = _members(old), _members(new)
    if before == after:
        return "same"
    if "Any" in before and "Any" not in after:
        return "changed"
    grows = all(_covered(member, after) for member in before)
    shrinks = all(_covered(member, before) for member in after)
    if grows and shrinks:
        return "same"
    if grows:
        return "wider"
    return "narrower" if shrinks else "changed"


def renamed(annotation: Iterable[str], renames: Mapping[str, str]) -> tuple[str, ...]:
    """`annotation` with renamed classes spelt by their new names, so a rename is not a change."""
    if not renames:
        return tuple(annotation)
    names = sorted(renames, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(name) for name in names) + r")\b")
    return tuple(pattern.sub(lambda found: renames[found[1]], member) for member in annotation)


def spelled(annotation: Iterable[str]) -> str:
    return " | ".join(annotation) or "None"


def _covered(member: str, others: frozenset[str]) -> bool:
    if member in others or "Any" in others:
        return True
    base = _literal_base(member) or member
    return base in others or (base == "int" and "float" in others)


def _literal_base(member: str) -> str | None:
    if not member.startswith("Literal["):
        return None
    try:
        value = ast.literal_eval(member[len("Literal[") : -1])
    except (ValueError, SyntaxError):
        return None
    return type(value).__name__ if isinstance(value, str | int | bool) else None


def _literal_values(member: str) -> tuple[str, ...]:
    if not member.startswith("Literal["):
        return ()
    try:
        tree = ast.parse(member, mode="eval").body
    except SyntaxError:
        return ()
    if not isinstance(tree, ast.Subscript):
        return ()
    values = tree.slice.elts if isinstance(tree.slice, ast.Tuple) else [tree.slice]
    return tuple(f"Literal[{ast.unparse(value)}]" for value in values)
