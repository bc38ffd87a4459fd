"""A plain HTTP/1.1 server on 127.0.0.1 that hands every request to one function.

The mock API (`mock.py`) decides every answer; this module only speaks HTTP: it reads the
request exactly as it arrived (method, raw target, headers, body, chunked or not) and writes the
reply. Standard library only, one thread per connection, bound to loopback so nothing outside
the machine can reach it. The test suite's fault server is built on the same plumbing.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

_POLL_INTERVAL = 0.02  # how quickly stop() takes effect; the stdlib default of 0.5 s adds up
_MAX_LINE = 65537  # the standard library's bounds on a request line or header line
_MAX_HEADERS = 100


@dataclass(frozen=True)
class Received:
    """A request as the server read it off the socket."""

    method: str
    target: str  # the raw request target: percent-encoded path and query
    headers: Mapping[str, str]  # names lower-cased; repeated headers joined with ", "
    body: bytes


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


Handler = Callable[[Received], Reply]


class LoopbackServer:
    """An HTTP/1.1 server on an ephemeral loopback port; use it as a context manager.

    `serve` answers each request. This class is the plumbing every server of ours shares (the
    test suite's fault server subclasses it to write delays, trickles and resets);
    `ReplyingServer` answers with a handler's `Reply`.
    """

    def __init__(self, name: str = "LoopbackServer") -> None:
        self._httpd = _HTTPServer(("127.0.0.1", 0), Connection, self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(_POLL_INTERVAL,), name=name, daemon=True
        )
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def serve(self, connection: Connection, received: Received) -> None:
        """Answer `received` on `connection` (called on the connection's own thread)."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop accepting, drop open keep-alive connections, then wait for the thread."""
        self._httpd.shutdown()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _track(self, connection: socket.socket, *, open_: bool) -> None:
        with self._lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)


class ReplyingServer(LoopbackServer):
    """Answers every request with what `handler` returns (the mock API's server)."""

    def __init__(self, handler: Handler) -> None:
        super().__init__()
        self.handler = handler

    def serve(self, connection: Connection, received: Received) -> None:
        connection.reply(self.handler(received), head=received.method == "HEAD")


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], handler: type[Connection], owner: LoopbackServer
    ) -> None:
        self.owner = owner
        super().__init__(address, handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client hanging up is not the server's problem; every request is judged elsewhere."""


class Connection(BaseHTTPRequestHandler):
    """One client connection: reads each request exactly as it arrived, then hands it to the
    server's `serve`, which writes the answer (with `reply`, or byte by byte on `wfile`)."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # a reply goes out whole, at once, on a kept-open connection
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.owner._track(self.connection, open_=True)

    def finish(self) -> None:
        self.server.owner._track(self.connection, open_=False)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the servers record every request themselves."""

    def handle_one_request(self) -> None:
        try:
            self.raw_requestline = self.rfile.readline(_MAX_LINE)
            head = self._read_head() if self.raw_requestline else None
            if head is None:
                self.close_connection = True
                return
            method, target, headers = head
            received = Received(method, target, headers, self._read_body(headers))
            self.server.owner.serve(self, received)
        except OSError:
            self.close_connection = True  # the client went away; nothing left to answer

    def _read_head(self) -> tuple[str, str, dict[str, str]] | None:
        """The request line and headers (names lower-cased, repeats joined with ", "), or None
        after answering a request that is not HTTP/1.x with 400.

        Read line by line here: the standard library parses headers with `email.parser`, which
        costs more than the rest of a loopback request's reading and writing together.
        """
        self.requestline = self.raw_requestline.decode("latin-1").rstrip("\r\n")
        words = self.requestline.split()
        # what send_error reads: with no version, the stdlib's answer has no status line either
        self.command, self.request_version = "", words[2] if len(words) == 3 else "HTTP/0.9"
        if len(words) != 3 or words[2] not in ("HTTP/1.0", "HTTP/1.1"):
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request line")
            return None
        self.command, self.path, self.request_version = words
        headers: dict[str, str] = {}
        while (line := self.rfile.readline(_MAX_LINE)) not in (b"\r\n", b"\n", b""):
            name, colon, value = line.decode("latin-1").partition(":")
            if not colon or len(headers) > _MAX_HEADERS:
                self.send_error(HTTPStatus.BAD_REQUEST, "Bad header line")
                return None
            key, value = name.strip().lower(), value.strip()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        tokens = {token.strip() for token in headers.get("connection", "").lower().split(",")}
        keep_alive = self.request_version == "HTTP/1.1" or "keep-alive" in tokens
        self.close_connection = "close" in tokens or not keep_alive
        return self.command, self.path, headers

    def reply(self, reply: Reply, *, head: bool = False) -> None:
        """Write `reply` whole, with its Content-Length (no body after a HEAD)."""
        head_bytes = self.head(reply.status, reply.headers, len(reply.body))
        self.wfile.write(head_bytes if head else head_bytes + reply.body)

    @staticmethod
    def head(status: int, headers: Mapping[str, str], length: int | None) -> bytes:
        """The status line and headers; a Content-Length of `length` unless `headers` has
        one or `length` is None (a chunked body)."""
        lines = [f"HTTP/1.1 {status} {_phrase(status)}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if length is not None and not any(n.lower() == "content-length" for n in headers):
            lines.append(f"Content-Length: {length}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _read_body(self, headers: Mapping[str, str]) -> bytes:
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0], 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return b"".join(chunks)
        return self.rfile.read(int(headers.get("content-length", "0")))


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
