"""A tiny SDK written exactly the way generated code uses the runtime, for end-to-end tests.

One resource (``widgets``) covers every kind of operation the generator emits: JSON bodies,
path/query/header parameters, pagination, multipart uploads and binary downloads, each in a
sync and an async flavour, plus their ``with_raw_response`` twins.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Any, Literal, cast

from pydantic import Field
from sdkrt._base_client import AsyncAPIClient, ClientSettings, SyncAPIClient
from sdkrt._binary import AsyncBinaryResponse, BinaryResponse
from sdkrt._models import BaseModel
from sdkrt._pagination import AsyncPaginator, PageNumberPagination, SyncPage
from sdkrt._resource import AsyncAPIResource, SyncAPIResource
from sdkrt._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from sdkrt._types import (
    NOT_GIVEN,
    Body,
    FileTypes,
    Headers,
    NotGiven,
    Query,
    RequestOptions,
    Timeout,
)
from typing_extensions import TypeAliasType

API_KEY = "sk-demo-5ecret-key-do-not-log"

SETTINGS = ClientSettings(
    distribution="demo-sdk",
    version="1.2.3",
    default_base_url="https://demo.invalid",
    env_prefix="DEMO",
    auth="bearer",
    api_key_required=True,
)

Size = TypeAliasType("Size", Literal["s", "m", "l"])


class Owner(BaseModel):
    id: uuid.UUID
    name: str


class Widget(BaseModel):
    id: str
    display_name: Annotated[str | None, Field(alias="displayName")] = None
    kind: Literal["small", "large"] | None = None
    size: Size | None = None
    created_at: Annotated[dt.datetime | None, Field(alias="createdAt")] = None
    owner: Owner | None = None


class Credentials(BaseModel):
    username: str
    password: Annotated[str, Field(json_schema_extra={"x-sdk-secret": True})]


class ErrorBody(BaseModel):
    message: str
    code: str | None = None


_ERRORS: dict[int | str, object] = {400: ErrorBody, 422: ErrorBody, "5XX": ErrorBody}
_PAGINATION = PageNumberPagination(
    page_param="page",
    items_field="data",
    current_page=("meta", "currentPage"),
    last_page=("meta", "lastPage"),
)


class Widgets(SyncAPIResource):
    @cached_property
    def with_raw_response(self) -> WidgetsWithRawResponse:
        return WidgetsWithRawResponse(self)

    def create(
        self,
        *,
        display_name: str | NotGiven = NOT_GIVEN,
        owner: Owner | dict[str, Any] | NotGiven = NOT_GIVEN,
        credentials: Credentials | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        idempotent: bool = False,
    ) -> Widget:
        return cast(
            Widget,
            self._request(
                "post",
                "/v1/widgets",
                json={"displayName": display_name, "owner": owner, "credentials": credentials},
                cast_to=Widget,
                error_types=_ERRORS,
                options=RequestOptions(
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    extra_body=extra_body,
                    timeout=timeout,
                    max_retries=max_retries,
                    idempotent=idempotent,
                ),
            ),
        )

    def get(
        self,
        id: str,
        *,
        trace: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Widget:
        return cast(
            Widget,
            self._request(
                "get",
                "/v1/widgets/{id}",
                path_params={"id": id},
                headers={"X-Trace": trace},
                cast_to=Widget,
                error_types=_ERRORS,
                options=RequestOptions(
                    extra_headers=extra_headers, timeout=timeout, max_retries=max_retries
                ),
            ),
        )

    def delete(self, id: str, *, max_retries: int | NotGiven = NOT_GIVEN) -> None:
        self._request(
            "delete",
            "/v1/widgets/{id}",
            path_params={"id": id},
            cast_to=None,
            options=RequestOptions(max_retries=max_retries),
        )

    def list(
        self,
        *,
        page: int | NotGiven = NOT_GIVEN,
        per_page: int | NotGiven = NOT_GIVEN,
        search: str | NotGiven = NOT_GIVEN,
        tags: Sequence[str] | NotGiven = NOT_GIVEN,
        since: dt.datetime | NotGiven = NOT_GIVEN,
        active: bool | NotGiven = NOT_GIVEN,
        extra_query: Query | None = None,
    ) -> SyncPage[Widget]:
        return self._request_page(
            "get",
            "/v1/widgets",
            query={
                "page": page,
                "perPage": per_page,
                "search": search,
                "tags": tags,
                "since": since,
                "active": active,
            },
            item_type=Widget,
            pagination=_PAGINATION,
            options=RequestOptions(extra_query=extra_query),
        )

    def upload(
        self,
        id: str,
        *,
        title: str,
        file: FileTypes,
        thumbnail: FileTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Widget:
        return cast(
            Widget,
            self._request(
                "post",
                "/v1/widgets/{id}/files",
                path_params={"id": id},
                form={"title": title},
                files={"file": file, "thumbnail": thumbnail},
                cast_to=Widget,
                options=RequestOptions(max_retries=max_retries),
            ),
        )

    def download(self, id: str) -> BinaryResponse:
        return cast(
            BinaryResponse,
            self._request(
                "get",
                "/v1/widgets/{id}/file",
                path_params={"id": id},
                cast_to=BinaryResponse,
                options=RequestOptions(),
            ),
        )


class WidgetsWithRawResponse:
    def __init__(self, widgets: Widgets) -> None:
        self.create = to_raw_response_wrapper(widgets.create)
        self.get = to_raw_response_wrapper(widgets.get)
        self.list = to_raw_response_wrapper(widgets.list)
        self.download = to_raw_response_wrapper(widgets.download)


class AsyncWidgets(AsyncAPIResource):
    @cached_property
    def with_raw_response(self) -> AsyncWidgetsWithRawResponse:
        return AsyncWidgetsWithRawResponse(self)

    async def create(
        self,
        *,
        display_name: str | NotGiven = NOT_GIVEN,
        owner: Owner | dict[str, Any] | NotGiven = NOT_GIVEN,
        credentials: Credentials | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        idempotent: bool = False,
    ) -> Widget:
        return cast(
            Widget,
            await self._request(
                "post",
                "/v1/widgets",
                json={"displayName": display_name, "owner": owner, "credentials": credentials},
                cast_to=Widget,
                error_types=_ERRORS,
                options=RequestOptions(
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    extra_body=extra_body,
                    timeout=timeout,
                    max_retries=max_retries,
                    idempotent=idempotent,
                ),
            ),
        )

    async def get(
        self,
        id: str,
        *,
        trace: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Widget:
        return cast(
            Widget,
            await self._request(
                "get",
                "/v1/widgets/{id}",
                path_params={"id": id},
                headers={"X-Trace": trace},
                cast_to=Widget,
                error_types=_ERRORS,
                options=RequestOptions(
                    extra_headers=extra_headers, timeout=timeout, max_retries=max_retries
                ),
            ),
        )

    def list(
        self,
        *,
        page: int | NotGiven = NOT_GIVEN,
        per_page: int | NotGiven = NOT_GIVEN,
        search: str | NotGiven = NOT_GIVEN,
        extra_query: Query | None = None,
    ) -> AsyncPaginator[Widget]:
        return self._request_page(
            "get",
            "/v1/widgets",
            query={"page": page, "perPage": per_page, "search": search},
            item_type=Widget,
            pagination=_PAGINATION,
            options=RequestOptions(extra_query=extra_query),
        )

    async def upload(
        self,
        id: str,
        *,
        title: str,
        file: FileTypes,
        thumbnail: FileTypes | NotGiven = NOT_GIVEN,
    ) -> Widget:
        return cast(
            Widget,
            await self._request(
                "post",
                "/v1/widgets/{id}/files",
                path_params={"id": id},
                form={"title": title},
                files={"file": file, "thumbnail": thumbnail},
                cast_to=Widget,
                options=RequestOptions(),
            ),
        )

    async def download(self, id: str) -> AsyncBinaryResponse:
        return cast(
            AsyncBinaryResponse,
            await self._request(
                "get",
                "/v1/widgets/{id}/file",
                path_params={"id": id},
                cast_to=AsyncBinaryResponse,
                options=RequestOptions(),
            ),
        )


class AsyncWidgetsWithRawResponse:
    def __init__(self, widgets: AsyncWidgets) -> None:
        self.create = async_to_raw_response_wrapper(widgets.create)
        self.get = async_to_raw_response_wrapper(widgets.get)
        self.list = async_to_raw_response_wrapper(widgets.list)


class Demo(SyncAPIClient):
    _settings = SETTINGS

    @cached_property
    def widgets(self) -> Widgets:
        return Widgets(self)


class AsyncDemo(AsyncAPIClient):
    _settings = SETTINGS

    @cached_property
    def widgets(self) -> AsyncWidgets:
        return AsyncWidgets(self)


class NoWaitDemo(Demo):
    """Records the pauses between retries instead of taking them, so tests stay fast."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.pauses: list[float] = []

    def _sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)


class NoWaitAsyncDemo(AsyncDemo):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.pauses: list[float] = []

    async def _sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
