"""Reading HTTP response bodies into declared types, and the ``.with_raw_response`` machinery.

Raw mode is switched on by a context variable rather than a parameter: generated methods have
fixed signatures, and a context variable lets one wrapper turn any of them into a raw-response
call without threading a flag through every signature. It is safe across threads and asyncio
tasks, and only the request made directly inside the wrapper consumes it.
"""

from __future__ import annotations

import contextvars
import functools
import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Generic, TypeVar

import httpx
import pydantic
from typing_extensions import ParamSpec

from ._exceptions import APIResponseValidationError, connection_error, describe, request_id_of
from ._parsing import NO_MATCH, parse_json, parse_response, summarize_validation_error

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "ErrorTypes",
    "async_to_raw_response_wrapper",
    "decode_json",
    "error_body",
    "parse_body",
    "take_raw_response_request",
    "to_raw_response_wrapper",
    "validate_body",
]

R = TypeVar("R")
P = ParamSpec("P")

ErrorTypes = Mapping[int | str, object]

_raw_response_requested = contextvars.ContextVar("raw_response_requested", default=False)


def take_raw_response_request() -> bool:
    """Whether the caller wants the raw response; resets the request so it is used only once."""
    requested = _raw_response_requested.get()
    if requested:
        _raw_response_requested.set(False)
    return requested


class _BaseAPIResponse(Generic[R]):
    def __init__(self, http_response: httpx.Response, parse: Callable[[httpx.Response], R]) -> None:
        self.http_response = http_response
        self._parse = parse
        self._parsed: tuple[R] | None = None

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        return request_id_of(self.http_response)

    def _parse_once(self) -> R:
        if self._parsed is None:
            self._parsed = (self._parse(self.http_response),)
        return self._parsed[0]

    def __repr__(self) -> str:
        response = self.http_response
        return f"<{type(self).__name__} [{response.status_code} {response.reason_phrase}]>"


class APIResponse(_BaseAPIResponse[R]):
    """An undecoded response; ``parse()`` gives what the normal method would have returned."""

    def parse(self) -> R:
        return self._parse_once()

    def read(self) -> bytes:
        try:
            return self.http_response.read()
        except httpx.HTTPError as exc:
            raise connection_error(exc, self.http_response.request, attempts=1) from exc

    @property
    def text(self) -> str:
        self.read()
        return self.http_response.text

    def json(self) -> object:
        return json.loads(self.read())


class AsyncAPIResponse(_BaseAPIResponse[R]):
    """The async twin of APIResponse; only a streamed binary body needs ``await read()``."""

    async def parse(self) -> R:
        return self._parse_once()

    async def read(self) -> bytes:
        try:
            return await self.http_response.aread()
        except httpx.HTTPError as exc:
            raise connection_error(exc, self.http_response.request, attempts=1) from exc

    @property
    def text(self) -> str:
        return self._buffered_response().text

    def json(self) -> object:
        return json.loads(self._buffered_response().content)

    def _buffered_response(self) -> httpx.Response:
        try:
            self.http_response.content  # noqa: B018 - raises if the body was not read yet
        except httpx.ResponseNotRead:
            raise RuntimeError(
                "This body is streamed; call `await response.read()` first"
            ) from None
        return self.http_response


def to_raw_response_wrapper(fn: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """Make a generated method return its APIResponse instead of the parsed value."""

    @functools.wraps(fn)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        token = _raw_response_requested.set(True)
        try:
            result: object = fn(*args, **kwargs)
        finally:
            _raw_response_requested.reset(token)
        if not isinstance(result, APIResponse):
            raise TypeError(f"{fn.__qualname__} made no request to return a raw response for")
        return result

    return wrapped


def async_to_raw_response_wrapper(
    fn: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[AsyncAPIResponse[R]]]:
    """The async twin; also accepts list methods, whose paginator is awaitable."""

    @functools.wraps(fn)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncAPIResponse[R]:
        token = _raw_response_requested.set(True)
        try:
            result: object = await fn(*args, **kwargs)
        finally:
            _raw_response_requested.reset(token)
        if not isinstance(result, AsyncAPIResponse):
            raise TypeError(f"{fn.__qualname__} made no request to return a raw response for")
        return result

    return wrapped


_ANY_JSON: pydantic.TypeAdapter[object] = pydantic.TypeAdapter(object)


def decode_json(response: httpx.Response) -> object:
    """The body as JSON (None when empty); a body that is not JSON cannot be built into anything."""
    if not response.content:
        return None
    try:
        return _ANY_JSON.validate_json(response.content)  # pydantic's JSON parser: the fastest
    except ValueError as exc:
        raise APIResponseValidationError(
            f"Response to {describe(response.request, 1)} is not valid JSON "
            f"(content-type {response.headers.get('content-type', 'unknown')!r})",
            response=response,
            body=response.text,
        ) from exc


def parse_body(response: httpx.Response, cast_to: object, *, strict: bool) -> object:
    """The declared return value of a successful response whose body has been read."""
    if cast_to is None:
        return None
    if cast_to is str and "json" not in response.headers.get("content-type", ""):
        return response.text
    if response.content:
        value = parse_json(cast_to, response.content)
        if value is not NO_MATCH:
            return value
    return validate_body(response, cast_to, decode_json(response), strict=strict)


def validate_body(response: httpx.Response, type_: object, data: object, *, strict: bool) -> object:
    """``data`` (decoded from ``response``) as ``type_``, or APIResponseValidationError."""
    try:
        return parse_response(type_, data, strict=strict)
    except pydantic.ValidationError as exc:
        raise APIResponseValidationError(
            f"Response to {describe(response.request, 1)} does not match the declared type: "
            f"{summarize_validation_error(exc)}",
            response=response,
            body=data,
        ) from exc


def error_body(response: httpx.Response, error_types: ErrorTypes | None) -> object:
    """An error reply's body: the declared error model if any, else JSON, else text."""
    if not response.content:
        return None
    try:
        data = json.loads(response.content)
    except ValueError:
        return response.text
    error_type = _declared_error_type(response.status_code, error_types or {})
    if error_type is None:
        return data
    return parse_response(error_type, data, strict=False)


def _declared_error_type(status: int, error_types: ErrorTypes) -> object | None:
    for key in (status, str(status), f"{status // 100}XX", "default"):
        if key in error_types:
            return error_types[key]
    return None
