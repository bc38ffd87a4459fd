"""What `regen` shows a person: progress on the long steps, a summary table, a dry-run preview.

Progress goes to stderr (a spinner with the step and the elapsed time, shown only on a terminal,
so CI logs stay clean); the summary and the preview go to stdout, where scripts read them.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager

from rich.console import Console
from rich.table import Table

from .regen import RegenResult

_ERR = Console(stderr=True)
_OUT = Console(soft_wrap=True, width=max(shutil.get_terminal_size().columns, 100))


def progress(api: str) -> Step:
    """The `step` callback of `regen_api` for one API."""
    return Step(api)


class Step:
    def __init__(self, api: str) -> None:
        self.api = api

    def __call__(self, name: str) -> AbstractContextManager[object]:
        return self._status(name)

    @contextmanager
    def _status(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        with _ERR.status(f"{self.api}: {name}...", spinner="dots"):
            yield
        if _ERR.is_terminal:
            _ERR.print(f"[dim]{self.api}: {name} {time.monotonic() - started:.1f}s[/dim]")


def summary(results: Sequence[RegenResult]) -> None:
    """One row per API: what happened, the version step, operations, files changed, time."""
    table = Table(title="regen summary", title_justify="left")
    for column in ("API", "result", "version", "operations", "files changed", "time", "source"):
        numeric = column in ("operations", "time")
        table.add_column(column, justify="right" if numeric else "left", no_wrap=True)
    for result in results:
        version = (
            f"{result.old_version} -> {result.version}"
            if result.old_version != result.version
            else result.version
        )
        table.add_row(
            result.name,
            "regenerated" if result.changed else "unchanged",
            version,
            "-" if result.operations is None else str(result.operations),
            str(len(result.files)),
            f"{result.seconds:.1f}s",
            result.source,
        )
    _OUT.print(table)


def preview(result: RegenResult) -> None:
    """`regen --dry-run` for one API: source, bump, changelog entry, files that would change."""
    from .diff import changelog  # the spec diff's imports stay off the no-op path

    lines = [f"{result.name}: from the {result.source} spec"]
    if not result.changed:
        lines.append("  nothing would change")
    else:
        lines.append(f"  version: {result.old_version} -> {result.version}")
        if result.release is not None:
            lines.append(f"  changelog ({result.release.version}): {result.release.summary}")
            lines += [f"    {line}" for c in result.release.changes for line in changelog.plain(c)]
        lines.append(f"  files that would change ({len(result.files)}):")
        lines += [f"    {path}" for path in result.files]
    _OUT.print("\n".join(lines), markup=False, highlight=False)
