"""`make corpus` finds specs by walking folders, writes a deterministic table, and is honest
when ../shared is missing.

The full run (every spec, minutes) is `make corpus` itself; these check the runner's promises on
small inputs, with real child processes where the runner uses them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus import run, table
from corpus.discover import CorpusSpec, discover
from corpus.table import Measured, render
from corpus.unservable import Unservable

PET = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
PETS = {
    "openapi": "3.1.0",
    "info": {"title": "Pets", "version": "1"},
    "paths": {
        "/pets": {
            "get": {
                "responses": {
                    "200": {
                        "description": "a pet",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
                        },
                    }
                }
            }
        }
    },
    "components": {"schemas": {"Pet": PET}},
}


def test_specs_are_found_by_walking_not_by_name(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "multi" / "paths").mkdir(parents=True)
    (shared / "multi" / "root.yaml").write_text("openapi: 3.1.0\npaths: {}\n")
    (shared / "multi" / "paths" / "pets.yaml").write_text("get: {responses: {}}\n")  # fragment
    (shared / "one.json").write_text(json.dumps(PETS))
    (shared / "README.md").write_text("# not a spec\n")
    (shared / "broken.json").write_text("{not json")
    found = discover((("corpus", shared),), tmp_path / "no-shipped-apis")
    assert [spec.label for spec in found] == ["corpus/multi/root.yaml", "corpus/one.json"]


def test_a_missing_shared_folder_is_said_and_fails_under_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(run, "missing_folders", lambda: [tmp_path / "shared" / "corpus"])
    monkeypatch.delenv("CI", raising=False)
    assert run.main(["--output", str(tmp_path / "RESULTS.md")]) == 0
    assert "shared/corpus missing" in capsys.readouterr().out
    monkeypatch.setenv("CI", "true")
    assert run.main(["--output", str(tmp_path / "RESULTS.md")]) == 1
    assert not (tmp_path / "RESULTS.md").exists()


@pytest.mark.slow
def test_one_spec_runs_in_a_child_and_its_row_is_measured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SDKGEN_CACHE", str(tmp_path / "cache"))
    spec_path = tmp_path / "specs" / "pets.json"
    spec_path.parent.mkdir()
    spec_path.write_text(json.dumps(PETS))
    spec = CorpusSpec("corpus/pets.json", spec_path)
    first = run._measure(spec, fresh=True)
    assert (first.operations, first.generated, first.proven, first.failures) == (1, True, 1, 0)
    assert (first.import_errors, first.ruff_issues, first.mypy_errors) == (0, 0, 0)
    assert first.green and first.seconds > 0 and first.peak_mb > 20
    again = run._measure(spec, fresh=False)
    assert again.cached and again.to_json() == first.to_json()
    table = render([first], 2)
    assert table == render([again.__class__(**{**again.__dict__, "cached": False})], 2)
    assert "| `corpus/pets.json` | 1 | yes | ok | clean | 0 | 1/1 |" in table


def test_the_table_changes_only_in_time_and_memory() -> None:
    spec = CorpusSpec("corpus/x.json", Path("x.json"))
    row = {"operations": 3, "generated": True, "import_errors": 0, "ruff_issues": 0}
    row |= {"mypy_errors": 2, "proven": 1, "failures": 2, "notes": ["FAIL a", "FAIL b"]}
    slow = Measured.from_json(spec, {**row, "seconds": 9.5, "peak_mb": 300}, cached=False)
    fast = Measured.from_json(spec, {**row, "seconds": 1.0, "peak_mb": 100}, cached=False)
    differing = [
        (a, b)
        for a, b in zip(render([slow], 2).splitlines(), render([fast], 2).splitlines(), strict=True)
        if a != b
    ]
    assert len(differing) == 1
    assert differing[0][0].replace("9.5 s | 300 MB", "1.0 s | 100 MB") == differing[0][1]
    assert "**2**" in differing[0][0] and "**1/3**" in differing[0][0]


def test_a_spec_listed_as_unservable_passes_only_as_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    listed = Unservable("no request can carry both", frozenset({"POST /both"}))
    monkeypatch.setitem(table.UNSERVABLE, "corpus/x.json", listed)
    spec = CorpusSpec("corpus/x.json", Path("x.json"))
    row = {"operations": 2, "generated": True, "import_errors": 0, "ruff_issues": 0}
    row |= {"mypy_errors": 0, "proven": 1, "failures": 2, "unproven": ["POST /both"]}

    def status(**changes: object) -> str:
        return Measured.from_json(spec, {**row, **changes}, cached=False).status

    assert status() == "unservable"
    assert status(unproven=["GET /other", "POST /both"], proven=0) == "not green"
    assert status(mypy_errors=1) == "not green"
    assert status(proven=2, failures=0, unproven=[]) == "green"
    text = render([Measured.from_json(spec, row, cached=False)], 2)
    assert "**0 of 1 specs green; 1 no correct client can be made from, as listed.**" in text
    assert "- `corpus/x.json`: no request can carry both" in text
    broken = render([Measured.from_json(spec, {**row, "mypy_errors": 1}, cached=False)], 2)
    assert "no request can carry both **Not as listed: see below.**" in broken
