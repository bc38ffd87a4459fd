"""The fault server itself records and replies faithfully, so the runtime tests can trust it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.fault_server import FaultServer, RecordedRequest, Reply


def test_requests_beyond_the_script_get_a_loud_fallback(server: FaultServer) -> None:
    server.enqueue(Reply.text("scripted"))
    with httpx.Client(base_url=server.url) as http:
        assert http.get("/one").text == "scripted"
        second = http.get("/two?x=1")
    assert second.status_code == 418
    assert "no reply scripted for GET /two?x=1" in second.text
    assert [request.raw_path for request in server.requests] == ["/one", "/two?x=1"]


def test_a_chunked_request_body_is_recorded_whole(server: FaultServer) -> None:
    def body() -> Iterator[bytes]:
        yield b"first,"
        yield b"second"

    server.enqueue(Reply())
    with httpx.Client(base_url=server.url) as http:
        http.post("/upload", content=body())
    request = server.requests[0]
    assert request.headers["transfer-encoding"] == "chunked"
    assert request.body == b"first,second"


def test_a_reply_can_depend_on_the_request(server: FaultServer) -> None:
    def echo(request: RecordedRequest) -> Reply:
        return Reply.json({"method": request.method, "query": request.query})

    server.fallback = echo
    with httpx.Client(base_url=server.url) as http:
        assert http.delete("/x?a=1&a=2").json() == {"method": "DELETE", "query": {"a": ["1", "2"]}}


def test_a_reset_reply_aborts_the_connection(server: FaultServer) -> None:
    server.enqueue(Reply.json({"big": "x" * 10_000}, fault="reset"))
    with httpx.Client(base_url=server.url) as http, pytest.raises(httpx.ReadError):
        http.get("/")
