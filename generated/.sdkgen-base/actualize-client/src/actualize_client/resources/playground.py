"""The playground resource: `client.playground.<method>(...)`."""

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
    AgentConfig,
    HTTPValidationError,
    UserInfo,
)


class Playground(SyncAPIResource):
    """Tokens for trying out a configured voice agent in the playground."""

    @cached_property
    def with_raw_response(self) -> PlaygroundWithRawResponse:
        """The same methods, returning the raw response (status, headers) with `.parse()`."""
        return PlaygroundWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> PlaygroundWithStreamingResponse:
        """The same methods as context managers over the unread response: `iter_bytes()`,
        `iter_lines()`, `write_to_file()`, `parse()`."""
        return PlaygroundWithStreamingResponse(self)

    def create_token(
        self,
        *,
        agent_config: AgentConfig | Dict[str, Any],
        agent_id: str | NotGiven = NOT_GIVEN,
        platform: str | NotGiven = NOT_GIVEN,
        session_id: str | NotGiven = NOT_GIVEN,
        user_info: UserInfo | Dict[str, Any] | NotGiven = NOT_GIVEN,
        ttl: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven = NOT_GIVEN,
        max_response_size: int | NotGiven = NOT_GIVEN,
        idempotent: bool | NotGiven = NOT_GIVEN,
    ) -> Any:
        """Create a playground token

        Issues a token for a playground voice-agent session whose agent, text-to-speech, speech-to-text, LLM and voice-activity-detection settings are given in `agent_config`. The response body is documented only as "any" JSON.

        Args:
            agent_id: Identifier of the agent the session belongs to.
            platform: Platform the session is started from.
            session_id: Identifier of the session.
            ttl: Lifetime of the issued token, in seconds.
        """
        return self._request(
            "post",
            "/api/v1/playground/tokens",
            json={
                "agent_config": agent_config,
                "agent_id": agent_id,
                "platform": platform,
                "session_id": session_id,
                "user_info": user_info,
                "ttl": ttl,
            },
            cast_to=Any,
            error_types={422: HTTPValidationError},
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


class AsyncPlayground(AsyncAPIResource):
    """Tokens for trying out a configured voice agent in the playground."""

    @cached_property
    def with_raw_response(self) -> AsyncPlaygroundWithRawResponse:
        """The same methods, returning the raw response (status, headers) with `.parse()`."""
        return AsyncPlaygroundWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncPlaygroundWithStreamingResponse:
        """The same methods as context managers over the unread response: `iter_bytes()`,
        `iter_lines()`, `write_to_file()`, `parse()`."""
        return AsyncPlaygroundWithStreamingResponse(self)

    async def create_token(
        self,
        *,
        agent_config: AgentConfig | Dict[str, Any],
        agent_id: str | NotGiven = NOT_GIVEN,
        platform: str | NotGiven = NOT_GIVEN,
        session_id: str | NotGiven = NOT_GIVEN,
        user_info: UserInfo | Dict[str, Any] | NotGiven = NOT_GIVEN,
        ttl: int | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven = NOT_GIVEN,
        max_response_size: int | NotGiven = NOT_GIVEN,
        idempotent: bool | NotGiven = NOT_GIVEN,
    ) -> Any:
        """Create a playground token

        Issues a token for a playground voice-agent session whose agent, text-to-speech, speech-to-text, LLM and voice-activity-detection settings are given in `agent_config`. The response body is documented only as "any" JSON.

        Args:
            agent_id: Identifier of the agent the session belongs to.
            platform: Platform the session is started from.
            session_id: Identifier of the session.
            ttl: Lifetime of the issued token, in seconds.
        """
        return await self._request(
            "post",
            "/api/v1/playground/tokens",
            json={
                "agent_config": agent_config,
                "agent_id": agent_id,
                "platform": platform,
                "session_id": session_id,
                "user_info": user_info,
                "ttl": ttl,
            },
            cast_to=Any,
            error_types={422: HTTPValidationError},
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


class PlaygroundWithRawResponse:
    def __init__(self, resource: Playground) -> None:
        self.create_token = to_raw_response_wrapper(resource.create_token)


class AsyncPlaygroundWithRawResponse:
    def __init__(self, resource: AsyncPlayground) -> None:
        self.create_token = async_to_raw_response_wrapper(resource.create_token)


class PlaygroundWithStreamingResponse:
    def __init__(self, resource: Playground) -> None:
        self.create_token = to_streamed_response_wrapper(resource.create_token)


class AsyncPlaygroundWithStreamingResponse:
    def __init__(self, resource: AsyncPlayground) -> None:
        self.create_token = async_to_streamed_response_wrapper(resource.create_token)
