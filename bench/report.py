"""RESULTS.md: the sections the benchmarks produced, rendered, with what it takes to rerun them.

Only rendering happens here; every number and verdict comes from a `Section`, so the summary at
the top and the tables below it cannot disagree.
"""

from __future__ import annotations

import shlex
from datetime import datetime

from . import goals
from .environment import Machine
from .results import Row, Section


def render(
    machine: Machine,
    sections: list[Section],
    *,
    started: datetime,
    elapsed: float,
    load_at_end: tuple[float, float, float],
    argv: list[str],
    plot: str | None,
    quick: bool,
) -> str:
    command = shlex.join(["python", "-m", "bench", *argv])
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{command}` (what `make bench` runs) on "
        f"{started:%Y-%m-%d %H:%M} UTC; the whole run took {elapsed / 60:.1f} min. "
        "Every figure is a median of several runs; every ratio is against a baseline measured in "
        "the same run, interleaved with ours round by round so load from other processes hits "
        "both. Rerun with `make bench` (or `.venv/bin/python -m bench`; `--quick` for a fast, "
        "rough run that writes elsewhere).",
        "",
    ]
    if quick:
        lines += ["**QUICK RUN: few samples, for development only; do not cite.**", ""]
    lines += goals_table(sections) + _summary(sections) + _machine(machine, load_at_end)
    if plot:
        lines += [f"![scaling and regen]({plot})", ""]
    for section in sections:
        lines += _section(section)
    return "\n".join(lines).rstrip() + "\n"


def goals_table(sections: list[Section]) -> list[str]:
    """One line per performance goal: met only when every row counting toward it was met, with
    the misses named (or, all met, the closest call)."""
    lines = [
        "## Goals",
        "",
        "| goal | result | checks met | misses (or, all met, the tightest) |",
        "| --- | --- | ---: | --- |",
    ]
    rows = [row for section in sections for row in section.rows if row.verdict is not None]
    for goal in goals.ALL:
        judged = [row for row in rows if goal in row.goals]
        if not judged:
            lines.append(f"| {goal} | not measured in this run | 0 | |")
            continue
        missed = [row for row in judged if row.verdict is not None and not row.verdict.met]
        shown = missed or [min(judged, key=_headroom)]
        detail = "; ".join(f"{row.label}: {_measured(row)} ({_margin(row)})" for row in shown)
        state = "**MISSED**" if missed else "**met**"
        met = f"{len(judged) - len(missed)}/{len(judged)}"
        lines.append(f"| {goal} | {state} | {met} | {detail} |")
    return [*lines, ""]


def _measured(row: Row) -> str:
    if row.ratio is not None:
        return f"{row.ratio:.2f}x"
    return f"{_number(row.stats.median)} {row.unit}"


def _headroom(row: Row) -> float:
    return 0.0 if row.verdict is None else row.verdict.headroom


def _margin(row: Row) -> str:
    return "" if row.verdict is None else row.verdict.margin


def _summary(sections: list[Section]) -> list[str]:
    lines = [
        "## Targets",
        "",
        "| benchmark | measured | target | result |",
        "| --- | --- | --- | --- |",
    ]
    for section in sections:
        if section.skipped:
            lines.append(f"| {section.title} | - | - | skipped: {section.skipped} |")
        for row in section.rows:
            if row.verdict is None:
                continue
            measured = _measured(row)
            state = "**met**" if row.verdict.met else "**MISSED**"
            lines.append(
                f"| {section.title}: {row.label} | {measured} | {row.verdict.target} "
                f"| {state}: {row.verdict.margin} |"
            )
    return [*lines, ""]


def _machine(machine: Machine, load_at_end: tuple[float, float, float]) -> list[str]:
    load = ", ".join(f"{value:.2f}" for value in machine.load_at_start)
    end = ", ".join(f"{value:.2f}" for value in load_at_end)
    lines = [
        "## Machine and versions",
        "",
        f"- CPU: {machine.cpu}, {machine.cores} cores (shared with other jobs while this ran)",
        f"- load average (1, 5, 15 min): {load} at start, {end} at end",
        f"- OS: {machine.os}; Python: {machine.python}; commit: {machine.git_commit}",
        "- versions: "
        + ", ".join(f"{name} {version}" for name, version in machine.versions.items()),
        "- bytecode: the generator and every package imported here are byte-compiled before"
        " timing, as installed ones are, so no timed process compiles the modules it imports",
        "",
    ]
    return lines


def _section(section: Section) -> list[str]:
    lines = [f"## {section.title}", ""]
    if section.skipped:
        return [*lines, f"Skipped: {section.skipped}", ""]
    lines += [section.summary, ""]
    if section.commands:
        lines += ["```sh", *section.commands, "```", ""]
    lines += [
        f"| what | median | min | max | n | {section.ratio_label} | target | result | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |",
    ]
    lines += [_row(row) for row in section.rows]
    lines.append("")
    for note in section.notes:
        lines += [note, ""]
    for detail in section.details:
        lines += [detail, ""]
    return lines


def _row(row: Row) -> str:
    ratio = "" if row.ratio is None else f"{row.ratio:.2f}x"
    target = result = ""
    if row.verdict is not None:
        target = row.verdict.target
        result = ("met: " if row.verdict.met else "**MISSED**: ") + row.verdict.margin
    values = (row.stats.median, row.stats.min, row.stats.max)
    median, low, high = (f"{_number(value)} {row.unit}" for value in values)
    return (
        f"| {row.label} | {median} | {low} | {high} | {row.stats.n} | {ratio} "
        f"| {target} | {result} | {row.note} |"
    )


def _number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}" if abs(value) < 1 else f"{value:.2f}"
