"""`verify` shares its cases with a forked twin process and keeps its connections to the mock
open; neither may lose a case, a result, a failure or a warning.

Real processes (`os.fork`) and a real loopback server, as `verify` runs them.
"""

from __future__ import annotations

import json
import os
import socket
import warnings
from pathlib import Path

import httpx
import pytest

from generator.pipeline import generate_package
from generator.verify import verify_spec, workers
from generator.verify.replies import SpecExampleWarning
from generator.verify.server import Received, Reply, ReplyingServer
from generator.verify.transport import Connections

JOBS = list(range(300))
needs_fork = pytest.mark.skipif(
    not workers._parallel(len(JOBS)), reason="this machine cannot fork onto a second core"
)


def _pids(jobs: list[int]) -> list[tuple[int, int]]:
    return [(job, os.getpid()) for job in jobs]


@needs_fork
def test_every_job_runs_once_and_results_keep_the_jobs_order() -> None:
    results = workers.share(JOBS, lambda job: 1, lambda job: str(job // 3), _pids, lambda: None)
    assert [job for job, _pid in results] == JOBS
    pids = {pid for _job, pid in results}
    assert os.getpid() in pids and len(pids) == 2  # both processes did a share


@needs_fork
def test_jobs_of_one_group_run_in_one_process() -> None:
    results = workers.share(JOBS, lambda job: 1, lambda job: str(job % 7), _pids, lambda: None)
    by_group: dict[int, set[int]] = {}
    for job, pid in results:
        by_group.setdefault(job % 7, set()).add(pid)
    assert all(len(pids) == 1 for pids in by_group.values())


@needs_fork
def test_a_crash_in_the_twin_is_reported_not_lost() -> None:
    parent = os.getpid()

    def run(jobs: list[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("the twin broke")
        return jobs

    with pytest.raises(workers.WorkerFailed, match="the twin broke"):
        workers.share(JOBS, lambda job: 1, str, run, lambda: None)


@needs_fork
def test_the_twins_warnings_are_given_here() -> None:
    parent = os.getpid()

    def run(jobs: list[int]) -> list[int]:
        if os.getpid() != parent:
            warnings.warn(
                SpecExampleWarning("example 'x' breaks its schema", "/paths/p"), stacklevel=1
            )
        return jobs

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        workers.share(JOBS, lambda job: 1, str, run, lambda: None)
    said = [w.message for w in caught if isinstance(w.message, SpecExampleWarning)]
    assert [(str(w), w.pointer) for w in said] == [("example 'x' breaks its schema", "/paths/p")]


def test_few_jobs_run_here_without_a_twin() -> None:
    results = workers.share(JOBS[:10], lambda job: 1, str, _pids, lambda: None)
    assert {pid for _job, pid in results} == {os.getpid()}


def test_clients_lent_kept_open_connections_share_one_socket() -> None:
    opened: list[socket.socket] = []

    class Counting(ReplyingServer):
        def _track(self, connection: socket.socket, *, open_: bool) -> None:
            if open_:
                opened.append(connection)
            super()._track(connection, open_=open_)

    with Counting(lambda received: Reply(200, {}, received.target.encode())) as server:
        connections = Connections(server.url, server.url)
        for index in range(5):  # a fresh client per call, as verify makes them
            with httpx.Client(transport=connections.sync()) as client:
                assert client.get(f"{server.url}/call/{index}").text == f"/call/{index}"
        connections.close()
    assert len(opened) == 1


def test_a_twin_mock_address_carries_requests_meant_for_the_mock() -> None:
    seen: list[Received] = []

    def answer(received: Received) -> Reply:
        seen.append(received)
        return Reply(204)

    with ReplyingServer(answer) as here:
        mock_url = "http://127.0.0.1:9"  # what the document names; nothing listens there
        connections = Connections(mock_url, here.url)
        with httpx.Client(transport=connections.sync()) as client:
            client.get("https://api.example.com/v1/things?x=1")
        connections.close()
    assert [r.target for r in seen] == ["/__origin/api.example.com/v1/things?x=1"]


def _pets_spec() -> bytes:
    pet = {
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string"}, "tag": {"type": "string"}},
    }
    ok = {"description": "a pet", "content": {"application/json": {"schema": pet}}}
    bad_example = {"application/json": {"schema": pet, "example": {"tag": "no name"}}}
    paths = {
        f"/pets{index}/{{id}}": {
            "get": {
                "operationId": f"getPet{index}",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": ok,
                    "404": {"description": "gone", "content": bad_example},
                },
            }
        }
        for index in range(6)
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Pets", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
    }
    return json.dumps(document).encode()


@needs_fork
def test_verify_shared_with_a_twin_reports_its_failures_and_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "_MIN_JOBS", 1)  # a small spec, shared all the same
    data = _pets_spec()
    package = tmp_path / "pets"
    generate_package(data, "openapi.json", package)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SpecExampleWarning)
        verified = verify_spec(data, "openapi.json", package=package)
    assert verified.result.line() == "contract: pets 6/6 operations"
    pointers = {w.message.pointer for w in caught if isinstance(w.message, SpecExampleWarning)}
    assert pointers == {
        f"/paths/~1pets{i}~1{{id}}/get/responses/404/content/application~1json" for i in range(6)
    }
    for module in (package / "src").rglob("resources/*.py"):  # every method sends a wrong path
        text = module.read_text(encoding="utf-8")
        module.write_text(text.replace('"/pets', '"/cats'), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SpecExampleWarning)
        broken = verify_spec(data, "openapi.json", package=package).result
    assert broken.line() == "contract: pets 0/6 operations"
    assert {failure.key for failure in broken.failures} == {
        f"GET /pets{i}/{{id}}" for i in range(6)
    }
