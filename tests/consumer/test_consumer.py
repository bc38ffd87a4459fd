"""The consumer program, against the package generated from the newer Anam capture.

`program.py` passes `mypy --strict`; `mistakes.py` fails it on exactly the lines marked
`# error` (wrong TypedDict keys and values, ids that may be None, `idempotent` on a GET); the
program then runs against a real server on loopback, which checks what arrived.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.docs.snippets import REPO, generate_api
from tests.support.fault_server import FaultServer, RecordedRequest, Reply

HERE = Path(__file__).parent
PERSONA = {
    "id": "0d9a5f0e-1111-4222-8333-444455556666",
    "name": "Cara",
    "llmId": "6bfbe25a-979d-40f3-a92b-5394170af54b",
    "createdAt": "2024-01-01T00:00:00Z",
}


@pytest.fixture(scope="module")
def src(upstream: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("consumer")
    return generate_api(REPO / "specs" / "anam", upstream / "swagger.newer.json", root) / "src"


def _mypy(src: Path, program: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(program)],
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(src)},
        cwd=src,
        check=False,
    )


def test_the_program_passes_mypy_strict(src: Path) -> None:
    result = _mypy(src, HERE / "program.py")
    assert result.returncode == 0, result.stdout


def test_mypy_catches_every_mistake_and_nothing_else(src: Path) -> None:
    result = _mypy(src, HERE / "mistakes.py")
    text = (HERE / "mistakes.py").read_text().splitlines()
    marked = {n for n, line in enumerate(text, 1) if re.search(r"\S  # error: ", line)}
    reported = {int(m) for m in re.findall(r"mistakes\.py:(\d+): error", result.stdout)}
    assert reported == marked, result.stdout


class _Server:
    """The API as the program meets it: one 503 before the token a retried POST gets."""

    def __init__(self) -> None:
        self.tokens = 0

    def __call__(self, request: RecordedRequest) -> Reply:
        path, method = request.path, request.method
        if path == "/v1/auth/session-token":
            self.tokens += 1
            if self.tokens == 3:  # the first attempt of the retried call
                return Reply.json({"message": "busy"}, status=503)
            return Reply.json({"sessionToken": f"tok-{self.tokens}"})
        if path == "/v1/personas" and method == "GET":
            page = int(request.query.get("page", ["1"])[0])
            summary = {"id": PERSONA["id"], "name": f"Cara {page}"}
            return Reply.json({"data": [summary], "meta": {"currentPage": page, "lastPage": 2}})
        if path.startswith("/v1/personas/"):
            if method == "PUT":
                return Reply.json({**PERSONA, **request.json()})
            return Reply.json(PERSONA)
        if path.startswith("/v1/sessions/"):
            return Reply.json({"id": path.rsplit("/", 1)[-1]})
        if path == "/v1/feed":
            events = b'data: {"kind": "started"}\n\ndata: {"kind": "done"}\n\n'
            return Reply(200, {"Content-Type": "text/event-stream"}, events)
        if path == "/v1/avatars":
            return Reply.json({"id": PERSONA["id"], "displayName": "Face"}, status=201)
        if path.endswith("/documents"):
            return Reply.json({"id": PERSONA["id"], "filename": "notes.txt"}, status=201)
        return Reply.json({"echo": request.json()})


@pytest.fixture(scope="module")
def run(src: Path) -> tuple[dict[str, object], list[RecordedRequest]]:
    with FaultServer(fallback=_Server()) as server:
        result = subprocess.run(
            [sys.executable, str(HERE / "program.py")],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(src), "ANAM_BASE_URL": server.url},
            timeout=120,
            check=False,
        )
        requests = server.requests
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), requests


def test_the_program_gets_what_the_server_sent(
    run: tuple[dict[str, object], list[RecordedRequest]],
) -> None:
    report, _requests = run
    assert report == {
        "typed_params": "tok-1",
        "ids": "Cara 2; refused: Path parameter 'id' must be a non-empty value, got ''",
        "pages": ["Cara 1", "Cara 2"],
        "streaming": {"lines": 1, "file": "Cara", "events": ["started", "done"]},
        "uploads": ["Face", "notes.txt"],
        "retries": "tok-4",
        "conveniences": {
            "api_names": ["createdAt", "id"],  # an unknown field is kept as sent
            "python_names": True,
            "json": "Cara",
            "raw": {"echo": {"ping": 1}},
        },
        "test_kit": {
            "token": True,
            "missing": "404",
            "refused": "POST /v1/auth/session-token (sessions.create_token) does not match "
            "the spec:",
            "network_failure": True,
            "calls": [
                "sessions.create_token",
                "personas.get",
                "sessions.create_token",
                "personas.list",
            ],
        },
        "async": ["Cara 1", "Cara 2", "tok-5"],
    }


def test_the_server_got_what_the_program_meant(
    run: tuple[dict[str, object], list[RecordedRequest]],
) -> None:
    _report, requests = run
    tokens = [r for r in requests if r.path == "/v1/auth/session-token"]
    first = tokens[0].json()["personaConfig"]
    assert first["maxSessionLengthSeconds"] == 600 and b'"maxSessionLengthSeconds":600' in (
        tokens[0].body.replace(b" ", b"")
    )  # an int stays an int on the wire
    assert first["voiceDetectionOptions"] == {"endOfSpeechSensitivity": 0.5}
    assert tokens[1].json() == {
        "personaConfig": {"name": "Cara", "voiceId": "6bfbe25a-979d-40f3-a92b-5394170af54b"}
    }
    retried = tokens[2:4]
    assert [r.headers.get("x-retry-count") for r in retried] == [None, "1"]
    personas = [(r.method, r.path) for r in requests if r.path.startswith("/v1/personas/")]
    assert personas[:2] == [("GET", "/v1/personas/p-1"), ("PUT", f"/v1/personas/{PERSONA['id']}")]
    assert ("GET", "/v1/personas/") not in personas  # the empty id never left the program
    uploads = [
        r for r in requests if r.path in ("/v1/avatars", "/v1/knowledge/groups/g-1/documents")
    ]
    parts = [{part.name: part.data for part in r.form_parts()} for r in uploads]
    assert parts[0]["imageFile"] == b"\x89PNG fake image" and parts[1]["file"] == b"hello notes"
