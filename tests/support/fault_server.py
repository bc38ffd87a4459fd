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
from typing import Any, Literal, TypeAlias
from urllib.parse import parse_qs

from generator.verify.server import Connection, LoopbackServer, Received

__all__ = ["FaultServer", "FormPart", "RecordedRequest", "Reply", "Responder"]

Fault: TypeAlias = Literal["reset", "truncate"]


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


class FaultServer(LoopbackServer):
    """Owns one listening socket and a thread per connection; use it as a context manager.

    ``fallback`` (settable at any time) answers every request once the script is used up; set
    it to a fault to make every attempt fail, e.g. ``server.fallback = Reply.json({}, status=429)``.
    ``requests`` and ``count`` are thread-safe snapshots of what has arrived so far.
    """

    def __init__(self, fallback: Responder = _unscripted) -> None:
        super().__init__(name="FaultServer")
        self.fallback = fallback
        self._script: deque[Responder] = deque()
        self._requests: list[RecordedRequest] = []
        self._stopping = threading.Event()

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

    def stop(self) -> None:
        """Wake delayed replies first, then stop as every loopback server does."""
        self._stopping.set()
        super().stop()

    def serve(self, connection: Connection, received: Received) -> None:
        recorded = RecordedRequest(
            received.method, received.target, received.headers, received.body
        )
        with self._lock:
            self._requests.append(recorded)
            responder = self._script.popleft() if self._script else self.fallback
        reply = responder if isinstance(responder, Reply) else responder(recorded)
        _Answer(connection, self._stopping).write(reply)


@dataclass(frozen=True)
class _Answer:
    """Writes one scripted reply, faults included, on a connection."""

    connection: Connection
    stopping: threading.Event

    def write(self, reply: Reply) -> None:
        if reply.delay and self.stopping.wait(reply.delay):
            self.connection.close_connection = True
            return
        if reply.pieces is not None:
            self._streamed(reply)
            return
        declared = len(reply.body) + (100 if reply.fault == "truncate" else 0)
        if reply.fault == "reset":
            declared = max(declared, 2 * len(reply.body) + 1)
        head = Connection.head(reply.status, reply.headers, declared)
        wfile = self.connection.wfile
        if reply.head_interval:
            if self._trickle(head, reply.head_interval):
                wfile.write(reply.body)
            return
        if reply.fault == "reset":
            wfile.write(head + reply.body[: len(reply.body) // 2])
            # Linger 0 makes close() send RST instead of FIN: an abrupt reset, not a clean end.
            sock = self.connection.connection
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()
            self.connection.close_connection = True
            return
        wfile.write(head + reply.body)
        if reply.fault == "truncate":
            self.connection.close_connection = True

    def _streamed(self, reply: Reply) -> None:
        """Chunked transfer encoding, pausing before each piece; stops when the client leaves
        or the server stops."""
        assert reply.pieces is not None
        wfile = self.connection.wfile
        headers = {"Transfer-Encoding": "chunked", **reply.headers}
        wfile.write(Connection.head(reply.status, headers, None))
        for piece in reply.pieces():
            pause = piece if isinstance(piece, float | int) else reply.interval
            if self.stopping.wait(pause) if pause else self.stopping.is_set():
                break
            if isinstance(piece, bytes) and piece:
                wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                wfile.flush()
        else:
            wfile.write(b"0\r\n\r\n")
            return
        self.connection.close_connection = True

    def _trickle(self, data: bytes, interval: float) -> bool:
        """Send ``data`` a byte at a time; False if the server stopped first."""
        wfile = self.connection.wfile
        for index in range(len(data)):
            if self.stopping.wait(interval):
                self.connection.close_connection = True
                return False
            wfile.write(data[index : index + 1])
            wfile.flush()
        return True
