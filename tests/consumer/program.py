"""A downstream program written against `anam_client` as generated from the newer Anam capture.

It uses what a team adopting the package relies on: typed request dicts and models, ids as the
models return them, streamed responses and event streams, uploads, retries with idempotency,
the raw HTTP methods, `to_dict`/`to_json`/`copy`, and the package's fake client in its own
tests. It is type-checked with `mypy --strict` and run against a server on loopback
(`ANAM_BASE_URL`); it prints what it saw as JSON for the test to check.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
from anam_client import (
    Anam,
    APIConnectionError,
    AsyncAnam,
    NotFoundError,
    Stream,
    SyncPage,
)
from anam_client.testing import FakeAnam, FakeRequestError
from anam_client.types import (
    Persona,
    PersonaConfig,
    PersonaConfigParam,
    PersonaSummary,
    SessionToken,
    VoiceDetectionOptionsParam,
)


def typed_params(client: Anam) -> str | None:
    """Nested objects as TypedDicts (keys checked by mypy) or as models."""
    detection: VoiceDetectionOptionsParam = {"endOfSpeechSensitivity": 0.5}
    ephemeral: PersonaConfigParam = {
        "name": "Cara",
        "avatarId": "30fa96d0-26c4-4e55-94a0-517025942e18",
        "maxSessionLengthSeconds": 600,
        "voiceDetectionOptions": detection,
    }
    token: SessionToken = client.sessions.create_token(persona_config=ephemeral, idempotent=True)
    model = PersonaConfig(name="Cara", voice_id="6bfbe25a-979d-40f3-a92b-5394170af54b")
    client.sessions.create_token(persona_config=model)
    return token.session_token


def ids(client: Anam, persona_id: str) -> str:
    """Path parameters take an id as the models return it; a maybe-None id is narrowed first."""
    persona: Persona = client.personas.get(persona_id)
    if persona.id is None:
        return "no id"
    again: Persona = client.personas.update(persona.id, name="Cara 2")
    client.sessions.get(UUID("00000000-0000-4000-8000-000000000009"))
    try:
        client.personas.get("")
    except ValueError as refused:  # an empty id never reaches the network
        return f"{again.name}; refused: {refused}"
    return "empty id was sent"


def pages(client: Anam) -> list[str]:
    page: SyncPage[PersonaSummary] = client.personas.list(per_page=1)
    return [persona.name or "" for persona in page]


def streaming(client: Anam, folder: Path) -> dict[str, Any]:
    """A response read as it arrives, written to a file, and an event stream read as typed."""
    with client.personas.with_streaming_response.list() as response:
        lines = list(response.iter_lines())
    with client.personas.with_streaming_response.get("p-1") as response:
        response.write_to_file(folder / "persona.json")
    events: Stream[dict[str, Any]] = client.get("/v1/feed", cast_to=Stream[dict[str, Any]])
    return {
        "lines": len(lines),
        "file": json.loads((folder / "persona.json").read_text())["name"],
        "events": [event["kind"] for event in events],
    }


def uploads(client: Anam, folder: Path) -> list[str]:
    image = folder / "face.png"
    image.write_bytes(b"\x89PNG fake image")
    avatar = client.avatars.create(display_name="Face", image_file=image)
    document = client.knowledge.upload_group_document(
        "g-1", file=("notes.txt", io.BytesIO(b"hello notes"), "text/plain")
    )
    return [avatar.display_name or "", document.filename or ""]


def retries(client: Anam) -> str:
    """A POST retried like a GET because the caller said repeating it is safe."""
    patient = client.copy(max_retries=3, retry_non_idempotent=True)
    patient._sleep = lambda seconds: None  # type: ignore[method-assign]  # no waiting in tests
    token = patient.sessions.create_token(persona_config={"personaId": "p-1"})
    return token.session_token or ""


def conveniences(client: Anam) -> dict[str, Any]:
    persona = client.personas.get("p-1")
    raw: Any = client.post("/v1/echo", cast_to=object, body={"ping": 1})
    return {
        "api_names": sorted(persona.to_dict())[:2],
        "python_names": "llm_id" in persona.to_dict(use_api_names=False),
        "json": json.loads(persona.to_json())["name"],
        "raw": raw,
    }


def test_kit() -> dict[str, Any]:
    """What the team's own unit tests do with the package's fake: no network, no server."""
    fake = FakeAnam()
    token = fake.sessions.create_token(persona_config={"personaId": "p-1"})
    fake.fake.respond("personas.get", status=404, body={"message": "gone"})
    try:
        fake.personas.get("p-1")
        missing = "found"
    except NotFoundError as error:
        missing = str(error.status_code)
    try:
        fake.sessions.create_token(extra_body={"personaConfig": {"avatar_id": 1}})
        refused = ""
    except FakeRequestError as error:
        refused = str(error).splitlines()[0]
    fake.fake.respond("personas.list", error=httpx.ConnectError)
    try:
        fake.with_options(max_retries=0).personas.list()
        failed = False
    except APIConnectionError:
        failed = True
    return {
        "token": bool(token.session_token),
        "missing": missing,
        "refused": refused,
        "network_failure": failed,
        "calls": [call.operation for call in fake.fake.calls],
    }


async def asynchronous(base_url: str) -> list[str]:
    async with AsyncAnam(api_key="sk-test", base_url=base_url) as client:
        names = [persona.name or "" async for persona in client.personas.list(per_page=1)]
        token = await client.sessions.create_token(persona_config={"personaId": "p-1"})
        return [*names, token.session_token or ""]


def main() -> None:
    base_url = os.environ["ANAM_BASE_URL"]
    with tempfile.TemporaryDirectory() as temporary, Anam(api_key="sk-test") as client:
        folder = Path(temporary)
        report = {
            "typed_params": typed_params(client),
            "ids": ids(client, "p-1"),
            "pages": pages(client),
            "streaming": streaming(client, folder),
            "uploads": uploads(client, folder),
            "retries": retries(client),
            "conveniences": conveniences(client),
            "test_kit": test_kit(),
            "async": asyncio.run(asynchronous(base_url)),
        }
    json.dump(report, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
