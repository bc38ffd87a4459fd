"""Full generation of the Anam package against the tools a user would pick instead.

Each run is a fresh process writing into a fresh folder, because that is what a maintainer pays
for `make regen` and CI pays per spec change: interpreter start, imports, generation and
formatting. The tools run interleaved, round by round, on the same spec. Ours runs twice per
round: cold (`SDKGEN_CACHE=off`: a spec never seen before) and warm (the models and structural
check cached, as when only a template or the config changed).
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from . import imports, profiling, stages
from .child import ChildRun, run_child
from .environment import PROJECT, tool
from .results import Row, Section, at_most, shown
from .timing import Stats, interleave, paired_ratio, ratio, stats

OURS = "sdkgen `generate` (cold: cache off)"
WARM = "sdkgen `generate` (warm cache)"
OPC = "openapi-python-client `generate` (incl. ruff)"
DMC = "datamodel-codegen (models only)"


def commands(spec: Path, out: Path) -> dict[str, list[str]]:
    """The exact command lines, keyed by tool; `out` is the stem of a fresh output path."""
    ours = [sys.executable, "-m", "generator", "generate", "--spec", str(spec)]
    opc = [tool("openapi-python-client"), "generate", "--path", str(spec), "--overwrite"]
    dmc = [tool("datamodel-codegen"), "--input", str(spec), "--input-file-type", "openapi"]
    return {
        OURS: [*ours, "--out", f"{out}-ours"],
        WARM: [*ours, "--out", f"{out}-warm"],
        OPC: [*opc, "--output-path", f"{out}-opc"],
        DMC: [*dmc, "--output", f"{out}-dmc.py", "--output-model-type", "pydantic_v2.BaseModel"],
    }


def run(spec: Path, scratch: Path, rounds: int) -> Section:
    counter = itertools.count()

    cache = scratch / "cache"
    environments = {
        OURS: {**os.environ, "SDKGEN_CACHE": "off"},
        WARM: {**os.environ, "SDKGEN_CACHE": str(cache)},
    }

    def task(name: str) -> Callable[[], ChildRun]:
        def once() -> ChildRun:
            stem = scratch / f"run{next(counter)}"
            command = commands(spec, stem)[name]
            result = run_child(command, cwd=PROJECT, env=environments.get(name)).check()
            _remove(scratch, stem.name)
            return result

        return once

    task(WARM)()  # fills the cache the warm runs read
    runs = interleave(rounds, {name: task(name) for name in (OURS, WARM, OPC, DMC)})
    wall = {name: stats([r.wall for r in results]) for name, results in runs.items()}
    cpu = {name: stats([r.cpu for r in results]) for name, results in runs.items()}
    memory = {
        name: stats([r.max_rss_bytes / 2**20 for r in results]) for name, results in runs.items()
    }
    versus_opc = ratio(wall[OURS], wall[OPC])
    warm_versus_opc = ratio(wall[WARM], wall[OPC])
    section = Section(
        title="Regen: full generation of the Anam package",
        summary=(
            f"`{spec.name}` end to end (fresh process, fresh output folder, formatting included), "
            f"{rounds} interleaved rounds. Ratio = our median wall time / the tool's."
        ),
        commands=[shown(command) for command in commands(spec, scratch / "runN").values()],
        ratio_label="ours / tool",
    )
    section.rows = [
        Row(
            OURS,
            wall[OURS],
            "s",
            note=f"CPU {cpu[OURS].median:.2f} s, peak {memory[OURS].median:.0f} MB",
        ),
        Row(
            WARM,
            wall[WARM],
            "s",
            note=f"CPU {cpu[WARM].median:.2f} s, peak {memory[WARM].median:.0f} MB",
        ),
        Row(
            OPC,
            wall[OPC],
            "s",
            ratio=versus_opc,
            verdict=at_most(versus_opc, 1.0, unit="x", target="ours <= openapi-python-client"),
            note=f"CPU {cpu[OPC].median:.2f} s, peak {memory[OPC].median:.0f} MB",
        ),
        Row(
            f"{OPC}, against our warm run",
            wall[OPC],
            "s",
            ratio=warm_versus_opc,
            verdict=at_most(warm_versus_opc, 1.0, unit="x", target="ours <= openapi-python-client"),
            note="the same baseline, compared with our warm-cache median",
        ),
        Row(
            DMC,
            wall[DMC],
            "s",
            ratio=ratio(wall[OURS], wall[DMC]),
            note=f"CPU {cpu[DMC].median:.2f} s, peak {memory[DMC].median:.0f} MB",
        ),
    ]
    paired = paired_ratio(wall[OURS], wall[OPC])
    section.notes.append(
        f"Round-by-round ratio ours/openapi-python-client: median {paired.median:.2f}, "
        f"range {paired.min:.2f}-{paired.max:.2f}. CPU time is the whole process tree's "
        "(ruff, and our structural check, which runs in a child process on the other core). "
        f"CPU ratio ours/openapi-python-client: {ratio(cpu[OURS], cpu[OPC]):.2f}; CPU per "
        f"wall second: ours {cpu[OURS].median / wall[OURS].median:.2f}, openapi-python-client "
        f"{cpu[OPC].median / wall[OPC].median:.2f}. Ours overlaps work on two cores, so its "
        "wall time, and the wall ratio, depend on how busy the machine's other core is: on an "
        "idle machine the ratio falls toward the CPU ratio divided by that overlap, under load "
        "it rises toward the CPU ratio."
    )
    section.details += _where_time_goes(spec, scratch, section, wall)
    return section


def _where_time_goes(
    spec: Path, scratch: Path, section: Section, wall: dict[str, Stats]
) -> list[str]:
    """Imports of ours and openapi-python-client (-X importtime), and our stages (cProfile)."""
    imported = {}
    cold = {**os.environ, "SDKGEN_CACHE": "off"}
    for name in (OURS, OPC):
        command = commands(spec, scratch / "traced")[name]
        traced = run_child(_python(["-X", "importtime"], command), cwd=PROJECT, env=cold).check()
        imported[name] = imports.by_package(traced.stderr)
        _remove(scratch, "traced")
    lines = []
    for name, (total, split) in imported.items():
        top = ", ".join(f"`{package}` {ms:.0f} ms" for package, ms in list(split.items())[:5])
        lines.append(f"- {name}: {total:.0f} ms importing ({top})")
    path = scratch / "profile-1x.prof"
    ours = commands(spec, scratch / "profiled")[OURS]
    run_child(_python(["-m", "cProfile", "-o", str(path)], ours), cwd=PROJECT, env=cold).check()
    _remove(scratch, "profiled")
    profile = profiling.load(path)
    blocks = [
        "Import time inside one fresh run of each (`python -X importtime`, self times summed, "
        "by top-level package):\n\n" + "\n".join(lines),
        stages.table({1: profile}),
    ]
    ratio_to_opc = ratio(wall[OURS], wall[OPC])
    if ratio_to_opc > 1.0:
        gap = wall[OURS].median - wall[OPC].median
        imports_gap = (imported[OURS][0] - imported[OPC][0]) / 1000
        models = profiling.find(profile, "generate_models", "generator/models.py")
        share = 0.0
        if models is not None:
            share = profiling.entry(profile, models).cumulative / profiling.total_time(profile)
        modeller = imported[OURS][1].get("datamodel_code_generator", 0.0) / 1000
        section.notes.append(
            f"Why the miss: ours takes {gap:.2f} s longer than openapi-python-client. Importing "
            f"accounts for {imports_gap:+.2f} s of the difference (our imports include "
            f"{modeller:.2f} s of datamodel-code-generator alone), and in a profiled run the "
            f"models stage (datamodel-code-generator's `generate`, its imports and our syntax "
            f"check of its output) is {share:.0%} of our time; see the stage table below. "
            f"datamodel-codegen's own CLI on the same file takes {wall[DMC].median:.2f} s, "
            f"{ratio(wall[DMC], wall[OPC]):.2f}x openapi-python-client's whole run: with the "
            f"models left to that library, a cold run cannot go much below it. A warm run, "
            f"whose models come from the cache because the schemas did not change, meets the "
            f"target."
        )
    return blocks


def _python(options: list[str], command: list[str]) -> list[str]:
    """`command` run by this Python with `options` (it may start with Python or a script)."""
    if command[0] == sys.executable:
        return [sys.executable, *options, *command[1:]]
    return [sys.executable, *options, *command]


def _remove(scratch: Path, stem: str) -> None:
    for leftover in scratch.glob(f"{stem}-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        else:
            leftover.unlink()
