"""The PNG beside RESULTS.md: scaling (time and memory against size, with the linear line and the
80x budget drawn in) on top, and the corpus table as grouped bars below, so growth that bends
away from linear, and where each tool stands on real specs, show at a glance. Uses matplotlib's
Agg backend: no display needed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .corpus import ANY_LIMIT, BIG_LIMIT, DMC, OPC, OURS, TOOLS, Measured
from .scaling import LARGEST_SECONDS, LIMIT, Point

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_TOOL_NAMES = {
    OURS: "sdkgen generate (cold, formatted)",
    OPC: "openapi-python-client generate",
    DMC: "datamodel-codegen (models only)",
}
_COLORS = {OURS: "C0", OPC: "C1", DMC: "C2"}


def write(path: Path, points: list[Point], measured: list[Measured]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = 2 if measured else 1
    figure = plt.figure(figsize=(12, 4.6 + 0.75 * len(measured)))
    grid = figure.add_gridspec(rows, 2, height_ratios=[4.2, 0.7 * len(measured) + 1][:rows])
    _scaling_time(figure.add_subplot(grid[0, 0]), points)
    _scaling_memory(figure.add_subplot(grid[0, 1]), points)
    if measured:
        _corpus(figure.add_subplot(grid[1, :]), measured)
    figure.suptitle("sdkgen benchmarks (medians; whiskers show min-max)")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _scaling_time(axis: Axes, points: list[Point]) -> None:
    operations = [p.operations for p in points]
    medians = [p.wall.median for p in points]
    errors = [
        [m - p.wall.min for m, p in zip(medians, points, strict=True)],
        [p.wall.max - m for m, p in zip(medians, points, strict=True)],
    ]
    axis.errorbar(operations, medians, yerr=errors, marker="o", capsize=3, label="sdkgen generate")
    _label_points(axis, operations, medians, "{:.1f} s")
    base, first = medians[0], points[0].factor
    factors = [p.factor / first for p in points]
    axis.plot(operations, [base * k for k in factors], "--", color="gray", label="linear from 1x")
    axis.plot(
        operations,
        [base * k * LIMIT / 64 for k in factors],
        ":",
        color="red",
        label=f"budget ({LIMIT:.0f}x the 1x time at 64x)",
    )
    axis.axhline(LARGEST_SECONDS, color="red", alpha=0.4, label=f"{LARGEST_SECONDS:.0f} s cap")
    _log_axes(axis, points)
    axis.set(title="Scaling: wall time", ylabel="seconds (log)")
    axis.legend(fontsize=8)


def _scaling_memory(axis: Axes, points: list[Point]) -> None:
    operations = [p.operations for p in points]
    medians = [p.memory_mb.median for p in points]
    factors = [p.factor / points[0].factor for p in points]
    axis.plot(operations, medians, marker="o", label="peak memory, whole process tree")
    _label_points(axis, operations, medians, "{:.0f} MB")
    axis.plot(operations, [medians[0] * k for k in factors], "--", color="gray", label="linear")
    _log_axes(axis, points)
    axis.set(title="Scaling: peak memory", ylabel="MB (log)")
    axis.legend(fontsize=8)


def _label_points(axis: Axes, xs: list[int], ys: list[float], text: str) -> None:
    for x, y in zip(xs, ys, strict=True):
        axis.annotate(text.format(y), (x, y), textcoords="offset points", xytext=(6, -12))


def _log_axes(axis: Axes, points: list[Point]) -> None:
    from matplotlib import ticker

    axis.set_xscale("log", base=2)
    axis.set_yscale("log")
    axis.yaxis.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.yaxis.set_major_formatter(ticker.FormatStrFormatter("%g"))
    ticks = [p.operations for p in points]
    axis.set_xticks(ticks, [f"{p.factor}x\n{p.operations:,}" for p in points])
    axis.minorticks_off()
    axis.set_xlabel("synthetic spec: copies of the 250-operation base / operations")
    axis.grid(True, which="both", alpha=0.3)


def _corpus(axis: Axes, measured: list[Measured]) -> None:
    """Grouped horizontal bars: one group per spec, one bar per tool, failures marked."""
    height = 0.8 / len(TOOLS)
    longest = max(
        (o.wall.max for m in measured for o in m.outcomes.values() if o.wall is not None),
        default=1.0,
    )
    failed_shown = False
    labelled: set[str] = set()
    for index, name in enumerate(TOOLS):
        offset = (index - (len(TOOLS) - 1) / 2) * height
        for row, item in enumerate(measured):
            result = item.outcomes[name]
            y = row + offset
            if result.wall is None:
                label = None if failed_shown else "fails on this spec (colour: the tool)"
                axis.plot(0, y, "X", color=_COLORS[name], markersize=9, label=label)
                axis.text(longest * 0.012, y, "fails", va="center", fontsize=8)
                failed_shown = True
                continue
            median = result.wall.median
            axis.barh(
                y,
                median,
                height=height,
                xerr=[[median - result.wall.min], [result.wall.max - median]],
                color=_COLORS[name],
                capsize=2,
                label=None if name in labelled else _TOOL_NAMES[name],
            )
            labelled.add(name)
            axis.text(result.wall.max, y, f" {median:.1f}", va="center", fontsize=7)
    axis.axvline(BIG_LIMIT, color="red", linestyle="--", alpha=0.6, label="10 s (biggest specs)")
    axis.axvline(ANY_LIMIT, color="red", linestyle=":", alpha=0.6, label="15 s (every spec)")
    axis.set_yticks(range(len(measured)), [f"{m.spec.label}\n{m.operations} ops" for m in measured])
    axis.invert_yaxis()
    axis.tick_params(axis="y", labelsize=8)
    axis.set(
        title="Corpus: one fresh process per run, all tools interleaved",
        xlabel="wall time, seconds (lower is better)",
    )
    axis.set_xlim(0, max(longest, ANY_LIMIT) * 1.08)
    axis.grid(True, axis="x", alpha=0.3)
    axis.legend(fontsize=8, loc="upper right")
