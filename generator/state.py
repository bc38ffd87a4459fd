"""The machine-written state of one API in `specs/<api>/state.json`.

It holds what a regen needs to know about the last one: the released version (the version lives
here, not in the spec, whose `info.version` did not change between real Anam releases), the sha256
of the spec it was built from (every file of it), fingerprints of the API's own inputs (spec,
config, names lock, this state), of the generator and of the generated tree (a regen whose
fingerprints all match is a no-op; one where only the generator's changed and the output with it
is a patch release), and the release history the changelog is rendered from.

The file is edited by people and by merges, so it is read as untrusted: every value is checked by
the rules in `checks.py` and a bad one is one error naming its JSON pointer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import checks
from .errors import ConfigError, Problem

STATE_FILE = "state.json"
_HINT = "restore it from git, or fix the value"
_LEGACY_KEYS = frozenset({"built"})  # written by older generators; ignored, dropped on write


@dataclass(frozen=True)
class Release:
    version: str
    spec_sha256: str
    summary: str
    changes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ApiState:
    version: str = "0.1.0"
    spec_sha256: str = ""
    source_sha256: str = ""
    generator_sha256: str = ""
    output_sha256: str = ""
    releases: tuple[Release, ...] = field(default_factory=tuple)

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_SHAS = ("spec_sha256", "source_sha256", "generator_sha256", "output_sha256")


def read_state(path: Path) -> ApiState:
    """The state at `path` (a fresh one when the file does not exist), validated."""
    if not path.exists():
        return ApiState()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(
            Problem("error", f"unreadable API state: {error}", str(path), hint=_HINT)
        ) from None
    return parse_state(data, str(path))


def parse_state(data: Any, file: str) -> ApiState:
    reader = _Reader(file)
    top = reader.mapping(data, "", required=("version",))
    allowed = {"version", "releases", *_SHAS, *_LEGACY_KEYS}
    reader.no_extra(top, allowed, "")
    version = reader.value(top, "version", "/version", checks.release_version)
    shas = {key: reader.value(top, key, f"/{key}", checks.sha256, "") for key in _SHAS}
    releases = []
    history = top.get("releases", [])
    if not isinstance(history, list):
        reader.fail("/releases", "must be a list of releases")
        history = []
    for index, item in enumerate(history):
        releases.append(reader.release(item, f"/releases/{index}"))
    reader.raise_problems()
    return ApiState(version=version, releases=tuple(releases), **shas)


class _Reader:
    """Collects every problem of one file, so that one run reports them all."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, pointer: str, message: str) -> None:
        self.problems.append(Problem("error", message, self.file, pointer, _HINT))

    def mapping(self, data: Any, pointer: str, *, required: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(pointer, f"must be a JSON object, not {type(data).__name__}")
            self.raise_problems()
        for key in required:
            if key not in data:
                self.fail(f"{pointer}/{key}", f"missing required key '{key}'")
        result: dict[str, Any] = data
        return result

    def no_extra(self, data: dict[str, Any], allowed: set[str], pointer: str) -> None:
        for key in sorted(set(data) - allowed):
            self.fail(f"{pointer}/{key}", f"unknown key '{key}'")

    def value(
        self,
        data: dict[str, Any],
        key: str,
        pointer: str,
        check: Callable[[str], str | None],
        default: str = "",
    ) -> str:
        if key not in data:
            return default
        value = data[key]
        if not isinstance(value, str):
            self.fail(pointer, f"must be a string, not {json.dumps(value)[:40]}")
            return default
        problem = check(value)
        if problem is not None:
            self.fail(pointer, problem)
            return default
        return value

    def text(self, data: dict[str, Any], key: str, pointer: str) -> str:
        return self.value(data, key, pointer, lambda value: None)

    def release(self, item: Any, pointer: str) -> Release:
        if not isinstance(item, dict):
            self.fail(pointer, "must be a JSON object")
            return Release("", "", "")
        self.no_extra(item, {"version", "spec_sha256", "summary", "changes"}, pointer)
        changes = item.get("changes", [])
        if not isinstance(changes, list) or not all(isinstance(c, str) for c in changes):
            self.fail(f"{pointer}/changes", "must be a list of strings")
            changes = []
        return Release(
            self.value(item, "version", f"{pointer}/version", checks.release_version),
            self.value(item, "spec_sha256", f"{pointer}/spec_sha256", checks.sha256),
            self.text(item, "summary", f"{pointer}/summary"),
            tuple(changes),
        )

    def raise_problems(self) -> None:
        if self.problems:
            raise ConfigError(self.problems)
