"""What a benchmark hands to the report: rows of measurements, verdicts against targets, notes.

Benchmarks only measure and judge; `report.py` only renders. Keeping the verdict (met or missed,
and by how much) next to the numbers it was computed from means the written results can never
claim a target the table does not show.
"""

from __future__ import annotations

import shlex
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from .environment import PROJECT
from .timing import Stats


@dataclass(frozen=True)
class Verdict:
    """A target and whether it was met; `margin` says by how much, in the target's own terms."""

    target: str
    met: bool
    margin: str
    headroom: float = 0.0  # share of the limit left (negative: over); orders the close calls


def at_most(value: float, limit: float, *, unit: str, target: str) -> Verdict:
    """Met when `value` <= `limit`; the margin is the distance to the limit, also in percent."""
    gap = limit - value
    percent = abs(gap) / limit * 100 if limit else 0.0
    headroom = gap / limit if limit else 0.0
    if gap >= 0:
        return Verdict(
            target, True, f"{_fmt(gap)} {unit} under ({percent:.0f}% headroom)", headroom
        )
    return Verdict(target, False, f"over by {_fmt(-gap)} {unit} ({percent:.0f}%)", headroom)


def below(value: float, limit: float, *, unit: str, target: str) -> Verdict:
    """Met when `value` < `limit` (strict), e.g. "< 0.3 s"."""
    verdict = at_most(value, limit, unit=unit, target=target)
    if value == limit:
        return Verdict(target, False, f"exactly at the limit ({_fmt(limit)} {unit})", 0.0)
    return verdict


@dataclass(frozen=True)
class Row:
    """One measured thing; `stats` is already in `unit`."""

    label: str
    stats: Stats
    unit: str
    ratio: float | None = None
    verdict: Verdict | None = None
    note: str = ""
    goals: tuple[str, ...] = ()  # from bench/goals.py: the goals this row's verdict counts toward


@dataclass
class Section:
    """One benchmark's part of RESULTS.md."""

    title: str
    summary: str
    commands: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    ratio_label: str = "ratio"
    notes: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # markdown blocks: profiles, extra tables
    skipped: str | None = None

    def verdicts(self) -> list[tuple[str, Verdict]]:
        return [(row.label, row.verdict) for row in self.rows if row.verdict is not None]


def _fmt(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def shown(command: Sequence[str]) -> str:
    """A command as someone would type it from the project root to rerun it."""
    return portable(shlex.join(command))


def portable(text: str) -> str:
    """Paths inside the project made relative, `../shared` kept as `../shared`, and the run's
    scratch folder (gone after the run) written as `$TMP`."""
    text = text.replace(str(PROJECT) + "/", "").replace(f"-C {PROJECT}", "-C .")
    text = text.replace(str(PROJECT.parent) + "/", "../")
    return text.replace(tempfile.gettempdir() + "/", "$TMP/")
