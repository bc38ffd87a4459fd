"""What the sync and async clients share: configuration, request planning, retry decisions.

Everything here is free of I/O, so SyncAPIClient and AsyncAPIClient (in ``_base_client``) only
write sending, sleeping and closing twice, as httpx does.
"""

from __future__ import annotations

import functools
import os
import random
from collections.abc import Callable, Mapping
from typing import ClassVar, Generic, TypeVar

import httpx
from typing_extensions import Self  # noqa: UP035 - typing.Self needs Python 3.11

from ._binary import AsyncBinaryResponse, BinaryResponse
from ._config import DEFAULT_TIMEOUT, ClientSettings, resolve_timeout
from ._exceptions import APIStatusError, SDKError, status_error
from ._logs import configure_logging, log_retry
from ._pagination import PageData, PageNumberPagination, read_page
from ._paths import expand_path
from ._request_plan import RequestPlan, encode_body
from ._response import ErrorTypes, error_body, parse_body
from ._retries import backoff_delay, may_retry_error, may_retry_status, retry_delay
from ._serialization import header_params, merge_params, query_params
from ._types import NOT_GIVEN, NotGiven, RequestOptions, Timeout

__all__ = ["BaseClient"]

T = TypeVar("T")
_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)


class BaseClient(Generic[_HttpxClientT]):
    _settings: ClassVar[ClientSettings]
    _binary_response_type: ClassVar[type[BinaryResponse | AsyncBinaryResponse]]

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = 2,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: _HttpxClientT | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        settings = getattr(type(self), "_settings", None)
        if not isinstance(settings, ClientSettings):
            raise TypeError(f"{type(self).__name__} must set `_settings = ClientSettings(...)`")
        prefix = settings.env_prefix
        configure_logging(prefix)
        self._api_key = api_key or os.environ.get(f"{prefix}_API_KEY") or None
        if settings.auth is not None and settings.api_key_required and self._api_key is None:
            raise SDKError(
                f"No API key: pass api_key= to {type(self).__name__}() "
                f"or set the {prefix}_API_KEY environment variable"
            )
        self.base_url = _parse_base_url(
            base_url or os.environ.get(f"{prefix}_BASE_URL") or settings.default_base_url
        )
        self.timeout = resolve_timeout(timeout, DEFAULT_TIMEOUT)
        if max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, not {max_retries}")
        self.max_retries = max_retries
        self.default_headers: Mapping[str, str] = dict(default_headers or {})
        self.default_query: Mapping[str, object] = dict(default_query or {})
        self.strict_response_validation = strict_response_validation
        self._constant_headers = self._headers_for_every_request()
        # The encoded base URL without its query, computed once: every request appends an
        # already-encoded path to it, so httpx parses each request's URL only once.
        base_path = self.base_url.raw_path.partition(b"?")[0].rstrip(b"/").decode("ascii")
        self._url_prefix = (
            f"{self.base_url.scheme}://{self.base_url.netloc.decode('ascii')}{base_path}"
        )
        # A client closes only the connection pool it created, never one it was handed.
        self._owns_http_client = http_client is None
        self._client: _HttpxClientT = (
            self._new_http_client() if http_client is None else http_client
        )

    def _new_http_client(self) -> _HttpxClientT:
        raise NotImplementedError

    def _headers_for_every_request(self) -> dict[str, str]:
        """Accept, User-Agent, credentials and default headers, merged once (lower-case names:
        HTTP header names are case-insensitive, and later layers must replace earlier ones)."""
        headers = {"accept": "application/json", "user-agent": self._settings.user_agent}
        auth_header = self._settings.auth_header
        if auth_header is not None and self._api_key is not None:
            headers[auth_header.lower()] = self._settings.auth_header_value(self._api_key)
        headers.update((name.lower(), value) for name, value in self.default_headers.items())
        return headers

    @property
    def api_key(self) -> str | None:
        return self._api_key

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={str(self.base_url)!r}>"

    def with_options(
        self,
        *,
        api_key: str | NotGiven = NOT_GIVEN,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: _HttpxClientT | None = None,
        strict_response_validation: bool | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A client of the same class with some settings changed, sharing this connection pool.

        Headers and query defaults are merged over the current ones; the copy never closes the
        shared pool, so close the original when both are done.
        """
        return type(self)(
            api_key=self._api_key if isinstance(api_key, NotGiven) else api_key,
            base_url=self.base_url if isinstance(base_url, NotGiven) else base_url,
            timeout=resolve_timeout(timeout, self.timeout),
            max_retries=self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            default_headers={**self.default_headers, **(default_headers or {})},
            default_query={**self.default_query, **(default_query or {})},
            http_client=self._client if http_client is None else http_client,
            strict_response_validation=self.strict_response_validation
            if isinstance(strict_response_validation, NotGiven)
            else strict_response_validation,
        )

    def _plan(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None,
        query: Mapping[str, object] | None,
        headers: Mapping[str, object] | None,
        json: object,
        form: Mapping[str, object] | None,
        files: Mapping[str, object] | None,
        options: RequestOptions | None,
        stream: bool,
        urlencoded: Mapping[str, object] | None = None,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
    ) -> RequestPlan:
        options = options or RequestOptions()
        url = self._url_prefix + expand_path(path, path_params or {})
        body = encode_body(
            json=json,
            form=form,
            files=files,
            urlencoded=urlencoded,
            content=content,
            content_type=content_type,
            extra_body=options.extra_body,
        )
        merged_headers = dict(self._constant_headers)
        if body.content_type is not None:
            merged_headers.setdefault("content-type", body.content_type)
        for layer in (header_params(headers or {}), options.extra_headers or {}):
            merged_headers.update((name.lower(), value) for name, value in layer.items())
        return RequestPlan(
            method=method.upper(),
            url=url,
            params=tuple(
                merge_params(
                    query_params(self._auth_query()),
                    query_params(self.default_query),
                    query_params(query or {}),
                    query_params(options.extra_query or {}),
                )
            ),
            headers=merged_headers,
            content=body.content,
            files=body.files,
            timeout=resolve_timeout(options.timeout, self.timeout),
            max_retries=(
                self.max_retries
                if isinstance(options.max_retries, NotGiven)
                else options.max_retries
            ),
            idempotent=options.idempotent,
            stream=stream,
        )

    def _streams(self, cast_to: object) -> bool:
        """Binary bodies are left on the socket until the caller reads them."""
        return cast_to is self._binary_response_type

    def _body_parser(self, cast_to: object) -> Callable[[httpx.Response], object]:
        if cast_to is self._binary_response_type:
            return self._binary_response_type
        if cast_to in (BinaryResponse, AsyncBinaryResponse):
            raise TypeError(
                f"{type(self).__name__} returns {self._binary_response_type.__name__} "
                f"for binary bodies, not {cast_to!r}"
            )
        return functools.partial(
            parse_body, cast_to=cast_to, strict=self.strict_response_validation
        )

    def _page_data_parser(
        self, plan: RequestPlan, item_type: type[T], pagination: PageNumberPagination
    ) -> Callable[[httpx.Response], PageData[T]]:
        return functools.partial(
            read_page,
            item_type=item_type,
            pagination=pagination,
            params=plan.params,
            strict=self.strict_response_validation,
        )

    def _delay_after_error(
        self, plan: RequestPlan, request: httpx.Request, exc: httpx.HTTPError, attempt: int
    ) -> float | None:
        """Seconds to wait before retrying after ``exc``, or None to give up."""
        if attempt > plan.max_retries or not may_retry_error(
            plan.method, exc, idempotent=plan.idempotent
        ):
            return None
        delay = backoff_delay(attempt, jitter=random.random())
        reason = type(exc).__name__
        log_retry(request, reason=reason, delay=delay, retry=attempt, of=plan.max_retries)
        return delay

    def _delay_after_status(
        self, plan: RequestPlan, response: httpx.Response, attempt: int
    ) -> float | None:
        if attempt > plan.max_retries or not may_retry_status(
            plan.method, response.status_code, response.headers, idempotent=plan.idempotent
        ):
            return None
        delay = retry_delay(attempt, response.headers, jitter=random.random())
        reason = f"{response.status_code} {response.reason_phrase}"
        log_retry(response.request, reason=reason, delay=delay, retry=attempt, of=plan.max_retries)
        return delay

    def _status_error(
        self, response: httpx.Response, error_types: ErrorTypes | None, attempt: int
    ) -> APIStatusError:
        """The error for a final non-2xx reply whose body has been read."""
        body = error_body(response, error_types)
        return status_error(response, body=body, attempts=attempt, secret=self._api_key)

    def _auth_query(self) -> dict[str, str]:
        name = self._settings.auth_query
        return {name: self._api_key} if name is not None and self._api_key is not None else {}

    @property
    def _sensitive_headers(self) -> tuple[str, ...]:
        header = self._settings.auth_header
        return () if header is None else (header,)

    @property
    def _sensitive_query(self) -> tuple[str, ...]:
        name = self._settings.auth_query
        return () if name is None else (name,)


def _parse_base_url(value: str | httpx.URL) -> httpx.URL:
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL as exc:
        raise SDKError(f"base_url is not a valid URL: {exc}") from exc
    if url.scheme not in ("http", "https") or not url.host:
        raise SDKError(f"base_url must be an absolute http(s) URL, not {str(url)!r}")
    return url
