"""The machine-written state of one API in `specs/<api>/state.json`.

It holds what a regen needs to know about the last one: the released version (the version lives
here, not in the spec, whose `info.version` did not change between real Anam releases), the sha256
of the spec it was built from, fingerprints of the API's own inputs (spec, config, names lock,
this state), of the generator and of the output (a regen whose fingerprints all match is a
no-op; one where only the generator's changed and the output with it is a patch release), and
the release history the changelog is rendered from.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, Problem

STATE_FILE = "state.json"


@dataclass(frozen=True)
class Release:
    version: str
    spec_sha256: str
    summary: str
    changes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Built:
    """What the last regen read from the config, trusted while the config's bytes are unchanged.

    It lets a no-op regen answer without parsing the config: importing pydantic alone costs more
    than the whole check.
    """

    config_sha256: str
    spec: str
    distribution: str
    source_url: str | None


@dataclass(frozen=True)
class ApiState:
    version: str = "0.1.0"
    spec_sha256: str = ""
    source_sha256: str = ""
    generator_sha256: str = ""
    output_sha256: str = ""
    built: Built | None = None
    releases: tuple[Release, ...] = field(default_factory=tuple)

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def read_state(path: Path) -> ApiState:
    if not path.exists():
        return ApiState()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        releases = tuple(
            Release(r["version"], r["spec_sha256"], r["summary"], tuple(r.get("changes", ())))
            for r in data.get("releases", [])
        )
        return ApiState(
            version=str(data["version"]),
            spec_sha256=str(data.get("spec_sha256", "")),
            source_sha256=str(data.get("source_sha256", "")),
            generator_sha256=str(data.get("generator_sha256", "")),
            output_sha256=str(data.get("output_sha256", "")),
            built=Built(**data["built"]) if data.get("built") else None,
            releases=releases,
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        message = f"unreadable API state: {error}"
        raise ConfigError(
            Problem("error", message, str(path), hint="restore it from git")
        ) from None
