"""The API's models. Each lives in its own module, loaded the first time one of its names is used."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._cartesia_sonic3_voice_generation_options import (
        CartesiaSonic3VoiceGenerationOptions as CartesiaSonic3VoiceGenerationOptions,
    )
    from ._create_persona_request import CreatePersonaRequest as CreatePersonaRequest
    from ._create_session_token_request import (
        CreateSessionTokenRequest as CreateSessionTokenRequest,
    )
    from ._eleven_labs_v1_voice_generation_options import (
        ElevenLabsV1VoiceGenerationOptions as ElevenLabsV1VoiceGenerationOptions,
    )
    from ._eleven_labs_v2_voice_generation_options import (
        ElevenLabsV2VoiceGenerationOptions as ElevenLabsV2VoiceGenerationOptions,
    )
    from ._fish_audio_voice_generation_options import (
        FishAudioVoiceGenerationOptions as FishAudioVoiceGenerationOptions,
    )
    from ._persona_config import PersonaConfig as PersonaConfig
    from ._persona_config_with_persona_id import (
        PersonaConfigWithPersonaId as PersonaConfigWithPersonaId,
    )
    from ._session_options import SessionOptions as SessionOptions
    from ._session_replay import SessionReplay as SessionReplay
    from ._session_token import SessionToken as SessionToken
    from ._voice_detection_options import VoiceDetectionOptions as VoiceDetectionOptions

__all__ = [
    "CartesiaSonic3VoiceGenerationOptions",
    "CreatePersonaRequest",
    "CreateSessionTokenRequest",
    "ElevenLabsV1VoiceGenerationOptions",
    "ElevenLabsV2VoiceGenerationOptions",
    "FishAudioVoiceGenerationOptions",
    "PersonaConfig",
    "PersonaConfigWithPersonaId",
    "SessionOptions",
    "SessionReplay",
    "SessionToken",
    "VoiceDetectionOptions",
]

_HOMES: dict[str, str] = {
    "CartesiaSonic3VoiceGenerationOptions": "_cartesia_sonic3_voice_generation_options",
    "CreatePersonaRequest": "_create_persona_request",
    "CreateSessionTokenRequest": "_create_session_token_request",
    "ElevenLabsV1VoiceGenerationOptions": "_eleven_labs_v1_voice_generation_options",
    "ElevenLabsV2VoiceGenerationOptions": "_eleven_labs_v2_voice_generation_options",
    "FishAudioVoiceGenerationOptions": "_fish_audio_voice_generation_options",
    "PersonaConfig": "_persona_config",
    "PersonaConfigWithPersonaId": "_persona_config_with_persona_id",
    "SessionOptions": "_session_options",
    "SessionReplay": "_session_replay",
    "SessionToken": "_session_token",
    "VoiceDetectionOptions": "_voice_detection_options",
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
