"""An in-process fake of the API for the tests of code that uses this package.

The fake is an ``httpx.MockTransport`` under a real client, so everything a call does (argument
handling, serialization, retries, error mapping, parsing) runs as in production, and only the
network is replaced. Every request is checked against the spec the package was generated from
(``_fake_spec.json``, shipped beside this module; see ``_testing_requests``): a call the real API
would reject fails the test with ``FakeRequestError``, naming the operation and what is wrong.
Every operation answers with the spec's example when it has a valid one, else with a value made
up from the schema (``_testing_replies``); ``FakeAPI.respond`` overrides the answer of one
operation (status, body, headers, a transport error, a delay), and ``FakeAPI.calls`` records
what was sent. An operation whose reply may be JSON or events has two methods, and each is an
operation here of its own name: a request that asks for events is its events method's.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import time
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx

from ._config import ClientSettings
from ._testing_replies import (
    as_last_page,
    body_response,
    deliver,
    events,
    example,
    json_lines,
    json_response,
    sent,
    waited,
)
from ._testing_requests import (
    SpecOperation,
    decoded_body,
    match_operation,
    request_problems,
    route_matches,
)

__all__ = ["Call", "FakeAPI", "FakeRequestError", "Reply", "attach_fake"]

_SPEC_FILE = "_fake_spec.json"


class FakeRequestError(AssertionError):
    """A request the spec does not allow; raised from the call, so the test fails there."""


@dataclass(frozen=True)
class Call:
    """One request the fake received (each retry is a call of its own)."""

    operation: str | None
    method: str
    path: str
    path_params: dict[str, str]
    query: dict[str, list[str]]
    headers: httpx.Headers
    body: Any
    content: bytes

    @property
    def json(self) -> Any:
        """The JSON body as sent (None when the body was not JSON)."""
        return self.body


@dataclass
class Reply:
    """How the fake answers one operation instead of its default (see ``FakeAPI.respond``)."""

    status: int | None = None
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    error: BaseException | type[BaseException] | None = None
    delay: float = 0.0
    times: int | None = None


class FakeAPI:
    """The fake server: the spec's operations, per-operation replies, and the calls received.

    ``strict`` (the default) also refuses JSON keys the spec does not declare, which is how a
    misspelt key is caught; pass ``strict=False`` when a test sends undocumented keys on purpose.
    """

    def __init__(self, *, strict: bool = True) -> None:
        spec = _load_spec()
        self.strict = strict
        self.calls: list[Call] = []
        self.waits: list[float] = []
        self._defs: Mapping[str, Any] = spec["defs"]
        self._operations = [SpecOperation.of(entry) for entry in spec["operations"]]
        self._replies: dict[str, list[Reply]] = {}

    @property
    def operations(self) -> list[str]:
        """Every operation the fake answers, as ``resource.method``; an operation whose reply may
        be JSON or events is named twice, once by each of its methods."""
        return [name for operation in self._operations for name in _names(operation)]

    def respond(
        self,
        operation: str,
        *,
        status: int | None = None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        error: BaseException | type[BaseException] | None = None,
        delay: float = 0.0,
        times: int | None = None,
    ) -> None:
        """Answer ``operation`` (``"personas.get"``, or ``"GET /v1/extra"`` for a path the spec
        does not have) with ``status``/``body``/``headers``, or raise the transport ``error``
        (``httpx.ConnectError``...), after ``delay`` seconds. ``times`` limits the reply to the
        next so many calls, after which the earlier reply (or the default) answers again.
        """
        if operation not in self.operations and " " not in operation:
            known = ", ".join(self.operations)
            raise ValueError(f"no operation {operation!r}; the spec has: {known}")
        reply = Reply(status, body, dict(headers or {}), error, delay, times)
        self._replies.setdefault(operation, []).append(reply)

    def calls_to(self, operation: str) -> list[Call]:
        """The calls of one operation, oldest first."""
        return [call for call in self.calls if call.operation == operation]

    def reset(self) -> None:
        """Forget the replies set and the calls received."""
        self.calls.clear()
        self.waits.clear()
        self._replies.clear()

    def handle(self, request: httpx.Request) -> httpx.Response:
        """The sync transport's handler."""
        reply, response = self._answer(request)
        if reply is not None and reply.delay:
            time.sleep(waited(reply.delay, request))
        return _delivered(reply, response, request)

    async def handle_async(self, request: httpx.Request) -> httpx.Response:
        """The async transport's handler."""
        reply, response = self._answer(request)
        if reply is not None and reply.delay:
            await anyio.sleep(waited(reply.delay, request))
        return _delivered(reply, response, request)

    def _answer(self, request: httpx.Request) -> tuple[Reply | None, httpx.Response]:
        path = urllib.parse.unquote(request.url.raw_path.decode("ascii").split("?")[0])
        operation, params = match_operation(self._operations, request.method, request.url.raw_path)
        key = _name_called(operation, request) if operation else None
        reply = self._reply(key or f"{request.method} {path}", request.method, path)
        body = decoded_body(request)
        query = {k: request.url.params.get_list(k) for k in request.url.params}
        self.calls.append(
            Call(key, request.method, path, params, query, request.headers, body, request.content)
        )
        if operation is not None:
            problems = request_problems(
                operation, request, params, body, self._defs, strict=self.strict
            )
            if problems:
                listed = "\n".join(f"  {problem}" for problem in problems)
                raise FakeRequestError(
                    f"{operation.method} {operation.path} ({operation.name}) does not match "
                    f"the spec:\n{listed}"
                )
        elif reply is None:
            raise FakeRequestError(
                f"{request.method} {path}: no operation of the spec has this method and path; "
                f'answer it with respond("{request.method} <path>", ...) if meant'
            )
        return reply, self._response(operation, reply, request)

    def _reply(self, key: str, method: str, path: str) -> Reply | None:
        for name in (key, *(k for k in self._replies if k.startswith(method + " "))):
            stack = self._replies.get(name)
            if not stack or (name != key and not route_matches(name, method, path)):
                continue
            reply = stack[-1]
            if reply.times is not None:
                reply.times -= 1
                if reply.times <= 0:
                    stack.pop()
            return reply
        return None

    def _response(
        self, operation: SpecOperation | None, reply: Reply | None, request: httpx.Request
    ) -> httpx.Response:
        status = reply.status if reply is not None and reply.status is not None else None
        if status is None:
            status = int(operation.spec["success"]) if operation is not None else 200
        declared = (operation.spec["responses"] if operation else {}).get(str(status))
        if declared is not None and "event_stream" in declared and _wants_events(request):
            declared = declared["event_stream"]
        headers = {"x-request-id": f"fake-{len(self.calls)}", **(reply.headers if reply else {})}
        if reply is not None and reply.body is not None:
            if declared is not None and declared.get("events") and isinstance(reply.body, list):
                return events(status, reply.body, headers, request)
            if declared is not None and declared.get("lines") and isinstance(reply.body, list):
                return json_lines(status, reply.body, headers, request)
            return body_response(status, reply.body, headers, request)
        if declared is None:
            if 200 <= status < 300:
                return sent(status, b"", headers, request)
            return json_response(status, {"message": f"{status} from the fake"}, headers, request)
        return self._declared(operation, declared, status, headers, request)

    def _declared(
        self,
        operation: SpecOperation | None,
        declared: Mapping[str, Any],
        status: int,
        headers: dict[str, str],
        request: httpx.Request,
    ) -> httpx.Response:
        """The body the spec declares for ``status``: its example, or one made from it."""
        media = declared.get("media")
        if media is None:
            return sent(status, b"", headers, request)
        named = declared.get("named_events")
        if named:  # one event of each name the spec lists, each with its own data
            values = [example(event, self._defs) for event in named]
            return events(status, values, headers, request, [event["name"] for event in named])
        if declared.get("events"):
            return events(status, [example(declared, self._defs)], headers, request)
        if declared.get("lines"):
            return json_lines(status, [example(declared, self._defs)], headers, request)
        if not declared.get("json"):
            return sent(status, b"fake content", {**headers, "content-type": media}, request)
        paging = operation.spec.get("pagination") if operation is not None else None
        value = example(declared, self._defs, (paging.get("items_field") or []) if paging else None)
        if paging:
            value = as_last_page(value, paging, request)
        return json_response(status, value, headers, request)


def _names(operation: SpecOperation) -> list[str]:
    twin: str | None = operation.spec.get("events_method")
    return [operation.name] if twin is None else [operation.name, twin]


def _name_called(operation: SpecOperation, request: httpx.Request) -> str:
    """The method a request came from: an events twin asks for events, its sibling for JSON."""
    twin: str | None = operation.spec.get("events_method")
    return twin if twin is not None and _wants_events(request) else operation.name


def _wants_events(request: httpx.Request) -> bool:
    """Whether the request accepts server-sent events and not JSON, as an operation's events
    twin asks for its reply."""
    accept = request.headers.get("accept", "").lower()
    return "text/event-stream" in accept and "json" not in accept


def _delivered(
    reply: Reply | None, response: httpx.Response, request: httpx.Request
) -> httpx.Response:
    if reply is None:
        return response
    return deliver(response, request, delay=reply.delay, error=reply.error)


@functools.cache
def _load_spec() -> dict[str, Any]:
    text = importlib.resources.files(__package__).joinpath(_SPEC_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


class _FakeHttpClient(httpx.Client):
    """An httpx client whose transport is a fake; ``with_options`` copies share its fake."""

    def __init__(self, fake: FakeAPI) -> None:
        super().__init__(transport=httpx.MockTransport(fake.handle))
        self.fake = fake


class _AsyncFakeHttpClient(httpx.AsyncClient):
    def __init__(self, fake: FakeAPI) -> None:
        super().__init__(transport=httpx.MockTransport(fake.handle_async))
        self.fake = fake


def attach_fake(
    options: dict[str, Any],
    fake: FakeAPI | None,
    *,
    strict: bool,
    asynchronous: bool,
    settings: ClientSettings,
) -> FakeAPI:
    """Put a fake transport into a client's constructor ``options`` and return its fake.

    A client made by ``with_options`` passes the fake's own httpx client back in, and keeps its
    fake; every credential its schemes take and the caller left out is set (an API key, a
    basic username and password), so the client never looks for one in the environment, and a
    base URL when the spec names no server, since nothing is sent anyway.
    """
    given = options.get("http_client")
    if isinstance(given, _FakeHttpClient | _AsyncFakeHttpClient):
        return given.fake
    if given is not None:
        raise TypeError("a fake client makes its own http_client; do not pass one")
    fake = fake or FakeAPI(strict=strict)
    options["http_client"] = _AsyncFakeHttpClient(fake) if asynchronous else _FakeHttpClient(fake)
    credentials = dict(options.get("credentials") or {})
    for name in settings.credential_names:
        if credentials.get(name) is None and (name != "api_key" or options.get(name) is None):
            credentials[name] = "fake-" + name.replace("_", "-")
    options["credentials"] = credentials
    if options.get("base_url") is None and not settings.default_base_url:
        options["base_url"] = "https://fake.invalid"
    return fake
