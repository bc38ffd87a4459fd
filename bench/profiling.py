"""Reading cProfile output into the few lines that say where the time goes.

Stages are found, not listed: the pipeline's stages are whatever `generate_package` calls, read
from the profile's caller graph, so the breakdown stays right while the generator is being
changed (a hard-coded list of stage functions would silently lose rows after a rename).
Frames that only pass time through (runpy, importlib, exec, the CLI framework's dispatch) are
left out of "top" tables: they sit at 100% and say nothing.
"""

from __future__ import annotations

import pstats
import sysconfig
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .environment import PROJECT

FunctionKey = tuple[str, int, str]

_PASS_THROUGH = (
    "<frozen ",
    "<string>:",
    "<built-in method builtins.exec>",
    "typer/",
    "click/",
    "generator/__main__.py",
)


@dataclass(frozen=True)
class Entry:
    key: FunctionKey
    calls: int
    own: float
    cumulative: float

    @property
    def function(self) -> str:
        return name(self.key)


def load(path: Path) -> pstats.Stats:
    return pstats.Stats(str(path))


def _table(profile: pstats.Stats) -> dict[FunctionKey, tuple[int, int, float, float, dict]]:  # type: ignore[type-arg]
    return profile.stats  # type: ignore[attr-defined,no-any-return]


def total_time(profile: pstats.Stats) -> float:
    """The profiled run's length: the outermost frame's cumulative time.

    cProfile's own `total_tt` (a sum of own times) can come out slightly below the cumulative
    time of the outermost call, which would put shares above 100%.
    """
    outermost = max((row[3] for row in _table(profile).values()), default=0.0)
    return max(float(profile.total_tt), outermost)  # type: ignore[attr-defined]


def find(profile: pstats.Stats, function: str, module_suffix: str) -> FunctionKey | None:
    """The key of `function` defined in a file whose path ends with `module_suffix`."""
    for key in _table(profile):
        if key[2] == function and key[0].endswith(module_suffix):
            return key
    return None


def named(profile: pstats.Stats, functions: tuple[str, ...]) -> list[FunctionKey]:
    """Every function or method called one of `functions`, wherever it is defined (C methods
    such as pydantic-core's validators have no file)."""
    return [key for key in _table(profile) if _bare_name(key[2]) in functions]


def _bare_name(function: str) -> str:
    """`{method 'validate_json' of '...' objects}` -> `validate_json`."""
    if function.startswith("{method '"):
        return function.split("'")[1]
    return function


def entry(profile: pstats.Stats, key: FunctionKey) -> Entry:
    _, calls, own, cumulative, _ = _table(profile)[key]
    return Entry(key, calls, own, cumulative)


def callees(profile: pstats.Stats, parent: FunctionKey) -> list[Entry]:
    """What `parent` spent its time on, largest first (time of calls from `parent` only)."""
    entries = []
    for key, (_, _, _, _, callers) in _table(profile).items():
        if parent in callers:
            calls, _, own, cumulative = callers[parent]
            entries.append(Entry(key, calls, own, cumulative))
    return sorted(entries, key=lambda e: -e.cumulative)


def top(profile: pstats.Stats, *, by: str, count: int) -> list[Entry]:
    """The `count` largest entries by "cumulative" or "own" time, pass-through frames left out."""
    entries = [
        Entry(key, calls, own, cumulative)
        for key, (_, calls, own, cumulative, _) in _table(profile).items()
        if not name(key).startswith(_PASS_THROUGH)
    ]
    order = (lambda e: -e.cumulative) if by == "cumulative" else (lambda e: -e.own)
    return sorted(entries, key=order)[:count]


def hotspots(profile: pstats.Stats, package: str, count: int = 4) -> list[Entry]:
    """The functions of `package` (a generated package) with the most own time, leaving out
    those under 2% of the run: they are not where the time goes."""
    floor = 0.02 * total_time(profile)
    entries = [
        Entry(key, calls, own, cumulative)
        for key, (_, calls, own, cumulative, _) in _table(profile).items()
        if f"/{package}/" in key[0] and own >= floor
    ]
    return sorted(entries, key=lambda e: -e.own)[:count]


def markdown(entries: list[Entry], *, total: float) -> str:
    lines = [
        "| function | calls | own s | cumulative s | % of run |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for item in entries:
        share = item.cumulative / total * 100 if total else 0.0
        lines.append(
            f"| `{item.function}` | {item.calls} | {item.own:.3f} | {item.cumulative:.3f} "
            f"| {share:.0f}% |"
        )
    return "\n".join(lines)


def own_time_by_library(profile: pstats.Stats, packages: Sequence[str]) -> dict[str, float]:
    """Own time summed per library: generated packages, httpx, pydantic, json, the rest.

    Answers "whose code is the time in" for a client call, where the generated runtime is one
    thin layer between httpx and pydantic.
    """
    totals: dict[str, float] = {}
    for (file, _, function), (_, _, own, _, _) in _table(profile).items():
        group = _library(file, function, packages)
        totals[group] = totals.get(group, 0.0) + own
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


def library_comparison(
    ours: pstats.Stats,
    theirs: pstats.Stats,
    packages: Sequence[str],
    *,
    labels: tuple[str, str],
    per: int,
) -> str:
    """Own time by library of two profiled workloads side by side, in µs per unit of work.

    The difference column is what ours adds (or saves), attributed to whose code runs it.
    """
    mine = own_time_by_library(ours, packages)
    other = own_time_by_library(theirs, packages)
    scale = 1e6 / per
    lines = [
        f"| library | {labels[0]} µs | {labels[1]} µs | difference µs |",
        "| --- | ---: | ---: | ---: |",
    ]
    for group in sorted(set(mine) | set(other), key=lambda g: -mine.get(g, 0.0)):
        a, b = mine.get(group, 0.0) * scale, other.get(group, 0.0) * scale
        lines.append(f"| {group} | {a:.1f} | {b:.1f} | {a - b:+.1f} |")
    a, b = sum(mine.values()) * scale, sum(other.values()) * scale
    lines.append(f"| total | {a:.1f} | {b:.1f} | {a - b:+.1f} |")
    return "\n".join(lines)


def name(key: FunctionKey) -> str:
    """`generator/models.py:42(generate_models)`, with site-packages and project paths cut."""
    file, line, function = key
    if file == "~":
        return function  # a built-in
    paths = sysconfig.get_paths()
    for root in (paths["purelib"], paths["platlib"], paths["stdlib"], str(PROJECT)):
        if file.startswith(root + "/"):
            file = file[len(root) + 1 :]
            break
    else:
        if file.startswith("/"):  # a generated package in a scratch folder: from src/ on
            _, separator, inside = file.partition("/src/")
            file = inside if separator else "/".join(Path(file).parts[-3:])
    return f"{file}:{line}({function})"


def _library(file: str, function: str, packages: Sequence[str]) -> str:
    for package in packages:
        if f"/{package}/" in file:
            return f"generated code ({package})"
    if file == "~":
        return "pydantic" if "pydantic_core" in function else "Python built-ins"
    for library in ("httpx", "httpcore", "pydantic_core", "pydantic", "json", "dateutil"):
        if f"/{library}/" in file:
            return "pydantic" if library.startswith("pydantic") else library
    if "/site-packages/" in file:
        return "other libraries"
    return "Python stdlib"
