"""Mistakes `mypy --strict` must catch in a program using `anam_client`: every line marked
`# error` is expected to fail type checking, and nothing else."""

from __future__ import annotations

from anam_client import Anam
from anam_client.types import Persona, PersonaConfigParam

client = Anam(api_key="sk-test")
persona = client.personas.get("p-1")

client.sessions.create_token(persona_config={"avatar_id": 1})  # error: snake_case key, wrong type
client.sessions.create_token(persona_config={"avatarId": 1})  # error: wrong value type
client.sessions.create_token(persona_config={"personaID": "p-1"})  # error: misspelt key
client.sessions.create_token(
    persona_config={"voiceDetectionOptions": {"endOfSpeech": 0.5}}  # error: nested wrong key
)
config: PersonaConfigParam = {"name": "Cara", "avatar": "a-1"}  # error: unknown key
client.personas.get(persona.id)  # error: the id may be None
client.personas.get(None)  # error: no id at all
client.personas.get(1234)  # error: not an id
client.personas.get("p-1", idempotent=True)  # error: GET takes no idempotent option


def narrowed(p: Persona) -> None:
    if p.id is not None:
        client.personas.get(p.id)  # a UUID is an id: no error here
