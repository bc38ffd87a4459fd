"""Every exception an SDK call raises, so callers can catch at exactly the level they care about.

    SDKError                          misuse or misconfiguration, e.g. no API key
    └── APIError                      .message, .request
        ├── APIConnectionError        the server could not be reached or the reply was cut off
        │   └── APITimeoutError
        ├── APIResponseValidationError   a 2xx body that does not match the declared type
        └── APIStatusError            any non-2xx reply: .status_code, .response, .body, .request_id
            ├── BadRequestError              400
            ├── AuthenticationError          401
            ├── PermissionDeniedError        403
            ├── NotFoundError                404
            ├── ConflictError                409
            ├── UnprocessableEntityError     422
            ├── RateLimitError               429
            └── InternalServerError          >= 500

Errors raised after retrying carry ``.attempts`` and say "after N attempts" in their message.
Messages hold the status, method, URL path and a short body excerpt, never headers, so they
cannot carry the API key; httpx exceptions are always wrapped (chained with ``from``).
"""

from __future__ import annotations

import httpx

from ._logs import scrub

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "SDKError",
    "UnprocessableEntityError",
    "connection_error",
    "describe",
    "request_id_of",
    "status_error",
]

_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid")
_EXCERPT_CHARS = 200


class SDKError(Exception):
    """Root of everything this SDK raises on purpose."""


class APIError(SDKError):
    def __init__(self, message: str, *, request: httpx.Request) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class APIConnectionError(APIError):
    def __init__(self, message: str, *, request: httpx.Request, attempts: int = 1) -> None:
        super().__init__(message, request=request)
        self.attempts = attempts


class APITimeoutError(APIConnectionError):
    pass


class APIResponseValidationError(APIError):
    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.body = body
        self.status_code = response.status_code


class APIStatusError(APIError):
    def __init__(
        self, message: str, *, response: httpx.Response, body: object, attempts: int = 1
    ) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.body = body
        self.status_code = response.status_code
        self.attempts = attempts
        self.request_id = request_id_of(response)


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    pass


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class ConflictError(APIStatusError):
    pass


class UnprocessableEntityError(APIStatusError):
    pass


class RateLimitError(APIStatusError):
    pass


class InternalServerError(APIStatusError):
    pass


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def request_id_of(response: httpx.Response) -> str | None:
    for name in _REQUEST_ID_HEADERS:
        value: str | None = response.headers.get(name)
        if value:
            return value
    return None


def status_error(
    response: httpx.Response, *, body: object, attempts: int, secret: str | None
) -> APIStatusError:
    """The exception for a non-2xx reply whose body has already been read."""
    status = response.status_code
    cls = _STATUS_CLASSES.get(status, InternalServerError if status >= 500 else APIStatusError)
    message = f"{status} {response.reason_phrase} for {describe(response.request, attempts)}"
    if excerpt := _excerpt(response.text):
        message = f"{message}: {excerpt}"
    return cls(scrub(message, secret), response=response, body=body, attempts=attempts)


def connection_error(
    exc: httpx.HTTPError, request: httpx.Request, *, attempts: int
) -> APIConnectionError:
    """Wrap an httpx failure so callers never have to catch httpx's own exception types."""
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    what = "Request timed out" if cls is APITimeoutError else "Connection error"
    message = f"{what} for {describe(request, attempts)} ({type(exc).__name__}: {exc})"
    return cls(message, request=request, attempts=attempts)


def describe(request: httpx.Request, attempts: int) -> str:
    """``GET /v1/items/a%2Fb after 3 attempts``: the raw path shows exactly what was sent."""
    path = request.url.raw_path.partition(b"?")[0].decode("ascii", "replace")
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    return f"{request.method} {path}{tries}"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT_CHARS else flat[: _EXCERPT_CHARS - 3] + "..."
