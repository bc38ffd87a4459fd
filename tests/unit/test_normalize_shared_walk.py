"""The passes of `normalize` share one walk of the schemas while none changes the document:
sharing must never change what normalizing gives, on any spec a team publishes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corpus.discover import FOLDERS, CorpusSpec, discover
from generator.errors import GeneratorError
from generator.load import read_bundle
from generator.normalize import PASSES, normalize
from generator.normalize.shared_walk import every_schema, shared
from generator.walk import iter_schemas
from tests.shared import SHARED, require

_SPECS: list[CorpusSpec] = discover(FOLDERS) if SHARED.is_dir() else []


def _document(spec: Path) -> dict[str, Any]:
    document: dict[str, Any] = read_bundle(spec.read_bytes(), str(spec), spec).document
    return document


def _walk(document: dict[str, Any]) -> list[tuple[str, int]]:
    return [(pointer, id(schema)) for pointer, schema in iter_schemas(document)]


@pytest.mark.parametrize("spec", _SPECS or [None], ids=lambda s: s.label if s else "corpus")
def test_sharing_the_walk_changes_nothing_on_published_specs(spec: CorpusSpec | None) -> None:
    """Each pass run alone on a fresh walk, checking that a pass which reports nothing leaves
    every schema where it was, gives the document and problems `normalize` gives."""
    require(SHARED / "corpus")
    assert spec is not None
    try:
        shared_result = normalize(_document(spec.path), str(spec.path))
    except GeneratorError as error:  # a spec no pass can read: the same error either way
        with pytest.raises(type(error)):
            _alone(_document(spec.path), str(spec.path))
        return
    document, problems = _alone(_document(spec.path), str(spec.path))
    assert json.dumps(shared_result[0]) == json.dumps(document)
    assert shared_result[1] == problems


def _alone(document: dict[str, Any], file: str) -> tuple[dict[str, Any], list[Any]]:
    problems: list[Any] = []
    for apply in PASSES:
        before = _walk(document)
        found = apply(document, file)
        if not found:
            assert _walk(document) == before, f"{apply.__module__} moved schemas silently"
        problems += found
    return document, problems


def test_a_pass_that_reports_a_change_makes_the_next_walk_again() -> None:
    document: dict[str, Any] = {
        "openapi": "3.0.3",
        "components": {"schemas": {"S": {"type": "string", "nullable": True, "enum": []}}},
    }
    with shared(document) as changed:
        first = every_schema(document)
        assert every_schema(document) is first  # nothing changed: the same walk
        document["components"]["schemas"]["T"] = {"type": "integer"}
        changed()
        again = every_schema(document)
    assert again is not first
    assert [pointer for pointer, _ in again] == [
        "/components/schemas/S",
        "/components/schemas/T",
    ]


def test_outside_normalize_every_call_walks_the_document() -> None:
    document: dict[str, Any] = {"openapi": "3.1.0", "components": {"schemas": {"S": {}}}}
    first = every_schema(document)
    document["components"]["schemas"]["T"] = {}
    assert len(every_schema(document)) == len(first) + 1
