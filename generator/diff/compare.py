"""The diff end to end: two specs -> a report -> rendered text and an exit code for the CLI.

Both documents go through the same load and normalize as generation, so the diff compares what the
generator would see, and two spellings of one contract (`nullable: true` and `type: [X, "null"]`,
an `optional` keyword and a missing `required` entry) are already the same thing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from ..config import ApiConfig
from ..errors import GeneratorError, Problem
from ..load import load_spec
from ..lock import NamesLock
from ..normalize import normalize
from ..placement import place_operations
from .document import diff_document
from .model import SEVERITIES, DiffReport
from .operations import diff_operations
from .render import render
from .sdk import diff_sdk

T = TypeVar("T", bound=str)


def diff_specs(
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    config: ApiConfig | None = None,
    lock: NamesLock | None = None,
    old_lock: NamesLock | None = None,
) -> DiffReport:
    """Every wire and SDK change from `old` to `new` (both loaded and normalized).

    `config` names the package on both sides (default: derived from each spec's title, as
    `generate` does); `lock` is the names lock `regen` will apply to the new side.
    """
    changes = diff_document(old, new) + diff_operations(old, new)
    changes += diff_sdk(old, new, config=config, lock=lock, old_lock=old_lock)
    return DiffReport.of(changes, _resources(old, new, lock, old_lock))


def _resources(
    old: dict[str, Any], new: dict[str, Any], lock: NamesLock | None, old_lock: NamesLock | None
) -> dict[str, str]:
    """Each operation's resource (`POST /v1/x` -> `personas`): the new spec's, else the old's."""
    found = {}
    for document, names in ((old, old_lock), (new, lock)):
        locked = names.operations if names is not None else None
        found.update({key: p.resource for key, p in place_operations(document, locked).items()})
    return found


def diff_files(
    old_path: Path | str,
    new_path: Path | str,
    *,
    config: ApiConfig | None = None,
    lock: NamesLock | None = None,
) -> DiffReport:
    return diff_specs(_read(Path(old_path)), _read(Path(new_path)), config=config, lock=lock)


def run_diff(
    old_path: Path | str, new_path: Path | str, fmt: str = "text", fail_on: str | None = None
) -> tuple[str, int]:
    """The rendered report and the exit code: 1 when a change reaches `fail_on`, else 0."""
    threshold = None if fail_on is None else _choice(fail_on, SEVERITIES, "--fail-on severity")
    report = diff_files(old_path, new_path)
    failed = threshold is not None and bool(report.at_least(threshold))
    return render(report, fmt), 1 if failed else 0


def _choice(value: str, choices: tuple[T, ...], what: str) -> T:
    for choice in choices:
        if value == choice:
            return choice
    hint = f"use one of: {', '.join(choices)}"
    raise GeneratorError(Problem("error", f"unknown {what} {value!r}", hint=hint))


def _read(path: Path) -> dict[str, Any]:
    document, _notes = normalize(load_spec(path), str(path))
    return document
