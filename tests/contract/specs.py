"""Which specs the contract suite proves, and their freshly generated packages.

Every `specs/<name>/config.yaml` is a shipped API: its pinned snapshot is generated with its names
lock, as `make regen` does offline. The two real captures of Anam's live spec in
`../shared/upstream/anam/` are proved as well, as packages of their own, because they are what
the live fetch returns. A new API added under `specs/` is picked up without touching the suite.

Each package gets an import name of its own (`contract_<name>_client`) so it can never be
confused with a package installed in the environment or with `generated/`, and it is generated
into a temporary directory by the generator's own API: a template or generator change is always
what gets tested, never stale files. The checks are `generator.verify`'s, as `sdkgen verify` runs
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.analyze import analyze
from generator.config import ApiConfig, load_config
from generator.config_paths import CONFIG_FILE
from generator.lock import LOCK_FILE, NamesLock, read_lock
from generator.pipeline import Generated, generate_package
from generator.verify.source import spec_document
from generator.verify.surface import Surface, surface
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

    def generate(self, out: Path) -> Generated:
        """Generate this spec's package into `out`, with the generator's API."""
        data = self.path.read_bytes()
        return generate_package(data, str(self.path), out, self.config(), lock=self.lock())


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
    """A spec's normalized document and what its package offers (no files written)."""

    spec: ContractSpec
    document: dict[str, Any]
    surface: Surface


@cache
def load(spec: ContractSpec) -> LoadedSpec:
    """Parse, normalize and analyze: enough to list the test cases at collection time."""
    document = spec_document(spec.path.read_bytes(), str(spec.path))
    api = analyze(document, spec.config(), lock=spec.lock())
    return LoadedSpec(spec, document, surface(api))
