"""Strongly connected components, as split.py and verify's cycle finder rely on them."""

from __future__ import annotations

from generator.graphs import strongly_connected
from generator.refs import refs_in


def _components(graph: dict[str, list[str]]) -> list[list[str]]:
    return strongly_connected(graph, lambda node: graph.get(node, []))


def test_components_close_after_everything_they_reach() -> None:
    graph = {"a": ["b"], "b": ["c", "a"], "c": ["d"], "d": [], "e": ["e"]}
    components = [sorted(c) for c in _components(graph)]
    assert components == [["d"], ["c"], ["a", "b"], ["e"]]


def test_a_chain_longer_than_the_recursion_limit_is_walked() -> None:
    graph = {str(i): [str(i + 1)] for i in range(5000)} | {"5000": ["0"]}
    (component,) = _components(graph)
    assert len(component) == 5001


def test_refs_in_finds_every_reference_without_following_it() -> None:
    node = {
        "$ref": "#/a",
        "properties": {"x": {"$ref": "b.yaml"}, "y": {"items": [{"$ref": "#/c"}]}},
        "example": {"$ref": 1},
    }
    assert sorted(refs_in(node)) == ["#/a", "#/c", "b.yaml"]
