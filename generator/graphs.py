"""Strongly connected components of a directed graph (Tarjan's algorithm, iterative).

Two stages need them: `split.py` keeps classes that refer to each other in one module, and
verify's value builder (`verify/cycles.py`) must know which references can reach themselves.
Iterative, because a chain of a few thousand references would exhaust Python's stack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator


def strongly_connected(
    roots: Iterable[str], edges: Callable[[str], Iterable[str]]
) -> list[list[str]]:
    """The components reachable from `roots`, in the order they close: a component comes after
    every component it reaches (dependencies first). `edges` is asked once per node."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> tuple[str, Iterator[str]]:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        return node, iter(edges(node))

    for root in roots:
        if root in index:
            continue
        work = [visit(root)]
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    work.append(visit(target))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                components.append(_pop_component(stack, on_stack, node))
    return components


def _pop_component(stack: list[str], on_stack: set[str], root: str) -> list[str]:
    members: list[str] = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        members.append(member)
        if member == root:
            return members
