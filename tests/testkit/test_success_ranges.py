"""The fake answers an operation whose success is declared only as a range (`2XX`) or as
`default`: with 200 and the body declared for it, as it answers any other success."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any

import pytest

from generator.pipeline import generate_package
from tests.support.packages import importable

_TIME = {"type": "array", "items": {"type": "integer"}, "example": [1700000000000]}
_KEY = {"type": "object", "properties": {"message": {"type": "string", "example": "made"}}}
SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Ranged", "version": "1"},
    "servers": [{"url": "https://ranged.example"}],
    "paths": {
        "/time": {
            "get": {
                "operationId": "getTime",
                "responses": {
                    "2XX": {"description": "ok", "content": {"application/json": {"schema": _TIME}}}
                },
            }
        },
        "/keys": {
            "post": {
                "operationId": "createKey",
                "responses": {
                    "default": {
                        "description": "d",
                        "content": {"application/json": {"schema": _KEY}},
                    }
                },
            }
        },
    },
}


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    out = tmp_path_factory.mktemp("ranged") / "ranged-client"
    generate_package(json.dumps(SPEC).encode(), "ranged.json", out)
    with importable(out, "ranged_client"):
        yield importlib.import_module("ranged_client.testing").FakeRanged


def test_a_2xx_success_is_answered_with_its_declared_body(fake: Any) -> None:
    assert fake().time.get() == [1700000000000]


def test_a_lone_default_is_answered_as_the_success(fake: Any) -> None:
    assert fake().keys.create().message == "made"
