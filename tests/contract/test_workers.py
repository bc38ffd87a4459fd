"""`verify` in worker processes proves exactly what one process proves.

The cases of a run are shared out to forked workers, each with a mock of its own
(`generator/verify/workers.py`). A user relies on the result not depending on that: the same
contract line, the same failures in the same order, the same warnings about the spec; a worker
that dies fails the cases it had not answered instead of losing them; and the mock validates the
very document the package was generated from.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.config import load_config
from generator.config_paths import CONFIG_FILE
from generator.pipeline import Generated, generate_package
from generator.verify.cases import OperationCase
from generator.verify.replies import SpecExampleWarning
from generator.verify.run import ContractResult, _Prover, open_contract, prove
from generator.verify.source import spec_document
from generator.verify.workers import run_in_workers

from .specs import REPO

ANAM = REPO / "specs" / "anam"


def _generate(tmp_path: Path) -> tuple[Generated, Path]:
    spec = ANAM / "swagger.json"
    config = load_config(ANAM / CONFIG_FILE)
    root = tmp_path / "anam-client"
    return generate_package(spec.read_bytes(), str(spec), root, config, source=spec), root


def _prove(generated: Generated, root: Path, workers: int) -> ContractResult:
    with open_contract("anam", root, generated.api, generated.document) as contract:
        return prove(contract, generated.document, workers=workers)


def _shown(result: ContractResult) -> list[str]:
    return [result.line(), *(failure.line() for failure in result.failures)]


def _break_personas(root: Path) -> None:
    """Send `avatarId` under its Python name: every call of `personas.create` must fail."""
    personas = root / "src" / "anam_client" / "resources" / "personas.py"
    text = personas.read_text(encoding="utf-8")
    broken, count = re.subn(r'"avatarId": avatar_id', '"avatar_id": avatar_id', text)
    assert count, "the generated personas module no longer sends avatarId this way"
    personas.write_text(broken, encoding="utf-8")


def test_workers_prove_what_one_process_proves(tmp_path: Path) -> None:
    generated, root = _generate(tmp_path)
    _break_personas(root)
    alone = _prove(generated, root, workers=1)
    shared = _prove(generated, root, workers=2)
    assert _shown(shared) == _shown(alone)
    assert shared.proven == alone.proven == {"POST /v1/auth/session-token"}
    assert any("avatar_id" in line for line in _shown(shared)), _shown(shared)


def test_a_worker_that_dies_fails_its_cases_instead_of_dropping_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generated, root = _generate(tmp_path)
    operation = _Prover.operation

    def dying(self: _Prover, case: OperationCase) -> Any:
        if case.key == "POST /v1/personas":
            os._exit(3)  # as a worker killed mid-run
        return operation(self, case)

    monkeypatch.setattr(_Prover, "operation", dying)
    result = _prove(generated, root, workers=2)
    assert not result.passed
    assert result.line() == "contract: anam 1/2 operations"
    assert result.failures and all(f.key == "POST /v1/personas" for f in result.failures)
    assert all("stopped first (exit status 3)" in f.message for f in result.failures)


@pytest.fixture
def every_warning() -> Iterator[list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SpecExampleWarning)
        yield caught


def test_warnings_raised_in_workers_reach_the_run_in_case_order(
    tmp_path: Path, every_warning: list[warnings.WarningMessage]
) -> None:
    """Examples that break their own schema are reported from the workers that met them, in
    the order one process meets them."""
    error = {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"type": "string", "enum": ["Backend"]}},
    }
    paths = {}
    for name in ("a", "b", "c", "d"):
        media = {"application/json": {"schema": error, "example": {"kind": name}}}
        responses = {"204": {"description": "done"}, "429": {"description": "x", "content": media}}
        paths[f"/{name}"] = {"get": {"responses": responses}}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Replies", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
    }
    data = json.dumps(document).encode()
    generated = generate_package(data, "openapi.json", tmp_path / "replies")
    messages = []
    for workers in (1, 2):
        every_warning.clear()
        result = _prove(generated, tmp_path / "replies", workers)
        assert result.passed, _shown(result)
        found = [w.message for w in every_warning if isinstance(w.message, SpecExampleWarning)]
        messages.append([(str(m), m.pointer) for m in found])
    assert messages[1] == messages[0]
    assert [pointer for _, pointer in messages[0]] == [
        f"/paths/~1{name}/get/responses/429/content/application~1json" for name in "abcd"
    ]


def test_the_mock_validates_the_document_the_package_was_generated_from(tmp_path: Path) -> None:
    """`verify` takes the normalized document from the generation instead of reading the spec
    again: generating must leave it as a fresh read makes it."""
    generated, _root = _generate(tmp_path)
    spec = ANAM / "swagger.json"
    assert generated.document == spec_document(spec.read_bytes(), str(spec), spec)


def test_more_operations_than_a_pipe_holds_are_all_run() -> None:
    """The queue of operations is a pipe: one of a 16,000-operation spec holds more than the
    pipe's buffer, so the workers must take from it while it fills."""
    cases = list(range(40_000))

    @contextlib.contextmanager
    def start() -> Iterator[Callable[[int], list[str]]]:
        yield lambda case: [f"{case}:{os.getpid()}"]

    groups = [[index] for index in cases]
    results = run_in_workers(
        cases, groups, 2, start, lambda f: [f], lambda f: f[0], lambda _case, why: why
    )
    assert [int(failures[0].split(":")[0]) for failures in results] == cases
    assert len({failures[0].split(":")[1] for failures in results}) == 2  # both workers took some
