"""An in-process fake of the API for the tests of code that uses this package.

The fake is an ``httpx.MockTransport`` under a real client, so everything a call does (argument
handling, serialization, retries, error mapping, parsing) runs as in production, and only the
network is replaced. Every request is checked against the spec the package was generated from
(``_fake_spec.json``, shipped beside this module): a call the real API would reject fails the
test with ``FakeRequestError``, naming the operation and what is wrong. Every operation answers
with the spec's example when it has a valid one, else with a value made up from the schema;
``FakeAPI.respond`` overrides the answer of one operation (status, body, headers, a transport
error, a delay), and ``FakeAPI.calls`` records what was sent.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
import time
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx
import pydantic

from ._testing_schema import Problem, sample, validate

__all__ = ["Call", "FakeAPI", "FakeRequestError", "Reply", "attach_fake"]

_SPEC_FILE = "_fake_spec.json"
_MULTIPART_NAME = re.compile(rb'Content-Disposition:[^\r\n]*\bname="([^"]*)"', re.IGNORECASE)


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


@dataclass(frozen=True)
class _Operation:
    name: str
    method: str
    path: str
    pattern: re.Pattern[str]
    spec: Mapping[str, Any]


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
        self._operations = [_operation(entry) for entry in spec["operations"]]
        self._replies: dict[str, list[Reply]] = {}

    @property
    def operations(self) -> list[str]:
        """Every operation the fake answers, as ``resource.method``."""
        return [operation.name for operation in self._operations]

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
        A delay longer than the request's read timeout ends in ``httpx.ReadTimeout``, as a
        slow server would.
        """
        if not any(op.name == operation for op in self._operations) and " " not in operation:
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
            time.sleep(_waited(reply.delay, request))
        return _deliver(reply, response, request)

    async def handle_async(self, request: httpx.Request) -> httpx.Response:
        """The async transport's handler."""
        reply, response = self._answer(request)
        if reply is not None and reply.delay:
            await anyio.sleep(_waited(reply.delay, request))
        return _deliver(reply, response, request)

    def _answer(self, request: httpx.Request) -> tuple[Reply | None, httpx.Response]:
        path = urllib.parse.unquote(request.url.raw_path.decode("ascii").split("?")[0])
        operation, params = self._match(request.method, request.url.raw_path)
        key = operation.name if operation else None
        reply = self._reply(key or f"{request.method} {path}", request, path)
        body = _decoded_body(request)
        query = {k: request.url.params.get_list(k) for k in request.url.params}
        self.calls.append(
            Call(key, request.method, path, params, query, request.headers, body, request.content)
        )
        if operation is None:
            if reply is None:
                raise FakeRequestError(
                    f"{request.method} {path}: no operation of the spec has this method and "
                    f'path; answer it with respond("{request.method} <path>", ...) if meant'
                )
        else:
            self._check(operation, request, params, query, body)
        return reply, self._response(operation, reply, request)

    def _match(self, method: str, raw_path: bytes) -> tuple[_Operation | None, dict[str, str]]:
        path = raw_path.decode("ascii").split("?")[0]
        found = [
            (op, match)
            for op in self._operations
            if op.method == method and (match := op.pattern.search(path)) is not None
        ]
        if not found:
            return None, {}
        # `/things/{id}/archive` before `/things/{id}/{action}`: the most literal template wins
        operation, match = max(found, key=lambda pair: len(re.sub(r"\{[^{}]*\}", "", pair[0].path)))
        params = {name: urllib.parse.unquote(value) for name, value in match.groupdict().items()}
        return operation, {operation.spec["names"][k]: v for k, v in params.items()}

    def _reply(self, key: str, request: httpx.Request, path: str) -> Reply | None:
        for name in (key, *(k for k in self._replies if k.startswith(request.method + " "))):
            stack = self._replies.get(name)
            if not stack or (name != key and not _route(name, request.method, path)):
                continue
            reply = stack[-1]
            if reply.times is not None:
                reply.times -= 1
                if reply.times <= 0:
                    stack.pop()
            return reply
        return None

    def _check(
        self,
        operation: _Operation,
        request: httpx.Request,
        params: dict[str, str],
        query: dict[str, list[str]],
        body: Any,
    ) -> None:
        problems = _parameter_problems(operation.spec, params, query, request.headers, self._defs)
        problems += self._body_problems(operation.spec.get("body"), request, body)
        if problems:
            listed = "\n".join(f"  {problem}" for problem in problems)
            raise FakeRequestError(
                f"{operation.method} {operation.path} ({operation.name}) does not match the "
                f"spec:\n{listed}"
            )

    def _body_problems(
        self, spec: Mapping[str, Any] | None, request: httpx.Request, body: Any
    ) -> list[Problem]:
        if spec is None:
            return []
        if not request.content:
            return [Problem("body", "is required")] if spec.get("required") else []
        encoding = spec["encoding"]
        if encoding == "json":
            return validate(body, spec["schema"], self._defs, "body", strict=self.strict)
        if encoding in ("form", "multipart") and isinstance(body, dict):
            return self._form_problems(spec["schema"], body)
        return []

    def _form_problems(self, schema: Any, fields: dict[str, Any]) -> list[Problem]:
        """Form fields arrive as text, so only their names are checked: required and known."""
        while isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str):
            schema = self._defs.get(schema["$ref"], {})
        if not isinstance(schema, Mapping):
            return []
        known = schema.get("properties") or {}
        problems = [
            Problem("body", f"required field {name!r} is missing")
            for name in schema.get("required") or []
            if name not in fields
        ]
        if self.strict and known:
            problems += [
                Problem("body", f"unknown field {name!r} (the spec knows: {', '.join(known)})")
                for name in fields
                if name not in known
            ]
        return problems

    def _response(
        self, operation: _Operation | None, reply: Reply | None, request: httpx.Request
    ) -> httpx.Response:
        status = reply.status if reply is not None and reply.status is not None else None
        if status is None:
            status = int(operation.spec["success"]) if operation is not None else 200
        declared = (operation.spec["responses"] if operation else {}).get(str(status))
        headers = {"x-request-id": f"fake-{len(self.calls)}", **(reply.headers if reply else {})}
        if reply is not None and reply.body is not None:
            if declared is not None and declared.get("events") and isinstance(reply.body, list):
                return _events(status, reply.body, headers, request)
            return _response(status, reply.body, headers, request)
        if declared is None:
            if 200 <= status < 300:
                return _sent(status, b"", headers, request)
            error = {"message": f"{status} from the fake"}
            return _response(status, error, headers, request)
        return self._declared(operation, declared, status, headers, request)

    def _declared(
        self,
        operation: _Operation | None,
        declared: Mapping[str, Any],
        status: int,
        headers: dict[str, str],
        request: httpx.Request,
    ) -> httpx.Response:
        media = declared.get("media")
        if media is None:
            return _sent(status, b"", headers, request)
        if declared.get("events"):
            return _events(status, [self.example(declared)], headers, request)
        if not declared.get("json"):
            headers["content-type"] = media
            return _sent(status, b"fake content", headers, request)
        value = self.example(declared)
        paging = operation.spec.get("pagination") if operation is not None else None
        if paging:
            value = _as_last_page(value, paging, request)
        return _sent(status, _json(value), {**headers, "content-type": "application/json"}, request)

    def example(self, declared: Mapping[str, Any]) -> Any:
        """The spec's first example valid against the schema, else a value made from it."""
        schema = declared.get("schema") or {}
        for example in declared.get("examples") or []:
            if not validate(example, schema, self._defs, "", strict=False):
                return example
        return sample(schema, self._defs)


@functools.cache
def _load_spec() -> dict[str, Any]:
    text = importlib.resources.files(__package__).joinpath(_SPEC_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _operation(entry: Mapping[str, Any]) -> _Operation:
    """An operation with its path template as a pattern (``{id}`` is one segment)."""
    names: dict[str, str] = {}
    parts = re.split(r"(\{[^{}]+\})", entry["path"])
    pattern = ""
    for part in parts:
        if part.startswith("{") and part.endswith("}"):
            group = f"p{len(names)}"
            names[group] = part[1:-1]
            pattern += f"(?P<{group}>[^/]+)"
        else:
            pattern += re.escape(urllib.parse.quote(part, safe="/:@!$&'()*+,;=-._~"))
    spec = {**entry, "names": names}
    return _Operation(
        entry["name"], entry["method"], entry["path"], re.compile(pattern + "$"), spec
    )


def _route(key: str, method: str, path: str) -> bool:
    """Whether ``"GET /v1/extra/{id}"`` (a reply for a path the spec lacks) matches."""
    wanted_method, _, template = key.partition(" ")
    if wanted_method != method:
        return False
    pattern = re.sub(r"\\\{[^{}]+\\\}", "[^/]+", re.escape(template))
    return re.search(pattern + "$", path) is not None


def _parameter_problems(
    spec: Mapping[str, Any],
    path_params: Mapping[str, str],
    query: Mapping[str, list[str]],
    headers: httpx.Headers,
    defs: Mapping[str, Any],
) -> list[Problem]:
    problems: list[Problem] = []
    for parameter in spec.get("parameters") or []:
        name, where = parameter["name"], parameter["in"]
        if where == "path":
            values = [path_params[name]] if name in path_params else []
        elif where == "query":
            values = query.get(name, [])
        elif where == "header":
            values = headers.get_list(name)
        else:
            continue
        label = f"{where} parameter {name!r}"
        if not values:
            if parameter.get("required"):
                problems.append(Problem(label, "is required"))
            continue
        schema = _resolved(parameter.get("schema") or {}, defs)
        if "object" in _kinds(schema):
            continue  # deepObject and form spellings of an object are not parsed back
        problems += validate(_typed(values, schema, defs), schema, defs, label, strict=False)
    return problems


def _resolved(schema: Mapping[str, Any], defs: Mapping[str, Any]) -> Mapping[str, Any]:
    seen = 0
    while isinstance(schema.get("$ref"), str) and seen < 32:
        schema, seen = defs.get(schema["$ref"], {}), seen + 1
    return schema


def _kinds(schema: Mapping[str, Any]) -> set[str]:
    kinds = schema.get("type")
    return {kinds} if isinstance(kinds, str) else {k for k in kinds or [] if isinstance(k, str)}


def _typed(values: list[str], schema: Mapping[str, Any], defs: Mapping[str, Any]) -> Any:
    """Parameter text as the JSON value the schema describes (``"5"`` is 5 for an integer)."""
    schema = _resolved(schema, defs)
    kinds = _kinds(schema)
    if "array" in kinds:
        items = schema.get("items") or {}
        if len(values) == 1 and "," in values[0]:  # style simple/form without explode: a,b,c
            values = values[0].split(",")
        return [_typed([value], items, defs) for value in values]
    text = values[-1]
    if kinds & {"integer", "number"}:
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and "." not in text else number
    if "boolean" in kinds and text in ("true", "false"):
        return text == "true"
    return text


def _decoded_body(request: httpx.Request) -> Any:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    content = request.content
    if not content:
        return None
    if media == "application/json" or media.endswith("+json"):
        try:
            return json.loads(content)
        except ValueError:
            return None
    if media == "application/x-www-form-urlencoded":
        pairs = urllib.parse.parse_qsl(content.decode("utf-8", "replace"), keep_blank_values=True)
        return dict(pairs)
    if media == "multipart/form-data":
        names = [name.decode("utf-8", "replace") for name in _MULTIPART_NAME.findall(content)]
        return dict.fromkeys(names, "")
    return None


def _as_last_page(value: Any, paging: Mapping[str, Any], request: httpx.Request) -> Any:
    """A page that says it is the last one, so iterating a list ends after it."""
    if not isinstance(value, dict):
        return value
    requested = request.url.params.get(paging["page_param"])
    number = int(requested) if requested and requested.isdigit() else 1
    for path in (paging.get("current_page"), paging.get("last_page")):
        target: Any = value
        for step in (path or [])[:-1]:
            target = target.get(step) if isinstance(target, dict) else None
        if isinstance(target, dict) and path:
            target[path[-1]] = number
    return value


def _waited(delay: float, request: httpx.Request) -> float:
    read = (request.extensions.get("timeout") or {}).get("read")
    return min(delay, read) if isinstance(read, int | float) else delay


def _deliver(
    reply: Reply | None, response: httpx.Response, request: httpx.Request
) -> httpx.Response:
    if reply is not None:
        read = (request.extensions.get("timeout") or {}).get("read")
        if reply.delay and isinstance(read, int | float) and reply.delay > read:
            raise httpx.ReadTimeout(f"the fake waited {read} s without answering", request=request)
        if reply.error is not None:
            error = reply.error
            if isinstance(error, type) and issubclass(error, httpx.RequestError):
                raise error(f"{error.__name__} from the fake", request=request)
            raise error
    return response


def _response(
    status: int, body: Any, headers: Mapping[str, str], request: httpx.Request
) -> httpx.Response:
    if isinstance(body, bytes | str):
        content = body.encode() if isinstance(body, str) else body
        return _sent(status, content, headers, request)
    data = _jsonable(body)
    return _sent(status, _json(data), {**headers, "content-type": "application/json"}, request)


def _events(
    status: int, values: list[Any], headers: dict[str, str], request: httpx.Request
) -> httpx.Response:
    """A ``text/event-stream`` body: one ``data:`` event per value, as JSON."""
    text = "".join(f"data: {json.dumps(_jsonable(value))}\n\n" for value in values)
    headers = {**headers, "content-type": "text/event-stream"}
    return _sent(status, text.encode(), headers, request)


def _sent(
    status: int, content: bytes, headers: Mapping[str, str], request: httpx.Request
) -> httpx.Response:
    """A response whose body is still to be read, as a real transport hands it over (a
    response built with ``content=`` counts as read, and streaming it would fail)."""
    headers = {**headers, "content-length": str(len(content))}
    return httpx.Response(
        status, headers=headers, stream=httpx.ByteStream(content), request=request
    )


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _jsonable(value: Any) -> Any:
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [_jsonable(item) for item in value]
    return value


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
    has_base_url: bool,
) -> FakeAPI:
    """Put a fake transport into a client's constructor ``options`` and return its fake.

    A client made by ``with_options`` passes the fake's own httpx client back in, and keeps its
    fake; a key is set so the client never looks for one in the environment, and a base URL
    when the spec names no server (``has_base_url`` is false), since nothing is sent anyway.
    """
    given = options.get("http_client")
    if isinstance(given, _FakeHttpClient | _AsyncFakeHttpClient):
        return given.fake
    if given is not None:
        raise TypeError("a fake client makes its own http_client; do not pass one")
    fake = fake or FakeAPI(strict=strict)
    options["http_client"] = _AsyncFakeHttpClient(fake) if asynchronous else _FakeHttpClient(fake)
    if options.get("api_key") is None:
        options["api_key"] = "fake-api-key"
    if options.get("base_url") is None and not has_base_url:
        options["base_url"] = "https://fake.invalid"
    return fake
