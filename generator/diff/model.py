"""What a spec diff produces: changes, the report that orders them, and the bump they call for.

A change is judged from a client's point of view: `breaking` means code or requests that worked
against the old spec can fail against the new one, `non-breaking` means something was added or
relaxed, `docs` means only the documentation moved. `level` says whether the change was seen on the
wire (the HTTP contract) or in the generated package's public surface (`sdk`): one spec edit can be
harmless on the wire yet rename a method every caller uses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["breaking", "non-breaking", "docs"]
Level = Literal["wire", "sdk"]
Bump = Literal["major", "minor", "patch"]

SEVERITIES: tuple[Severity, ...] = ("breaking", "non-breaking", "docs")
LEVELS: tuple[Level, ...] = ("wire", "sdk")
_BUMPS: dict[Severity | None, Bump] = {
    "breaking": "major",
    "non-breaking": "minor",
    "docs": "patch",
    None: "patch",
}


@dataclass(frozen=True)
class Change:
    """One difference between two specs; `message` holds spec text and is escaped when rendered."""

    rule: str
    severity: Severity
    level: Level
    operation: str | None
    pointer: str
    message: str

    def sort_key(self) -> tuple[int, str, str, str, str, str]:
        """Severity first, then document-level changes before operations, then rule and place."""
        return (
            SEVERITIES.index(self.severity),
            self.operation or "",
            self.rule,
            self.pointer,
            self.level,
            self.message,
        )


@dataclass(frozen=True)
class Summary:
    highest: Severity | None
    counts: dict[Severity, int]
    bump: Bump


@dataclass(frozen=True)
class DiffReport:
    """Every change between two specs, without repeats, in one deterministic order.

    `resources` says which resource of the package each operation (`POST /v1/x`) belongs to,
    the new spec's placement first, for readers that group changes by resource.
    """

    changes: tuple[Change, ...]
    resources: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, changes: list[Change], resources: Mapping[str, str] | None = None) -> DiffReport:
        return cls(tuple(sorted(set(changes), key=Change.sort_key)), dict(resources or {}))

    @property
    def summary(self) -> Summary:
        counted = Counter(change.severity for change in self.changes)
        counts = {severity: counted.get(severity, 0) for severity in SEVERITIES}
        highest = next((severity for severity in SEVERITIES if counts[severity]), None)
        return Summary(highest, counts, _BUMPS[highest])

    def at_least(self, severity: Severity) -> tuple[Change, ...]:
        """Changes at `severity` or worse (breaking is the worst)."""
        limit = SEVERITIES.index(severity)
        return tuple(c for c in self.changes if SEVERITIES.index(c.severity) <= limit)


def bump_for(report: DiffReport) -> Bump:
    """The semver bump the changes call for; `generator.version.bump` applies it (and knows 0.y.z).

    No change at all is still a patch: the package is only regenerated when something (the spec or
    the generator) changed, and a release must differ from the one before it.
    """
    return report.summary.bump
