"""Medians, ratios and timed child processes: the measuring tools every benchmark shares.

The machine is shared and noisy, so no single number is trusted: every figure is a median of
several runs, every comparison is a ratio against a baseline measured in the same run, and the
runs of the things compared are interleaved round by round (in rotating order) so a burst of
load from a neighbour hits both sides instead of one.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Stats:
    """Several measurements of one thing (seconds, bytes or any unit the caller chose)."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def min(self) -> float:
        return min(self.values)

    @property
    def max(self) -> float:
        return max(self.values)

    @property
    def n(self) -> int:
        return len(self.values)

    def scaled(self, factor: float) -> Stats:
        """The same measurements in another unit (e.g. per item, or in milliseconds)."""
        return Stats(tuple(value * factor for value in self.values))


def stats(values: Sequence[float]) -> Stats:
    if not values:
        raise ValueError("no measurements")
    return Stats(tuple(values))


def ratio(ours: Stats, baseline: Stats) -> float:
    """How many times the baseline's median ours costs (below 1: ours is faster)."""
    return ours.median / baseline.median


def paired_ratio(ours: Stats, baseline: Stats) -> Stats:
    """Ratios of measurements taken side by side (round i against round i).

    Pairing cancels slow drifts in machine load that a ratio of medians would still see.
    """
    return Stats(tuple(a / b for a, b in zip(ours.values, baseline.values, strict=True)))


def interleave(rounds: int, tasks: Mapping[str, Callable[[], T]]) -> dict[str, list[T]]:
    """Run each task once per round, rotating which goes first, and collect results by name."""
    names = list(tasks)
    results: dict[str, list[T]] = {name: [] for name in names}
    for round_index in range(rounds):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].append(tasks[name]())
    return results


def time_batches(
    batches: int, size: int, calls: Mapping[str, Callable[[], object]]
) -> dict[str, Stats]:
    """Seconds per call of each callable: `batches` batches of `size` calls, interleaved."""

    def batch(call: Callable[[], object]) -> Callable[[], float]:
        def run() -> float:
            start = time.perf_counter()
            for _ in range(size):
                call()
            return (time.perf_counter() - start) / size

        return run

    timings = interleave(batches, {name: batch(call) for name, call in calls.items()})
    return {name: stats(values) for name, values in timings.items()}
