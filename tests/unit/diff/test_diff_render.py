"""Rendering, ordering and determinism of diff reports, and `run_diff` as the CLI will use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from synthetic_specs import diff, json_response, obj, operation, prepared, spec

from generator.diff import Change, DiffReport, bump_for, render, run_diff
from generator.errors import GeneratorError

REPO = Path(__file__).resolve().parents[3]


def _change(severity: str, operation: str | None, rule: str, pointer: str = "") -> Change:
    return Change(rule, severity, "wire", operation, pointer, f"{rule} at {pointer}")  # type: ignore[arg-type]


def test_report_order_is_severity_operation_rule_pointer() -> None:
    changes = [
        _change("docs", None, "info-changed", "/info/title"),
        _change("non-breaking", "GET /b", "api-added"),
        _change("breaking", "GET /b", "api-removed"),
        _change("breaking", "GET /a", "request-parameter-removed", "/p/2"),
        _change("breaking", "GET /a", "request-parameter-removed", "/p/1"),
        _change("breaking", None, "server-removed", "/servers/0"),
        _change("breaking", "GET /a", "api-security-removed"),
    ]
    report = DiffReport.of(list(reversed(changes)) + changes)
    assert [(c.severity, c.operation, c.rule, c.pointer) for c in report.changes] == [
        ("breaking", None, "server-removed", "/servers/0"),
        ("breaking", "GET /a", "api-security-removed", ""),
        ("breaking", "GET /a", "request-parameter-removed", "/p/1"),
        ("breaking", "GET /a", "request-parameter-removed", "/p/2"),
        ("breaking", "GET /b", "api-removed", ""),
        ("non-breaking", "GET /b", "api-added", ""),
        ("docs", None, "info-changed", "/info/title"),
    ]
    assert report.summary.counts == {"breaking": 5, "non-breaking": 1, "docs": 1}
    assert report.summary.highest == "breaking"


@pytest.mark.parametrize(
    ("severities", "expected"),
    [((), "patch"), (("docs",), "patch"), (("docs", "non-breaking"), "minor"),
     (("non-breaking", "breaking"), "major")],
)  # fmt: skip
def test_bump_for_follows_the_highest_severity(severities: tuple[str, ...], expected: str) -> None:
    report = DiffReport.of([_change(s, None, f"rule-{s}") for s in severities])
    assert bump_for(report) == expected


def _hostile_pair() -> tuple[dict[str, object], dict[str, object]]:
    """A property whose name carries Markdown, HTML and a terminal escape sequence."""
    name = "x|y</td><script>`*[a](b)\x1b[31m"
    kept = {"id": {"type": "string"}}
    old = spec(
        {"/pets": {"get": operation(responses={"200": json_response(obj({**kept, name: {}}))})}}
    )
    new = spec({"/pets": {"get": operation(responses={"200": json_response(obj(kept))})}})
    return old, new


def test_markdown_escapes_spec_text() -> None:
    report = diff(*_hostile_pair())
    markdown = render(report, "markdown")
    assert "<script>" not in markdown and "</td>" not in markdown
    assert "x\\|y&lt;/td&gt;&lt;script&gt;\\`\\*\\[a\\]\\(b\\)" in markdown
    assert "| breaking | 1 | 1 | 2 |" in markdown
    for line in markdown.splitlines():
        if line.startswith("| `"):
            assert line.count(" | ") == 4, line  # no cell was split by a `|` from the spec


def test_text_has_no_control_characters() -> None:
    text = render(diff(*_hostile_pair()), "text")
    assert "\x1b" not in text
    assert all(line.isprintable() for line in text.splitlines())


def test_json_is_stable_and_complete() -> None:
    report = diff(*_hostile_pair())
    data = json.loads(render(report, "json"))
    assert data["summary"] == {
        "bump": "major",
        "counts": {"breaking": 2, "docs": 0, "non-breaking": 0},
        "highest": "breaking",
    }
    assert [sorted(item) for item in data["changes"]] == [
        ["level", "message", "operation", "pointer", "rule", "severity"]
    ] * 2
    assert render(report, "json") == render(diff(*_hostile_pair()), "json")


def test_no_changes_renders_in_every_format() -> None:
    report = diff(spec(), spec())
    assert report.changes == ()
    assert render(report, "text").endswith("no changes\n")
    assert render(report, "markdown").endswith("No changes.\n")
    assert json.loads(render(report, "json"))["changes"] == []


def test_run_diff_rejects_unknown_choices(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec()))
    with pytest.raises(GeneratorError, match="unknown diff format 'html'"):
        run_diff(path, path, "html")
    with pytest.raises(GeneratorError, match="unknown --fail-on severity 'warn'") as error:
        run_diff(path, path, "text", "warn")
    assert "breaking, non-breaking, docs" in str(error.value)


def test_run_diff_fail_on_thresholds(tmp_path: Path) -> None:
    """Docs-only changes fail only `--fail-on docs`."""
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(spec(info={"title": "Pets", "version": "1.0"})))
    new.write_text(json.dumps(spec(info={"title": "Pets", "version": "1.1"})))
    assert [run_diff(old, new, "json", level)[1] for level in
            (None, "breaking", "non-breaking", "docs")] == [0, 0, 0, 1]  # fmt: skip


def test_diff_inputs_are_not_mutated() -> None:
    old, new = _hostile_pair()
    old_doc, new_doc = prepared(old), prepared(new)
    before = json.dumps([old_doc, new_doc], sort_keys=True)
    from generator.diff import diff_specs

    diff_specs(old_doc, new_doc)
    assert json.dumps([old_doc, new_doc], sort_keys=True) == before


@pytest.mark.slow
def test_output_is_identical_under_other_hash_seeds(upstream: Path) -> None:
    """Set and dict iteration must not leak into the order: compare bytes across seeds."""
    script = (
        "import sys; from generator.diff import run_diff; "
        "sys.stdout.write(run_diff(sys.argv[1], sys.argv[2], 'json')[0])"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", script, str(upstream / "swagger.older.json"),
             str(upstream / "swagger.newer.json")],
            cwd=REPO, env=environment, capture_output=True, text=True, check=True,
        )  # fmt: skip
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_public_names_are_exported_in_one_list() -> None:
    """Everything public is in `__all__` (whose order ruff's RUF022 keeps)."""
    import generator.diff as package

    public = {
        name
        for name, value in vars(package).items()
        if not name.startswith("_") and not isinstance(value, ModuleType) and name != "annotations"
    }
    assert len(set(package.__all__)) == len(package.__all__)
    assert public == set(package.__all__)
