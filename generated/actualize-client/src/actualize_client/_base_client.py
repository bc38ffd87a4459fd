"""The client classes generated clients subclass, sync and async.

Only sending, sleeping between retries and closing differ between the two, so that is all these
classes contain; configuration, request planning and retry decisions are shared in
``BaseClient``. A generated client adds nothing but ``_settings`` and its resources.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar, cast

import anyio
import httpx
from typing_extensions import Self  # noqa: UP035 - typing.Self needs Python 3.11

from ._binary import AsyncBinaryResponse, BinaryResponse
from ._client_core import BaseClient
from ._config import ClientSettings
from ._exceptions import connection_error
from ._logs import log_request, log_response
from ._pagination import AsyncPage, AsyncPaginator, PageNumberPagination, SyncPage
from ._request_plan import RequestPlan
from ._response import APIResponse, AsyncAPIResponse, ErrorTypes, take_raw_response_request
from ._types import NOT_GIVEN, RequestOptions

if TYPE_CHECKING:
    from typing_extensions import TypeForm

__all__ = ["AsyncAPIClient", "ClientSettings", "SyncAPIClient"]

T = TypeVar("T")
R = TypeVar("R")


class SyncAPIClient(BaseClient[httpx.Client]):
    _binary_response_type = BinaryResponse

    def _new_http_client(self) -> httpx.Client:
        return httpx.Client(timeout=self.timeout, follow_redirects=True)

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
        json: object = NOT_GIVEN,
        form: Mapping[str, object] | None = None,
        files: Mapping[str, object] | None = None,
        urlencoded: Mapping[str, object] | None = None,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        cast_to: TypeForm[T],
        error_types: ErrorTypes | None = None,
        options: RequestOptions | None = None,
    ) -> T:
        """Send a request (retrying as allowed) and return the body as ``cast_to``.

        ``cast_to`` is any type expression (a model, ``List[Model]``, a union, ``None``), so a
        generated method returns this call's result as its declared type, without a cast.
        """
        raw = take_raw_response_request()
        plan = self._plan(
            method,
            path,
            path_params=path_params,
            query=query,
            headers=headers,
            json=json,
            form=form,
            files=files,
            options=options,
            stream=self._streams(cast_to),
            urlencoded=urlencoded,
            content=content,
            content_type=content_type,
        )
        response = self._execute(plan, self._body_parser(cast_to), error_types)
        # In raw mode the wrapper that asked for it returns the APIResponse, typed as such.
        return cast(T, response if raw else response.parse())

    def _request_page(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        headers: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        item_type: type[T],
        pagination: PageNumberPagination,
        error_types: ErrorTypes | None = None,
        options: RequestOptions | None = None,
    ) -> SyncPage[T]:
        """Fetch the first page; later pages are fetched as the caller iterates."""
        raw = take_raw_response_request()
        plan = self._plan(
            method,
            path,
            path_params=path_params,
            query=query,
            headers=headers,
            json=json,
            form=None,
            files=None,
            options=options,
            stream=False,
        )
        response = self._execute(plan, self._page_parser(plan, item_type, pagination), error_types)
        return cast(SyncPage[T], response if raw else response.parse())

    def _page_parser(
        self, plan: RequestPlan, item_type: type[T], pagination: PageNumberPagination
    ) -> Callable[[httpx.Response], SyncPage[T]]:
        read = self._page_data_parser(plan, item_type, pagination)

        def fetch_page(number: int) -> SyncPage[T]:
            following = plan.with_param(pagination.page_param, str(number))
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
        attempt = 0
        while True:
            attempt += 1
            request = plan.build(self._client)
            log_request(request, self._sensitive_headers, self._sensitive_query)
            try:
                response = self._client.send(request, stream=plan.stream)
            except httpx.HTTPError as exc:
                delay = self._delay_after_error(plan, request, exc, attempt)
                if delay is None:
                    raise connection_error(exc, request, attempts=attempt) from exc
                self._sleep(delay)
                continue
            log_response(response, self._sensitive_headers, self._sensitive_query)
            if response.is_success:
                return APIResponse(response, parse)
            delay = self._delay_after_status(plan, response, attempt)
            if delay is None:
                try:
                    response.read()
                except httpx.HTTPError as exc:
                    raise connection_error(exc, request, attempts=attempt) from exc
                raise self._status_error(response, error_types, attempt)
            response.close()
            self._sleep(delay)


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    _binary_response_type = AsyncBinaryResponse

    def _new_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self.timeout, follow_redirects=True)

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
        json: object = NOT_GIVEN,
        form: Mapping[str, object] | None = None,
        files: Mapping[str, object] | None = None,
        urlencoded: Mapping[str, object] | None = None,
        content: object = NOT_GIVEN,
        content_type: str | None = None,
        cast_to: TypeForm[T],
        error_types: ErrorTypes | None = None,
        options: RequestOptions | None = None,
    ) -> T:
        """Send a request (retrying as allowed) and return the body as ``cast_to``.

        ``cast_to`` is any type expression (a model, ``List[Model]``, a union, ``None``), so a
        generated method returns this call's result as its declared type, without a cast.
        """
        raw = take_raw_response_request()
        plan = self._plan(
            method,
            path,
            path_params=path_params,
            query=query,
            headers=headers,
            json=json,
            form=form,
            files=files,
            options=options,
            stream=self._streams(cast_to),
            urlencoded=urlencoded,
            content=content,
            content_type=content_type,
        )
        response = await self._execute(plan, self._body_parser(cast_to), error_types)
        # In raw mode the wrapper that asked for it returns the APIResponse, typed as such.
        return cast(T, response if raw else await response.parse())

    def _request_page(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        headers: Mapping[str, object] | None = None,
        json: object = NOT_GIVEN,
        item_type: type[T],
        pagination: PageNumberPagination,
        error_types: ErrorTypes | None = None,
        options: RequestOptions | None = None,
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
            json=json,
            form=None,
            files=None,
            options=options,
            stream=False,
        )
        parse = self._page_parser(plan, item_type, pagination)

        async def first_page() -> AsyncPage[T]:
            raw = take_raw_response_request()
            response = await self._execute(plan, parse, error_types)
            return cast(AsyncPage[T], response if raw else await response.parse())

        return AsyncPaginator(first_page)

    def _page_parser(
        self, plan: RequestPlan, item_type: type[T], pagination: PageNumberPagination
    ) -> Callable[[httpx.Response], AsyncPage[T]]:
        read = self._page_data_parser(plan, item_type, pagination)

        async def fetch_page(number: int) -> AsyncPage[T]:
            following = plan.with_param(pagination.page_param, str(number))
            parse = self._page_parser(following, item_type, pagination)
            return await (await self._execute(following, parse, None)).parse()

        return lambda response: AsyncPage(read(response), fetch_page)

    async def _execute(
        self,
        plan: RequestPlan,
        parse: Callable[[httpx.Response], R],
        error_types: ErrorTypes | None,
    ) -> AsyncAPIResponse[R]:
        attempt = 0
        while True:
            attempt += 1
            request = plan.build(self._client)
            log_request(request, self._sensitive_headers, self._sensitive_query)
            try:
                response = await self._client.send(request, stream=plan.stream)
            except httpx.HTTPError as exc:
                delay = self._delay_after_error(plan, request, exc, attempt)
                if delay is None:
                    raise connection_error(exc, request, attempts=attempt) from exc
                await self._sleep(delay)
                continue
            log_response(response, self._sensitive_headers, self._sensitive_query)
            if response.is_success:
                return AsyncAPIResponse(response, parse)
            delay = self._delay_after_status(plan, response, attempt)
            if delay is None:
                try:
                    await response.aread()
                except httpx.HTTPError as exc:
                    raise connection_error(exc, request, attempts=attempt) from exc
                raise self._status_error(response, error_types, attempt)
            await response.aclose()
            await self._sleep(delay)
