"""The corpus table: one row per spec, and what stands between each spec and green.

Everything but the time and memory columns (and the totals line's duration) is the same for the
same specs and generator, so a diff of RESULTS.md shows what changed for whom.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .discover import CorpusSpec
from .unservable import UNSERVABLE


@dataclass(frozen=True)
class Measured:
    spec: CorpusSpec
    operations: int | None
    generated: bool
    import_errors: int | None
    ruff_issues: int | None
    mypy_errors: int | None
    proven: int | None
    failures: int
    seconds: float
    peak_mb: float
    cached: bool
    notes: list[str] = field(default_factory=list)
    unproven: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, spec: CorpusSpec, data: dict[str, Any], *, cached: bool) -> Measured:
        return cls(
            spec=spec,
            operations=data.get("operations"),
            generated=bool(data.get("generated")),
            import_errors=data.get("import_errors"),
            ruff_issues=data.get("ruff_issues"),
            mypy_errors=data.get("mypy_errors"),
            proven=data.get("proven"),
            failures=int(data.get("failures") or 0),
            seconds=float(data.get("seconds") or 0.0),
            peak_mb=float(data.get("peak_mb") or 0.0),
            cached=cached,
            notes=list(data.get("notes") or []),
            unproven=list(data.get("unproven") or []),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "operations": self.operations,
            "generated": self.generated,
            "import_errors": self.import_errors,
            "ruff_issues": self.ruff_issues,
            "mypy_errors": self.mypy_errors,
            "proven": self.proven,
            "failures": self.failures,
            "seconds": self.seconds,
            "peak_mb": self.peak_mb,
            "notes": self.notes,
            "unproven": self.unproven,
        }

    @property
    def green(self) -> bool:
        return (
            self.generated
            and self.import_errors == 0
            and self.ruff_issues == 0
            and self.mypy_errors == 0
            and self.operations is not None
            and self.proven == self.operations
            and self.failures == 0
        )

    @property
    def unservable(self) -> bool:
        """Listed as a spec no correct client can be made from, and failing only as listed:
        clean, with exactly the listed operations unproven."""
        listed = UNSERVABLE.get(self.spec.label)
        return (
            listed is not None
            and not self.green
            and self.generated
            and (self.import_errors, self.ruff_issues, self.mypy_errors) == (0, 0, 0)
            and set(self.unproven) == listed.operations
        )

    @property
    def status(self) -> str:
        if self.green:
            return "green"
        return "unservable" if self.unservable else "not green"

    def cells(self) -> list[str]:
        contract = "-" if self.proven is None else f"{self.proven}/{self.operations}"
        time = f"{self.seconds:.1f} s" + (" (cached)" if self.cached else "")
        return [
            f"`{self.spec.label}`",
            "-" if self.operations is None else str(self.operations),
            "yes" if self.generated else "**no**",
            _count(self.import_errors, "ok"),
            _count(self.ruff_issues, "clean"),
            _count(self.mypy_errors, "0"),
            f"**{contract}**"
            if self.proven is not None and self.proven != self.operations
            else contract,
            time,
            f"{self.peak_mb:.0f} MB",
        ]


HEADER = [
    "spec",
    "operations",
    "generated",
    "imports",
    "ruff",
    "mypy errors",
    "contract",
    "time",
    "peak memory",
]


def render(rows: list[Measured], workers: int) -> str:
    green = sum(1 for row in rows if row.green)
    unservable = sum(1 for row in rows if row.unservable)
    listed = f"; {unservable} no correct client can be made from, as listed" if unservable else ""
    lines = [
        "# Corpus results",
        "",
        "Written by `make corpus` (`python -m corpus`): every spec found under",
        "`../shared/corpus/`, `../shared/upstream/` and `specs/`, generated, every module",
        "imported, `ruff check`, `mypy --strict`, then `sdkgen verify`'s contract proof",
        "(`contract`: operations proven of those in the document). Time and peak memory are",
        f"those of the spec's own process ({workers} ran at a time); all other columns are the",
        "same on every run.",
        "",
        f"**{green} of {len(rows)} specs green{listed}.**",
        "",
        "| " + " | ".join(HEADER) + " |",
        "| " + " | ".join(["---"] + ["---:"] * (len(HEADER) - 1)) + " |",
    ]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    lines += _standing(rows)
    return "\n".join(lines) + "\n"


def _standing(rows: list[Measured]) -> list[str]:
    """Why each spec that is not green is not (the first few findings of each)."""
    lines = ["", "## Where each spec stands", ""]
    listed = [row for row in rows if row.spec.label in UNSERVABLE]
    if listed:
        lines += [
            "Listed as specs no correct client can be made from (`corpus/unservable.py`); "
            "each fails only where the spec makes a correct request impossible:",
            "",
        ]
        lines += [
            f"- `{row.spec.label}`: {UNSERVABLE[row.spec.label].reason}"
            + ("" if row.unservable else " **Not as listed: see below.**")
            for row in listed
        ]
        lines.append("")
    for row in rows:
        if row.green:
            continue
        more = row.failures - len([note for note in row.notes if note.startswith("FAIL")])
        lines.append(f"### `{row.spec.label}`")
        lines.append("")
        lines += [f"- {_escape(note)}" for note in row.notes]
        if more > 0:
            lines.append(f"- ... and {more} more failed cases")
        lines.append("")
    return lines


def _count(value: int | None, zero: str) -> str:
    if value is None:
        return "-"
    return zero if value == 0 else f"**{value}**"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
