"""The files an API's config names, read without validating the rest of the config.

Deciding that a regen has nothing to do needs only these: the spec, the template overrides and
documentation pages that feed its fingerprint, the package's folder and the live URL. Importing
the full validation (`config.py`, built on pydantic) would be most of such a run's time. Each
value here passes the rule `config.py` holds it to (`checks.py`); when any is missing or
malformed there is no view, and the caller validates the whole config, which says what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import checks

CONFIG_FILE = "config.yaml"


@dataclass(frozen=True)
class ConfigPaths:
    name: str
    spec: str
    distribution: str
    source_url: str | None = None
    templates: str | None = None
    docs: tuple[str, ...] = ()


def read_config_paths(path: Path) -> ConfigPaths | None:
    """The paths `path` names, or None when the config needs its full validation to explain it."""
    try:
        raw = yaml.safe_load(path.read_bytes())
    except (OSError, yaml.YAMLError):
        return None
    if not isinstance(raw, dict):
        return None
    docs = raw.get("docs", [])
    if not isinstance(docs, list) or not all(_passes(page, checks.doc_page) for page in docs):
        return None
    required = {"name": checks.api_name, "spec": checks.local_file}
    required["distribution"] = checks.distribution
    optional = {"source_url": checks.http_url, "templates": checks.local_file}
    if not all(_passes(raw.get(key), rule) for key, rule in required.items()):
        return None
    if not all(raw.get(key) is None or _passes(raw[key], rule) for key, rule in optional.items()):
        return None
    return ConfigPaths(
        raw["name"],
        raw["spec"],
        raw["distribution"],
        raw.get("source_url"),
        raw.get("templates"),
        tuple(docs),
    )


def _passes(value: Any, rule: Callable[[str], str | None]) -> bool:
    return isinstance(value, str) and rule(value) is None
