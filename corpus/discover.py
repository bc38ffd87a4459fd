"""Which specs there are: found by walking folders, never by name.

A file is a spec when it is JSON or YAML and its top level is a mapping with an `openapi` key;
the files a multi-file spec refers to (`paths/menu.yaml`) are fragments, not specs. A shipped
API (`specs/<name>/config.yaml`) is run with its config and names lock, as `make regen` does;
every other spec with the names its title gives.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.config import load_config
from generator.config_paths import CONFIG_FILE

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FOLDERS = (("corpus", SHARED / "corpus"), ("upstream", SHARED / "upstream"))
SHIPPED = REPO / "specs"
SPEC_SUFFIXES = (".json", ".yaml", ".yml")
_MAX_SNIFF = 64 * 1024 * 1024


@dataclass(frozen=True)
class CorpusSpec:
    label: str  # `corpus/oas-examples/3.0/petstore.json`: the table's row name
    path: Path
    api_dir: Path | None = None  # a shipped API's folder (config and names lock)


def discover(
    folders: tuple[tuple[str, Path], ...] = FOLDERS, shipped: Path = SHIPPED
) -> list[CorpusSpec]:
    """Every spec under the shared folders and the shipped APIs' folder, sorted by label."""
    found = [
        CorpusSpec(f"{prefix}/{path.relative_to(folder).as_posix()}", path)
        for prefix, folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in SPEC_SUFFIXES and _is_spec(path)
    ]
    for config_path in sorted(shipped.glob(f"*/{CONFIG_FILE}")):
        spec = config_path.parent / load_config(config_path).spec
        label = f"specs/{spec.relative_to(shipped).as_posix()}"
        found.append(CorpusSpec(label, spec, config_path.parent))
    return sorted(found, key=lambda spec: spec.label)


def missing_folders(folders: tuple[tuple[str, Path], ...] = FOLDERS) -> list[Path]:
    return [folder for _prefix, folder in folders if not folder.is_dir()]


def _is_spec(path: Path) -> bool:
    if path.stat().st_size > _MAX_SNIFF:
        return False
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and "openapi" in data
