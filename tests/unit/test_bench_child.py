"""The benchmark's measured child processes: peak memory of a whole process tree, on real
processes."""

from __future__ import annotations

import sys

from bench.child import run_child

_HOLDER = """
import subprocess, sys, time
block = bytearray(80 * 2**20)  # touched: resident
if sys.argv[1] == "parent":
    child = subprocess.Popen([sys.executable, "-c", sys.argv[2], "child", ""])
    child.wait()
else:
    time.sleep(0.6)
"""


def test_tree_memory_sums_processes_running_at_once() -> None:
    """A parent and its child holding 80 MB each at the same time: the tree peak counts both,
    ru_maxrss only the largest single process."""
    run = run_child([sys.executable, "-c", _HOLDER, "parent", _HOLDER], sample_tree=True).check()
    mb = 2**20
    assert 80 * mb < run.max_rss_bytes < 150 * mb
    assert run.tree_rss_bytes > 160 * mb
    assert run_child([sys.executable, "-c", "pass"]).check().tree_rss_bytes == 0
