"""Which operations the run proved, per spec: the `contract: <spec> <n>/<total> operations` line.

The total is counted from the spec document itself, not from the generator's IR, so an operation
the generator forgot is reported as not exercised instead of silently not being a case. An
operation counts as exercised when a success test made a conformant request that the mock server
routed to it and every check on the request and the result passed.

Under pytest-xdist each worker keeps its own tally and hands it to the controller
(`workeroutput`), which merges them before printing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SpecTally:
    total: list[str] = field(default_factory=list)  # operation keys, from the document
    exercised: set[str] = field(default_factory=set)
    listed: set[str] = field(default_factory=set)  # cases generated for it
    selected: set[str] = field(default_factory=set)  # cases this run selected
    skipped_reason: str | None = None

    @property
    def enforced(self) -> bool:
        """Judged only when every one of its cases was selected (not a `-k` subset)."""
        return bool(self.selected) and self.selected == self.listed

    def missing(self) -> list[str]:
        return [key for key in self.total if key not in self.exercised]

    def line(self, name: str) -> str:
        if self.skipped_reason:
            return f"contract: {name} skipped: {self.skipped_reason}"
        text = (
            f"contract: {name} {len(self.exercised & set(self.total))}/{len(self.total)} operations"
        )
        if not self.enforced:
            text += f" (a subset was selected: {len(self.selected)} of {len(self.listed)} cases)"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "exercised": sorted(self.exercised),
            "listed": sorted(self.listed),
            "selected": sorted(self.selected),
            "skipped_reason": self.skipped_reason,
        }

    def merge(self, data: dict[str, Any]) -> None:
        self.total = self.total or list(data["total"])
        self.exercised |= set(data["exercised"])
        self.listed |= set(data["listed"])
        self.selected |= set(data["selected"])
        self.skipped_reason = self.skipped_reason or data["skipped_reason"]


TALLIES: dict[str, SpecTally] = {}


def tally(spec: str) -> SpecTally:
    return TALLIES.setdefault(spec, SpecTally())


def record(spec: str, operation_key: str) -> None:
    tally(spec).exercised.add(operation_key)
