"""`<package>.testing`: a fake client that answers from the spec, checks requests, records calls.

Run against the package generated from the newer Anam capture (57 operations), in-process, with
every socket connection refused.
"""

from __future__ import annotations

import base64
import importlib
import json
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.pipeline import generate_package

PERSONA = "0d9a5f0e-1111-4222-8333-444455556666"


def _client(kit: ModuleType, **options: Any) -> Any:
    return kit.FakeAnam(**options)


def test_operations_answer_with_models_built_from_the_spec(kit: ModuleType) -> None:
    client = _client(kit)
    assert len(client.fake.operations) == 57
    persona = client.personas.get(PERSONA)
    assert type(persona).__name__ == "Persona" and isinstance(persona.id, uuid.UUID)
    token = client.sessions.create_token(persona_config={"personaId": PERSONA})
    assert type(token).__name__ == "SessionToken" and token.session_token
    assert [call.operation for call in client.fake.calls] == [
        "personas.get",
        "sessions.create_token",
    ]
    assert client.fake.calls[-1].json == {"personaConfig": {"personaId": PERSONA}}


def test_a_list_is_one_page_and_iteration_ends(kit: ModuleType) -> None:
    client = _client(kit)
    items = list(client.personas.list(per_page=5))
    assert len(items) >= 1
    assert [call.query for call in client.fake.calls] == [{"perPage": ["5"]}]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c: c.sessions.create_token(persona_config={"avatar_id": 1}),
            "body.personaConfig: matches none of",
        ),
        (
            lambda c: c.personas.create(name=5),
            "body.name: 5 is not of type string",
        ),
        (
            lambda c: c.sessions.get("not-a-uuid"),
            "path parameter 'id': 'not-a-uuid' is not a UUID",
        ),
        (
            lambda c: c.knowledge.search_group(PERSONA, query="q", limit=50),
            "body.limit: 50 is greater than 20",
        ),
        (
            lambda c: c.meetings.create_invite(meeting_url="https://m"),
            "body: matches none of",
        ),
    ],
)
def test_a_call_the_api_would_refuse_fails_the_test(
    kit: ModuleType, call: Any, message: str
) -> None:
    client = _client(kit)
    with pytest.raises(kit.FakeRequestError) as caught:
        call(client)
    assert message in str(caught.value)
    assert "does not match the spec" in str(caught.value)


def test_strict_refuses_unknown_keys_and_can_be_relaxed(kit: ModuleType) -> None:
    with pytest.raises(kit.FakeRequestError, match="unknown key 'nickname'"):
        _client(kit).personas.create(name="Cara", extra_body={"nickname": "C"})
    relaxed = _client(kit, strict=False)
    relaxed.personas.create(name="Cara", extra_body={"nickname": "C"})
    assert relaxed.fake.calls[0].json == {"name": "Cara", "nickname": "C"}


def test_replies_set_status_body_and_headers(kit: ModuleType) -> None:
    package = __import__(kit.__name__.rpartition(".")[0])
    client = _client(kit)
    client.fake.respond("personas.get", status=404, body={"message": "gone"})
    with pytest.raises(package.NotFoundError) as caught:
        client.personas.get(PERSONA)
    assert caught.value.status_code == 404 and caught.value.body == {"message": "gone"}
    client.fake.respond("personas.get", body={"id": PERSONA, "name": "Set"}, headers={"x-a": "b"})
    raw = client.personas.with_raw_response.get(PERSONA)
    assert raw.headers["x-a"] == "b" and raw.parse().name == "Set"


def test_a_reply_for_some_calls_then_the_default_again(kit: ModuleType) -> None:
    client = _client(kit)
    client.fake.respond("personas.list", status=503, times=2)
    assert list(client.personas.list())
    assert [c.operation for c in client.fake.calls] == ["personas.list"] * 3
    assert len(client.fake.waits) == 2  # the retries did not sleep


def test_transport_errors_and_timeouts(kit: ModuleType) -> None:
    package = __import__(kit.__name__.rpartition(".")[0])
    client = _client(kit, max_retries=0)
    client.fake.respond("personas.list", error=httpx.ConnectError)
    with pytest.raises(package.APIConnectionError):
        client.personas.list()
    client.fake.respond("personas.get", delay=0.5)
    with pytest.raises(package.APITimeoutError):
        client.personas.get(PERSONA, timeout=0.05)


def test_a_path_the_spec_lacks_fails_unless_answered(kit: ModuleType) -> None:
    client = _client(kit)
    with pytest.raises(kit.FakeRequestError, match="no operation of the spec"):
        client._request("get", "/v1/undocumented/{x}", path_params={"x": "1"}, cast_to=object)
    client.fake.respond("GET /v1/undocumented/{x}", body={"ok": True})
    answer = client._request("get", "/v1/undocumented/{x}", path_params={"x": "1"}, cast_to=object)
    assert answer == {"ok": True}


def test_copies_share_the_fake(kit: ModuleType) -> None:
    client = _client(kit)
    copy = client.with_options(max_retries=0)
    copy.personas.get(PERSONA)
    assert copy.fake is client.fake and len(client.fake.calls) == 1
    client.fake.reset()
    assert client.fake.calls == []


def test_unknown_operations_are_refused_with_the_list(kit: ModuleType) -> None:
    with pytest.raises(ValueError, match=r"sessions\.create_token,"):
        _client(kit).fake.respond("sessions.create_tokens", status=500)


@pytest.mark.anyio
async def test_the_async_fake(kit: ModuleType) -> None:
    client = kit.AsyncFakeAnam()
    client.fake.respond("personas.get", delay=0.01, times=1)
    persona = await client.personas.get(PERSONA)
    names = [p.id async for p in client.personas.list()]
    assert persona.id and names
    with pytest.raises(kit.FakeRequestError):
        await client.sessions.create_token(persona_config={"avatar_id": 1})
    await client.close()


BASIC_SPEC = {
    "openapi": "3.0.1",
    "info": {"title": "Basic Kit", "version": "1"},
    "servers": [{"url": "https://api.example.com"}],
    "security": [{"login": []}],
    "paths": {
        "/me": {"get": {"operationId": "getMe", "responses": {"204": {"description": "ok"}}}}
    },
    "components": {"securitySchemes": {"login": {"type": "http", "scheme": "basic"}}},
}


def test_a_fake_of_a_basic_auth_api_needs_no_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twilio signs in with a username and password: the fake sets both, as it sets an API key
    elsewhere, so a test needs neither arguments nor environment; one the caller gives is kept."""
    out = tmp_path / "basic-kit"
    generated = generate_package(json.dumps(BASIC_SPEC).encode(), "openapi.json", out)
    package = generated.api.config.package
    monkeypatch.syspath_prepend(str(out / "src"))
    testing = importlib.import_module(f"{package}.testing")
    fake_client = testing.FakeBasicKit
    fake_client().me.get()
    client = fake_client(credentials={"username": "ann"})
    client.me.get()
    token = base64.b64encode(b"ann:fake-password").decode()
    assert client.fake.calls[-1].headers["authorization"] == f"Basic {token}"


_LOG = {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}}
INTAKE_SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Intake Kit", "version": "1"},
    "servers": [{"url": "https://intake.example.com"}],
    "paths": {
        "/logs": {
            "post": {
                "operationId": "submitLogs",
                "parameters": [
                    {"name": "Content-Encoding", "in": "header", "schema": {"type": "string"}}
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"type": "array", "items": _LOG}},
                        "text/plain": {"schema": {"type": "string"}},
                    },
                },
                "responses": {"202": {"description": "Accepted."}},
            }
        }
    },
}


def test_a_compressed_body_or_another_media_type_is_judged_as_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Datadog's log intake takes JSON or text, gzip-compressed: the fake reads the body the
    client compressed, and judges the text method's body as text, not by the JSON schema."""
    out = tmp_path / "intake-kit"
    generated = generate_package(json.dumps(INTAKE_SPEC).encode(), "openapi.json", out)
    monkeypatch.syspath_prepend(str(out / "src"))
    testing = importlib.import_module(f"{generated.api.config.package}.testing")
    client = testing.FakeIntakeKit()
    client.logs.submit(body=[{"message": "hi"}], content_encoding="gzip")
    client.logs.submit_text(content="hi", content_encoding="deflate")
    with pytest.raises(testing.FakeRequestError, match="required key 'message' is missing"):
        client.logs.submit(body=[{"text": "hi"}], content_encoding="gzip")
    assert client.fake.calls[0].json == [{"message": "hi"}]
