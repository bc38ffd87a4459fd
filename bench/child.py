"""One command in a child process, measured: wall time, CPU time and peak memory.

Peak memory needs care. A child started straight from this process (fork or vfork, then exec)
inherits our resident-set high-water mark into its `ru_maxrss`, so a small generation would
report the benchmark runner's size (which grows to hundreds of MB while building the 64x spec)
instead of its own. Every command is therefore started by a tiny launcher, a fresh interpreter
that forks the command from its own small address space and reports the command's `os.wait4`
rusage: the floor is then an idle interpreter, below any run measured here. Wall time is taken
inside the launcher, from fork to reaping, so its own start-up is not counted.

ru_maxrss is the largest single process of the tree, not what the tree holds at once: a
generator that runs its models stage in a child process beside rendering needs both at the same
time. On request (`sample_tree=True`) the launcher also samples the summed resident size of the
whole process group every 20 ms from /proc and reports its peak; a peak shorter than a sample
interval can be missed, so that figure is a floor of the true tree peak (and ru_maxrss of the
largest process is always at or below the true peak too). The sampler shares the machine with
the run it measures, so it reads each process's group once and then only its members' sizes:
reading every process's status 50 times a second took a few percent of a 2-core machine.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_LAUNCHER = """
import json, os, sys, threading, time
report, sample, command = sys.argv[1], sys.argv[2] == "1", sys.argv[3:]
group, page, peak, done = os.getpgrp(), os.sysconf("SC_PAGE_SIZE"), [0], threading.Event()

members, strangers = set(), {str(os.getpid())}

def tree_rss():
    total = 0
    for entry in os.listdir("/proc"):
        if entry in strangers or not entry.isdigit():
            continue
        try:
            if entry not in members:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                (members if int(fields[2]) == group else strangers).add(entry)
                if entry in strangers:
                    continue
            with open(f"/proc/{entry}/statm") as statm:
                total += int(statm.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            members.discard(entry)
    return total

def sampler():
    while not done.wait(0.02):
        peak[0] = max(peak[0], tree_rss())

start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
if sample:
    threading.Thread(target=sampler, daemon=True).start()
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
done.set()
with open(report, "w") as stream:
    json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
               "max_rss_kb": usage.ru_maxrss, "tree_rss": peak[0],
               "code": os.waitstatus_to_exitcode(status)}, stream)
"""


@dataclass(frozen=True)
class ChildRun:
    """One finished command: wall time, CPU time and peak memory of it and its children."""

    command: tuple[str, ...]
    wall: float
    cpu: float
    max_rss_bytes: int
    returncode: int
    stdout: str
    stderr: str
    tree_rss_bytes: int = 0  # sampled peak of the whole tree; 0 unless sample_tree was asked

    def check(self) -> ChildRun:
        if self.returncode != 0:
            raise RuntimeError(
                f"{' '.join(self.command)} exited {self.returncode}:\n{self.stderr[-4000:]}"
            )
        return self


def run_child(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 900.0,
    sample_tree: bool = False,
) -> ChildRun:
    """Run `command` through the launcher and measure it with `os.wait4`.

    wait4's rusage covers the command and every descendant it waited for (ruff, a background
    check), so CPU time is the whole tree's and ru_maxrss the largest single process in it.
    Output goes to temporary files rather than pipes, so a chatty command can never block on a
    full pipe while we wait; on timeout the launcher's whole process group is killed.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as folder,
    ):
        report = Path(folder) / "rusage.json"
        launcher = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(report), "1" if sample_tree else "0", *command],
            cwd=cwd,
            env=None if env is None else dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        timer = threading.Timer(timeout, os.killpg, (launcher.pid, signal.SIGKILL))
        timer.start()
        try:
            launcher.wait()
        finally:
            timer.cancel()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        if not report.is_file():
            return ChildRun(tuple(command), 0.0, 0.0, 0, launcher.returncode or -1, stdout, stderr)
        measured = json.loads(report.read_text())
    return ChildRun(
        command=tuple(command),
        wall=measured["wall"],
        cpu=measured["cpu"],
        max_rss_bytes=measured["max_rss_kb"] * 1024,  # Linux reports kilobytes
        returncode=measured["code"],
        stdout=stdout,
        stderr=stderr,
        tree_rss_bytes=measured["tree_rss"],
    )
