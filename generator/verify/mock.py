"""A spec-driven mock of any API on loopback: it routes, validates, records and answers.

Given a normalized OpenAPI document it serves every operation over real HTTP (`server.py`). Each
request is routed and validated (`validation.py`); a request that breaks the contract is answered
with a 400 whose body lists the violations, and the violations are recorded so the check fails
with the validator's own message. A conformant request is answered with a reply that is valid
for the spec (`replies.py`), itself validated before it is sent, so a client is never judged
against a reply the spec does not allow.

The harness chooses the status and reply to answer with (`respond_with`: by default the success
status and the spec's first example) and reads what happened (`exchanges`).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .document import ValidationDocument, prepared_document, served
from .errors import SPEC_BLAME, NoValueAtAll, no_reply
from .replies import GENERATED, Canned, ReplyBook, encode_json
from .routing import Route
from .schemas import Violation
from .server import Received, Reply, ReplyingServer
from .validation import ContractValidator
from .wire import WireRequest, decoded_content

__all__ = ["GENERATED", "Canned", "Exchange", "SpecMockServer"]

VIOLATION_STATUS = 400
_REMEMBERED = 4096  # reply verdicts kept: a bound, not a tuning knob


@dataclass(frozen=True)
class Exchange:
    """One request as the server saw it, what the validator said, and what was answered."""

    request: WireRequest
    route: Route | None
    violations: tuple[Violation, ...]
    reply: Canned | None
    reply_violations: tuple[Violation, ...] = ()  # the mock's own reply broke the spec
    harness_error: str = ""  # the mock itself failed on this request
    blame: str = "a harness bug, not the client's"  # whose doing `harness_error` is


class SpecMockServer:
    """Serves one spec; `url` is the mock's address plus the API's base path."""

    def __init__(
        self,
        normalized: dict[str, Any],
        base_url: str,
        *,
        prepared: ValidationDocument | None = None,
    ) -> None:
        self._server = ReplyingServer(self._respond)
        self._prepared = prepared or prepared_document(normalized)
        self._normalized, self._base_url = normalized, base_url
        validation = served(self._prepared, self._server.url, base_url)
        self.validator = ContractValidator(validation, self._server.url)
        self.document = self.validator.document
        self.url = self.document["servers"][0]["url"]
        self.replies = ReplyBook(self.validator)
        self._lock = threading.Lock()
        self._exchanges: list[Exchange] = []
        self._status: int | None = None
        self._canned_name: str | None = None
        self._transform: Callable[[Any], Any] | None = None
        self._operation: str | None = None
        self._headers: dict[str, str | None] = {}
        self._judged_replies: dict[tuple[Any, ...], tuple[Violation, ...]] = {}
        self._judged_requests: dict[tuple[Any, ...], tuple[Route, tuple[Violation, ...]]] = {}
        self._generation = 0  # bumped by `clear`: a late request of an earlier call is not kept
        self._in_flight: dict[int, int] = {}  # generation -> requests being answered

    def another(self) -> SpecMockServer:
        """A mock of the same spec on a port of its own (not started), for a worker process:
        the document's costly preparation is shared, not repeated."""
        return SpecMockServer(self._normalized, self._base_url, prepared=self._prepared)

    def __enter__(self) -> SpecMockServer:
        self._server.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.stop()

    @property
    def exchanges(self) -> list[Exchange]:
        with self._lock:
            return list(self._exchanges)

    def clear(self) -> None:
        """Forget what was seen; requests still being answered for earlier calls are dropped."""
        with self._lock:
            self._exchanges.clear()
            self._generation += 1

    @property
    def answering(self) -> int:
        """Requests of the current call the mock has received and not answered yet."""
        with self._lock:
            return self._in_flight.get(self._generation, 0)

    @contextlib.contextmanager
    def respond_with(
        self,
        status: int | None = None,
        canned: str | None = None,
        transform: Callable[[Any], Any] | None = None,
        operation: str | None = None,
        headers: Mapping[str, str | None] | None = None,
    ) -> Iterator[None]:
        """Choose how conformant requests are answered while the block runs.

        `status` defaults to the operation's success status, `canned` (a reply's name) to its
        first reply; `transform` adapts that reply's data. The result is validated like every
        reply, so the harness cannot make the mock say what the spec does not allow.
        `operation` is the key of the operation being called: where several share a URL
        (`/pets#byTag`), the request is judged as that one first. `headers` are set on the reply
        (or, given as None, left out of it), whatever their case in the spec.
        """
        with self._lock:
            self._status, self._canned_name, self._transform = status, canned, transform
            self._operation, self._headers = operation, dict(headers or {})
        try:
            yield
        finally:
            with self._lock:
                self._status, self._canned_name, self._transform = None, None, None
                self._operation, self._headers = None, {}

    # -- serving ---------------------------------------------------------------------------

    def _respond(self, received: Received) -> Reply:
        """Answer one request on the server's thread. Whatever goes wrong in the mock is
        answered (500) and recorded as the harness's failure, never left to kill the thread
        and show the client a dropped connection."""
        body = decoded_content(received.headers, received.body)
        request = WireRequest(received.method, received.target, received.headers, body)
        with self._lock:
            generation = self._generation
            self._in_flight[generation] = self._in_flight.get(generation, 0) + 1
        try:
            return self._answer(request, generation)
        except Exception as error:
            failed = _failed(request, error)
            message = failed.harness_error
            self._record(failed, generation)
            return Reply(500, {"Content-Type": "text/plain"}, message.encode())
        finally:
            with self._lock:
                self._in_flight[generation] -= 1
                if not self._in_flight[generation]:
                    del self._in_flight[generation]

    def _answer(self, request: WireRequest, generation: int) -> Reply:
        found = self.validator.route(request)
        if isinstance(found, str):
            violations = [Violation("route", found, "/paths")]
            return self._reject(Exchange(request, None, tuple(violations), None), generation)
        route, violations = self._judge(request, found)
        if violations:
            return self._reject(Exchange(request, route, tuple(violations), None), generation)
        chosen = self._choose(route, request)
        reply = chosen.reply()
        exchange = Exchange(request, route, (), chosen, self._reply_violations(route, reply))
        self._record(exchange, generation)
        return reply

    def _reply_violations(self, route: Route, reply: Reply) -> tuple[Violation, ...]:
        """How a reply breaks the spec. A verdict depends on nothing but the operation and the
        reply's bytes, and the mock sends the same canned reply to many calls (sync and async,
        every path id): each distinct reply is validated once."""
        headers = {name.lower(): value for name, value in reply.headers.items()}
        key = (route.key, reply.status, tuple(sorted(headers.items())), reply.body)
        with self._lock:
            known = self._judged_replies.get(key)
        if known is None:
            found = self.validator.response_violations(route, reply.status, headers, reply.body)
            known = tuple(found)
            with self._lock:
                if len(self._judged_replies) >= _REMEMBERED:
                    self._judged_replies.clear()
                self._judged_replies[key] = known
        return known

    def _judge(self, request: WireRequest, found: Route) -> tuple[Route, list[Violation]]:
        """The operation the request is for, and how it breaks that operation's contract.

        A verdict depends on nothing but the operation asked for and the request's bytes (its
        route is read from its target), and a call's sync and async runs, and its runs against
        each documented error, send the same bytes: each distinct request is judged once."""
        with self._lock:
            wanted = self._operation
        headers = tuple(sorted(request.headers.items()))
        key = (wanted, request.method, request.target, headers, request.body)
        with self._lock:
            known = self._judged_requests.get(key)
        if known is None:
            routes = sorted(found.alternatives(), key=lambda route: route.key != wanted)
            judged = [(route, tuple(self._violations(request, route))) for route in routes]
            known = next(((r, v) for r, v in judged if not v), judged[0])
            with self._lock:
                if len(self._judged_requests) >= _REMEMBERED:
                    self._judged_requests.clear()
                self._judged_requests[key] = known
        return known[0], list(known[1])

    def _violations(self, request: WireRequest, route: Route) -> list[Violation]:
        try:
            return self.validator.request_violations(request, route)
        except Exception as error:  # a validator crash must fail the check, not hang the client
            message = f"validator error: {type(error).__name__}: {error}"[:400]
            return [Violation("request", message, self.validator.pointer(route))]

    def _choose(self, route: Route, request: WireRequest) -> Canned:
        with self._lock:
            status, wanted, transform = self._status, self._canned_name, self._transform
            headers = self._headers
        status = status or self.replies.success_status(route)
        options = self.replies.canned(route, status, request.headers.get("accept", ""))
        chosen = next((c for c in options if c.name == wanted), options[0])
        if transform is not None and chosen.data is not None:
            data = transform(copy.deepcopy(chosen.data))
            chosen = dataclasses.replace(
                chosen, name=f"{chosen.name}+", data=data, body=encode_json(data)
            )
        return _with_headers(chosen, headers) if headers else chosen

    def _reject(self, exchange: Exchange, generation: int) -> Reply:
        self._record(exchange, generation)
        body = json.dumps({"contractViolations": [str(v) for v in exchange.violations]})
        return Reply(VIOLATION_STATUS, {"Content-Type": "application/json"}, body.encode())

    def _record(self, exchange: Exchange, generation: int) -> None:
        with self._lock:
            if generation == self._generation:
                self._exchanges.append(exchange)


def _with_headers(canned: Canned, headers: Mapping[str, str | None]) -> Canned:
    """The reply with `headers` set, or left out where given as None."""
    replaced = {name.lower() for name in headers}
    kept = {name: value for name, value in canned.headers.items() if name.lower() not in replaced}
    kept.update({name: value for name, value in headers.items() if value is not None})
    return dataclasses.replace(canned, name=f"{canned.name}+", headers=kept)


def _failed(request: WireRequest, error: Exception) -> Exchange:
    """The exchange of a request the mock could not answer: a harness bug, unless the spec
    admits no reply there at all (which the generator warned about)."""
    if isinstance(error, NoValueAtAll):
        message = no_reply(error)[:400]
        return Exchange(request, None, (), None, harness_error=message, blame=SPEC_BLAME)
    message = f"the mock failed: {type(error).__name__}: {error}"[:400]
    return Exchange(request, None, (), None, harness_error=message)
