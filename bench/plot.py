"""The PNG beside RESULTS.md: scaling (time and memory against size, with the linear line and the
80x budget drawn in) and the regen comparison, so growth that bends away from linear shows at a
glance. Uses matplotlib's Agg backend: no display needed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .results import Section
from .scaling import LIMIT, Point

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def write(path: Path, points: list[Point], regen: Section | None) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = 3 if regen is not None and regen.rows else 2
    figure, axes = plt.subplots(1, panels, figsize=(5 * panels, 4.2))
    factors = [p.factor for p in points]
    _scaling_time(axes[0], points, factors)
    _scaling_memory(axes[1], points, factors)
    if panels == 3 and regen is not None:
        _regen(axes[2], regen)
    figure.suptitle("sdkgen benchmarks (medians; bars and whiskers show min-max)")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _scaling_time(axis: Axes, points: list[Point], factors: list[int]) -> None:
    medians = [p.wall.median for p in points]
    errors = [
        [m - p.wall.min for m, p in zip(medians, points, strict=True)],
        [p.wall.max - m for m, p in zip(medians, points, strict=True)],
    ]
    axis.errorbar(factors, medians, yerr=errors, marker="o", capsize=3, label="sdkgen generate")
    base = medians[0]
    axis.plot(factors, [base * k for k in factors], "--", color="gray", label="linear (k * 1x)")
    axis.plot(
        factors,
        [base * k * LIMIT / 64 for k in factors],
        ":",
        color="red",
        label=f"budget ({LIMIT:.0f}x at 64x)",
    )
    _log_axes(axis, factors)
    axis.set(title="Scaling: wall time", xlabel="spec size (k x newer Anam)", ylabel="seconds")
    axis.legend(fontsize=8)


def _scaling_memory(axis: Axes, points: list[Point], factors: list[int]) -> None:
    medians = [p.memory_mb.median for p in points]
    axis.plot(factors, medians, marker="o", label="peak RSS (ru_maxrss)")
    axis.plot(factors, [medians[0] * k for k in factors], "--", color="gray", label="linear")
    _log_axes(axis, factors)
    axis.set(title="Scaling: peak memory", xlabel="spec size (k x newer Anam)", ylabel="MB")
    axis.legend(fontsize=8)


def _regen(axis: Axes, regen: Section) -> None:
    labels = [row.label.split(" ")[0].replace("`", "") for row in regen.rows]
    medians = [row.stats.median for row in regen.rows]
    errors = [
        [m - row.stats.min for m, row in zip(medians, regen.rows, strict=True)],
        [row.stats.max - m for m, row in zip(medians, regen.rows, strict=True)],
    ]
    axis.bar(labels, medians, yerr=errors, capsize=4, color=["C0", "C1", "C2"][: len(labels)])
    axis.set(title="Regen: newer Anam spec, end to end", ylabel="seconds")
    axis.tick_params(axis="x", labelsize=8)


def _log_axes(axis: Axes, factors: list[int]) -> None:
    axis.set_xscale("log", base=2)
    axis.set_yscale("log")
    axis.set_xticks(factors, [f"{k}x" for k in factors])
    axis.grid(True, which="both", alpha=0.3)
