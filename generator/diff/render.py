"""A diff report as text (terminals), Markdown (CI job summaries) or JSON (machines).

Messages, operations and pointers hold spec text, so each format escapes them on the way out: one
clean line for terminals (no control characters a spec could use to drive the terminal), the
Markdown escaper of `generator.strings` for summaries, `json` for JSON. Rule ids, severities and
levels are ours and printed as they are. The order is the report's, so output is byte-stable.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Literal

from ..errors import GeneratorError, Problem
from ..strings import SpecText, comment, markdown
from .model import LEVELS, SEVERITIES, Change, DiffReport, Severity

Format = Literal["text", "markdown", "json"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "json")


def render(report: DiffReport, fmt: str) -> str:
    renderers: dict[str, Callable[[DiffReport], str]] = {
        "text": _text,
        "markdown": _markdown,
        "json": _json,
    }
    if fmt not in renderers:
        hint = f"use one of: {', '.join(FORMATS)}"
        raise GeneratorError(Problem("error", f"unknown diff format {fmt!r}", hint=hint))
    return renderers[fmt](report)


def _headline(report: DiffReport) -> str:
    summary = report.summary
    counts = ", ".join(f"{summary.counts[severity]} {severity}" for severity in SEVERITIES)
    return f"{counts}; highest: {summary.highest or 'none'}; bump: {summary.bump}"


def _groups(report: DiffReport) -> list[tuple[Severity, list[Change]]]:
    groups = [(s, [c for c in report.changes if c.severity == s]) for s in SEVERITIES]
    return [(severity, changes) for severity, changes in groups if changes]


# -- text ---------------------------------------------------------------------------------------


def _text(report: DiffReport) -> str:
    lines = [f"spec diff: {_headline(report)}"]
    for severity, changes in _groups(report):
        lines += ["", f"{severity} ({len(changes)}):"]
        lines += [_text_line(change) for change in changes]
    if not report.changes:
        lines.append("no changes")
    return "\n".join(lines) + "\n"


def _text_line(change: Change) -> str:
    operation = _line(change.operation) + ": " if change.operation else ""
    where = f" ({_line(change.pointer)})" if change.pointer else ""
    return f"  [{change.level}] {change.rule}  {operation}{_line(change.message)}{where}"


def _line(text: str | None) -> str:
    return comment(SpecText(text or ""))


# -- markdown -----------------------------------------------------------------------------------


def _markdown(report: DiffReport) -> str:
    summary = report.summary
    lines = [
        f"## API diff: {summary.bump} bump",
        "",
        f"Highest severity: **{summary.highest or 'none'}**",
        "",
        "| severity | " + " | ".join(LEVELS) + " | total |",
        "| --- | " + " | ".join("---:" for _ in LEVELS) + " | ---: |",
    ]
    for severity in SEVERITIES:
        per_level = [
            sum(1 for c in report.changes if c.severity == severity and c.level == level)
            for level in LEVELS
        ]
        cells = " | ".join(str(count) for count in per_level)
        lines.append(f"| {severity} | {cells} | {summary.counts[severity]} |")
    for severity, changes in _groups(report):
        lines += [
            "",
            f"### {severity} ({len(changes)})",
            "",
            "| rule | level | operation | change | pointer |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| `{c.rule}` | {c.level} | {_cell(c.operation)} | {_cell(c.message)} | "
            f"{_cell(c.pointer)} |"
            for c in changes
        ]
    if not report.changes:
        lines += ["", "No changes."]
    return "\n".join(lines) + "\n"


def _cell(text: str | None) -> str:
    return markdown(SpecText(text)) if text else ""


# -- json ---------------------------------------------------------------------------------------


def _json(report: DiffReport) -> str:
    summary = report.summary
    data = {
        "summary": {"highest": summary.highest, "counts": summary.counts, "bump": summary.bump},
        "changes": [
            {
                "rule": c.rule,
                "severity": c.severity,
                "level": c.level,
                "operation": c.operation,
                "pointer": c.pointer,
                "message": c.message,
            }
            for c in report.changes
        ],
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
