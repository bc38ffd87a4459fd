"""A downstream program using both shipped clients, run from a fresh virtualenv by the tests.

It is also type-checked with `mypy --strict` against the installed wheels, so it doubles as the
proof that the packages' public types work for their users.
"""

from __future__ import annotations

import json
import os
import sys

from actualize_client import Actualize, UnprocessableEntityError
from actualize_client.types import AgentConfig, ProviderModel, TTSConfig
from anam_client import Anam, AuthenticationError
from anam_client.types import SessionToken, VoiceDetectionOptions


def main() -> None:
    base_url = os.environ["CONSUMER_BASE_URL"]
    anam = Anam(api_key="sk-consumer", base_url=base_url)
    token = anam.sessions.create_token(
        client_label="consumer",
        persona_config={"personaId": "p-1"},
        session_options={"sessionReplay": {"enableSessionReplay": False}},
    )
    assert isinstance(token, SessionToken)
    persona = anam.personas.create(
        name="Cara",
        avatar_model="cara-3",
        voice_detection_options=VoiceDetectionOptions(end_of_speech_sensitivity=0.5),
    )
    try:
        anam.personas.create(name="Denied")
    except AuthenticationError as error:
        denied = error.status_code
    actualize = Actualize(base_url=base_url)
    issued = actualize.playground.create_token(
        agent_config=AgentConfig(
            tts=TTSConfig(speed="x-slow", model=ProviderModel(provider="p", api_key="tts-secret"))
        ),
        ttl=60,
    )
    try:
        actualize.playground.create_token(agent_config={})
    except UnprocessableEntityError as error:
        invalid = error.body
    summary = {
        "token": token.session_token,
        "persona": persona,
        "denied": denied,
        "issued": issued,
        "invalid": type(invalid).__name__,
        "masked": "tts-secret" not in repr(ProviderModel(api_key="tts-secret")),
    }
    json.dump(summary, sys.stdout)


if __name__ == "__main__":
    main()
