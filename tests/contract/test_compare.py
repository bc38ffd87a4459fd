"""The harness compares by meaning: what a client may legitimately change passes, anything else
is named where it is. Equal JSON is settled without a walk, so these pin that the shortcut
never hides a difference the walk would report, nor reports one the walk would not."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest

from generator.verify.compare import differences, leaked_fields


@pytest.mark.parametrize(
    ("expected", "actual"),
    [
        ({"a": [1, {"b": "x"}]}, {"a": [1, {"b": "x"}]}),
        ({"b": 1, "a": 2}, {"a": 2, "b": 1}),  # key order is not meaning
        ({"n": 1}, {"n": 1.0}),
        ({"at": "2024-01-02T03:04:05Z"}, {"at": "2024-01-02T03:04:05+00:00"}),
        ("0f8fad5b-d9cb-469f-a165-70867728950e", "0F8FAD5B-D9CB-469F-A165-70867728950E"),
        ((1, 2), [1, 2]),
        (0.0, -0.0),
    ],
)
def test_the_same_meaning_is_no_difference(expected: Any, actual: Any) -> None:
    assert differences(expected, actual, "body") == []


@pytest.mark.parametrize(
    ("expected", "actual", "line"),
    [
        ({"flag": True}, {"flag": 1}, "body.flag: expected True, got 1"),
        ({"n": 1}, {"n": True}, "body.n: expected 1, got True"),
        ({"a": 1}, {}, "body: missing 'a' (expected 1)"),
        ({}, {"a": None}, "body: unexpected 'a' (None)"),
        ([1, 2], [1], "body: expected 2 items, got 1"),
        ({"x": [{"y": "a"}]}, {"x": [{"y": "b"}]}, "body.x[0].y: expected 'a', got 'b'"),
        ({"n": float("nan")}, {"n": float("nan")}, "body.n: expected nan, got nan"),
    ],
)
def test_a_difference_is_named_where_it_is(expected: Any, actual: Any, line: str) -> None:
    assert differences(expected, actual, "body") == [line]


class _Inner(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    session_token: str | None = None


class _Outer(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    name: str = ""
    inner: list[_Inner] = []


def test_a_declared_property_kept_as_an_extra_is_found_at_any_depth() -> None:
    value = _Outer.model_validate({"name": "n", "inner": [{}, {"sessionToken": "t"}]})
    declared = {"_Outer": {"name", "inner"}, "_Inner": {"sessionToken"}}

    assert leaked_fields(value, declared) == [
        "result.inner[1]: _Inner kept the declared property 'sessionToken' as an unknown "
        "extra, so its attribute is not set"
    ]
    assert leaked_fields(value, {"_Inner": {"other"}}) == []
