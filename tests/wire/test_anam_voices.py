"""Anam's create voice works both ways: an audio file as multipart, or JSON naming an upload.

The newer Anam capture declares both bodies on `POST /v1/voices`; the package generated from it
sends each, as the spec describes it, to a server on loopback.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.config import default_config
from generator.pipeline import generate_package
from tests.shared import SHARED, require
from tests.support.fault_server import FaultServer, Reply
from tests.support.packages import importable

CAPTURE = SHARED / "upstream" / "anam" / "swagger.newer.json"
PACKAGE = "wire_anam_newer"
VOICE = {
    "id": "3f9d2c4e-8b1a-4c5d-9e6f-7a8b9c0d1e2f",
    "displayName": "Ada",
    "provider": "ELEVENLABS",
    "createdAt": "2024-01-01T00:00:00Z",
}


@pytest.fixture(scope="module")
def anam(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    spec = require(CAPTURE)
    out = tmp_path_factory.mktemp("anam") / "anam"
    config = default_config("Anam", spec.name).model_copy(update={"package": PACKAGE})
    generate_package(spec.read_bytes(), str(spec), out, config)
    with importable(out, PACKAGE):
        yield importlib.import_module(PACKAGE)


@pytest.fixture
def client(anam: Any, server: FaultServer) -> Iterator[Any]:
    with anam.Anam(api_key="sk-test", base_url=server.url, max_retries=0) as client:
        yield client


def test_a_voice_from_an_audio_file_is_sent_as_multipart(
    server: FaultServer, client: Any, tmp_path: Path
) -> None:
    clip = tmp_path / "ada.mp3"
    clip.write_bytes(b"ID3 audio")
    server.enqueue(Reply.json(VOICE, status=201))
    voice = client.voices.create(name="Ada", audio_file=clip, language="en")
    request = server.requests[0]
    assert (request.method, request.path) == ("POST", "/v1/voices")
    assert request.headers["authorization"] == "Bearer sk-test"
    parts = {part.name: part for part in request.form_parts()}
    assert set(parts) == {"name", "language", "audioFile"}
    assert (parts["audioFile"].filename, parts["audioFile"].data) == ("ada.mp3", b"ID3 audio")
    assert parts["audioFile"].content_type == "audio/mpeg"
    assert str(voice.id) == VOICE["id"]


def test_a_voice_from_a_presigned_upload_is_sent_as_json(server: FaultServer, client: Any) -> None:
    server.enqueue(Reply.json(VOICE, status=201))
    voice = client.voices.create_json(name="Ada", audio_key="uploads/ada.mp3", enhance=False)
    request = server.requests[0]
    assert (request.method, request.path) == ("POST", "/v1/voices")
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {"name": "Ada", "audioKey": "uploads/ada.mp3", "enhance": False}
    assert str(voice.id) == VOICE["id"]
