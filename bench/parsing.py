"""Parsing a 1,000-item list response: our models versus openapi-python-client's `from_dict`.

The data is the newer capture's own `PersonaListResponse` example, its one persona varied into
1,000 (ids, names, timestamps, some voices and avatars null) so the parsers see realistic shapes
and values, nested models included. Ours is measured the way users get it, through the client's
parsing path (`client.personas.list()` over httpx.MockTransport, bytes to models; the transport
adds ~0.1 µs per item), and as the bare `TypeAdapter(list[PersonaSummary])`; the baseline is the
openapi-python-client package generated from the same spec. Runs in a child process that imports
only the two packages (`parsing_worker.py`).
"""

from __future__ import annotations

import json
import pstats
import sys
from pathlib import Path

from . import profiling
from .child import run_child
from .environment import PROJECT
from .packages import Package
from .parsing_worker import (
    COUNT,
    OPC_ITEMS,
    OPC_PAGE,
    OURS_ADAPTER,
    OURS_CLIENT,
    OURS_JSON,
    PROFILED_PARSES,
)
from .payloads import page
from .results import Row, Section, below, shown
from .timing import Stats, paired_ratio, ratio, stats


def run(ours: Package, opc: Package, spec: Path, scratch: Path, batches: int, size: int) -> Section:
    body = scratch / "persona-page.json"
    body.write_text(json.dumps(page(spec, COUNT)), "utf-8")
    profile = scratch / "parsing.prof"
    worker = [sys.executable, "-m", "bench.parsing_worker", "--body", str(body)]
    worker += ["--ours-src", str(ours.src), "--ours-package", ours.name]
    worker += ["--opc-src", str(opc.src), "--opc-package", opc.name]
    worker += ["--batches", str(batches), "--size", str(size), "--profile", str(profile)]
    measured = json.loads(run_child(worker, cwd=PROJECT).check().stdout)
    on, off = (_per_item(measured[key]) for key in ("gc_on", "gc_off"))
    section = Section(
        title="Parsing a 1,000-item list response",
        summary=(
            f"{COUNT} `PersonaSummary` items (nested `Avatar` and `Voice`, from the spec's "
            f"example, varied); {batches} interleaved batches of {size} parses each, so the "
            "garbage collector's cost is spread over every batch as a program would pay it. "
            "Microseconds per item."
        ),
        commands=[shown(worker)],
        ratio_label="ours / openapi-python-client",
    )
    section.rows = _rows(on)
    client_pairs = paired_ratio(on[OURS_CLIENT], on[OPC_PAGE])
    adapter_pairs = paired_ratio(on[OURS_ADAPTER], on[OPC_ITEMS])
    section.notes.append(
        "Batch-by-batch ratios (median, range): client path / json.loads + from_dict "
        f"{client_pairs.median:.2f} ({client_pairs.min:.2f}-{client_pairs.max:.2f}); "
        f"TypeAdapter.validate_python / from_dict {adapter_pairs.median:.2f} "
        f"({adapter_pairs.min:.2f}-{adapter_pairs.max:.2f}). The parsed values were checked "
        "equal (ids, names, nested voices) before timing."
    )
    section.details.append(_without_gc(off, measured["tracked"]))
    mine = profiling.load(Path(f"{profile}.ours"))
    theirs = profiling.load(Path(f"{profile}.opc"))
    section.details += _profiles(mine, theirs, ours, opc)
    if ratio(on[OURS_CLIENT], on[OPC_PAGE]) >= 1.0:
        section.notes.append(_why_client(mine, ours, on))
    if ratio(on[OURS_ADAPTER], on[OPC_ITEMS]) >= 1.0:
        section.notes.append(_why_models(on, off, measured["tracked"]))
    return section


def _per_item(timings: dict[str, list[float]]) -> dict[str, Stats]:
    return {name: stats(values).scaled(1e6 / COUNT) for name, values in timings.items()}


def _rows(on: dict[str, Stats]) -> list[Row]:
    headline = ratio(on[OURS_CLIENT], on[OPC_PAGE])
    models_only = ratio(on[OURS_ADAPTER], on[OPC_ITEMS])
    return [
        Row(OPC_PAGE, on[OPC_PAGE], "µs"),
        Row(OPC_ITEMS, on[OPC_ITEMS], "µs"),
        Row(
            OURS_CLIENT,
            on[OURS_CLIENT],
            "µs",
            ratio=headline,
            verdict=below(headline, 1.0, unit="x", target="faster (< 1x)"),
            note="against json.loads + from_dict",
        ),
        Row(
            OURS_ADAPTER,
            on[OURS_ADAPTER],
            "µs",
            ratio=models_only,
            verdict=below(models_only, 1.0, unit="x", target="faster (< 1x)"),
            note="against from_dict per item",
        ),
        Row(
            OURS_JSON,
            on[OURS_JSON],
            "µs",
            ratio=ratio(on[OURS_JSON], on[OPC_PAGE]),
            note="against json.loads + from_dict",
        ),
    ]


def _without_gc(off: dict[str, Stats], tracked: dict[str, float]) -> str:
    """The same parsers with the collector off: the parsing work alone, and what it leaves."""
    against = {OURS_CLIENT: OPC_PAGE, OURS_ADAPTER: OPC_ITEMS, OURS_JSON: OPC_PAGE}
    lines = [
        "The same, timed with the garbage collector disabled (the parsing work alone), and the "
        "GC-tracked objects each parser leaves alive per item (what every later collection "
        "has to walk):",
        "",
        "| what | median µs (GC off) | min | ours / openapi-python-client | "
        "GC-tracked objects per item |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, values in off.items():
        compared = f"{ratio(values, off[against[name]]):.2f}x" if name in against else ""
        lines.append(
            f"| {name} | {values.median:.1f} | {values.min:.1f} | {compared} "
            f"| {tracked[name]:.1f} |"
        )
    return "\n".join(lines)


def _profiles(mine: pstats.Stats, theirs: pstats.Stats, ours: Package, opc: Package) -> list[str]:
    total = profiling.total_time(mine)
    return [
        f"Where the time goes: own time by library, cProfile of {PROFILED_PARSES} parses of "
        f"{COUNT} items each, µs per item (inflated by the profiler):\n\n"
        + profiling.library_comparison(
            mine,
            theirs,
            [ours.name, opc.name],
            labels=("client path", "json.loads + from_dict"),
            per=PROFILED_PARSES * COUNT,
        ),
        f"cProfile of the client path ({total:.2f} s under cProfile), top 12 by own time:\n\n"
        + profiling.markdown(profiling.top(mine, by="own", count=12), total=total),
    ]


def _why_client(profile: pstats.Stats, ours: Package, on: dict[str, Stats]) -> str:
    """The client path's miss from this run's numbers: validation against what surrounds it."""
    validation = on[OURS_JSON].median
    client = on[OURS_CLIENT].median
    total = profiling.total_time(profile)
    pydantic_share = sum(
        profiling.entry(profile, key).own / total
        for key in profiling.named(profile, ("validate_json", "validate_python"))
    )
    hot = "; ".join(
        f"`{entry.function}` {entry.own / total:.0%} own, {entry.cumulative / total:.0%} cumulative"
        for entry in profiling.hotspots(profile, ours.name, count=2)
    )
    return (
        f"Why the client path misses: pydantic reading the list from its bytes costs "
        f"{validation:.1f} µs per item, the client path {client:.1f} µs, so "
        f"{client - validation:.1f} µs per item is spent around validation. In the client "
        f"path's profile pydantic's validators take {pydantic_share:.0%} of the time (own) and "
        + (
            f"the runtime's heaviest functions are {hot}."
            if hot
            else "no function of the generated package takes 2% or more."
        )
    )


def _why_models(on: dict[str, Stats], off: dict[str, Stats], tracked: dict[str, float]) -> str:
    """validate_python against from_dict: the parsing work, then the collector's share."""
    without = ratio(off[OURS_ADAPTER], off[OPC_ITEMS])
    numbers = (
        f"with the collector off, validate_python takes {off[OURS_ADAPTER].median:.1f} µs per "
        f"item against from_dict's {off[OPC_ITEMS].median:.1f} µs ({without:.2f}x); with it on, "
        f"{on[OURS_ADAPTER].median:.1f} against {on[OPC_ITEMS].median:.1f}. Our models leave "
        f"{tracked[OURS_ADAPTER]:.1f} GC-tracked objects per item against "
        f"{tracked[OPC_ITEMS]:.1f} (each pydantic instance carries a `__dict__`, a fields-set "
        'set and, with `extra="allow"`, an extras dict; the attrs classes use slots)'
    )
    if without < 1.0:
        return (
            f"Why the models-only comparison misses: {numbers}, so the collector runs more "
            "often and walks more: the parsing itself is faster, the garbage it makes is not."
        )
    return f"Why the models-only comparison misses: {numbers}."
