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
from ..graphs import strongly_connected
from ..refs import refs_in

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
    waiting = list(dict.fromkeys(_local_refs(document)))
    while waiting:
        ref = waiting.pop()
        if ref in graph:
            continue
        try:
            target = jsonpointer.resolve(document, ref[1:])
        except (KeyError, IndexError, ValueError):
            target = None
        graph[ref] = set(_local_refs(target))
        waiting.extend(graph[ref] - graph.keys())
    return graph


def _local_refs(node: Any) -> Iterator[str]:
    return (ref for ref in refs_in(node) if ref.startswith("#"))


def _on_cycles(graph: dict[str, set[str]]) -> frozenset[str]:
    """The nodes of `graph` on a cycle: in a component of two or more, or with an edge to
    itself."""
    components = strongly_connected(sorted(graph), lambda node: sorted(graph.get(node, ())))
    return frozenset(
        member
        for members in components
        if len(members) > 1 or members[0] in graph.get(members[0], ())
        for member in members
    )
