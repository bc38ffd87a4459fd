"""Where generation time goes, by pipeline stage, read from cProfile runs of `generate`.

A stage is a call `generate_package` makes (found in the profile's caller graph, so renames in
the generator cannot silently drop rows); the three largest also show their largest callees.
With several sizes profiled, the last column is each stage's growth between the two largest:
a stage growing faster than the spec is the one that bends the scaling curve.
"""

from __future__ import annotations

import pstats

from . import profiling

_PIPELINE = ("generate_package", "generator/pipeline.py")

Column = dict[int, float]


def table(profiles: dict[int, pstats.Stats]) -> str:
    """Markdown: one row per stage, seconds and share per profiled size, and growth."""
    factors = sorted(profiles)
    totals = {k: profiling.total_time(p) for k, p in profiles.items()}
    found = {k: _stages(p) for k, p in profiles.items()}
    largest = found[factors[-1]]
    names = [n for n in largest if largest[n].cumulative >= 0.005 * totals[factors[-1]]]
    rows: list[tuple[str, Column]] = []
    for rank, stage in enumerate(names):
        rows.append((f"`{stage}`", _column(found, stage)))
        if rank < 3:
            for child in _children(profiles[factors[-1]], largest[stage]):
                rows.append(
                    (f"&nbsp;&nbsp;↳ `{child}`", _child_column(profiles, found, stage, child))
                )
    rows += _extra_rows(profiles, totals)
    rows.append(("total under cProfile", totals))
    return "\n".join(_header(factors) + [_line(label, v, factors, totals) for label, v in rows])


def _header(factors: list[int]) -> list[str]:
    cells = "".join(f" {k}x s | {k}x % |" for k in factors)
    growth = ""
    if len(factors) > 1:
        a, b = factors[-2], factors[-1]
        growth = f" {a}x → {b}x growth (linear = {b / a:.0f}x) |"
    runs = "one run per size; " if len(factors) > 1 else ""
    return [
        f"Where the time goes, by stage (cProfile, {runs}a stage is a call "
        "`generate_package` makes, cumulative, including the imports it triggers; the "
        "structural check and the models run in child processes, so only their start and the "
        "wait for them show here; ruff runs in child processes inside the write step):",
        "",
        f"| stage |{cells}{growth}",
        "| --- |" + " ---: | ---: |" * len(factors) + (" ---: |" if growth else ""),
    ]


def _line(label: str, values: Column, factors: list[int], totals: Column) -> str:
    cells = []
    for factor in factors:
        value = values.get(factor)
        cells.append(" | " if value is None else f"{value:.2f} | {value / totals[factor]:.0%}")
    if len(factors) > 1:
        a, b = values.get(factors[-2]), values.get(factors[-1])
        cells.append(f"{b / a:.1f}x" if a and b and a > 0.01 else "")
    return f"| {label} | " + " | ".join(cells) + " |"


def _stages(profile: pstats.Stats) -> dict[str, profiling.Entry]:
    key = profiling.find(profile, *_PIPELINE)
    return {} if key is None else {e.function: e for e in profiling.callees(profile, key)}


def _column(found: dict[int, dict[str, profiling.Entry]], stage: str) -> Column:
    return {k: stages[stage].cumulative for k, stages in found.items() if stage in stages}


def _children(profile: pstats.Stats, parent: profiling.Entry) -> list[str]:
    children = profiling.callees(profile, parent.key)
    return [c.function for c in children[:3] if c.cumulative >= 0.05 * parent.cumulative]


def _child_column(
    profiles: dict[int, pstats.Stats],
    found: dict[int, dict[str, profiling.Entry]],
    stage: str,
    child: str,
) -> Column:
    values = {}
    for factor, profile in profiles.items():
        if stage in found[factor]:
            for entry in profiling.callees(profile, found[factor][stage].key):
                if entry.function == child:
                    values[factor] = entry.cumulative
    return values


def _extra_rows(profiles: dict[int, pstats.Stats], totals: Column) -> list[tuple[str, Column]]:
    outside: Column = {}
    imports: Column = {}
    for factor, profile in profiles.items():
        key = profiling.find(profile, *_PIPELINE)
        if key is not None:
            outside[factor] = totals[factor] - profiling.entry(profile, key).cumulative
        loader = profiling.find(profile, "_find_and_load", "importlib._bootstrap>")
        if loader is not None:
            imports[factor] = profiling.entry(profile, loader).cumulative
    return [
        ("(before `generate_package`: CLI start-up and its imports)", outside),
        ("(all imports, overlapping the rows above)", imports),
    ]


def superlinear(profiles: dict[int, pstats.Stats], slack: float = 1.5) -> list[str]:
    """Stages, and the calls they make, whose time grew more than `slack` times faster than the
    spec between the two largest profiled sizes (at least 2% of the largest run, so noise in
    small ones is not flagged)."""
    factors = sorted(profiles)
    if len(factors) < 2:
        return []
    small, large = factors[-2:]
    linear = large / small
    floor = 0.02 * profiling.total_time(profiles[large])
    flagged = []
    for name, (before, after) in _two_levels(profiles[small], profiles[large]).items():
        if after >= floor and before > 0 and after / before > slack * linear:
            flagged.append(
                f"`{name}`: {before:.2f} s at {small}x, {after:.2f} s at {large}x "
                f"({after / before:.1f}x for {linear:.0f}x the spec)"
            )
    return flagged


def _two_levels(small: pstats.Stats, large: pstats.Stats) -> dict[str, tuple[float, float]]:
    """Cumulative seconds of each stage and of each stage's callees, at both sizes."""
    result = {}
    before, after = _stages(small), _stages(large)
    for stage, entry in after.items():
        if stage not in before:
            continue
        result[stage] = (before[stage].cumulative, entry.cumulative)
        earlier = {e.function: e.cumulative for e in profiling.callees(small, before[stage].key)}
        for child in profiling.callees(large, entry.key):
            if child.function in earlier:
                result[child.function] = (earlier[child.function], child.cumulative)
    return result
