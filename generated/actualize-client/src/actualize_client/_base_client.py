"""The client classes generated clients subclass, sync and async.

Only sending, sleeping between retries and closing differ between the two, so that is all these
classes contain; configuration, request planning and retry decisions are shared in
``BaseClient``. A generated client adds nothing but ``_settings`` and its resources.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, TypeAlias, TypeVar, cast

import anyio
import httpx
from typing_extensions import Self  # noqa: UP035 - typing.Self needs Python 3.11

from ._auth import Security, SecurityScheme
from ._binary import AsyncBinaryResponse, BinaryResponse
from ._body import aread_limited, read_limited
from ._client_core import BaseClient, ClientOptions
from ._config import ClientSettings
from ._deadline import Budget, guard_transport
from ._exceptions import transport_failure
from ._headers import with_held_headers
from ._http_methods import AsyncHTTPMethods, SyncHTTPMethods
from ._jsonl import AsyncJSONLinesStream, JSONLinesStream
from ._logs import debug_enabled, log_request, log_response
from ._pagination import (
    AsyncPage,
    AsyncPaginator,
    NextPage,
    PaginationStrategy,
    SyncPage,
    follow,
)
from ._redirects import origin_of
from ._request_plan import RequestPlan
from ._response import APIResponse, AsyncAPIResponse, ErrorTypes, take_response_mode
from ._servers import ServerTemplate, ServerVariable, merged_variables
from ._sse import AsyncStream, Stream
from ._types import NOT_GIVEN, Fields, NotGiven, RequestOptions

if TYPE_CHECKING:
    from typing_extensions import TypeForm

__all__ = [
    "AsyncAPIClient",
    "AsyncClientOptions",
    "ClientSettings",
    "SecurityScheme",
    "ServerTemplate",
    "ServerVariable",
    "SyncAPIClient",
    "SyncClientOptions",
    "merged_variables",
    "with_held_headers",
]

T = TypeVar("T")
R = TypeVar("R")

SyncClientOptions: TypeAlias = ClientOptions[httpx.Client]
AsyncClientOptions: TypeAlias = ClientOptions[httpx.AsyncClient]


class SyncAPIClient(BaseClient[httpx.Client], SyncHTTPMethods):
    _binary_response_type = BinaryResponse
    _stream_type = Stream
    _lines_type = JSONLinesStream

    def _new_http_client(self) -> httpx.Client:
        transport = httpx.HTTPTransport()
        guard_transport(transport)
        return httpx.Client(timeout=self.timeout, transport=transport)

    def close(self) -> None:
        if self._owns_http_client:
            self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _sleep(self, seconds: float) -> None:
        """Wait between attempts; a separate method so tests can replace the wait."""
        time.sleep(seconds)

    def _request(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        headers: Mapping[str, object] | None = None,
        cookies: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        form: Fields | NotGiven | None = None,
        files: Mapping[str, object] | None = None,
        urlencoded: Fields | NotGiven | None = None,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        omit_empty_body: bool = False,
        body_defaults: Mapping[str, object] | None = None,
        cast_to: TypeForm[T],
        error_types: ErrorTypes | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
        server: str | None = None,
        event_types: Mapping[str, object] | None = None,
        status_types: Mapping[int, object] | None = None,
        idempotency_header: str | None = None,
        answer_status: int | None = None,
    ) -> T:
        """Send a request (retrying as allowed) and return the body as ``cast_to``.

        ``cast_to`` is any type expression (a model, ``List[Model]``, a union, ``None``), so a
        generated method returns this call's result as its declared type, without a cast;
        ``BinaryResponse``, ``Stream[Event]`` and ``JSONLinesStream[Item]`` (async:
        ``AsyncBinaryResponse``, ``AsyncStream[Event]``, ``AsyncJSONLinesStream[Item]``) hand the
        body over unread. ``security`` is the operation's requirement when it differs from the API's
        default; ``event_types`` maps the names of an event stream's events to the types of their
        data; ``status_types`` maps each success status to the type of its body, where they differ
        (``cast_to`` is then their union); ``idempotency_header`` names the header in which this
        operation accepts an idempotency key, if the API's default
        (``ClientSettings.idempotency_header``) does not apply; ``server`` is the URL of the
        operation's own server, used unless the caller configured a base URL; ``answer_status`` is a
        redirect the operation declares as its reply, returned like a 2xx rather than followed.
        """
        mode = take_response_mode()
        plan = self._plan(
            method,
            path,
            path_params=path_params,
            query=query,
            headers=headers,
            cookies=cookies,
            json=json,
            form=form,
            files=files,
            options=options,
            stream=mode == "streamed" or self._streams(cast_to),
            urlencoded=urlencoded,
            content=content,
            content_type=content_type,
            omit_empty_body=omit_empty_body,
            body_defaults=body_defaults,
            security=security,
            server=server,
            idempotency_header=idempotency_header,
            answer_status=answer_status,
        )
        parse = self._body_parser(cast_to, plan, event_types, status_types)
        try:
            response = self._execute(plan, parse, error_types)
        finally:
            plan.close()
        # In raw mode the wrapper that asked for it returns the APIResponse, typed as such.
        return cast(T, response if mode != "parsed" else response.parse())

    def _request_page(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        headers: Mapping[str, object] | None = None,
        cookies: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        content_type: str | None = None,
        omit_empty_body: bool = False,
        body_defaults: Mapping[str, object] | None = None,
        item_type: TypeForm[T],
        pagination: PaginationStrategy,
        error_types: ErrorTypes | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
        server: str | None = None,
    ) -> SyncPage[T]:
        """Fetch the first page; later pages are fetched as the caller iterates."""
        mode = take_response_mode()
        plan = self._plan(
            method,
            path,
            path_params=path_params,
            query=query,
            headers=headers,
            cookies=cookies,
            json=json,
            form=None,
            files=None,
            options=options,
            stream=mode == "streamed",
            content_type=content_type,
            omit_empty_body=omit_empty_body,
            body_defaults=body_defaults,
            security=security,
            server=server,
        )
        response = self._execute(plan, self._page_parser(plan, item_type, pagination), error_types)
        return cast(SyncPage[T], response if mode != "parsed" else response.parse())

    def _page_parser(
        self, plan: RequestPlan, item_type: TypeForm[T], pagination: PaginationStrategy
    ) -> Callable[[httpx.Response], SyncPage[T]]:
        read = self._page_data_parser(plan, item_type, pagination)

        def fetch_page(where: NextPage) -> SyncPage[T]:
            following = follow(plan, where)
            return self._execute(
                following, self._page_parser(following, item_type, pagination), None
            ).parse()

        return lambda response: SyncPage(read(response), fetch_page)

    def _execute(
        self,
        plan: RequestPlan,
        parse: Callable[[httpx.Response], R],
        error_types: ErrorTypes | None,
    ) -> APIResponse[R]:
        budget = plan.budget()
        token = budget.activate()
        try:
            attempt = 0
            while True:
                attempt += 1
                budget.new_attempt()
                request = plan.build(self._client, budget, retries=attempt - 1)
                try:
                    response, hops = self._send(plan, request, budget, attempt - 1)
                except Exception as exc:
                    failure = transport_failure(exc, request)
                    if failure is None:
                        raise
                    delay = self._delay_after_error(plan, request, failure, attempt, budget)
                    if delay is None:
                        self._connection_error(plan, request, failure, attempt, budget)
                    self._sleep(delay)
                    continue
                if plan.answered(response):
                    return APIResponse(response, parse, max_response_size=plan.max_response_size)
                delay = self._delay_after_status(plan, response, attempt, budget)
                if delay is None:
                    raise self._status_error(plan, response, error_types, attempt, hops)
                self._sleep(delay)
        finally:
            budget.deactivate(token)

    def _send(
        self, plan: RequestPlan, request: httpx.Request, budget: Budget, retries: int
    ) -> tuple[httpx.Response, int]:
        """One attempt: send, follow the redirects our policy allows, and read the body unless
        it is a stream the caller will read. Returns the response and the redirects followed."""
        hops = 0
        foreign = False  # whether the chain has left the request's origin
        debug = debug_enabled()
        while True:
            if debug:
                log_request(request, self._auth.header_names, self._auth.query_names)
            # On another origin, not even the httpx client's own auth goes along.
            auth = None if foreign else httpx.USE_CLIENT_DEFAULT
            response = self._client.send(request, stream=True, follow_redirects=False, auth=auth)
            if debug:
                log_response(response, self._auth.header_names, self._auth.query_names)
            target = None if plan.answered(response) else self._redirect(response, hops)
            if target is None:
                break
            response.close()
            hops += 1
            foreign = foreign or origin_of(target) != origin_of(request.url)
            request = self._next_hop(plan, target, budget, retries=retries, foreign=foreign)
        if plan.stream and plan.answered(response):
            return response, hops
        return read_limited(response, plan.max_response_size, budget), hops


class AsyncAPIClient(BaseClient[httpx.AsyncClient], AsyncHTTPMethods):
    _binary_response_type = AsyncBinaryResponse
    _stream_type = AsyncStream
    _lines_type = AsyncJSONLinesStream

    def _new_http_client(self) -> httpx.AsyncClient:
        transport = httpx.AsyncHTTPTransport()
        guard_transport(transport)
        return httpx.AsyncClient(timeout=self.timeout, transport=transport)

    async def close(self) -> None:
        if self._owns_http_client:
            await self._client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def _sleep(self, seconds: float) -> None:
        """Wait between attempts; a separate method so tests can replace the wait."""
        await anyio.sleep(seconds)

    async def _request(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        headers: Mapping[str, object] | None = None,
        cookies: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        form: Fields | NotGiven | None = None,
        files: Mapping[str, object] | None = None,
        urlencoded: Fields | NotGiven | None = None,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        omit_empty_body: bool = False,
        body_defaults: Mapping[str, object] | None = None,
        cast_to: TypeForm[T],
        error_types: ErrorTypes | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
        server: str | None = None,
        event_types: Mapping[str, object] | None = None,
        status_types: Mapping[int, object] | None = None,
        idempotency_header: str | None = None,
        answer_status: int | None = None,
    ) -> T:
        """Send a request (retrying as allowed) and return the body as ``cast_to``.

        ``cast_to`` is any type expression (a model, ``List[Model]``, a union, ``None``), so a
        generated method returns this call's result as its declared type, without a cast;
        ``BinaryResponse``, ``Stream[Event]`` and ``JSONLinesStream[Item]`` (async:
        ``AsyncBinaryResponse``, ``AsyncStream[Event]``, ``AsyncJSONLinesStream[Item]``) hand the
        body over unread. ``security`` is the operation's requirement when it differs from the API's
        default; ``event_types`` maps the names of an event stream's events to the types of their
        data; ``status_types`` maps each success status to the type of its body, where they differ
        (``cast_to`` is then their union); ``idempotency_header`` names the header in which this
        operation accepts an idempotency key, if the API's default
        (``ClientSettings.idempotency_header``) does not apply; ``server`` is the URL of the
        operation's own server, used unless the caller configured a base URL; ``answer_status`` is a
        redirect the operation declares as its reply, returned like a 2xx rather than followed.
        """
        mode = take_response_mode()
        plan = self._plan(
            method,
            path,
            path_params=path_params,
            query=query,
            headers=headers,
            cookies=cookies,
            json=json,
            form=form,
            files=files,
            options=options,
            stream=mode == "streamed" or self._streams(cast_to),
            urlencoded=urlencoded,
            content=content,
            content_type=content_type,
            omit_empty_body=omit_empty_body,
            body_defaults=body_defaults,
            security=security,
            server=server,
            idempotency_header=idempotency_header,
            answer_status=answer_status,
        )
        parse = self._body_parser(cast_to, plan, event_types, status_types)
        try:
            response = await self._execute(plan, parse, error_types)
        finally:
            plan.close()
        # In raw mode the wrapper that asked for it returns the APIResponse, typed as such.
        return cast(T, response if mode != "parsed" else await response.parse())

    def _request_page(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        headers: Mapping[str, object] | None = None,
        cookies: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        content_type: str | None = None,
        omit_empty_body: bool = False,
        body_defaults: Mapping[str, object] | None = None,
        item_type: TypeForm[T],
        pagination: PaginationStrategy,
        error_types: ErrorTypes | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
        server: str | None = None,
    ) -> AsyncPaginator[T]:
        """A paginator that fetches the first page when awaited or iterated, not before.

        Arguments are checked now, so a bad path parameter fails at the call site.
        """
        plan = self._plan(
            method,
            path,
            path_params=path_params,
            query=query,
            headers=headers,
            cookies=cookies,
            json=json,
            form=None,
            files=None,
            options=options,
            stream=False,
            content_type=content_type,
            omit_empty_body=omit_empty_body,
            body_defaults=body_defaults,
            security=security,
            server=server,
        )
        parse = self._page_parser(plan, item_type, pagination)

        async def first_page() -> AsyncPage[T]:
            mode = take_response_mode()
            planned = dataclasses.replace(plan, stream=True) if mode == "streamed" else plan
            response = await self._execute(planned, parse, error_types)
            return cast(AsyncPage[T], response if mode != "parsed" else await response.parse())

        return AsyncPaginator(first_page)

    def _page_parser(
        self, plan: RequestPlan, item_type: TypeForm[T], pagination: PaginationStrategy
    ) -> Callable[[httpx.Response], AsyncPage[T]]:
        read = self._page_data_parser(plan, item_type, pagination)

        async def fetch_page(where: NextPage) -> AsyncPage[T]:
            following = follow(plan, where)
            parse = self._page_parser(following, item_type, pagination)
            return await (await self._execute(following, parse, None)).parse()

        return lambda response: AsyncPage(read(response), fetch_page)

    async def _execute(
        self,
        plan: RequestPlan,
        parse: Callable[[httpx.Response], R],
        error_types: ErrorTypes | None,
    ) -> AsyncAPIResponse[R]:
        budget = plan.budget()
        token = budget.activate()
        try:
            attempt = 0
            while True:
                attempt += 1
                budget.new_attempt()
                request = plan.build(self._client, budget, retries=attempt - 1)
                try:
                    response, hops = await self._send(plan, request, budget, attempt - 1)
                except Exception as exc:
                    failure = transport_failure(exc, request)
                    if failure is None:
                        raise
                    delay = self._delay_after_error(plan, request, failure, attempt, budget)
                    if delay is None:
                        self._connection_error(plan, request, failure, attempt, budget)
                    await self._sleep(delay)
                    continue
                if plan.answered(response):
                    return AsyncAPIResponse(
                        response, parse, max_response_size=plan.max_response_size
                    )
                delay = self._delay_after_status(plan, response, attempt, budget)
                if delay is None:
                    raise self._status_error(plan, response, error_types, attempt, hops)
                await self._sleep(delay)
        finally:
            budget.deactivate(token)

    async def _send(
        self, plan: RequestPlan, request: httpx.Request, budget: Budget, retries: int
    ) -> tuple[httpx.Response, int]:
        hops = 0
        foreign = False  # whether the chain has left the request's origin
        debug = debug_enabled()
        while True:
            if debug:
                log_request(request, self._auth.header_names, self._auth.query_names)
            # On another origin, not even the httpx client's own auth goes along.
            auth = None if foreign else httpx.USE_CLIENT_DEFAULT
            response = await self._client.send(
                request, stream=True, follow_redirects=False, auth=auth
            )
            if debug:
                log_response(response, self._auth.header_names, self._auth.query_names)
            target = None if plan.answered(response) else self._redirect(response, hops)
            if target is None:
                break
            await response.aclose()
            hops += 1
            foreign = foreign or origin_of(target) != origin_of(request.url)
            request = self._next_hop(plan, target, budget, retries=retries, foreign=foreign)
        if plan.stream and plan.answered(response):
            return response, hops
        return await aread_limited(response, plan.max_response_size, budget), hops
