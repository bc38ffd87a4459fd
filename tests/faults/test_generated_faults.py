"""The runtime's promises, kept by a package generated from a real spec (sync and async).

The runtime is unit-tested once in tests/runtime; these tests prove the generator wires it up:
pagination detected from the spec, uploads, safe path ids, retries and typed errors.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.fault_server import FaultServer, RecordedRequest, Reply

PERSONA = {"id": "1b7a6d9e-4a4b-4c43-9c1e-6c7f1a4b2d10", "name": "Cara"}


def _page(number: int, last: int) -> Reply:
    items = [{**PERSONA, "name": f"p{number}-{i}"} for i in range(2)]
    meta = {
        "total": 2 * last,
        "lastPage": last,
        "currentPage": number,
        "perPage": 2,
        "prev": number - 1 or None,
        "next": number + 1 if number < last else None,
    }
    return Reply.json({"data": items, "meta": meta})


def _client(sdk: ModuleType, server: FaultServer, asynchronous: bool, **options: Any) -> Any:
    cls = sdk.AsyncAnam if asynchronous else sdk.Anam
    return cls(api_key="sk-test", base_url=server.url, **options)


async def _collect(result: Any) -> list[Any]:
    if hasattr(result, "__aiter__"):
        return [item async for item in result]
    return list(result)


async def _call(value: Any) -> Any:
    return await value if hasattr(value, "__await__") else value


@pytest.mark.anyio
@pytest.mark.parametrize("asynchronous", [False, True])
async def test_list_pages_lazily_across_three_pages(sdk: ModuleType, asynchronous: bool) -> None:
    with FaultServer() as server:
        server.enqueue(_page(1, 3), _page(2, 3), _page(3, 3))
        pages = _client(sdk, server, asynchronous).personas.list(search="ca", per_page=2)
        if not asynchronous:
            assert server.count == 1  # the first page only, until iteration goes further
        personas = await _collect(pages)
        requests = server.requests
    assert [persona.name for persona in personas] == [
        "p1-0",
        "p1-1",
        "p2-0",
        "p2-1",
        "p3-0",
        "p3-1",
    ]
    assert {type(persona).__name__ for persona in personas} == {"PersonaSummary"}
    assert [r.query for r in requests] == [
        {"search": ["ca"], "perPage": ["2"]},
        {"search": ["ca"], "perPage": ["2"], "page": ["2"]},
        {"search": ["ca"], "perPage": ["2"], "page": ["3"]},
    ]


@pytest.mark.anyio
@pytest.mark.parametrize("asynchronous", [False, True])
@pytest.mark.parametrize(
    "upload",
    ["bytes", "path", "file", "pair", "triple"],
)
async def test_uploads_reach_the_server_intact(
    sdk: ModuleType, asynchronous: bool, upload: str, tmp_path: Path
) -> None:
    content = bytes(range(256)) * 3
    image = tmp_path / "face.png"
    image.write_bytes(content)
    forms: dict[str, Any] = {
        "bytes": content,
        "path": image,
        "file": image.open("rb"),
        "pair": ("face.png", content),
        "triple": ("face.png", content, "image/png"),
    }
    avatar = {"id": PERSONA["id"], "displayName": "Face"}
    with FaultServer(fallback=Reply.json(avatar, status=201)) as server:
        client = _client(sdk, server, asynchronous)
        created = await _call(client.avatars.create(display_name="Face", image_file=forms[upload]))
        (request,) = server.requests
    parts = {part.name: part for part in request.form_parts()}
    assert parts["displayName"].data == b"Face"
    assert parts["imageFile"].data == content
    if upload != "bytes":
        assert parts["imageFile"].filename == "face.png"
    if upload in ("path", "triple"):
        assert parts["imageFile"].content_type == "image/png"
    assert type(created).__name__ == "Avatar" and created.display_name == "Face"


@pytest.mark.anyio
@pytest.mark.parametrize("asynchronous", [False, True])
@pytest.mark.parametrize(
    ("given", "sent"), [(".", "%2E"), ("..", "%2E%2E"), ("a/b", "a%2Fb"), ("a?b#c", "a%3Fb%23c")]
)
async def test_path_ids_stay_one_segment(
    sdk: ModuleType, asynchronous: bool, given: str, sent: str
) -> None:
    with FaultServer(fallback=Reply.json({}, status=200)) as server:
        await _call(_client(sdk, server, asynchronous).personas.delete(given))
        (request,) = server.requests
    assert (request.method, request.raw_path) == ("DELETE", f"/v1/personas/{sent}")


@pytest.mark.anyio
@pytest.mark.parametrize("asynchronous", [False, True])
async def test_empty_path_id_is_refused_before_sending(sdk: ModuleType, asynchronous: bool) -> None:
    with FaultServer() as server:
        with pytest.raises(ValueError, match="id"):
            await _call(_client(sdk, server, asynchronous).personas.get(""))
        assert server.count == 0


@pytest.mark.anyio
@pytest.mark.parametrize("asynchronous", [False, True])
async def test_get_retries_after_503_with_retry_after(sdk: ModuleType, asynchronous: bool) -> None:
    with FaultServer() as server:
        server.enqueue(
            Reply.json({}, status=503, headers={"Retry-After": "1"}), Reply.json(PERSONA)
        )
        started = time.monotonic()
        persona = await _call(_client(sdk, server, asynchronous).personas.get(PERSONA["id"]))
        waited = time.monotonic() - started
        assert server.count == 2
    assert persona.name == "Cara" and 0.8 <= waited < 3


@pytest.mark.anyio
@pytest.mark.parametrize("asynchronous", [False, True])
async def test_post_answered_502_is_not_repeated(sdk: ModuleType, asynchronous: bool) -> None:
    with FaultServer(fallback=Reply.json({"message": "bad gateway"}, status=502)) as server:
        with pytest.raises(sdk.InternalServerError) as caught:
            await _call(_client(sdk, server, asynchronous).personas.create(name="Cara"))
        assert server.count == 1
    assert caught.value.status_code == 502


def _validation_error(request: RecordedRequest) -> Reply:
    return Reply.json(
        {"message": "invalid", "details": [{"field": "meetingUrl", "message": "bad"}]},
        status=400,
        headers={"x-request-id": "req-7"},
    )


@pytest.mark.anyio
@pytest.mark.parametrize("asynchronous", [False, True])
async def test_error_bodies_parse_into_their_declared_models(
    sdk: ModuleType, asynchronous: bool
) -> None:
    with FaultServer(fallback=_validation_error) as server:
        client = _client(sdk, server, asynchronous)
        with pytest.raises(sdk.BadRequestError) as caught:
            await _call(
                client.meetings.create_invite(
                    meeting_url="https://meet.example/x", persona_id=PERSONA["id"]
                )
            )
    error = caught.value
    assert (error.status_code, error.request_id) == (400, "req-7")
    assert type(error.body).__name__ in {"MeetingInviteError", "MeetingInviteValidationError"}
    assert "sk-test" not in str(error) and "sk-test" not in repr(error)


@pytest.mark.anyio
@pytest.mark.parametrize("asynchronous", [False, True])
@pytest.mark.parametrize(
    ("status", "name"),
    [
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (422, "UnprocessableEntityError"),
        (418, "APIStatusError"),
        (520, "InternalServerError"),
    ],
)
async def test_statuses_map_to_typed_errors(
    sdk: ModuleType, asynchronous: bool, status: int, name: str
) -> None:
    with FaultServer(fallback=Reply.json({"message": "no"}, status=status)) as server:
        client = _client(sdk, server, asynchronous, max_retries=0)
        with pytest.raises(sdk.APIStatusError) as caught:
            await _call(client.personas.get(PERSONA["id"]))
    assert type(caught.value).__name__ == name and caught.value.status_code == status


def test_consumer_using_errors_retries_pagination_and_uploads_type_checks(
    generated_newer: Path,
) -> None:
    consumer = Path(__file__).with_name("consumer.py")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(consumer)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MYPYPATH": str(generated_newer / "src")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
