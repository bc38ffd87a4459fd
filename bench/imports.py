"""Import time of each generated package beyond httpx and pydantic themselves.

Every sample is a fresh `python -X importtime` process that first imports httpx and pydantic
(and builds one httpx.Client, loading ssl and certifi), prints a marker, then does the thing
measured. Everything imported after the marker is what the package adds; pydantic's and httpx's
own lazily loaded submodules are set aside as theirs. A service importing the client pays the
rest on every cold start.
"""

from __future__ import annotations

import functools
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass

from . import goals
from .child import ChildRun, run_child
from .packages import Package
from .results import Row, Section, below, portable
from .timing import Stats, interleave, stats

TARGET_MS = 100.0
MARK = "@@bench-mark@@"
# Top-level modules that belong to httpx, pydantic or the libraries they import themselves.
DEPENDENCIES = frozenset(
    {
        "httpx",
        "httpcore",
        "h11",
        "h2",
        "certifi",
        "idna",
        "sniffio",
        "pydantic",
        "pydantic_core",
        "annotated_types",
        "typing_extensions",
        "typing_inspection",
    }
)

_PREAMBLE = """
import sys, time
sys.path.insert(0, {src!r})
import httpx, pydantic
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
httpx.Client().close()
start = time.perf_counter()
httpx.Client().close()
bare_client = time.perf_counter() - start
subtract = 0.0
sys.stderr.write({mark!r} + "\\n")
start = time.perf_counter()
"""
_EPILOGUE = """
sys.stderr.write(f"{mark} {{time.perf_counter() - start - subtract}}\\n")
"""
_RESOURCE = """
import functools
import {name}
def _client_class(module):
    for attribute in module.__all__:
        value = getattr(module, attribute)
        if isinstance(value, type) and not attribute.startswith("Async"):
            if any(isinstance(v, functools.cached_property) for v in vars(value).values()):
                return value
    raise SystemExit("no client class in " + module.__name__)
cls = _client_class({name})
key = {{"api_key": "bench"}} if "api_key" in cls._settings.credential_names else {{}}
client = cls(**key, base_url="http://127.0.0.1:9")  # a client that takes no key refuses one
resources = [n for n, v in vars(cls).items() if isinstance(v, functools.cached_property)]
getattr(client, "personas" if "personas" in resources else resources[0])
subtract = bare_client  # the client built an httpx.Client too: count only the rest
"""


@dataclass(frozen=True)
class Sample:
    beyond_ms: float  # import time (self, summed) of non-dependency modules after the marker
    dependencies_ms: float
    wall_ms: float  # wall clock after the marker, less a bare httpx.Client() when one was built
    modules: dict[str, float]  # self time per module after the marker


def variants(package: Package, *, opc: bool) -> dict[str, str]:
    """Label -> code run after the marker."""
    name = package.name
    result = {f"import {name}": f"import {name}"}
    submodule = "models" if opc else "types"
    result[f"import {name}.{submodule}"] = f"import {name}.{submodule}"
    if not opc:
        result[f"import {name} + client + first resource"] = _RESOURCE.format(name=name)
    return result


def program(package: Package, code: str) -> str:
    return (
        _PREAMBLE.format(src=str(package.src), mark=MARK)
        + code
        + "\n"
        + _EPILOGUE.format(mark=MARK)
    )


def parse(stderr: str) -> Sample:
    _, _, after = stderr.partition(MARK + "\n")
    beyond = dependencies = 0.0
    modules: dict[str, float] = {}
    wall = 0.0
    for line in after.splitlines():
        if line.startswith(MARK):
            wall = float(line.split()[1]) * 1000
            continue
        if not line.startswith("import time:"):
            continue
        fields = [part.strip() for part in line[len("import time:") :].split("|")]
        if not fields[0].isdigit():
            continue  # the header line
        self_ms = int(fields[0]) / 1000
        module = fields[2]
        modules[module] = modules.get(module, 0.0) + self_ms
        if module.split(".")[0] in DEPENDENCIES:
            dependencies += self_ms
        else:
            beyond += self_ms
    return Sample(beyond, dependencies, wall, modules)


def run(ours: list[Package], reference: list[Package], rounds: int) -> Section:
    tasks: dict[str, Callable[[], ChildRun]] = {}
    owners: dict[str, tuple[Package, bool]] = {}
    for package, opc in [(p, False) for p in ours] + [(p, True) for p in reference]:
        for label, code in variants(package, opc=opc).items():
            key = f"{package.label}: {label}"
            command = [sys.executable, "-X", "importtime", "-c", program(package, code)]
            tasks[key] = functools.partial(_traced, command)
            owners[key] = (package, opc)
    runs = interleave(rounds, tasks)
    section = Section(
        title="Import time",
        summary=(
            f"Fresh `python -X importtime` processes ({rounds} per line, interleaved). Column: "
            "median of the summed self time of every module imported after httpx and pydantic "
            "were (modules of httpx, pydantic and their own dependencies excluded). The client "
            "line builds the client and touches its first resource (`client.personas` for "
            "Anam, `client.playground` for Actualize). Note: wall clock after the marker, for "
            "the client line less one bare `httpx.Client()`."
        ),
        commands=["python -X importtime -c PROGRAM  # PROGRAM: see the end of this section"],
    )
    heaviest: dict[str, list[Sample]] = {}
    for key, results in runs.items():
        package, opc = owners[key]
        samples = [parse(r.stderr) for r in results]
        beyond = stats([s.beyond_ms for s in samples])
        wall = stats([s.wall_ms for s in samples])
        verdict = None
        if not opc:
            verdict = below(beyond.median, TARGET_MS, unit="ms", target=f"< {TARGET_MS:.0f} ms")
        section.rows.append(
            Row(
                key,
                beyond,
                "ms",
                verdict=verdict,
                note=_note(wall, samples, opc),
                goals=() if opc else (goals.IMPORT,),
            )
        )
        if not opc and key.endswith(".types"):
            heaviest[package.label] = samples
    section.details += [_top_modules(label, samples) for label, samples in heaviest.items()]
    missed = {
        row.label.split(": ")[0] for row in section.rows if row.verdict and not row.verdict.met
    }
    for package in ours:
        if package.label in missed and package.label in heaviest:
            section.notes.append(_why(package, heaviest[package.label]))
    if ours:
        example = ours[-1]
        label, code = list(variants(example, opc=False).items())[-1]
        section.details.append(
            f"PROGRAM for `{label}` (the others differ only after the marker):\n\n"
            f"```text{portable(program(example, code))}```"
        )
    return section


def _why(package: Package, samples: list[Sample]) -> str:
    """A miss explained: how much of it is the models module, and how many classes it builds."""
    module = f"{package.name}.types"
    own = statistics.median(
        sum(ms for name, ms in s.modules.items() if name == module or name.startswith(module + "."))
        for s in samples
    )
    types = package.src / package.name / "types"
    sources = sorted(types.rglob("*.py")) if types.is_dir() else [types.with_suffix(".py")]
    classes = sum(
        line.startswith("class ")
        for path in sources
        for line in path.read_text("utf-8").splitlines()
    )
    per_class = f", {own / classes:.2f} ms per class" if classes else ""
    resources = sorted((package.src / package.name / "resources").glob("[!_]*.py"))
    importing = sum("from ..types import" in path.read_text("utf-8") for path in resources)
    return (
        f"Why `{package.label}` misses: `{module}` (and its submodules) takes {own:.0f} ms "
        "(median self time) "
        f"to define its {classes} model classes{per_class}; they are all built when the module "
        f"is imported, and {importing} of the {len(resources)} resource modules import it, so "
        "the first resource touched pays for every model. The rest of the package is the "
        "`import` line above."
    )


def _traced(command: list[str]) -> ChildRun:
    return run_child(command).check()


def _note(wall: Stats, samples: list[Sample], opc: bool) -> str:
    note = f"wall {wall.median:.0f} ms"
    lazy = statistics.median(s.dependencies_ms for s in samples)
    if lazy >= 1.0:
        note += f"; httpx/pydantic modules loaded on demand: {lazy:.0f} ms (not counted)"
    return note + ("; reference, no target" if opc else "")


def _top_modules(label: str, samples: list[Sample], count: int = 8) -> str:
    names = set().union(*(s.modules for s in samples))
    medians = {n: statistics.median(s.modules.get(n, 0.0) for s in samples) for n in names}
    lines = [
        f"Heaviest modules of `{label}`, importing `.types` (median self ms):",
        "",
        "| module | self ms |",
        "| --- | ---: |",
    ]
    for name in sorted(medians, key=lambda n: -medians[n])[:count]:
        lines.append(f"| `{name}` | {medians[name]:.1f} |")
    return "\n".join(lines)


def top_level(stderr: str, count: int = 8) -> list[tuple[str, float]]:
    """The modules a program imported directly (not through another), by cumulative ms."""
    found = []
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        fields = line[len("import time:") :].split("|")
        if len(fields) != 3 or not fields[1].strip().isdigit():
            continue
        module = fields[2]
        if len(module) - len(module.lstrip(" ")) == 1:  # nested imports are indented further
            found.append((module.strip(), int(fields[1]) / 1000))
    return sorted(found, key=lambda item: -item[1])[:count]


def by_package(stderr: str) -> tuple[float, dict[str, float]]:
    """Total import time (ms, self times summed) and its split by top-level package."""
    split: dict[str, float] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        fields = line[len("import time:") :].split("|")
        if len(fields) != 3 or not fields[0].strip().isdigit():
            continue
        package = fields[2].strip().split(".")[0]
        split[package] = split.get(package, 0.0) + int(fields[0]) / 1000
    ordered = dict(sorted(split.items(), key=lambda item: -item[1]))
    return sum(ordered.values()), ordered
