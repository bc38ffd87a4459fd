"""A spec-driven mock of any API on loopback: it routes, validates, records and answers.

Given a normalized OpenAPI document it serves every operation over real HTTP (the sockets and
threads of `tests.support.fault_server.FaultServer`). Each request is routed and validated with
openapi-core (`validation.py`); a request that breaks the contract is answered with a 400 whose
body lists the violations, and the violations are recorded so the test can fail with the
validator's own message. A conformant request is answered with a reply that is valid for the
spec: the response's examples when it has valid ones, otherwise a value built from the schema
(`values.py`). Every reply is itself validated before it is sent, so a client is never judged
against a reply the spec does not allow.

Tests choose the status and reply to answer with (`respond_with`: by default the success status
and the spec's first example) and read what happened (`exchanges`).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import json
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator import jsonpointer
from tests.support.fault_server import FaultServer, RecordedRequest, Reply

from .schemas import SchemaChecker, resolve
from .validation import ContractValidator, Route
from .values import NoValidValue, ValueFactory
from .wire import WireRequest

VIOLATION_STATUS = 400
GENERATED = "generated"  # the name of the reply built from the schema (examples keep theirs)
_BINARY_BODY = b"\x00\x01\x02binary body\xff\xfe"
_GENERIC_BINARY = {
    "*/*": "application/octet-stream",
    "audio/*": "audio/mpeg",
    "image/*": "image/png",
    "video/*": "video/mp4",
}


class SpecExampleWarning(UserWarning):
    """A response example in the spec is invalid for its own schema (so it is not used)."""


@dataclass(frozen=True)
class Canned:
    """One reply the spec allows for an operation and status."""

    name: str  # the example's name, or "generated"
    status: int
    media_type: str | None
    body: bytes
    data: Any  # the decoded JSON body (None when empty or binary)
    headers: Mapping[str, str] = field(default_factory=dict)

    def reply(self) -> Reply:
        headers = dict(self.headers)
        if self.media_type is not None:
            headers["Content-Type"] = self.media_type
        return Reply(self.status, headers, self.body)


@dataclass(frozen=True)
class Exchange:
    """One request as the server saw it, what the validator said, and what was answered."""

    request: WireRequest
    route: Route | None
    violations: tuple[str, ...]
    reply: Canned | None
    reply_violations: tuple[str, ...] = ()  # the mock's own reply broke the spec: a suite bug


class SpecMockServer:
    """Serves one spec at `url` (the mock's address plus the API's base path)."""

    def __init__(self, normalized: dict[str, Any], base_path: str = "") -> None:
        self._server = FaultServer(fallback=self._respond)
        self.url = self._server.url + base_path.rstrip("/")
        self.validator = ContractValidator(normalized, self.url)
        self.document = self.validator.document
        self._checker = SchemaChecker(self.document)
        self._lock = threading.Lock()
        self._exchanges: list[Exchange] = []
        self._status: int | None = None
        self._canned_name: str | None = None
        self._transform: Callable[[Any], Any] | None = None
        self._cache: dict[tuple[str, int], tuple[Canned, ...]] = {}

    def __enter__(self) -> SpecMockServer:
        self._server.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.stop()

    # -- what tests use --------------------------------------------------------------------

    @property
    def exchanges(self) -> list[Exchange]:
        with self._lock:
            return list(self._exchanges)

    def clear(self) -> None:
        with self._lock:
            self._exchanges.clear()

    @contextlib.contextmanager
    def respond_with(
        self,
        status: int | None = None,
        canned: str | None = None,
        transform: Callable[[Any], Any] | None = None,
    ) -> Iterator[None]:
        """Choose how conformant requests are answered while the block runs.

        `status` defaults to the operation's success status, `canned` (a reply's name) to its
        first reply; `transform` adapts that reply's data. The result is validated like every
        reply, so a test cannot make the mock say what the spec does not allow.
        """
        with self._lock:
            self._status, self._canned_name, self._transform = status, canned, transform
        try:
            yield
        finally:
            with self._lock:
                self._status, self._canned_name, self._transform = None, None, None

    def success_status(self, route: Route) -> int:
        """The 2xx the spec documents (the first with a body, as clients expect)."""
        responses = self.validator.operation(route).get("responses") or {}
        successes = sorted(s for s in map(str, responses) if s.startswith("2") and s.isdigit())
        with_body = [s for s in successes if self._content(responses[s])]
        chosen = (with_body or successes or ["200"])[0]
        return int(chosen)

    def canned(self, route: Route, status: int) -> tuple[Canned, ...]:
        """Every reply the mock can give for `route` and `status`, examples first."""
        key = (route.key, status)
        if key not in self._cache:
            self._cache[key] = self._build_canned(route, status)
        return self._cache[key]

    # -- serving ---------------------------------------------------------------------------

    def _respond(self, recorded: RecordedRequest) -> Reply:
        request = WireRequest(
            recorded.method, recorded.raw_path, dict(recorded.headers), recorded.body
        )
        route = self.validator.route(request)
        if isinstance(route, str):
            return self._reject(request, None, [route])
        try:
            violations = self.validator.request_errors(request, route)
        except Exception as error:  # a validator crash must fail the test, not hang the client
            violations = [f"validator error: {type(error).__name__}: {error}"]
        if violations:
            return self._reject(request, route, violations)
        with self._lock:
            status, wanted, transform = self._status, self._canned_name, self._transform
        status = status or self.success_status(route)
        options = self.canned(route, status)
        chosen = next((c for c in options if c.name == wanted), options[0])
        if transform is not None and chosen.data is not None:
            data = transform(copy.deepcopy(chosen.data))
            chosen = dataclasses.replace(
                chosen, name=f"{chosen.name}+", data=data, body=_encode(data)
            )
        reply = chosen.reply()
        reply_violations = self.validator.response_errors(
            request,
            route,
            reply.status,
            {k.lower(): v for k, v in reply.headers.items()},
            reply.body,
        )
        self._record(Exchange(request, route, (), chosen, tuple(reply_violations)))
        return reply

    def _reject(self, request: WireRequest, route: Route | None, violations: list[str]) -> Reply:
        self._record(Exchange(request, route, tuple(violations), None))
        return Reply.json({"contractViolations": violations}, status=VIOLATION_STATUS)

    def _record(self, exchange: Exchange) -> None:
        with self._lock:
            self._exchanges.append(exchange)

    # -- replies ---------------------------------------------------------------------------

    def _content(self, response: Any) -> dict[str, Any]:
        if isinstance(response, dict) and "$ref" in response:
            response = resolve(self.document, response["$ref"])
        return (response or {}).get("content") or {} if isinstance(response, dict) else {}

    def _build_canned(self, route: Route, status: int) -> tuple[Canned, ...]:
        responses = self.validator.operation(route).get("responses") or {}
        label = next(
            (s for s in (str(status), f"{status // 100}XX", "default") if s in responses), None
        )
        if label is None:
            raise LookupError(f"{route.key} documents no {status} response")
        response = responses[label]
        if "$ref" in response:
            response = resolve(self.document, response["$ref"])
        headers = self._headers(response)
        content = response.get("content") or {}
        if not content:
            return (Canned("empty", status, None, b"", None, headers),)
        media = next((m for m in content if _is_json(m)), next(iter(content)))
        if not _is_json(media):
            concrete = _GENERIC_BINARY.get(media, media)
            return (Canned("binary", status, concrete, _BINARY_BODY, None, headers),)
        media_object = content[media]
        where = jsonpointer.join(
            "", "paths", route.template, route.method, "responses", label, "content", media
        )
        schema = media_object.get("schema", {})
        canned = []
        for name, example in self._examples(media_object):
            errors = self._checker.errors(schema, example)
            if errors:  # the spec contradicts itself; answer with what it allows instead
                message = f"{where} example {name!r} breaks its own schema: {errors[0]}"
                warnings.warn(SpecExampleWarning(message), stacklevel=1)
                continue
            canned.append(Canned(name, status, media, _encode(example), example, headers))
        # Always also a value with every property the schema allows: examples are often partial,
        # and a client must read every declared field, not only the ones an example shows.
        factory = ValueFactory(self._checker, mode="full", direction="response")
        try:
            value = factory.value(schema, _hint(route))
        except NoValidValue as error:
            raise NoValidValue(f"{route.key} {status}: {error}") from None
        canned.append(Canned(GENERATED, status, media, _encode(value), value, headers))
        return tuple(canned)

    def _examples(self, media_object: dict[str, Any]) -> list[tuple[str, Any]]:
        if "example" in media_object:
            return [("example", media_object["example"])]
        found = []
        for name, example in (media_object.get("examples") or {}).items():
            if isinstance(example, dict) and "$ref" in example:
                example = resolve(self.document, example["$ref"])
            if isinstance(example, dict) and "value" in example:
                found.append((str(name), example["value"]))
        return found

    def _headers(self, response: dict[str, Any]) -> dict[str, str]:
        """Values for the response headers the spec requires."""
        headers = {}
        factory = ValueFactory(self._checker, mode="minimal", direction="response")
        for name, header in (response.get("headers") or {}).items():
            if isinstance(header, dict) and "$ref" in header:
                header = resolve(self.document, header["$ref"])
            if (
                isinstance(header, dict)
                and header.get("required")
                and name.lower() != "content-type"
            ):
                value = factory.value(header.get("schema", {}), name)
                headers[name] = value if isinstance(value, str) else json.dumps(value)
        return headers


def _encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def _is_json(media: str) -> bool:
    base = media.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _hint(route: Route) -> str:
    return route.template.rstrip("/").rsplit("/", 1)[-1].strip("{}") or "value"
