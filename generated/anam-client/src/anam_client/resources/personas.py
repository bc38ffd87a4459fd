"""The personas resource: `client.personas.<method>(...)`."""

from __future__ import annotations

from functools import cached_property
from typing import Any, Dict, Literal

from .._resource import AsyncAPIResource, SyncAPIResource
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, RequestOptions, Timeout
from ..types import (
    CartesiaSonic3VoiceGenerationOptions,
    ElevenLabsV1VoiceGenerationOptions,
    ElevenLabsV2VoiceGenerationOptions,
    FishAudioVoiceGenerationOptions,
    VoiceDetectionOptions,
)


class Personas(SyncAPIResource):
    @cached_property
    def with_raw_response(self) -> PersonasWithRawResponse:
        """The same methods, returning the raw response (status, headers) with `.parse()`."""
        return PersonasWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> PersonasWithStreamingResponse:
        """The same methods as context managers over the unread response: `iter_bytes()`,
        `iter_lines()`, `write_to_file()`, `parse()`."""
        return PersonasWithStreamingResponse(self)

    def create(
        self,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        avatar_id: str | NotGiven = NOT_GIVEN,
        avatar_model: Literal["cara-2", "cara-3"] | None | NotGiven = NOT_GIVEN,
        voice_id: str | NotGiven = NOT_GIVEN,
        llm_id: str | NotGiven = NOT_GIVEN,
        system_prompt: str | NotGiven = NOT_GIVEN,
        skip_greeting: bool | NotGiven = NOT_GIVEN,
        zero_data_retention: bool | NotGiven = NOT_GIVEN,
        voice_detection_options: VoiceDetectionOptions | Dict[str, Any] | NotGiven = NOT_GIVEN,
        language_code: str | NotGiven = NOT_GIVEN,
        voice_generation_options: ElevenLabsV1VoiceGenerationOptions
        | ElevenLabsV2VoiceGenerationOptions
        | CartesiaSonic3VoiceGenerationOptions
        | FishAudioVoiceGenerationOptions
        | Dict[str, Any]
        | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven = NOT_GIVEN,
        max_response_size: int | NotGiven = NOT_GIVEN,
        idempotent: bool | NotGiven = NOT_GIVEN,
    ) -> Any:
        """create persona

        Create a new persona

        Args:
            name: Name of the persona
            description: Description of the persona, for example "A helpful assistant". Does not affect the persona's behavior.
            avatar_id: The avatar to use.
            avatar_model: Avatar model version to use. If not provided, the avatar's default version will be used. Set to null to clear and use default.
            voice_id: The voice to use.
            llm_id: The LLM to use. To disable the LLM, use 'CUSTOMER_CLIENT_V1'.
            system_prompt: System prompt for the LLM
            skip_greeting: Whether to skip the greeting message when starting a session with this persona.
            zero_data_retention: When true, session data is not stored after the conversation ends
            language_code: ISO 639-1 formatted language code override for transcription, replaces organisation level settings and multilingual (default) mode.
            voice_generation_options: Configuration options for voice generation.
        """
        return self._request(
            "post",
            "/v1/personas",
            json={
                "name": name,
                "description": description,
                "avatarId": avatar_id,
                "avatarModel": avatar_model,
                "voiceId": voice_id,
                "llmId": llm_id,
                "systemPrompt": system_prompt,
                "skipGreeting": skip_greeting,
                "zeroDataRetention": zero_data_retention,
                "voiceDetectionOptions": voice_detection_options,
                "languageCode": language_code,
                "voiceGenerationOptions": voice_generation_options,
            },
            cast_to=Any,
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


class AsyncPersonas(AsyncAPIResource):
    @cached_property
    def with_raw_response(self) -> AsyncPersonasWithRawResponse:
        """The same methods, returning the raw response (status, headers) with `.parse()`."""
        return AsyncPersonasWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncPersonasWithStreamingResponse:
        """The same methods as context managers over the unread response: `iter_bytes()`,
        `iter_lines()`, `write_to_file()`, `parse()`."""
        return AsyncPersonasWithStreamingResponse(self)

    async def create(
        self,
        *,
        name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        avatar_id: str | NotGiven = NOT_GIVEN,
        avatar_model: Literal["cara-2", "cara-3"] | None | NotGiven = NOT_GIVEN,
        voice_id: str | NotGiven = NOT_GIVEN,
        llm_id: str | NotGiven = NOT_GIVEN,
        system_prompt: str | NotGiven = NOT_GIVEN,
        skip_greeting: bool | NotGiven = NOT_GIVEN,
        zero_data_retention: bool | NotGiven = NOT_GIVEN,
        voice_detection_options: VoiceDetectionOptions | Dict[str, Any] | NotGiven = NOT_GIVEN,
        language_code: str | NotGiven = NOT_GIVEN,
        voice_generation_options: ElevenLabsV1VoiceGenerationOptions
        | ElevenLabsV2VoiceGenerationOptions
        | CartesiaSonic3VoiceGenerationOptions
        | FishAudioVoiceGenerationOptions
        | Dict[str, Any]
        | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven = NOT_GIVEN,
        max_response_size: int | NotGiven = NOT_GIVEN,
        idempotent: bool | NotGiven = NOT_GIVEN,
    ) -> Any:
        """create persona

        Create a new persona

        Args:
            name: Name of the persona
            description: Description of the persona, for example "A helpful assistant". Does not affect the persona's behavior.
            avatar_id: The avatar to use.
            avatar_model: Avatar model version to use. If not provided, the avatar's default version will be used. Set to null to clear and use default.
            voice_id: The voice to use.
            llm_id: The LLM to use. To disable the LLM, use 'CUSTOMER_CLIENT_V1'.
            system_prompt: System prompt for the LLM
            skip_greeting: Whether to skip the greeting message when starting a session with this persona.
            zero_data_retention: When true, session data is not stored after the conversation ends
            language_code: ISO 639-1 formatted language code override for transcription, replaces organisation level settings and multilingual (default) mode.
            voice_generation_options: Configuration options for voice generation.
        """
        return await self._request(
            "post",
            "/v1/personas",
            json={
                "name": name,
                "description": description,
                "avatarId": avatar_id,
                "avatarModel": avatar_model,
                "voiceId": voice_id,
                "llmId": llm_id,
                "systemPrompt": system_prompt,
                "skipGreeting": skip_greeting,
                "zeroDataRetention": zero_data_retention,
                "voiceDetectionOptions": voice_detection_options,
                "languageCode": language_code,
                "voiceGenerationOptions": voice_generation_options,
            },
            cast_to=Any,
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


class PersonasWithRawResponse:
    def __init__(self, resource: Personas) -> None:
        self.create = to_raw_response_wrapper(resource.create)


class AsyncPersonasWithRawResponse:
    def __init__(self, resource: AsyncPersonas) -> None:
        self.create = async_to_raw_response_wrapper(resource.create)


class PersonasWithStreamingResponse:
    def __init__(self, resource: Personas) -> None:
        self.create = to_streamed_response_wrapper(resource.create)


class AsyncPersonasWithStreamingResponse:
    def __init__(self, resource: AsyncPersonas) -> None:
        self.create = async_to_streamed_response_wrapper(resource.create)
