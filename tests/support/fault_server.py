"""A scriptable HTTP/1.1 server on 127.0.0.1 for testing clients against real sockets and faults.

Each test scripts the replies it wants, in order, and afterwards inspects every request the
server saw exactly as it arrived (method, raw request target, headers, body)::

    with FaultServer() as server:
        server.enqueue(
            Reply.json({"error": "busy"}, status=503, headers={"Retry-After": "1"}),
            Reply.json({"id": "w1"}),
        )
        client = MyClient(base_url=server.url)
        client.widgets.get("w1")
        assert server.count == 2
        assert server.requests[0].raw_path == "/v1/widgets/w1"

Faults a reply can inject: a ``delay`` before answering (longer than the client's timeout gives
a read timeout), ``fault="reset"`` (headers and part of the body, then a TCP reset) and
``fault="truncate"`` (a Content-Length larger than the body, then a clean close). Hostile
servers are scripted with ``Reply.streamed`` (a body produced piece by piece, with chunked
transfer encoding and a pause before each piece: slow drips and endless bodies) and
``head_interval`` (the status line and headers sent one byte at a time). A reply may also be a
function of the recorded request, for replies that depend on what was asked. Requests beyond
the script get ``fallback`` (by default a 418 naming the unscripted request, so a test that
sends more than it planned fails loudly).
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import json
import socket
import struct
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.message import MIMEPart
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal, TypeAlias
from urllib.parse import parse_qs

__all__ = ["FaultServer", "FormPart", "RecordedRequest", "Reply", "Responder"]

Fault: TypeAlias = Literal["reset", "truncate"]
_POLL_INTERVAL = 0.02  # how quickly stop() takes effect; the stdlib default of 0.5 s adds up


@dataclass(frozen=True)
class Reply:
    """One scripted answer."""

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    fault: Fault | None = None
    # A body sent piece by piece (chunked), ``interval`` seconds before each piece; a number
    # among the pieces is a pause of that many seconds.
    pieces: Callable[[], Iterable[bytes | float]] | None = None
    interval: float = 0.0
    head_interval: float = 0.0  # seconds between the bytes of the status line and headers

    @classmethod
    def streamed(
        cls,
        pieces: Callable[[], Iterable[bytes | float]],
        *,
        interval: float = 0.0,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> Reply:
        """A reply whose body is ``pieces()``, one chunk at a time, ``interval`` s apart."""
        return cls(status, dict(headers or {}), pieces=pieces, interval=interval)

    @classmethod
    def json(
        cls,
        data: object,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        delay: float = 0.0,
        fault: Fault | None = None,
    ) -> Reply:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        return cls(status, all_headers, json.dumps(data).encode(), delay, fault)

    @classmethod
    def text(
        cls, text: str, *, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> Reply:
        all_headers = {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}
        return cls(status, all_headers, text.encode(), 0.0, None)


@dataclass(frozen=True)
class FormPart:
    """One part of a multipart/form-data body, as the server decoded it."""

    name: str | None
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    raw_path: str  # the request target exactly as sent on the wire, query included
    headers: Mapping[str, str]  # names lower-cased
    body: bytes

    @property
    def path(self) -> str:
        """The raw (still percent-encoded) path, without the query."""
        return self.raw_path.partition("?")[0]

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(self.raw_path.partition("?")[2], keep_blank_values=True)

    def json(self) -> Any:
        return json.loads(self.body)

    def form_parts(self) -> list[FormPart]:
        """Decode a multipart/form-data body with the stdlib MIME parser (not the client's)."""
        head = f"Content-Type: {self.headers.get('content-type', '')}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + self.body)
        if not message.is_multipart():
            raise ValueError(f"Not a multipart body: {self.headers.get('content-type')!r}")
        return [_form_part(part) for part in message.iter_parts()]


def _form_part(part: MIMEPart) -> FormPart:
    name = part.get_param("name", header="content-disposition")
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        raise ValueError(f"Multipart part {name!r} has no decodable payload")
    return FormPart(
        name=name if isinstance(name, str) else None,
        filename=part.get_filename(),
        content_type=part.get("content-type"),
        data=data,
    )


Responder: TypeAlias = Reply | Callable[[RecordedRequest], Reply]


def _unscripted(request: RecordedRequest) -> Reply:
    return Reply.text(
        f"FaultServer: no reply scripted for {request.method} {request.raw_path}", status=418
    )


class FaultServer:
    """Owns one listening socket and a thread per connection; use it as a context manager.

    ``fallback`` (settable at any time) answers every request once the script is used up; set
    it to a fault to make every attempt fail, e.g. ``server.fallback = Reply.json({}, status=429)``.
    ``requests`` and ``count`` are thread-safe snapshots of what has arrived so far.
    """

    def __init__(self, fallback: Responder = _unscripted) -> None:
        self.fallback = fallback
        self._script: deque[Responder] = deque()
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler, self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            args=(_POLL_INTERVAL,),
            name="FaultServer",
            daemon=True,
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def enqueue(self, *replies: Responder) -> None:
        """Answer the next requests with these, in order."""
        with self._lock:
            self._script.extend(replies)

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._requests)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop accepting, wake delayed replies and drop open connections, then wait."""
        self._stopping.set()
        self._httpd.shutdown()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client or a fault
                connection.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _record(self, request: RecordedRequest) -> Reply:
        with self._lock:
            self._requests.append(request)
            responder = self._script.popleft() if self._script else self.fallback
        return responder if isinstance(responder, Reply) else responder(request)

    def _track(self, connection: socket.socket, *, open_: bool) -> None:
        with self._lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], handler: type[_Handler], owner: FaultServer
    ) -> None:
        self.owner = owner
        super().__init__(address, handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up mid-reply is the point of many tests; stay quiet about it."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.owner._track(self.connection, open_=True)

    def finish(self) -> None:
        self.server.owner._track(self.connection, open_=False)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean; every request is recorded instead."""

    def handle_one_request(self) -> None:
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline or not self.parse_request():
                self.close_connection = True
                return
            headers: dict[str, str] = {}
            for name, value in self.headers.items():
                key = name.lower()
                headers[key] = f"{headers[key]}, {value}" if key in headers else value
            recorded = RecordedRequest(self.command, self.path, headers, self._read_body(headers))
            self._answer(self.server.owner._record(recorded))
        except OSError:
            self.close_connection = True  # the client went away; nothing left to answer

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

    def _answer(self, reply: Reply) -> None:
        stopping = self.server.owner._stopping
        if reply.delay and stopping.wait(reply.delay):
            self.close_connection = True
            return
        if reply.pieces is not None:
            self._answer_streamed(reply)
            return
        declared = len(reply.body) + (100 if reply.fault == "truncate" else 0)
        if reply.fault == "reset":
            declared = max(declared, 2 * len(reply.body) + 1)
        lines = [f"HTTP/1.1 {reply.status} {_phrase(reply.status)}"]
        lines += [f"{name}: {value}" for name, value in reply.headers.items()]
        if not any(name.lower() == "content-length" for name in reply.headers):
            lines.append(f"Content-Length: {declared}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if reply.head_interval:
            if self._trickle(head, reply.head_interval):
                self.wfile.write(reply.body)
            return
        if reply.fault == "reset":
            self.wfile.write(head + reply.body[: len(reply.body) // 2])
            # Linger 0 makes close() send RST instead of FIN: an abrupt reset, not a clean end.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        self.wfile.write(head + reply.body)
        if reply.fault == "truncate":
            self.close_connection = True

    def _answer_streamed(self, reply: Reply) -> None:
        """Chunked transfer encoding, pausing before each piece; stops when the client leaves
        or the server stops."""
        assert reply.pieces is not None
        stopping = self.server.owner._stopping
        lines = [f"HTTP/1.1 {reply.status} {_phrase(reply.status)}", "Transfer-Encoding: chunked"]
        lines += [f"{name}: {value}" for name, value in reply.headers.items()]
        self.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        for piece in reply.pieces():
            pause = piece if isinstance(piece, float | int) else reply.interval
            if stopping.wait(pause) if pause else stopping.is_set():
                break
            if isinstance(piece, bytes) and piece:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.flush()
        else:
            self.wfile.write(b"0\r\n\r\n")
            return
        self.close_connection = True

    def _trickle(self, data: bytes, interval: float) -> bool:
        """Send ``data`` a byte at a time; False if the server stopped first."""
        for index in range(len(data)):
            if self.server.owner._stopping.wait(interval):
                self.close_connection = True
                return False
            self.wfile.write(data[index : index + 1])
            self.wfile.flush()
        return True


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
