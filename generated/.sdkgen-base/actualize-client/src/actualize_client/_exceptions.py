"""Every exception an SDK call raises, so callers can catch at exactly the level they care about.

    SDKError                          misuse or misconfiguration, e.g. no API key
    └── APIError                      .message, .request
        ├── APIConnectionError        the server could not be reached or the reply was cut off
        │   └── APITimeoutError       a timeout, or the call's deadline passed
        ├── APIResponseValidationError   a 2xx body that does not match the declared type
        ├── PaginationLoopError       paging went back to a page already fetched: .repeated
        ├── ResponseTooLargeError     the decoded body outgrew max_response_size: .limit
        └── APIStatusError            any non-2xx reply: .status_code, .response, .body, .request_id
            ├── RedirectError                a 3xx the client will not follow: .location
            ├── BadRequestError              400
            ├── AuthenticationError          401
            ├── PermissionDeniedError        403
            ├── NotFoundError                404
            ├── ConflictError                409
            ├── UnprocessableEntityError     422
            ├── RateLimitError               429
            └── InternalServerError          >= 500

Errors raised after retrying carry ``.attempts`` and say "after N attempts" in their message.
Messages hold the status, method, URL path and a short body excerpt, never headers. Credentials
and secret request fields are removed from messages, from ``.body`` and from the error
response's text, even when the server echoes the request back. httpx exceptions are always
wrapped (chained with ``from``, unless their own message would show a secret).
"""

from __future__ import annotations

from typing import NoReturn

import httpx

from ._redaction import Secrets

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
    "PaginationLoopError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedirectError",
    "ResponseTooLargeError",
    "SDKError",
    "UnprocessableEntityError",
    "describe",
    "raise_connection_error",
    "raise_if_transport_failure",
    "request_id_of",
    "status_error",
    "transport_failure",
]

_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid")
_TRANSPORT_LIBRARIES = frozenset({"h11", "h2", "httpcore", "anyio"})
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


class PaginationLoopError(APIError):
    """Paging stopped because the server sent it back to a page it had already fetched (the
    same cursor or next link again, or the same items for a new offset): following it would
    repeat pages forever. ``repeated`` names that cursor or link; ``request`` fetched the page
    whose reply pointed back. The items of every page before it were delivered."""

    def __init__(self, message: str, *, request: httpx.Request, repeated: str) -> None:
        super().__init__(message, request=request)
        self.repeated = repeated


class ResponseTooLargeError(APIError):
    def __init__(self, message: str, *, response: httpx.Response, limit: int) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.limit = limit


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


class RedirectError(APIStatusError):
    """A redirect the client does not follow: of a request that cannot be repeated safely
    (not a GET or HEAD), from https to plain http, to an invalid Location, or one too many.

    ``location`` is where the server pointed; fetch it yourself if you trust it.
    """

    def __init__(
        self, message: str, *, response: httpx.Response, body: object, location: str | None
    ) -> None:
        super().__init__(message, response=response, body=body)
        self.location = location


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


def status_error(response: httpx.Response, *, body: object, attempts: int) -> APIStatusError:
    """The exception for a non-2xx reply whose body has been read (and scrubbed of secrets)."""
    status = response.status_code
    cls = _STATUS_CLASSES.get(status, InternalServerError if status >= 500 else APIStatusError)
    message = f"{status} {response.reason_phrase} for {describe(response.request, attempts)}"
    if excerpt := _excerpt(response.text):
        message = f"{message}: {excerpt}"
    return cls(message, response=response, body=body, attempts=attempts)


def raise_connection_error(
    exc: httpx.HTTPError, request: httpx.Request, *, attempts: int, secrets: Secrets
) -> NoReturn:
    """Wrap an httpx failure so callers never have to catch httpx's own exception types.

    The httpx exception stays attached as the cause unless its message shows a secret (h11
    quotes a header value it refuses), since tracebacks print every cause.
    """
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    what = "Request timed out" if cls is APITimeoutError else "Connection error"
    detail = str(exc)
    shown = secrets.scrub(detail)
    message = f"{what} for {describe(request, attempts)} ({type(exc).__name__}: {shown})"
    raise cls(message, request=request, attempts=attempts) from (exc if shown == detail else None)


def raise_if_transport_failure(exc: Exception, request: httpx.Request) -> None:
    """For code that reads a body after the call returned: a transport failure, of whatever
    library, becomes APIConnectionError; anything else is left to propagate."""
    failure = transport_failure(exc, request)
    if failure is not None:
        raise_connection_error(failure, request, attempts=1, secrets=Secrets())


def transport_failure(exc: Exception, request: httpx.Request) -> httpx.HTTPError | None:
    """``exc`` as an httpx error if it is a failure to talk to the server, else None.

    httpx wraps most transport failures, but some escape it raw: h11 refusing a body that does
    not match its declared length, an OSError reading the body being uploaded. They are made
    transport errors here, so that they reach callers as APIConnectionError like the rest.
    """
    if isinstance(exc, httpx.HTTPError):
        return exc
    library = type(exc).__module__.partition(".")[0]
    if not isinstance(exc, OSError) and library not in _TRANSPORT_LIBRARIES:
        return None
    failure = httpx.TransportError(f"{type(exc).__name__}: {exc}", request=request)
    failure.__cause__ = exc
    return failure


def describe(request: httpx.Request, attempts: int) -> str:
    """``GET /v1/items/a%2Fb after 3 attempts``: the raw path shows exactly what was sent."""
    path = request.url.raw_path.partition(b"?")[0].decode("ascii", "replace")
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    return f"{request.method} {path}{tries}"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT_CHARS else flat[: _EXCERPT_CHARS - 3] + "..."
