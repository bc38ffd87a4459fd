"""What the sync and async clients share: configuration, request planning, retry decisions.

Everything here is free of I/O, so SyncAPIClient and AsyncAPIClient (in ``_base_client``) only
write sending, sleeping and closing twice, as httpx does.
"""

from __future__ import annotations

import functools
import os
import random
import uuid
from collections.abc import Callable, Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Generic,
    NamedTuple,
    NoReturn,
    TypeVar,
    get_args,
    get_origin,
)

import httpx
from typing_extensions import Self, TypedDict  # noqa: UP035 - generic TypedDict: Python 3.11

from ._auth import NO_AUTH, Authenticator, AuthParts, Security, collect_credentials
from ._binary import AsyncBinaryResponse, BinaryResponse
from ._body import without_secrets
from ._config import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_TIMEOUT,
    ClientSettings,
    resolve_deadline,
    resolve_size,
    resolve_timeout,
)
from ._deadline import Budget
from ._exceptions import (
    APIStatusError,
    APITimeoutError,
    RedirectError,
    SDKError,
    describe,
    raise_connection_error,
    status_error,
)
from ._headers import check_header_name, check_header_value
from ._jsonl import AsyncJSONLinesStream, JSONLinesStream
from ._logs import configure_logging, log_retry
from ._pagination import PageData, PaginationStrategy, read_page
from ._paths import expand_path
from ._redaction import body_secrets, header_secrets, hide_query_in_httpx_logs
from ._redirects import SAFE_HEADERS, redirect_target
from ._request_plan import EncodedBody, RequestPlan, content_encoded, encode_body
from ._response import ErrorTypes, LazyParse, error_body, parse_body
from ._retries import (
    IDEMPOTENT_METHODS,
    backoff_delay,
    may_retry_error,
    may_retry_status,
    retry_delay,
)
from ._servers import operation_server
from ._sse import AsyncStream, Stream
from ._styles import Pairs, cookie_header, header_params, merge_params, query_params
from ._types import NOT_GIVEN, Fields, NotGiven, RequestOptions, Timeout

if TYPE_CHECKING:
    from typing_extensions import TypeForm

__all__ = ["BaseClient", "ClientOptions"]

T = TypeVar("T")
_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)


class ClientOptions(TypedDict, Generic[_HttpxClientT], total=False):
    """The options every client takes, for a generated client that adds arguments of its own
    (the variables of its URL) and passes these on."""

    api_key: str | None
    credentials: Mapping[str, str | None] | None
    base_url: str | httpx.URL | None
    timeout: Timeout | NotGiven
    max_retries: int
    retry_non_idempotent: bool
    deadline: float | NotGiven
    max_response_size: int | NotGiven
    default_headers: Mapping[str, str] | None
    default_query: Mapping[str, object] | None
    http_client: _HttpxClientT | None
    strict_response_validation: bool
    server_variables: Mapping[str, str | None] | None


class BaseClient(Generic[_HttpxClientT]):
    _settings: ClassVar[ClientSettings]
    _binary_response_type: ClassVar[type[BinaryResponse | AsyncBinaryResponse]]
    _stream_type: ClassVar[type[Stream[Any] | AsyncStream[Any]]]
    _lines_type: ClassVar[type[JSONLinesStream[Any] | AsyncJSONLinesStream[Any]]]

    def __init__(
        self,
        *,
        api_key: str | None = None,
        credentials: Mapping[str, str | None] | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = 2,
        retry_non_idempotent: bool = False,
        deadline: float | NotGiven = NOT_GIVEN,
        max_response_size: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: _HttpxClientT | None = None,
        strict_response_validation: bool = False,
        server_variables: Mapping[str, str | None] | None = None,
    ) -> None:
        """``credentials`` holds credentials by name (``api_key`` may also be passed alone);
        each one missing is read from ``<PREFIX>_<NAME>``. ``retry_non_idempotent`` lets POST
        and PATCH calls retry like GET (see _retries). ``deadline`` bounds a whole call,
        retries included, and ``max_response_size`` the decoded bytes read into memory.
        ``server_variables`` fill the API's URL template, by the spec's names (a generated
        client takes each as an argument of its own)."""
        settings = getattr(type(self), "_settings", None)
        if not isinstance(settings, ClientSettings):
            raise TypeError(f"{type(self).__name__} must set `_settings = ClientSettings(...)`")
        prefix = settings.env_prefix
        configure_logging(prefix)
        self._auth = self._authenticator(settings, api_key, credentials or {})
        self._default_auth = self._default_parts(settings)
        chosen = base_url or os.environ.get(f"{prefix}_BASE_URL")
        # A base URL the caller configured wins over every operation's own server.
        self._base_url_chosen = bool(chosen)
        self._server_variables = {k: v for k, v in (server_variables or {}).items() if v}
        # The URL's variables, as filled: an operation's own server may share them (its site).
        self._server_values: dict[str, str] = {}
        if not chosen and settings.server is not None:
            self._server_values = settings.server.values(self._server_variables, prefix)
            chosen = settings.server.filled(self._server_values)
        self.base_url = _parse_base_url(chosen or _default_base_url(settings, type(self).__name__))
        self.timeout = resolve_timeout(timeout, DEFAULT_TIMEOUT)
        if max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, not {max_retries}")
        self.max_retries = max_retries
        self.retry_non_idempotent = retry_non_idempotent
        self.deadline = resolve_deadline(deadline, DEFAULT_DEADLINE)
        self.max_response_size = resolve_size(max_response_size, DEFAULT_MAX_RESPONSE_SIZE)
        self.default_headers: Mapping[str, str] = _checked_headers(
            default_headers or {}, "default_headers"
        )
        self.default_query: Mapping[str, object] = dict(default_query or {})
        self.strict_response_validation = strict_response_validation
        self._constant_headers = self._headers_for_every_request(self._default_auth or NO_AUTH)
        self._constant_query = self._query_for_every_request(self._default_auth or NO_AUTH)
        # The encoded base URL without its query, computed once: every request appends an
        # already-encoded path to it, so httpx parses each request's URL only once.
        self._url_prefix = _url_prefix(self.base_url)
        # A client closes only the connection pool it created, never one it was handed.
        self._owns_http_client = http_client is None
        self._client: _HttpxClientT = (
            self._new_http_client() if http_client is None else http_client
        )
        hide_query_in_httpx_logs(self._auth.query_names)
        # What a redirect to another origin keeps: never a header a credential travels in.
        self._foreign_headers = SAFE_HEADERS - {name.lower() for name in self._auth.header_names}

    def _default_parts(self, settings: ClientSettings) -> AuthParts | None:
        """What the API's default requirement adds to a call; None where the credentials fall
        short of it but meet an operation's own: the client is built for the calls they cover,
        and a call they do not is refused when it is made."""
        try:
            return self._auth.parts(settings.security)
        except SDKError:
            if not any(self._auth.meets(security) for security in settings.operation_security):
                raise
            return None

    def _auth_for(self, security: Security | None) -> AuthParts:
        """What one call's requirement adds (its own, else the default); SDKError naming the
        credentials missing where the client's fall short of it."""
        if security is not None:
            return self._auth.parts(security)
        return self._default_auth or self._auth.parts(self._settings.security)

    def _new_http_client(self) -> _HttpxClientT:
        raise NotImplementedError

    def _authenticator(
        self,
        settings: ClientSettings,
        api_key: str | None,
        credentials: Mapping[str, str | None],
    ) -> Authenticator:
        known = set(settings.credential_names)
        given = {**credentials, **({} if api_key is None else {"api_key": api_key})}
        # A credential no scheme takes (``api_key=`` where HTTP basic wants a username and a
        # password, anything where the API declares no scheme) would be dropped without a
        # word, and every call refused for want of credentials.
        unknown = sorted(set(given) - known)
        if unknown:
            hint = "; send credentials with default_headers=" if not known else ""
            raise SDKError(
                f"{type(self).__name__} has no credential named {unknown[0]!r}; "
                f"it uses {', '.join(sorted(known)) or 'none (the API declares none)'}{hint}"
            )
        return Authenticator(
            settings.schemes,
            collect_credentials(known, given, settings.env_prefix, settings.schemes),
            env_prefix=settings.env_prefix,
            client_name=type(self).__name__,
        )

    def _headers_for_every_request(self, auth: AuthParts) -> dict[str, str]:
        """Accept, User-Agent, credential headers and default headers, merged once (lower-case
        names: HTTP header names are case-insensitive, and later layers must replace earlier
        ones). A credential cookie is added per call, to whatever cookies the call sets."""
        headers = {
            "accept": "application/json",
            # Only what _body can decode in bounded memory.
            "accept-encoding": "gzip, deflate",
            "user-agent": self._settings.user_agent,
        }
        headers.update(auth.headers)
        headers.update((name.lower(), value) for name, value in self.default_headers.items())
        return headers

    def _query_for_every_request(self, auth: AuthParts) -> dict[str, Pairs]:
        """Credential query parameters, then ``default_query``, encoded once (by name: a call's
        parameter replaces one of the same name)."""
        return {**query_params(auth.query), **query_params(self.default_query)}

    @property
    def api_key(self) -> str | None:
        return self._auth.credential("api_key")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={str(self.base_url)!r}>"

    def with_options(
        self,
        *,
        api_key: str | NotGiven = NOT_GIVEN,
        credentials: Mapping[str, str | None] | None = None,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_non_idempotent: bool | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven = NOT_GIVEN,
        max_response_size: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: _HttpxClientT | None = None,
        strict_response_validation: bool | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A client of the same class with some settings changed, sharing this connection pool.

        Credentials, headers and query defaults are merged over the current ones; the copy never
        closes the shared pool, so close the original when both are done.
        """
        merged = {**self._auth.credentials, **(credentials or {})}
        if not isinstance(api_key, NotGiven):
            merged["api_key"] = api_key
        return type(self)(
            credentials=merged,
            base_url=(self.base_url if self._base_url_chosen else None)
            if isinstance(base_url, NotGiven)
            else base_url,
            timeout=resolve_timeout(timeout, self.timeout),
            max_retries=self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            retry_non_idempotent=self.retry_non_idempotent
            if isinstance(retry_non_idempotent, NotGiven)
            else retry_non_idempotent,
            deadline=resolve_deadline(deadline, self.deadline),
            max_response_size=resolve_size(max_response_size, self.max_response_size),
            default_headers={**self.default_headers, **(default_headers or {})},
            default_query={**self.default_query, **(default_query or {})},
            http_client=self._client if http_client is None else http_client,
            strict_response_validation=self.strict_response_validation
            if isinstance(strict_response_validation, NotGiven)
            else strict_response_validation,
            server_variables=self._server_variables,
        )

    copy = with_options  # the name openai-python users know

    def _plan(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None,
        query: Mapping[str, object] | None,
        headers: Mapping[str, object] | None,
        json: object,
        form: Fields | NotGiven | None,
        files: Mapping[str, object] | None,
        options: RequestOptions | None,
        stream: bool,
        urlencoded: Fields | NotGiven | None = None,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        cookies: Mapping[str, object] | None = None,
        omit_empty_body: bool = False,
        body_defaults: Mapping[str, object] | None = None,
        security: Security | None = None,
        idempotency_header: str | None = None,
        server: str | None = None,
        answer_status: int | None = None,
    ) -> RequestPlan:
        options = options or RequestOptions()
        prefix = (
            self._url_prefix
            if server is None or self._base_url_chosen
            else _server(operation_server(server, self._server_values))
        )
        url = prefix + expand_path(path, path_params or {})
        auth = self._auth_for(security)
        body = encode_body(
            json=json,
            form=form,
            files=files,
            urlencoded=urlencoded,
            content=content,
            content_type=content_type,
            extra_body=options.extra_body,
            omit_empty=omit_empty_body,
            defaults=body_defaults,
        )
        call = _Call(method.upper(), url, stream, idempotency_header, prefix, answer_status)
        try:
            return self._finish_plan(call, auth, body, query, headers, cookies, options)
        except BaseException:
            for upload in body.uploads:
                upload.close()
            raise

    def _check_required_headers(self, headers: Mapping[str, str]) -> None:
        """Refuse a call missing a header the API requires of every call: the server would
        only answer 400, after a round trip, without naming the argument that was left out."""
        for name, argument in self._settings.required_headers.items():
            if name.lower() not in headers:
                raise SDKError(
                    f"the {name!r} header is required: pass {argument}= to this call, or to the "
                    "client to send it with every call"
                )

    def _finish_plan(
        self,
        call: _Call,
        auth: AuthParts,
        body: EncodedBody,
        query: Mapping[str, object] | None,
        headers: Mapping[str, object] | None,
        cookies: Mapping[str, object] | None,
        options: RequestOptions,
    ) -> RequestPlan:
        merged_headers = (
            dict(self._constant_headers)
            if auth is self._default_auth
            else self._headers_for_every_request(auth)
        )
        if body.content_type is not None:
            merged_headers.setdefault("content-type", body.content_type)
        for layer in (headers, options.extra_headers):
            if layer:
                checked = _checked_headers(header_params(layer), "headers")
                merged_headers.update((name.lower(), value) for name, value in checked.items())
        cookie = cookie_header(cookies) if cookies else None
        if cookie is not None:
            existing = merged_headers.get("cookie")
            merged_headers["cookie"] = f"{existing}; {cookie}" if existing else cookie
        if auth.cookie is not None:
            existing = merged_headers.get("cookie")
            merged_headers["cookie"] = f"{auth.cookie}; {existing}" if existing else auth.cookie
        self._check_required_headers(merged_headers)
        body = content_encoded(body, merged_headers.get("content-encoding"))
        if body.length is not None:
            merged_headers["content-length"] = str(body.length)
        idempotent = self._repeatable(call, merged_headers, options.idempotent)
        return RequestPlan(
            method=call.method,
            url=call.url,
            prefix=call.prefix,
            params=tuple(
                merge_params(
                    self._constant_query
                    if auth is self._default_auth
                    else self._query_for_every_request(auth),
                    *(query_params(layer) for layer in (query, options.extra_query) if layer),
                )
            ),
            headers=merged_headers,
            content=body.content,
            files=body.files,
            timeout=self.timeout
            if isinstance(options.timeout, NotGiven)
            else resolve_timeout(options.timeout, self.timeout),
            deadline=self.deadline
            if isinstance(options.deadline, NotGiven)
            else resolve_deadline(options.deadline, self.deadline),
            max_response_size=self.max_response_size
            if isinstance(options.max_response_size, NotGiven)
            else resolve_size(options.max_response_size, self.max_response_size),
            max_retries=(
                self.max_retries
                if isinstance(options.max_retries, NotGiven)
                else options.max_retries
            ),
            idempotent=idempotent,
            stream=call.stream,
            body_source=body.source,
            uploads=body.uploads,
            answer_status=call.answer_status,
        )

    def _repeatable(
        self, call: _Call, headers: dict[str, str], idempotent: bool | NotGiven
    ) -> bool:
        """Whether a POST or PATCH may retry like a GET, adding the idempotency key that makes
        it safe when the API honours one (a key the caller set is kept)."""
        if call.method in IDEMPOTENT_METHODS:
            return True
        header = call.idempotency_header or self._settings.idempotency_header
        if header is not None:
            check_header_name(header, "idempotency_header")
            headers.setdefault(header.lower(), str(uuid.uuid4()))
        if not isinstance(idempotent, NotGiven):
            return idempotent
        return header is not None or self.retry_non_idempotent

    def _streams(self, cast_to: object) -> bool:
        """Binary bodies, event streams and JSON lines are left on the socket for the caller."""
        kind = _body_kind(cast_to)
        return kind == "binary" or kind is self._stream_type or kind is self._lines_type

    def _body_parser(
        self,
        cast_to: object,
        plan: RequestPlan,
        event_types: Mapping[str, object] | None = None,
        status_types: Mapping[int, object] | None = None,
    ) -> Callable[[httpx.Response], object]:
        kind = _body_kind(cast_to)
        if kind is None:
            return functools.partial(
                parse_body,
                cast_to=cast_to,
                strict=self.strict_response_validation,
                status_types=status_types,
            )
        if cast_to is self._binary_response_type:
            return LazyParse(functools.partial(cast_to, max_response_size=plan.max_response_size))
        stream: Callable[..., object]
        if kind is self._stream_type:
            stream = functools.partial(self._stream_type, event_types=event_types)
        elif kind is self._lines_type:
            stream = self._lines_type
        else:
            raise TypeError(f"{type(self).__name__} cannot return {cast_to!r}: use its twin")
        return LazyParse(
            functools.partial(
                stream,
                item_type=get_args(cast_to)[0],
                strict=self.strict_response_validation,
                idle_timeout=plan.timeout.read or plan.deadline,
                max_response_size=plan.max_response_size,
            )
        )

    def _page_data_parser(
        self, plan: RequestPlan, item_type: TypeForm[T], pagination: PaginationStrategy
    ) -> Callable[[httpx.Response], PageData[T]]:
        return functools.partial(
            read_page,
            item_type=item_type,
            pagination=pagination,
            params=plan.params,
            strict=self.strict_response_validation,
        )

    def _redirect(self, response: httpx.Response, hops: int) -> httpx.URL | None:
        """Where to go next when ``response`` is a redirect this client follows."""
        target = redirect_target(response, hops)
        return target if isinstance(target, httpx.URL) else None

    def _next_hop(
        self,
        plan: RequestPlan,
        target: httpx.URL,
        budget: Budget,
        *,
        retries: int,
        foreign: bool,
    ) -> httpx.Request:
        """The request that follows a redirect to ``target``: the planned one on its origin,
        a bare one (see _redirects) once the chain has left it."""
        if foreign:
            return plan.build_foreign(budget, url=target, keep=self._foreign_headers)
        return plan.build(self._client, budget, retries=retries, url=target)

    def _delay_after_error(
        self,
        plan: RequestPlan,
        request: httpx.Request,
        exc: httpx.HTTPError,
        attempt: int,
        budget: Budget,
    ) -> float | None:
        """Seconds to wait before retrying after ``exc``, or None to give up."""
        if (
            attempt > plan.max_retries
            or not plan.replayable
            or not may_retry_error(plan.method, exc, idempotent=plan.idempotent)
        ):
            return None
        delay = backoff_delay(attempt, jitter=random.random())
        if delay >= budget.remaining():
            return None
        reason = type(exc).__name__
        log_retry(request, reason=reason, delay=delay, retry=attempt, of=plan.max_retries)
        return delay

    def _delay_after_status(
        self, plan: RequestPlan, response: httpx.Response, attempt: int, budget: Budget
    ) -> float | None:
        if (
            attempt > plan.max_retries
            or not plan.replayable
            or not may_retry_status(
                plan.method, response.status_code, response.headers, idempotent=plan.idempotent
            )
        ):
            return None
        delay = retry_delay(attempt, response.headers, jitter=random.random())
        if delay >= budget.remaining():
            return None
        reason = f"{response.status_code} {response.reason_phrase}"
        log_retry(response.request, reason=reason, delay=delay, retry=attempt, of=plan.max_retries)
        return delay

    def _connection_error(
        self,
        plan: RequestPlan,
        request: httpx.Request,
        exc: httpx.HTTPError,
        attempt: int,
        budget: Budget,
    ) -> NoReturn:
        if budget.expired():
            raise APITimeoutError(
                f"The deadline of {plan.deadline:g} s passed for {describe(request, attempt)}",
                request=request,
                attempts=attempt,
            ) from exc
        raise_connection_error(exc, request, attempts=attempt, secrets=self._auth.secrets)

    def _status_error(
        self,
        plan: RequestPlan,
        response: httpx.Response,
        error_types: ErrorTypes | None,
        attempt: int,
        hops: int,
    ) -> APIStatusError:
        """The error for a final non-2xx reply whose body has been read, free of secrets."""
        sent = header_secrets(response.request.headers, self._auth.header_names)
        secrets = self._auth.secrets | body_secrets(plan.body_source) | sent
        response = without_secrets(response, secrets)
        body = error_body(response, error_types)
        refusal = redirect_target(response, hops)
        if isinstance(refusal, str):
            return RedirectError(
                f"{response.status_code} {response.reason_phrase} for "
                f"{describe(response.request, attempt)} was not followed: {refusal}",
                response=response,
                body=body,
                location=response.headers.get("location"),
            )
        return status_error(response, body=body, attempts=attempt)


def _body_kind(cast_to: object) -> object:
    """ "binary", or the stream class, for a body handed over unread; None for the rest."""
    if isinstance(cast_to, type):  # the common case, a model: no generic alias to look into
        return "binary" if issubclass(cast_to, BinaryResponse | AsyncBinaryResponse) else None
    origin = get_origin(cast_to)
    return origin if origin in _STREAMS else None


_STREAMS = (Stream, AsyncStream, JSONLinesStream, AsyncJSONLinesStream)


class _Call(NamedTuple):
    """What a call is, apart from its arguments: its method, URL and how it is handled."""

    method: str  # upper case
    url: str
    stream: bool
    idempotency_header: str | None
    prefix: str  # the base URL (or the operation's server) the path was joined under
    answer_status: int | None = None  # a redirect that is the reply, not a hop


def _checked_headers(headers: Mapping[str, str], what: str) -> dict[str, str]:
    for name, value in headers.items():
        check_header_name(name, what)
        check_header_value(value, f"{what}[{name!r}]")
    return dict(headers)


def _url_prefix(url: httpx.URL) -> str:
    """The encoded URL without its query or a trailing '/': what request paths follow."""
    path = url.raw_path.partition(b"?")[0].rstrip(b"/").decode("ascii")
    return f"{url.scheme}://{url.netloc.decode('ascii')}{path}"


@functools.lru_cache(maxsize=256)
def _server(url: str) -> str:
    """An operation's own server (checked at generation) as a URL prefix, checked again."""
    return _url_prefix(_parse_base_url(url))


def _default_base_url(settings: ClientSettings, client: str) -> str:
    """The spec's own URL. A spec that names no server leaves nothing to fall back on: say
    how to name one, rather than that an empty URL is not absolute."""
    if not settings.default_base_url:
        raise SDKError(
            f"No base_url for {client}: its API's spec names no server. "
            f"Pass base_url=... or set {settings.env_prefix}_BASE_URL"
        )
    return settings.default_base_url


def _parse_base_url(value: str | httpx.URL) -> httpx.URL:
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL as exc:
        raise SDKError(f"base_url is not a valid URL: {exc}") from exc
    if url.scheme not in ("http", "https") or not url.host:
        raise SDKError(f"base_url must be an absolute http(s) URL, not {str(url)!r}")
    return url
