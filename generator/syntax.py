"""Every node under each statement of a parsed module, found in one walk of the module.

The models module of a big spec holds about a million syntax nodes, and two checks look at every
one of them: the allowlist (`models.py`, statement by statement and, in a class, field by field)
and the split (`split.py`, the names each definition uses). Walking the tree is most of what
either costs, so the walk is made once and both read its lists.
"""

from __future__ import annotations

import ast


class Descendants:
    """Each top-level statement of a module, and each statement in a class's body, with the
    nodes under it (itself included: what `ast.walk` yields, in another order)."""

    def __init__(self, tree: ast.Module) -> None:
        self._found: dict[int, list[ast.AST]] = {}
        for statement in tree.body:
            self._found[id(statement)] = self._collect(statement)

    def of(self, node: ast.AST) -> list[ast.AST]:
        """`node` and every node under it; `node` is a statement of the module or of a class."""
        found = self._found.get(id(node))
        return list(ast.walk(node)) if found is None else found

    def _collect(self, statement: ast.stmt) -> list[ast.AST]:
        if not isinstance(statement, ast.ClassDef):
            return list(ast.walk(statement))
        members = {id(item) for item in statement.body}
        found: list[ast.AST] = [statement]
        for child in ast.iter_child_nodes(statement):
            if id(child) in members:
                nodes = self._found[id(child)] = list(ast.walk(child))
                found += nodes
            else:
                found += ast.walk(child)
        return found
