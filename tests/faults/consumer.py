"""What a downstream team writes against a package with pagination and uploads; the tests only
type-check it (`mypy --strict`), so every public type it touches must be precise."""

from __future__ import annotations

import asyncio
from pathlib import Path

from anam_faults_client import (
    Anam,
    APIConnectionError,
    AsyncAnam,
    NotFoundError,
    RateLimitError,
    SyncPage,
)
from anam_faults_client.types import Avatar, PersonaSummary


def list_names(client: Anam) -> list[str]:
    page: SyncPage[PersonaSummary] = client.personas.list(per_page=50)
    names = [persona.name or "" for persona in page]
    for each_page in page.iter_pages():
        names.extend(p.name or "" for p in each_page.items)
    return names


def upload(client: Anam, image: Path) -> Avatar:
    return client.avatars.create(display_name="Face", image_file=image, idempotent=True)


def careful_get(client: Anam, persona_id: str) -> str | None:
    patient = client.with_options(max_retries=5, timeout=20.0)
    try:
        persona = patient.personas.get(persona_id, timeout=5.0, max_retries=1)
    except NotFoundError as error:
        return f"missing ({error.status_code}, request {error.request_id})"
    except RateLimitError:
        return None
    except APIConnectionError:
        return None
    raw = client.personas.with_raw_response.get(persona_id)
    assert raw.status_code == 200 and raw.parse().id == persona.id
    return persona.name


async def async_names(client: AsyncAnam) -> list[str]:
    first = await client.personas.list()
    names = [persona.name or "" for persona in first.items]
    async for persona in client.personas.list():
        names.append(persona.name or "")
    return names


if __name__ == "__main__":
    asyncio.run(async_names(AsyncAnam(api_key="k")))
