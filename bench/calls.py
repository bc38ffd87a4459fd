"""Per-call overhead of a generated client against bare httpx + `model_validate_json`.

Downstream services call the clients on hot paths, so what matters is what our runtime adds to a
request someone could make by hand: the same GET against the same loopback keep-alive server
(in another process), returning one `Persona` from the newer capture, parsed into the same
generated model class. Calls run in interleaved batches; the ratio is of per-call medians.
The same pair is also timed over httpx.MockTransport, with the network taken out, to show the
client-side cost alone, and a cProfile of our calls says where that cost goes.

The measuring runs in a child process (`calls_worker.py`) that imports only the generated
package, so nothing the benchmark itself imported can slow it down.
"""

from __future__ import annotations

import json
import pstats
import subprocess
import sys
from pathlib import Path

from . import goals, profiling
from .calls_worker import PROFILED_CALLS
from .child import run_child
from .environment import PROJECT
from .packages import Package
from .payloads import example
from .results import Row, Section, at_most, shown
from .timing import Stats, paired_ratio, ratio, stats

TARGET = 1.2


def run(package: Package, spec: Path, scratch: Path, batches: int, size: int) -> Section:
    body = scratch / "persona.json"
    body.write_text(json.dumps(example(spec, "PersonaResponse")), "utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.server", str(body)],
        stdout=subprocess.PIPE,
        cwd=PROJECT,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        profile = scratch / "calls.prof"
        worker = [sys.executable, "-m", "bench.calls_worker", "--src", str(package.src)]
        worker += ["--package", package.name, "--port", str(port), "--body", str(body)]
        worker += ["--batches", str(batches), "--size", str(size), "--profile", str(profile)]
        measured = json.loads(run_child(worker, cwd=PROJECT).check().stdout)
    finally:
        server.terminate()
        server.wait()
    section = _section(package, measured, profile, batches, size)
    section.commands = [
        shown([sys.executable, "-m", "bench.server", str(body)]) + "  # prints PORT",
        shown(worker).replace(f"--port {port}", "--port PORT"),
    ]
    return section


def _section(
    package: Package, measured: dict[str, list[float]], profile: Path, batches: int, size: int
) -> Section:
    per_call = {name: stats(values).scaled(1e6) for name, values in measured.items()}
    loopback = ratio(per_call["ours"], per_call["bare"])
    in_process = ratio(per_call["ours_mock"], per_call["bare_mock"])
    section = Section(
        title="Per-call overhead",
        summary=(
            f"`client.personas.get(id)` of `{package.name}` against a loopback keep-alive server "
            "(`bench/server.py`, separate process) versus `httpx.Client.get(url)` + "
            f"`Persona.model_validate_json(response.content)` with the same model class; "
            f"{batches} interleaved batches of {size} calls. Microseconds per call."
        ),
        ratio_label="ours / bare",
    )
    overhead = per_call["ours"].median - per_call["bare"].median
    section.rows = [
        Row("bare httpx + model_validate_json (loopback)", per_call["bare"], "µs"),
        Row(
            "generated client (loopback)",
            per_call["ours"],
            "µs",
            ratio=loopback,
            verdict=at_most(loopback, TARGET, unit="x", target=f"<= {TARGET}x"),
            note=f"{overhead:+.0f} µs per call",
            goals=(goals.CALLS,),
        ),
        Row("bare httpx + model_validate_json (MockTransport)", per_call["bare_mock"], "µs"),
        Row(
            "generated client (MockTransport, no network)",
            per_call["ours_mock"],
            "µs",
            ratio=in_process,
            note=f"{per_call['ours_mock'].median - per_call['bare_mock'].median:+.0f} µs per call",
        ),
    ]
    paired = paired_ratio(per_call["ours"], per_call["bare"])
    section.notes.append(
        f"Batch-by-batch loopback ratio: median {paired.median:.2f}, "
        f"range {paired.min:.2f}-{paired.max:.2f}."
    )
    ours = profiling.load(Path(f"{profile}.ours_mock"))
    bare = profiling.load(Path(f"{profile}.bare_mock"))
    section.details.append(
        f"Where the client-side time goes: own time by library, cProfile of {PROFILED_CALLS:,} "
        "calls each over MockTransport, µs per call (inflated by the profiler):\n\n"
        + profiling.library_comparison(
            ours,
            bare,
            [package.name],
            labels=("generated client", "bare httpx + model_validate_json"),
            per=PROFILED_CALLS,
        )
    )
    total = profiling.total_time(ours)
    section.details.append(
        f"cProfile of {PROFILED_CALLS:,} `client.personas.get(id)` calls over MockTransport "
        f"({total:.2f} s under cProfile), top 15 by own time:\n\n"
        + profiling.markdown(profiling.top(ours, by="own", count=15), total=total)
    )
    if loopback > TARGET:
        section.notes.append(_why(ours, bare, package, overhead, per_call))
    return section


def _why(
    loaded: pstats.Stats,
    bare: pstats.Stats,
    package: Package,
    overhead: float,
    per_call: dict[str, Stats],
) -> str:
    """The miss explained from this run's numbers: what the client adds and where it goes."""
    hot = profiling.hotspots(loaded, package.name)
    total = profiling.total_time(loaded)
    listed = "; ".join(
        f"`{entry.function}` {entry.own / total * 100:.0f}% own "
        f"({entry.cumulative / total * 100:.0f}% cumulative)"
        for entry in hot
    )
    client_side = per_call["ours_mock"].median - per_call["bare_mock"].median
    heaviest = (
        f"The runtime's heaviest own functions: {listed}."
        if listed
        else "No function of the runtime reaches 2% of the profiled run: the cost is spread thin."
    )
    return (
        f"Why the miss: the client adds {overhead:.0f} µs to a {per_call['bare'].median:.0f} µs "
        f"loopback call; with the network taken out it adds {client_side:.0f} µs, so the cost "
        f"is client-side Python, not I/O (the library table below splits it). {heaviest} "
        f"httpx parses a URL {_per_call(loaded):.0f} times per call for the client against "
        f"{_per_call(bare):.0f} for the bare call."
    )


def _per_call(profile: pstats.Stats) -> float:
    """How many times per profiled call httpx parsed a URL (a cost the runtime can avoid)."""
    key = profiling.find(profile, "urlparse", "httpx/_urlparse.py")
    return 0.0 if key is None else profiling.entry(profile, key).calls / PROFILED_CALLS
