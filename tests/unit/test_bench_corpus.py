"""The benchmark's corpus table: the verdicts it writes and how it reports a failing tool."""

from __future__ import annotations

from pathlib import Path

from bench import goals
from bench.child import ChildRun
from bench.corpus import (
    CORPUS,
    DMC,
    NEWER_SPEC,
    OPC,
    OURS,
    SPECS,
    Measured,
    Outcome,
    Spec,
    cell,
    failure_reason,
    judge,
    opc_operations,
    outcome,
    table,
)
from bench.timing import Stats

BIG = Spec(CORPUS / "pagerduty.json", big=True, verified=True)
SMALL = Spec(CORPUS / "spotify.yml")


def _ran(wall: float, mb: float = 100.0, code: int = 0, stderr: str = "") -> ChildRun:
    return ChildRun(("tool",), wall, wall, int(mb * 2**20), code, "", stderr, int(mb * 2**20))


def _verdicts(spec: Spec, result: Outcome) -> dict[str, bool]:
    return {
        f"{judged.what} {judged.verdict.target}": judged.verdict.met
        for judged in judge(spec, result)
    }


def test_biggest_specs_are_held_to_ten_seconds_and_500_mb() -> None:
    fast = outcome([_ran(9.0, 300), _ran(9.5, 420), _ran(12.0, 450)])
    assert _verdicts(BIG, fast) == {
        "time < 15 s": True,
        "time < 10 s": True,
        "peak memory < 500 MB": True,
    }
    slow = outcome([_ran(10.5, 510), _ran(11.0, 520), _ran(9.0, 300)])
    assert _verdicts(BIG, slow) == {
        "time < 15 s": True,
        "time < 10 s": False,
        "peak memory < 500 MB": False,
    }


def test_other_corpus_specs_have_fifteen_seconds_and_no_memory_target() -> None:
    assert _verdicts(SMALL, outcome([_ran(12.0, 900)])) == {"time < 15 s": True}
    assert _verdicts(SMALL, outcome([_ran(15.0)])) == {"time < 15 s": False}  # strict limit


def test_specs_outside_the_corpus_are_shown_but_not_judged() -> None:
    assert judge(Spec(NEWER_SPEC, judged=False), outcome([_ran(40.0)])) == []


def test_a_generation_that_fails_once_misses_its_targets_with_the_reason() -> None:
    failed = outcome([_ran(3.0), _ran(1.0, code=1, stderr="x.json#/paths: error: bad ref\n")])
    assert failed.wall is None
    assert failed.failure == "x.json#/paths: error: bad ref"
    margins = [judged.verdict.margin for judged in judge(BIG, failed)]
    assert margins == ["generation fails: x.json#/paths: error: bad ref"] * 3


def test_failure_reason_is_the_error_in_one_line_shortened() -> None:
    traceback = (
        "Traceback (most recent call last):\n"
        '  File "/x/y.py", line 3, in <module>\n'
        "    main()\n"
        "ValueError: enum value names collide\n\n"
        "----\n"
    )
    assert failure_reason(_ran(1.0, code=1, stderr=traceback)) == (
        "ValueError: enum value names collide"
    )
    rejected = (
        "spec.json#/a: warning: an unused schema\n"
        "Error(s) encountered while generating, client was not created\n"
        "2 validation errors for OpenAPI\n"
        "paths./a.get.enum\n"
        "  List should have at least 1 item\n\n"
        "If you believe this was a mistake, please open an issue\n"
    )
    assert failure_reason(_ran(1.0, code=1, stderr=rejected)) == (
        "2 validation errors for OpenAPI; paths./a.get.enum; List should have at least 1 item"
    )
    warned = (
        "/x/parser/openapi.py:1344: UserWarning: No schemas found in components/schemas\n"
        "  self._parse_specification(specification, path_parts)\n"
        "/x/format.py:540: FutureWarning: Default formatters will change\n"
        "  warn_deprecated(\n"
        "Models not found in the input data\n"
    )
    assert failure_reason(_ran(1.0, code=2, stderr=warned)) == "Models not found in the input data"
    long = failure_reason(_ran(1.0, code=1, stderr="a | b " * 100), width=40)
    assert len(long) == 40 and long.endswith("…") and "|" not in long
    silent = ChildRun(("tool",), 1.0, 1.0, 0, 2, "", "")
    assert failure_reason(silent) == "exit status 2, no output"


def test_table_marks_failures_and_endpoints_openapi_python_client_dropped() -> None:
    ours = outcome([_ran(2.0, 200), _ran(3.0, 250), _ran(4.0, 300)])
    opc = Outcome(Stats((1.0, 1.5)), Stats((90.0, 95.0)), Stats((90.0, 95.0)), generated=400)
    failed = outcome([_ran(0.4, code=1, stderr="Unable to parse this part of your spec\n")])
    lines = table(
        [
            Measured(BIG, 465, {OURS: ours, OPC: opc, DMC: ours}),
            Measured(SMALL, 97, {OURS: ours, OPC: failed, DMC: ours}),
        ]
    ).splitlines()
    assert "3.00 s (2.00-4.00), 250 MB" in lines[2]
    assert "writes 400 of 465 operations" in lines[2]
    assert lines[2].endswith("| 2.40x |")  # 3.0 / 1.25
    assert "**fails**: Unable to parse this part of your spec" in lines[3]
    assert lines[3].endswith("| - |")
    assert cell(failed) == "**fails**: Unable to parse this part of your spec"


def test_opc_operations_counts_endpoint_modules(tmp_path: Path) -> None:
    api = tmp_path / "pkg" / "api"
    for module in ("users/__init__.py", "users/get_user.py", "users/list_users.py", "x/post.py"):
        (api / module).parent.mkdir(parents=True, exist_ok=True)
        (api / module).write_text("")
    assert opc_operations(tmp_path) == 3


def test_the_stripe_shaped_spec_is_held_to_its_own_goal_only() -> None:
    stripe = next(spec for spec in SPECS if spec.goal)
    assert stripe.goal == goals.STRIPE and not stripe.judged and not stripe.big
    assert _verdicts(stripe, outcome([_ran(9.5, 900)])) == {"time < 10 s": True}
    assert _verdicts(stripe, outcome([_ran(10.5)])) == {"time < 10 s": False}
    counted = [judged.goals for judged in judge(stripe, outcome([_ran(9.5)]))]
    assert counted == [(goals.STRIPE,)]


def test_a_written_spec_is_made_in_the_scratch_folder_under_its_name(tmp_path: Path) -> None:
    def write(out: Path) -> Path:
        out.write_text("openapi: 3.0.0\n", "utf-8")
        return out

    spec = Spec(Path("made.yaml"), name="made (synthetic)", write=write).written(tmp_path)
    assert spec.path == tmp_path / "made.yaml" and spec.path.is_file()
    assert spec.label == "made (synthetic)" and spec.write is None
