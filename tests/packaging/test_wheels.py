"""The shipped packages as downstream teams get them: wheels installed into a fresh virtualenv.

Both clients call a real HTTP server on loopback; the server side checks method, path, headers,
auth and JSON body, and the consumer script checks the response types (and passes mypy --strict).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from generator.build import build_packages
from generator.state import read_state
from tests.support.fault_server import FaultServer, RecordedRequest, Reply

CONSUMER = Path(__file__).with_name("consumer.py")


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> Path:
    """A new virtualenv with nothing but the two wheels and their declared dependencies."""
    root = tmp_path_factory.mktemp("packaging")
    wheels = [p for p in build_packages(repo / "generated", root / "dist") if p.suffix == ".whl"]
    assert sorted(p.name.split("-")[0] for p in wheels) == ["actualize_client", "anam_client"]
    venv.create(root / "venv", with_pip=True)
    python = root / "venv" / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *map(str, wheels),
        ],
        check=True,
    )
    return python


def _answer(request: RecordedRequest) -> Reply:
    if request.path == "/v1/auth/session-token":
        return Reply.json({"sessionToken": "tok-123"}, headers={"x-request-id": "r1"})
    if request.path == "/v1/personas":
        if request.json().get("name") == "Denied":
            return Reply.json({"message": "bad key"}, status=401)
        return Reply.json({"id": "persona-1", "name": "Cara"}, status=201)
    if request.json().get("agent_config") == {}:
        detail = [
            {"loc": ["body", "agent_config", "agent"], "msg": "Field required", "type": "missing"}
        ]
        return Reply.json({"detail": detail}, status=422)
    return Reply.json({"token": "playground-1", "expires_in": 60})


def test_clients_speak_their_spec_from_installed_wheels(fresh_python: Path, repo: Path) -> None:
    version = read_state(repo / "specs" / "anam" / "state.json").version
    with FaultServer(fallback=_answer) as server:
        result = subprocess.run(
            [str(fresh_python), str(CONSUMER)],
            capture_output=True,
            text=True,
            env={**os.environ, "CONSUMER_BASE_URL": server.url},
            check=False,
        )
        requests = server.requests
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "token": "tok-123",
        "persona": {"id": "persona-1", "name": "Cara"},
        "denied": 401,
        "issued": {"token": "playground-1", "expires_in": 60},
        "invalid": "HTTPValidationError",
        "masked": True,
    }
    token, persona, denied, issued, invalid = requests
    assert (token.method, token.path) == ("POST", "/v1/auth/session-token")
    assert token.headers["authorization"] == "Bearer sk-consumer"
    assert token.headers["content-type"] == "application/json"
    assert token.headers["user-agent"].startswith(f"anam-client/{version} Python/")
    assert token.json() == {
        "clientLabel": "consumer",
        "personaConfig": {"personaId": "p-1"},
        "sessionOptions": {"sessionReplay": {"enableSessionReplay": False}},
    }
    assert (persona.method, persona.path) == ("POST", "/v1/personas")
    assert persona.json() == {
        "name": "Cara",
        "avatarModel": "cara-3",
        "voiceDetectionOptions": {"endOfSpeechSensitivity": 0.5},
    }
    assert denied.json() == {"name": "Denied"}
    assert (issued.method, issued.path) == ("POST", "/api/v1/playground/tokens")
    assert "authorization" not in issued.headers
    assert issued.json() == {
        "agent_config": {
            "tts": {"speed": "x-slow", "model": {"provider": "p", "api_key": "tts-secret"}}
        },
        "ttl": 60,
    }
    assert invalid.json() == {"agent_config": {}}


def test_consumer_type_checks_strictly_against_the_wheels(fresh_python: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-executable",
            str(fresh_python),
            str(CONSUMER),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
