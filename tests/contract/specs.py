"""Which specs the contract suite proves, and their freshly generated packages.

Every `specs/<name>/config.yaml` is a shipped API: its pinned snapshot is generated with its names
lock, as `make regen` does offline. The two real captures of Anam's live spec in
`../shared/upstream/anam/` are proved as well, as packages of their own, because they are what
the live fetch returns. A new API added under `specs/` is picked up without touching the suite.

Each package gets an import name of its own (`contract_<name>_client`) so it can never be
confused with a package installed in the environment or with `generated/`, and it is generated
into a temporary directory by the generator's own API: a template or generator change is always
what gets tested, never stale files.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.analyze import analyze
from generator.config import CONFIG_FILE, ApiConfig, load_config
from generator.ir import Api, Operation, Resource
from generator.load import parse_spec
from generator.lock import LOCK_FILE, NamesLock, read_lock
from generator.normalize import normalize
from generator.pipeline import generate_package
from tests import shared

REPO = Path(__file__).resolve().parents[2]
SPECS = REPO / "specs"
UPSTREAM = shared.SHARED / "upstream" / "anam"

UPSTREAM_CAPTURES = {"anam-older": "swagger.older.json", "anam-newer": "swagger.newer.json"}


@dataclass(frozen=True)
class ContractSpec:
    name: str  # as printed in test ids and coverage lines
    path: Path
    api_dir: Path  # where the config (and names lock) live
    shared: bool  # from ../shared: skipped, with the reason, on machines without it

    @property
    def available(self) -> bool:
        return self.path.is_file()

    @property
    def missing_reason(self) -> str:
        return shared.absent(self.path)

    def config(self) -> ApiConfig:
        base = load_config(self.api_dir / CONFIG_FILE)
        slug = self.name.replace("-", "_")
        return base.model_copy(
            update={
                "package": f"contract_{slug}_client",
                "distribution": f"contract-{self.name}-client",
                "spec": self.path.name,
            }
        )

    def lock(self) -> NamesLock | None:
        """Shipped specs keep their locked names, as `make regen` does; captures start fresh."""
        return None if self.shared else read_lock(self.api_dir / LOCK_FILE)


def contract_specs() -> list[ContractSpec]:
    """Shipped specs first (sorted), then the upstream captures."""
    found = []
    for config_path in sorted(SPECS.glob(f"*/{CONFIG_FILE}")):
        config = load_config(config_path)
        found.append(
            ContractSpec(
                config.name, config_path.parent / config.spec, config_path.parent, shared=False
            )
        )
    for name, file in UPSTREAM_CAPTURES.items():
        found.append(ContractSpec(name, UPSTREAM / file, SPECS / "anam", shared=True))
    return found


@dataclass(frozen=True)
class LoadedSpec:
    """A spec's normalized document and the IR the generator builds from it."""

    spec: ContractSpec
    document: dict[str, Any]
    api: Api

    def operations(self) -> list[tuple[Resource, Operation]]:
        return [(resource, op) for resource in self.api.resources for op in resource.operations]

    def operation(self, key: str) -> tuple[Resource, Operation]:
        for resource, op in self.operations():
            if op.key == key:
                return resource, op
        raise KeyError(f"{self.spec.name} has no operation {key}")


@cache
def load(spec: ContractSpec) -> LoadedSpec:
    """Parse, normalize and analyze (no files written): enough to list the test cases."""
    data = spec.path.read_bytes()
    document = parse_spec(data, str(spec.path))
    normalized, _problems = normalize(document, str(spec.path))
    api = analyze(normalized, spec.config(), lock=spec.lock())
    return LoadedSpec(spec, normalized, api)


@dataclass(frozen=True)
class GeneratedPackage:
    """A package generated into `root` and imported."""

    spec: ContractSpec
    api: Api  # the IR the generator used for this very package
    root: Path  # <tmp>/<distribution>
    module: ModuleType

    def submodule(self, name: str) -> ModuleType:
        return importlib.import_module(f"{self.module.__name__}.{name}")

    def client_class(self, *, asynchronous: bool) -> type[Any]:
        name = ("Async" if asynchronous else "") + self.api.config.client_class
        cls: type[Any] = getattr(self.module, name)
        return cls


def generate(spec: ContractSpec, out: Path) -> GeneratedPackage:
    """Generate `spec`'s package into `out` with the generator's API and import it."""
    config = spec.config()
    root = out / config.distribution
    generated = generate_package(
        spec.path.read_bytes(), str(spec.path), root, config, lock=spec.lock()
    )
    return GeneratedPackage(spec, generated.api, root, import_package(root, config.package))


def import_package(root: Path, package: str) -> ModuleType:
    """Import `package` from `root/src`, replacing any earlier import of that name."""
    for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[name]
    source = str(root / "src")
    if source not in sys.path:
        sys.path.insert(0, source)
    importlib.invalidate_caches()
    return importlib.import_module(package)


def forget_package(root: Path, package: str) -> None:
    for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[name]
    source = str(root / "src")
    if source in sys.path:
        sys.path.remove(source)
