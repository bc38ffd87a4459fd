"""The sessions resource: `client.sessions.<method>(...)`."""

from __future__ import annotations

from functools import cached_property
from typing import Any, Dict

from .._resource import AsyncAPIResource, SyncAPIResource
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, RequestOptions, Timeout
from ..types import (
    PersonaConfig,
    PersonaConfigWithPersonaId,
    SessionOptions,
    SessionToken,
)


class Sessions(SyncAPIResource):
    @cached_property
    def with_raw_response(self) -> SessionsWithRawResponse:
        """The same methods, returning the raw response (status, headers) with `.parse()`."""
        return SessionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> SessionsWithStreamingResponse:
        """The same methods as context managers over the unread response: `iter_bytes()`,
        `iter_lines()`, `write_to_file()`, `parse()`."""
        return SessionsWithStreamingResponse(self)

    def create_token(
        self,
        *,
        client_label: str | NotGiven = NOT_GIVEN,
        persona_config: PersonaConfig
        | PersonaConfigWithPersonaId
        | Dict[str, Any]
        | NotGiven = NOT_GIVEN,
        session_options: SessionOptions | Dict[str, Any] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven = NOT_GIVEN,
        max_response_size: int | NotGiven = NOT_GIVEN,
        idempotent: bool | NotGiven = NOT_GIVEN,
    ) -> SessionToken:
        """create session token

        Create a new session token used to initialise Anam client side SDKs

        Args:
            client_label: The client label for the session
        """
        return self._request(
            "post",
            "/v1/auth/session-token",
            json={
                "clientLabel": client_label,
                "personaConfig": persona_config,
                "sessionOptions": session_options,
            },
            cast_to=SessionToken,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
                deadline=deadline,
                max_response_size=max_response_size,
                idempotent=idempotent,
            ),
        )


class AsyncSessions(AsyncAPIResource):
    @cached_property
    def with_raw_response(self) -> AsyncSessionsWithRawResponse:
        """The same methods, returning the raw response (status, headers) with `.parse()`."""
        return AsyncSessionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncSessionsWithStreamingResponse:
        """The same methods as context managers over the unread response: `iter_bytes()`,
        `iter_lines()`, `write_to_file()`, `parse()`."""
        return AsyncSessionsWithStreamingResponse(self)

    async def create_token(
        self,
        *,
        client_label: str | NotGiven = NOT_GIVEN,
        persona_config: PersonaConfig
        | PersonaConfigWithPersonaId
        | Dict[str, Any]
        | NotGiven = NOT_GIVEN,
        session_options: SessionOptions | Dict[str, Any] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven = NOT_GIVEN,
        max_response_size: int | NotGiven = NOT_GIVEN,
        idempotent: bool | NotGiven = NOT_GIVEN,
    ) -> SessionToken:
        """create session token

        Create a new session token used to initialise Anam client side SDKs

        Args:
            client_label: The client label for the session
        """
        return await self._request(
            "post",
            "/v1/auth/session-token",
            json={
                "clientLabel": client_label,
                "personaConfig": persona_config,
                "sessionOptions": session_options,
            },
            cast_to=SessionToken,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
                deadline=deadline,
                max_response_size=max_response_size,
                idempotent=idempotent,
            ),
        )


class SessionsWithRawResponse:
    def __init__(self, resource: Sessions) -> None:
        self.create_token = to_raw_response_wrapper(resource.create_token)


class AsyncSessionsWithRawResponse:
    def __init__(self, resource: AsyncSessions) -> None:
        self.create_token = async_to_raw_response_wrapper(resource.create_token)


class SessionsWithStreamingResponse:
    def __init__(self, resource: Sessions) -> None:
        self.create_token = to_streamed_response_wrapper(resource.create_token)


class AsyncSessionsWithStreamingResponse:
    def __init__(self, resource: AsyncSessions) -> None:
        self.create_token = async_to_streamed_response_wrapper(resource.create_token)
