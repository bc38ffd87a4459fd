"""The mock's HTTP server reads each request exactly as it arrived, over a real socket: the raw
target, every header (names lower-cased, repeats joined), the body whole or chunked; it keeps
an HTTP/1.1 connection open, closes one that asks to be closed, and refuses what is not HTTP/1.x.
"""

from __future__ import annotations

import socket

from generator.verify.server import Received, Reply, ReplyingServer


def _exchange(server: ReplyingServer, *requests: bytes) -> bytes:
    """Send `requests` on one connection; everything the server wrote until it hung up."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(b"".join(requests))
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def test_each_request_is_read_as_it_arrived_on_one_kept_open_connection() -> None:
    seen: list[Received] = []

    def answer(received: Received) -> Reply:
        seen.append(received)
        return Reply(200, {"Content-Type": "text/plain"}, b"ok")

    first = (
        b"POST /a%2Fb/..?q=1+2&q=%20 HTTP/1.1\r\nHost: x\r\nX-Tag: one\r\n"
        b"x-tag: two\r\nContent-Type:  text/plain \r\nContent-Length: 5\r\n\r\nhello"
    )
    second = (
        b"PUT //twice HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"3\r\nabc\r\n2;note=1\r\nde\r\n0\r\nTrailer: t\r\n\r\n"
    )
    last = b"GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    with ReplyingServer(answer) as server:
        written = _exchange(server, first, second, last)
    assert written.count(b"HTTP/1.1 200 OK\r\n") == 3
    assert [(r.method, r.target, r.body) for r in seen] == [
        ("POST", "/a%2Fb/..?q=1+2&q=%20", b"hello"),
        ("PUT", "//twice", b"abcde"),
        ("GET", "/last", b""),
    ]
    assert seen[0].headers == {
        "host": "x",
        "x-tag": "one, two",
        "content-type": "text/plain",
        "content-length": "5",
    }


def test_an_http_1_0_request_is_answered_then_the_connection_closed() -> None:
    with ReplyingServer(lambda received: Reply(204)) as server:
        written = _exchange(server, b"GET /a HTTP/1.0\r\n\r\n", b"GET /b HTTP/1.1\r\n\r\n")
    assert written.count(b"HTTP/1.1 204 No Content\r\n") == 1


def test_what_is_not_http_1_is_refused_with_400_and_never_served() -> None:
    served: list[Received] = []

    def answer(received: Received) -> Reply:
        served.append(received)
        return Reply(200)

    refused = [b"GET /a HTTP/2.0\r\n\r\n", b"GET /a HTTP/1.1\r\nno colon\r\n\r\n"]
    for request in refused:
        with ReplyingServer(answer) as server:
            assert _exchange(server, request).startswith(b"HTTP/1.1 400 ")
    with ReplyingServer(answer) as server:  # no version: answered as HTTP/0.9, a bare body
        assert b"Error code: 400" in _exchange(server, b"GET\r\n\r\n")
    assert served == []
