"""RESULTS.md's goal lines: a goal is met only when every measurement counting toward it is."""

from __future__ import annotations

from bench import goals
from bench.report import goals_table
from bench.results import Row, Section, at_most, below
from bench.timing import Stats


def _row(label: str, value: float, limit: float, *counts_toward: str) -> Row:
    verdict = below(value, limit, unit="s", target=f"< {limit} s")
    return Row(label, Stats((value,)), "s", verdict=verdict, goals=counts_toward)


def _line(table: list[str], goal: str) -> str:
    (line,) = [line for line in table if line.startswith(f"| {goal} |")]
    return line


def test_one_miss_misses_the_goal_and_is_named() -> None:
    section = Section("corpus", "")
    section.rows = [
        _row("pagerduty: time", 6.0, 10.0, goals.BIGGEST),
        _row("plaid: time", 11.0, 10.0, goals.BIGGEST),
        _row("plaid: time", 11.0, 15.0, goals.CORPUS),
        _row("petstore: time", 2.0, 15.0, goals.CORPUS),
        Row("no verdict", Stats((1.0,)), "s", goals=(goals.CORPUS,)),
    ]
    table = goals_table([section])
    assert _line(table, goals.BIGGEST) == (
        f"| {goals.BIGGEST} | **MISSED** | 1/2 | plaid: time: 11.0 s (over by 1 s (10%)) |"
    )
    assert _line(table, goals.CORPUS).startswith(f"| {goals.CORPUS} | **met** | 2/2 | plaid")


def test_all_met_shows_the_tightest_and_unmeasured_goals_say_so() -> None:
    section = Section("calls", "")
    section.rows = [
        Row(
            "loose",
            Stats((1.0,)),
            "x",
            ratio=1.0,
            verdict=at_most(1.0, 1.2, unit="x", target="<= 1.2x"),
            goals=(goals.CALLS,),
        ),
        Row(
            "tight",
            Stats((1.0,)),
            "x",
            ratio=1.19,
            verdict=at_most(1.19, 1.2, unit="x", target="<= 1.2x"),
            goals=(goals.CALLS,),
        ),
    ]
    table = goals_table([section])
    assert _line(table, goals.CALLS).startswith(f"| {goals.CALLS} | **met** | 2/2 | tight: 1.19x")
    assert _line(table, goals.FLAT) == f"| {goals.FLAT} | not measured in this run | 0 | |"
