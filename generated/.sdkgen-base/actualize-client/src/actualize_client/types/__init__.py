"""The API's models. Each lives in its own module, loaded the first time one of its names is used."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._agent_config import AgentConfig as AgentConfig
    from ._agent_config_param import AgentConfigParam as AgentConfigParam
    from ._agent_profile import AgentProfile as AgentProfile
    from ._agent_profile_param import AgentProfileParam as AgentProfileParam
    from ._emotion import Emotion as Emotion
    from ._emotion_config import EmotionConfig as EmotionConfig
    from ._emotion_config_param import EmotionConfigParam as EmotionConfigParam
    from ._emotion_level import EmotionLevel as EmotionLevel
    from ._http_validation_error import HTTPValidationError as HTTPValidationError
    from ._llm_config import LLMConfig as LLMConfig
    from ._llm_config_param import LLMConfigParam as LLMConfigParam
    from ._playground_token_request import PlaygroundTokenRequest as PlaygroundTokenRequest
    from ._provider_model import ProviderModel as ProviderModel
    from ._provider_model_param import ProviderModelParam as ProviderModelParam
    from ._sample_rate import SampleRate as SampleRate
    from ._speech_rate import SpeechRate as SpeechRate
    from ._speech_volume import SpeechVolume as SpeechVolume
    from ._stt_config import STTConfig as STTConfig
    from ._stt_config_param import STTConfigParam as STTConfigParam
    from ._tts_config import TTSConfig as TTSConfig
    from ._tts_config_param import TTSConfigParam as TTSConfigParam
    from ._user_info import UserInfo as UserInfo
    from ._user_info_param import UserInfoParam as UserInfoParam
    from ._vad_config import VADConfig as VADConfig
    from ._vad_config_param import VADConfigParam as VADConfigParam
    from ._validation_error import ValidationError as ValidationError

__all__ = [
    "AgentConfig",
    "AgentConfigParam",
    "AgentProfile",
    "AgentProfileParam",
    "Emotion",
    "EmotionConfig",
    "EmotionConfigParam",
    "EmotionLevel",
    "HTTPValidationError",
    "LLMConfig",
    "LLMConfigParam",
    "PlaygroundTokenRequest",
    "ProviderModel",
    "ProviderModelParam",
    "STTConfig",
    "STTConfigParam",
    "SampleRate",
    "SpeechRate",
    "SpeechVolume",
    "TTSConfig",
    "TTSConfigParam",
    "UserInfo",
    "UserInfoParam",
    "VADConfig",
    "VADConfigParam",
    "ValidationError",
]

_HOMES: dict[str, str] = {
    "AgentConfig": "_agent_config",
    "AgentConfigParam": "_agent_config_param",
    "AgentProfile": "_agent_profile",
    "AgentProfileParam": "_agent_profile_param",
    "Emotion": "_emotion",
    "EmotionConfig": "_emotion_config",
    "EmotionConfigParam": "_emotion_config_param",
    "EmotionLevel": "_emotion_level",
    "HTTPValidationError": "_http_validation_error",
    "LLMConfig": "_llm_config",
    "LLMConfigParam": "_llm_config_param",
    "PlaygroundTokenRequest": "_playground_token_request",
    "ProviderModel": "_provider_model",
    "ProviderModelParam": "_provider_model_param",
    "STTConfig": "_stt_config",
    "STTConfigParam": "_stt_config_param",
    "SampleRate": "_sample_rate",
    "SpeechRate": "_speech_rate",
    "SpeechVolume": "_speech_volume",
    "TTSConfig": "_tts_config",
    "TTSConfigParam": "_tts_config_param",
    "UserInfo": "_user_info",
    "UserInfoParam": "_user_info_param",
    "VADConfig": "_vad_config",
    "VADConfigParam": "_vad_config_param",
    "ValidationError": "_validation_error",
}


def __getattr__(name: str) -> Any:
    try:
        module = _HOMES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    from .._models import import_models  # with the first model: this module stays light

    value = getattr(import_models(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
