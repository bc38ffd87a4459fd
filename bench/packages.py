"""The packages the runtime benchmarks import: ours and openapi-python-client's, both generated
from the newer Anam capture into the run's scratch folder, plus the shipped `generated/*`.

Generating them here (instead of reusing an installed copy) means the numbers always describe
the generator and runtime in this checkout.
"""

from __future__ import annotations

import compileall
import functools
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from .child import run_child
from .environment import PROJECT, tool


@dataclass(frozen=True)
class Package:
    """An importable package: `name` imports once `src` is on sys.path. Made byte-compiled."""

    label: str
    name: str
    src: Path

    def __post_init__(self) -> None:
        byte_compile(self.src / self.name)


def byte_compile(folder: Path) -> None:
    """Compile a folder's modules as installing a wheel does, so a timed process reads bytecode
    rather than compiling every module it imports (it would under PYTHONDONTWRITEBYTECODE, or
    when the folder is not writable), which no installed package's user pays."""
    compileall.compile_dir(folder, quiet=1)


def generate_ours(spec: Path, out: Path) -> Package:
    run_child(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out)],
        cwd=PROJECT,
    ).check()
    (package,) = [p for p in (out / "src").iterdir() if (p / "__init__.py").is_file()]
    return Package(f"{package.name} (newer capture)", package.name, out / "src")


def generate_opc(spec: Path, out: Path) -> Package:
    run_child(
        [
            tool("openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--output-path",
            str(out),
            "--overwrite",
        ]
    ).check()
    (package,) = [p for p in out.iterdir() if (p / "client.py").is_file()]
    return Package(f"{package.name} (openapi-python-client)", package.name, out)


def shipped() -> list[Package]:
    """The committed packages under generated/ (what `make regen` produced from specs/)."""
    packages = []
    for src in sorted(PROJECT.glob("generated/*/src")):
        for package in sorted(p for p in src.iterdir() if (p / "__init__.py").is_file()):
            packages.append(Package(f"{package.name} (shipped)", package.name, src))
    return packages


def client_class(module: ModuleType) -> type:
    """The sync client class a generated package exports (the one with resource properties)."""
    for attribute in getattr(module, "__all__", ()):
        value = getattr(module, attribute)
        if not isinstance(value, type) or attribute.startswith("Async"):
            continue
        if any(isinstance(v, functools.cached_property) for v in vars(value).values()):
            return value
    raise LookupError(f"no client class in {module.__name__}")
