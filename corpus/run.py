"""Run every spec (two at a time), measure each, reuse what is safe to reuse, write the table.

Each spec runs in a child process (`one.py`) reaped with `os.wait4`, whose resource usage gives
the spec's peak memory (its own and that of the ruff and mypy it ran). A spec that takes longer
than `TIMEOUT` seconds is stopped and reported as such.

Cached: a spec's row, keyed by the bytes of every JSON and YAML file in the spec's folder (a
multi-file spec refers to its neighbours), its config, the generator's fingerprint (its code,
templates and pinned library versions) and this runner's code. The same key means the same
inputs, so the row a fresh run would write is the one stored; only its time and memory are those
of the run that stored it, and the table says which rows were reused. `--fresh` ignores it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import cache

from .discover import REPO, SPEC_SUFFIXES, CorpusSpec, discover, missing_folders
from .table import Measured, render

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
WORKERS = 2  # one per core of the machines CI runs on
TIMEOUT = 600.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus", description=__doc__)
    parser.add_argument("--only", help="run only specs whose label contains this text")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the table")
    parser.add_argument("--fresh", action="store_true", help="ignore cached rows")
    options = parser.parse_args(argv)
    missing = missing_folders()
    if missing:
        where = ", ".join(str(folder) for folder in missing)
        print(f"corpus: {where} missing: ../shared is not on this machine; nothing was run")
        return 1 if os.environ.get("CI", "").lower() == "true" else 0
    specs = [spec for spec in discover() if options.only is None or options.only in spec.label]
    started = time.perf_counter()
    # Largest first, so the long runs start early and no worker is left alone with one at the end.
    order = sorted(specs, key=lambda spec: -spec.path.stat().st_size)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        measured = dict(
            zip(order, pool.map(lambda s: _measure(s, options.fresh), order), strict=True)
        )
    rows = [measured[spec] for spec in specs]
    elapsed = time.perf_counter() - started
    if options.only is None or options.output != RESULTS:
        _write(options.output, render(rows, WORKERS))
    for row in rows:
        print(f"{row.status:<12} {row.spec.label}")
    failing = [row for row in rows if row.status == "not green"]
    done = len(rows) - len(failing)
    print(f"corpus: {done}/{len(rows)} specs green or unservable as listed in {elapsed:.0f} s")
    return 1 if failing else 0


def _measure(spec: CorpusSpec, fresh: bool) -> Measured:
    key = _cache_key(spec)
    stored = None if fresh else cache.read("corpus", key)
    if stored is not None:
        return Measured.from_json(spec, json.loads(stored), cached=True)
    with tempfile.TemporaryDirectory(prefix="sdkgen-corpus-") as scratch:
        work = Path(scratch)
        report = work / "row.json"
        command = [sys.executable, "-m", "corpus.one", str(spec.path), str(work), str(report)]
        if spec.api_dir is not None:
            command.append(str(spec.api_dir))
        run = _child(command, work / "log.txt")
        row: dict[str, Any] = (
            json.loads(report.read_text()) if report.is_file() else _crashed(run, work)
        )
    measured = Measured.from_json(spec, {**row, **run.as_json()}, cached=False)
    if run.finished:
        cache.write("corpus", key, json.dumps(measured.to_json()))
    return measured


@dataclass(frozen=True)
class _Run:
    seconds: float
    peak_mb: float
    code: int
    timed_out: bool

    @property
    def finished(self) -> bool:
        return self.code == 0 and not self.timed_out

    def as_json(self) -> dict[str, Any]:
        return {"seconds": self.seconds, "peak_mb": self.peak_mb, "timed_out": self.timed_out}


def _child(command: list[str], log: Path) -> _Run:
    """Run `command` to the end (or `TIMEOUT`); its wall time and peak resident memory."""
    start = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=REPO, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        timer = threading.Timer(TIMEOUT, os.killpg, (process.pid, signal.SIGKILL))
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    timed_out = process.returncode == -signal.SIGKILL and seconds >= TIMEOUT
    return _Run(seconds, usage.ru_maxrss / 1024, process.returncode, timed_out)


def _crashed(run: _Run, work: Path) -> dict[str, Any]:
    if run.timed_out:
        return {"notes": [f"stopped after {TIMEOUT:.0f} s"]}
    tail = (work / "log.txt").read_text(errors="replace").strip().splitlines()[-1:]
    return {"notes": [f"the run crashed (exit {run.code}): {' '.join(tail)}"[:400]]}


def _cache_key(spec: CorpusSpec) -> str:
    digest = hashlib.sha256()
    folders = [spec.path.parent] + ([spec.api_dir] if spec.api_dir else [])
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.suffix in SPEC_SUFFIXES):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for path in sorted(HERE.glob("*.py")):
        digest.update(path.read_bytes())
    # `cache.key` adds the generator's fingerprint: its code, templates and pinned versions.
    return cache.key({"spec": spec.label, "inputs": digest.hexdigest()})


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
