"""The API's models. Each lives in its own module, loaded the first time one of its names is used."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._agent_config import AgentConfig as AgentConfig
    from ._agent_profile import AgentProfile as AgentProfile
    from ._emotion import Emotion as Emotion
    from ._emotion_config import EmotionConfig as EmotionConfig
    from ._emotion_level import EmotionLevel as EmotionLevel
    from ._http_validation_error import HTTPValidationError as HTTPValidationError
    from ._llm_config import LLMConfig as LLMConfig
    from ._playground_token_request import PlaygroundTokenRequest as PlaygroundTokenRequest
    from ._provider_model import ProviderModel as ProviderModel
    from ._sample_rate import SampleRate as SampleRate
    from ._speech_rate import SpeechRate as SpeechRate
    from ._speech_volume import SpeechVolume as SpeechVolume
    from ._stt_config import STTConfig as STTConfig
    from ._tts_config import TTSConfig as TTSConfig
    from ._user_info import UserInfo as UserInfo
    from ._vad_config import VADConfig as VADConfig
    from ._validation_error import ValidationError as ValidationError

__all__ = [
    "AgentConfig",
    "AgentProfile",
    "Emotion",
    "EmotionConfig",
    "EmotionLevel",
    "HTTPValidationError",
    "LLMConfig",
    "PlaygroundTokenRequest",
    "ProviderModel",
    "STTConfig",
    "SampleRate",
    "SpeechRate",
    "SpeechVolume",
    "TTSConfig",
    "UserInfo",
    "VADConfig",
    "ValidationError",
]

_HOMES: dict[str, str] = {
    "AgentConfig": "_agent_config",
    "AgentProfile": "_agent_profile",
    "Emotion": "_emotion",
    "EmotionConfig": "_emotion_config",
    "EmotionLevel": "_emotion_level",
    "HTTPValidationError": "_http_validation_error",
    "LLMConfig": "_llm_config",
    "PlaygroundTokenRequest": "_playground_token_request",
    "ProviderModel": "_provider_model",
    "STTConfig": "_stt_config",
    "SampleRate": "_sample_rate",
    "SpeechRate": "_speech_rate",
    "SpeechVolume": "_speech_volume",
    "TTSConfig": "_tts_config",
    "UserInfo": "_user_info",
    "VADConfig": "_vad_config",
    "ValidationError": "_validation_error",
}


def __getattr__(name: str) -> Any:
    try:
        module = _HOMES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
