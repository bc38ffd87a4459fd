"""Which class or alias each top-level statement of a models module belongs to.

datamodel-code-generator writes a definition (a class, or an alias assigned), perhaps a docstring
under it, and `Name.model_rebuild()` calls at the end. The allowlist check (`models.py`), the cut
into modules (`split.py`) and the part that drops classes another part makes (`model_source.py`)
all need to know whose each statement is, in the same way.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator


def defined_name(node: ast.stmt) -> str | None:
    """`Name` for `class Name` or `Name = ...`."""
    if isinstance(node, ast.ClassDef):
        return node.name
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return target.id if isinstance(target, ast.Name) else None
    return None


def rebuilt_name(node: ast.stmt) -> str | None:
    """`Node` for `Node.model_rebuild()`."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        callee = node.value.func
        if isinstance(callee, ast.Attribute) and isinstance(callee.value, ast.Name):
            return callee.value.id
    return None


def owners(body: list[ast.stmt]) -> Iterator[tuple[ast.stmt, str | None]]:
    """Each statement with the definition it belongs to: its own, the one it rebuilds, or (a
    docstring) the one above it; None for imports and anything else."""
    seen: set[str] = set()
    last: str | None = None
    for node in body:
        name = defined_name(node)
        if name is not None:
            seen.add(name)
            last = name
            yield node, name
        elif isinstance(node, ast.Expr):
            rebuilt = rebuilt_name(node)
            yield node, rebuilt if rebuilt in seen else last
        else:
            yield node, None


def without_definitions(source: str, names: frozenset[str]) -> str:
    """`source` less the statements that belong to `names`, line for line otherwise."""
    lines = source.splitlines(keepends=True)
    for node, owner in reversed(list(owners(ast.parse(source).body))):
        if owner in names:
            del lines[node.lineno - 1 : node.end_lineno or node.lineno]
    return "".join(lines)
