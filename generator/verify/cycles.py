"""Which `$ref`s of a document lie on a reference cycle (a schema that can contain itself).

Real specs are full of them: Stripe's "expandable" fields (`anyOf: [{type: string}, {$ref:
Customer}]`) tie over a thousand schemas into one strongly connected component. A value built
by following every reference in full never ends there, so the value builder (`values.py`) builds
each recursive schema in full once per value and minimally after that. Acyclic references are
not affected: their values are finite however they are built.

The graph is computed once per document: an edge runs from a `$ref` to every `$ref` written
inside the schema it points at, and the recursive ones are the members of a strongly connected
component with more than one member, or with an edge to itself (Tarjan's algorithm, iterative,
so a long chain of references cannot exhaust Python's stack).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import jsonpointer

_KEPT = 16  # documents whose answer is kept: a bound, not a tuning knob
_FOUND: dict[int, tuple[dict[str, Any], frozenset[str]]] = {}


def recursive_refs(document: dict[str, Any]) -> frozenset[str]:
    """The local `$ref` strings of `document` that can reach themselves."""
    kept = _FOUND.get(id(document))
    if kept is None or kept[0] is not document:
        if len(_FOUND) >= _KEPT:
            _FOUND.clear()
        kept = _FOUND[id(document)] = (document, _on_cycles(_ref_graph(document)))
    return kept[1]


def _ref_graph(document: dict[str, Any]) -> dict[str, set[str]]:
    """Each local `$ref` in the document -> the local `$ref`s inside its target."""
    graph: dict[str, set[str]] = {}
    waiting = list(dict.fromkeys(_refs_in(document)))
    while waiting:
        ref = waiting.pop()
        if ref in graph:
            continue
        try:
            target = jsonpointer.resolve(document, ref[1:])
        except (KeyError, IndexError, ValueError):
            target = None
        graph[ref] = set(_refs_in(target))
        waiting.extend(graph[ref] - graph.keys())
    return graph


def _refs_in(node: Any) -> Iterator[str]:
    """Every local `$ref` string inside `node`, without following any."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                yield ref
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def _on_cycles(graph: dict[str, set[str]]) -> frozenset[str]:
    """The nodes of `graph` on a cycle (Tarjan's strongly connected components, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[str] = set()
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph.get(step, ())))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                found |= _component(stack, on_stack, node, graph)
    return frozenset(found)


def _component(
    stack: list[str], on_stack: set[str], root: str, graph: dict[str, set[str]]
) -> set[str]:
    """Pop `root`'s component off the stack; its members if they form a cycle."""
    members: set[str] = set()
    while True:
        member = stack.pop()
        on_stack.discard(member)
        members.add(member)
        if member == root:
            break
    return members if len(members) > 1 or root in graph.get(root, ()) else set()
