"""An operation whose success statuses declare different bodies (Discord's search answers 200
with its results, or 202 with when to ask again while the index is built): the method returns
their union, each reply is read as its own status's body, even where it would fit the other's,
and `sdkgen verify` proves every status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import generate_package
from generator.verify import verify_spec
from tests.support.fault_server import FaultServer, Reply
from tests.support.packages import importable

# No field required: each body fits the other status's type as well as its own.
RESULTS = {
    "type": "object",
    "properties": {
        "hits": {"type": "array", "items": {"type": "string"}},
        "note": {"type": "string"},
    },
}
INDEXING = {"type": "object", "properties": {"note": {"type": "string"}}}


def _json(description: str, name: str) -> dict[str, Any]:
    schema = {"$ref": f"#/components/schemas/{name}"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Finder", "version": "1"},
    "servers": [{"url": "https://api.finder.example"}],
    "paths": {
        "/search": {
            "get": {
                "operationId": "search",
                "tags": ["search"],
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                "responses": {
                    "200": _json("the results", "Results"),
                    "202": _json("the index is being built", "Indexing"),
                    "204": {"description": "nothing to search"},
                },
            }
        }
    },
    "components": {"schemas": {"Results": RESULTS, "Indexing": INDEXING}},
}
DATA = json.dumps(SPEC).encode()


@pytest.fixture(scope="module")
def finder(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("finder") / "out"
    generate_package(DATA, "openapi.json", out)
    with importable(out, "finder_client"):
        import finder_client

        yield finder_client


def test_the_method_returns_the_union_of_the_success_bodies(finder: Any) -> None:
    text = Path(finder.__file__).parent.joinpath("resources", "search.py").read_text()
    assert ") -> Results | Indexing | None:" in text
    assert "status_types={200: Results, 202: Indexing}," in text


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, {"hits": ["a"]}, "Results"),
        (202, {"note": "soon"}, "Indexing"),  # a union would read it as `Results`
        (204, None, "NoneType"),
    ],
)
def test_each_reply_is_read_as_its_own_statuss_body(
    finder: Any, status: int, body: Any, expected: str
) -> None:
    reply = Reply(status=status) if body is None else Reply.json(body, status=status)
    with FaultServer() as server:
        server.enqueue(reply, reply)
        client = finder.Finder(base_url=server.url, max_retries=0)
        assert type(client.search.search(q="x")).__name__ == expected
        raw = client.search.with_raw_response.search(q="x")
        assert type(raw.parse()).__name__ == expected


def test_verify_proves_every_success_status() -> None:
    result = verify_spec(DATA, "openapi.json", workers=1).result
    assert result.line() == "contract: finder 1/1 operations", [f.line() for f in result.failures]
