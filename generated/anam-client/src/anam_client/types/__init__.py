"""The API's models. Each lives in its own module, loaded the first time one of its names is used."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._cartesia_sonic3_voice_generation_options import (
        CartesiaSonic3VoiceGenerationOptions as CartesiaSonic3VoiceGenerationOptions,
    )
    from ._cartesia_sonic3_voice_generation_options_param import (
        CartesiaSonic3VoiceGenerationOptionsParam as CartesiaSonic3VoiceGenerationOptionsParam,
    )
    from ._create_persona_request import CreatePersonaRequest as CreatePersonaRequest
    from ._create_session_token_request import (
        CreateSessionTokenRequest as CreateSessionTokenRequest,
    )
    from ._eleven_labs_v1_voice_generation_options import (
        ElevenLabsV1VoiceGenerationOptions as ElevenLabsV1VoiceGenerationOptions,
    )
    from ._eleven_labs_v1_voice_generation_options_param import (
        ElevenLabsV1VoiceGenerationOptionsParam as ElevenLabsV1VoiceGenerationOptionsParam,
    )
    from ._eleven_labs_v2_voice_generation_options import (
        ElevenLabsV2VoiceGenerationOptions as ElevenLabsV2VoiceGenerationOptions,
    )
    from ._eleven_labs_v2_voice_generation_options_param import (
        ElevenLabsV2VoiceGenerationOptionsParam as ElevenLabsV2VoiceGenerationOptionsParam,
    )
    from ._fish_audio_voice_generation_options import (
        FishAudioVoiceGenerationOptions as FishAudioVoiceGenerationOptions,
    )
    from ._fish_audio_voice_generation_options_param import (
        FishAudioVoiceGenerationOptionsParam as FishAudioVoiceGenerationOptionsParam,
    )
    from ._persona_config import PersonaConfig as PersonaConfig
    from ._persona_config_param import PersonaConfigParam as PersonaConfigParam
    from ._persona_config_with_persona_id import (
        PersonaConfigWithPersonaId as PersonaConfigWithPersonaId,
    )
    from ._persona_config_with_persona_id_param import (
        PersonaConfigWithPersonaIdParam as PersonaConfigWithPersonaIdParam,
    )
    from ._session_options import SessionOptions as SessionOptions
    from ._session_options_param import SessionOptionsParam as SessionOptionsParam
    from ._session_replay import SessionReplay as SessionReplay
    from ._session_replay_param import SessionReplayParam as SessionReplayParam
    from ._session_token import SessionToken as SessionToken
    from ._voice_detection_options import VoiceDetectionOptions as VoiceDetectionOptions
    from ._voice_detection_options_param import (
        VoiceDetectionOptionsParam as VoiceDetectionOptionsParam,
    )

__all__ = [
    "CartesiaSonic3VoiceGenerationOptions",
    "CartesiaSonic3VoiceGenerationOptionsParam",
    "CreatePersonaRequest",
    "CreateSessionTokenRequest",
    "ElevenLabsV1VoiceGenerationOptions",
    "ElevenLabsV1VoiceGenerationOptionsParam",
    "ElevenLabsV2VoiceGenerationOptions",
    "ElevenLabsV2VoiceGenerationOptionsParam",
    "FishAudioVoiceGenerationOptions",
    "FishAudioVoiceGenerationOptionsParam",
    "PersonaConfig",
    "PersonaConfigParam",
    "PersonaConfigWithPersonaId",
    "PersonaConfigWithPersonaIdParam",
    "SessionOptions",
    "SessionOptionsParam",
    "SessionReplay",
    "SessionReplayParam",
    "SessionToken",
    "VoiceDetectionOptions",
    "VoiceDetectionOptionsParam",
]

_HOMES: dict[str, str] = {
    "CartesiaSonic3VoiceGenerationOptions": "_cartesia_sonic3_voice_generation_options",
    "CartesiaSonic3VoiceGenerationOptionsParam": "_cartesia_sonic3_voice_generation_options_param",
    "CreatePersonaRequest": "_create_persona_request",
    "CreateSessionTokenRequest": "_create_session_token_request",
    "ElevenLabsV1VoiceGenerationOptions": "_eleven_labs_v1_voice_generation_options",
    "ElevenLabsV1VoiceGenerationOptionsParam": "_eleven_labs_v1_voice_generation_options_param",
    "ElevenLabsV2VoiceGenerationOptions": "_eleven_labs_v2_voice_generation_options",
    "ElevenLabsV2VoiceGenerationOptionsParam": "_eleven_labs_v2_voice_generation_options_param",
    "FishAudioVoiceGenerationOptions": "_fish_audio_voice_generation_options",
    "FishAudioVoiceGenerationOptionsParam": "_fish_audio_voice_generation_options_param",
    "PersonaConfig": "_persona_config",
    "PersonaConfigParam": "_persona_config_param",
    "PersonaConfigWithPersonaId": "_persona_config_with_persona_id",
    "PersonaConfigWithPersonaIdParam": "_persona_config_with_persona_id_param",
    "SessionOptions": "_session_options",
    "SessionOptionsParam": "_session_options_param",
    "SessionReplay": "_session_replay",
    "SessionReplayParam": "_session_replay_param",
    "SessionToken": "_session_token",
    "VoiceDetectionOptions": "_voice_detection_options",
    "VoiceDetectionOptionsParam": "_voice_detection_options_param",
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
