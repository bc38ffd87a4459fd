from __future__ import annotations

from typing import Any

from generator.normalize import normalize


def _normalized(**properties: Any) -> tuple[dict[str, Any], list[str]]:
    schema = {"type": "object", "properties": properties}
    document = {"openapi": "3.1.0", "components": {"schemas": {"Upstream": schema}}}
    normalized, problems = normalize(document, "spec.json")
    found: dict[str, Any] = normalized["components"]["schemas"]["Upstream"]["properties"]
    return found, [str(problem) for problem in problems]


def test_an_array_without_items_whose_default_is_an_object_is_an_object() -> None:
    """Kong's `healthchecks` is `type: array` with a nested object as its default: the field is
    the object, its default kept, not a list that refuses every value the API sends."""
    default = {"active": {"timeout": 1, "http_statuses": [200, 302]}}
    found, problems = _normalized(
        healthchecks={"type": "array", "default": default},
        config={"type": ["array", "null"], "default": {}},
    )
    assert found["healthchecks"] == {"type": "object", "default": default}
    assert found["config"] == {"type": ["object", "null"], "default": {}}
    assert problems[0] == (
        "spec.json#/components/schemas/Upstream/properties/healthchecks/type: warning: `type: "
        "array` without `items` has an object `default`; read as an object (fix: write `type: "
        "object`)"
    )
    assert len(problems) == 2


def test_an_array_that_says_anything_of_its_items_keeps_its_type() -> None:
    """With `items` (or a bound on them), the array is meant and the object default is what
    is wrong: it is dropped as any invalid default is."""
    found, problems = _normalized(
        tags={"type": "array", "items": {"type": "string"}, "default": {"a": 1}},
        ids={"type": "array", "minItems": 1, "default": {"a": 1}},
        plain={"type": "array", "default": ["a"]},
    )
    assert found["tags"] == {"type": "array", "items": {"type": "string"}}
    assert found["ids"] == {"type": "array", "minItems": 1}
    assert found["plain"] == {"type": "array", "default": ["a"]}
    assert all("does not match its schema" in problem for problem in problems)
    assert len(problems) == 2
