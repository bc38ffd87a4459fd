"""Reading HTTP response bodies into declared types, and the ``.with_raw_response`` and
``.with_streaming_response`` machinery.

Raw and streamed modes are switched on by a context variable rather than a parameter: generated
methods have fixed signatures, and a context variable lets one wrapper turn any of them into a
raw-response call without threading a flag through every signature. It is safe across threads
and asyncio tasks, and only the request made directly inside the wrapper consumes it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import Any, Generic, Literal, TypeVar

import httpx
import pydantic
from typing_extensions import ParamSpec, TypeAliasType

from ._config import DEFAULT_MAX_RESPONSE_SIZE
from ._exceptions import APIResponseValidationError, describe, request_id_of
from ._parsing import NO_MATCH, parse_json, parse_response, summarize_validation_error
from ._streaming import AsyncStreamedBody, StreamedBody

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "ErrorTypes",
    "LazyParse",
    "ResponseMode",
    "async_to_raw_response_wrapper",
    "async_to_streamed_response_wrapper",
    "decode_json",
    "error_body",
    "parse_body",
    "take_response_mode",
    "to_raw_response_wrapper",
    "to_streamed_response_wrapper",
    "validate_body",
]

R = TypeVar("R")
P = ParamSpec("P")

ErrorTypes = Mapping[int | str, object]

ResponseMode = Literal["parsed", "raw", "streamed"]
_response_mode: contextvars.ContextVar[ResponseMode] = contextvars.ContextVar(
    "response_mode", default="parsed"
)


def take_response_mode() -> ResponseMode:
    """What the caller wants back: the parsed value, the raw response, or the raw response with
    its body left unread; resets the request so that only one call uses it."""
    mode = _response_mode.get()
    if mode != "parsed":
        _response_mode.set("parsed")
    return mode


class LazyParse(Generic[R]):
    """A parser that takes the body unread (binary downloads, event streams), so a streamed
    response is not read into memory before it is parsed."""

    def __init__(self, parse: Callable[[httpx.Response], R]) -> None:
        self.parse = parse

    def __call__(self, response: httpx.Response) -> R:
        return self.parse(response)


class _ResponseInfo(Generic[R]):
    http_response: httpx.Response
    _parse: Callable[[httpx.Response], R]
    _parsed: tuple[R] | None

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        return request_id_of(self.http_response)

    @property
    def _reads_body(self) -> bool:
        return not isinstance(self._parse, LazyParse)

    def _parse_once(self) -> R:
        if self._parsed is None:
            self._parsed = (self._parse(self.http_response),)
        return self._parsed[0]

    def __repr__(self) -> str:
        response = self.http_response
        return f"<{type(self).__name__} [{response.status_code} {response.reason_phrase}]>"


class APIResponse(_ResponseInfo[R], StreamedBody):
    """A response as received; ``parse()`` gives what the normal method would have returned.

    From ``.with_raw_response`` the body has been read. From ``.with_streaming_response`` it is
    still on the socket: read it with ``iter_bytes()``, ``iter_text()``, ``iter_lines()`` or
    ``write_to_file()``, or let ``parse()`` read it (within ``max_response_size``).
    """

    def __init__(
        self,
        http_response: httpx.Response,
        parse: Callable[[httpx.Response], R],
        *,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        super().__init__(http_response, max_response_size=max_response_size)
        self._parse = parse
        self._parsed = None

    def parse(self) -> R:
        if self._reads_body:
            self.read()
        return self._parse_once()


class AsyncAPIResponse(_ResponseInfo[R], AsyncStreamedBody):
    """The async twin of APIResponse: ``await parse()``, ``await read()``, ``async for``."""

    def __init__(
        self,
        http_response: httpx.Response,
        parse: Callable[[httpx.Response], R],
        *,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        super().__init__(http_response, max_response_size=max_response_size)
        self._parse = parse
        self._parsed = None

    async def parse(self) -> R:
        if self._reads_body:
            await self.read()
        return self._parse_once()


def to_raw_response_wrapper(fn: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """Make a generated method return its APIResponse (body read) instead of the parsed value."""

    @functools.wraps(fn)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        response: APIResponse[R] = _call_in_mode("raw", fn, args, kwargs)
        return response

    return wrapped


def async_to_raw_response_wrapper(
    fn: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[AsyncAPIResponse[R]]]:
    """The async twin; also accepts list methods, whose paginator is awaitable."""

    @functools.wraps(fn)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncAPIResponse[R]:
        response: AsyncAPIResponse[R] = await _acall_in_mode("raw", fn, args, kwargs)
        return response

    return wrapped


def to_streamed_response_wrapper(
    fn: Callable[P, R],
) -> Callable[P, contextlib.AbstractContextManager[APIResponse[R]]]:
    """Make a generated method return a context manager over its APIResponse, body unread::

        with client.widgets.with_streaming_response.get("w1") as response:
            for line in response.iter_lines(): ...

    The request is sent when the ``with`` block is entered; the connection is released when it
    is left, however much of the body was read.
    """

    @functools.wraps(fn)
    @contextlib.contextmanager
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> Iterator[APIResponse[R]]:
        response: APIResponse[R] = _call_in_mode("streamed", fn, args, kwargs)
        with response:
            yield response

    return wrapped


def async_to_streamed_response_wrapper(
    fn: Callable[P, Awaitable[R]],
) -> Callable[P, contextlib.AbstractAsyncContextManager[AsyncAPIResponse[R]]]:
    """The async twin: ``async with client.widgets.with_streaming_response.get(...) as r``."""

    @functools.wraps(fn)
    @contextlib.asynccontextmanager
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncIterator[AsyncAPIResponse[R]]:
        response: AsyncAPIResponse[R] = await _acall_in_mode("streamed", fn, args, kwargs)
        async with response:
            yield response

    return wrapped


def _call_in_mode(mode: ResponseMode, fn: Callable[..., object], args: Any, kwargs: Any) -> Any:
    token = _response_mode.set(mode)
    try:
        result = fn(*args, **kwargs)
    finally:
        _response_mode.reset(token)
    if not isinstance(result, APIResponse):
        raise TypeError(f"{_name(fn)} made no request to return a response for")
    return result


async def _acall_in_mode(
    mode: ResponseMode, fn: Callable[..., Awaitable[object]], args: Any, kwargs: Any
) -> Any:
    token = _response_mode.set(mode)
    try:
        result = await fn(*args, **kwargs)
    finally:
        _response_mode.reset(token)
    if not isinstance(result, AsyncAPIResponse):
        raise TypeError(f"{_name(fn)} made no request to return a response for")
    return result


def _name(fn: object) -> str:
    return str(getattr(fn, "__qualname__", fn))


_ANY_JSON: pydantic.TypeAdapter[object] = pydantic.TypeAdapter(object)
# A text reply is returned as it came; `str | None` where the operation may answer 204.
_TEXT_TYPES: tuple[object, ...] = (str, str | None)


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


def parse_body(
    response: httpx.Response,
    cast_to: object,
    *,
    strict: bool,
    status_types: Mapping[int, object] | None = None,
) -> object:
    """The declared return value of a successful response whose body has been read.

    Where the success statuses declare different bodies (``status_types``), the reply is read
    as its own status's: a union would take the first type the body happens to fit. A reply the
    spec gives no schema (``Any``: a file download, say) is JSON only when the server says it
    is: one labelled as something else comes back as it came, text as ``str`` and anything else
    as ``bytes``, rather than failing to parse as JSON.
    """
    if status_types is not None:
        cast_to = status_types.get(response.status_code, cast_to)
    if cast_to is None:
        return None
    media = response.headers.get("content-type", "")
    named = _unaliased(cast_to)
    if named in _TEXT_TYPES and "json" not in media:
        return response.text if response.content or named is str else None
    if cast_to is Any and media and "json" not in media and response.content:
        return response.text if media.lower().startswith("text/") else response.content
    content = response.content
    if content:
        value = parse_json(cast_to, content)
        if value is not NO_MATCH:
            return value
    return validate_body(response, cast_to, decode_json(response), strict=strict)


def _unaliased(type_: object) -> object:
    """The type a named alias stands for (`WebAuthnJavaScript = TypeAliasType(..., str)`): a
    text reply the spec names a string schema for is text whatever the alias is called."""
    for _ in range(8):  # an alias of an alias, never a cycle
        if not isinstance(type_, TypeAliasType):
            break
        type_ = type_.__value__
    return type_


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
