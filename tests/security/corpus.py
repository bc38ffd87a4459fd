"""The hostile-spec corpus and its one table of expected outcomes (`corpus/expected.yaml`).

Each file in `corpus/` attacks one thing; the table says what must happen to it: `refused` (with
the pointer and the message the user reads) or `generated` (with what the package must then hold).
A few inputs are too big or too strange to keep in git (a 100k-deep document, a file over the size
cap, an endless file); the table marks them `built` and `materialize` makes them at test time.
The table is read strictly: a misspelt key is an error, not an assertion silently skipped.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator.load import MAX_BYTES

CORPUS = Path(__file__).resolve().parent / "corpus"
TABLE = CORPUS / "expected.yaml"
WIRE_NAMES = "wire-names"

_REFUSED_KEYS = {"outcome", "attack", "pointer", "message", "hint", "seconds", "memory_mb", "built"}
_GENERATED_KEYS = {
    "outcome",
    "attack",
    "package",
    "client",
    "resources",
    "fields",
    "payloads",
    "defaults",
    "docs",
    "base_url",
    "auth",
    "requests",
    "files",
    "toml",
    "never",
    "python_lacks",
    "portable_names",
}


@dataclass(frozen=True)
class Refused:
    """The CLI exits 1 and prints `<file>#<pointer>: error: ...<message>... (fix: ...<hint>...)`."""

    name: str
    attack: str
    pointer: str
    message: str
    hint: str
    seconds: float = 20.0
    memory_mb: int = 400
    built: str | None = None

    @property
    def location(self) -> str:
        return f"{self.name}#{self.pointer}" if self.pointer else self.name

    def line_in(self, stderr: str) -> str | None:
        """The stderr line that reports this problem as the table describes it, if any."""
        for line in stderr.splitlines():
            if self.pointer is None:
                located = line.startswith((f"{self.name}#", f"{self.name}: "))
                located = located and ": error: " in line
            else:
                located = line.startswith(f"{self.location}: error: ")
            message, _, hint = line.partition(" (fix: ")
            if located and self.message in message and hint and self.hint in hint:
                return line
        return None


@dataclass(frozen=True)
class Generated:
    """The package generates; what it must contain (see the comment at the top of the table)."""

    name: str
    attack: str
    package: str | None = None
    client: str | None = None
    resources: dict[str, list[str]] = field(default_factory=dict)
    fields: dict[str, dict[str, str]] = field(default_factory=dict)
    payloads: dict[str, list[Any]] = field(default_factory=dict)
    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)
    docs: dict[str, list[str]] = field(default_factory=dict)
    base_url: str | None = None
    auth: str | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    toml: dict[str, str] = field(default_factory=dict)
    never: list[str] = field(default_factory=list)
    python_lacks: list[str] = field(default_factory=list)
    portable_names: bool = False

    def probe_payloads(self) -> dict[str, list[Any]]:
        """The payloads with `wire-names` spelt out: every wire name of the model's `fields`."""
        return {
            model: [
                {wire: f"value of {wire}" for wire in self.fields[model]}
                if item == WIRE_NAMES
                else item
                for item in items
            ]
            for model, items in self.payloads.items()
        }


Case = Refused | Generated


@cache
def table() -> dict[str, Case]:
    raw = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return {name: _case(name, entry) for name, entry in raw.items()}


def refused() -> list[Refused]:
    return [case for case in table().values() if isinstance(case, Refused)]


def generated() -> list[Generated]:
    return [case for case in table().values() if isinstance(case, Generated)]


def materialize(case: Case, directory: Path) -> Path:
    """The case's spec file inside `directory` (copied from the corpus, or built)."""
    target = directory / case.name
    built = case.built if isinstance(case, Refused) else None
    if built is None:
        shutil.copyfile(CORPUS / case.name, target)
    else:
        BUILDERS[built](target)
    return target


def _case(name: str, entry: dict[str, Any]) -> Case:
    outcome = entry.get("outcome")
    allowed = _REFUSED_KEYS if outcome == "refused" else _GENERATED_KEYS
    unknown = set(entry) - allowed
    if outcome not in ("refused", "generated") or unknown:
        raise ValueError(f"{TABLE.name}: {name}: bad outcome {outcome!r} or keys {unknown}")
    values = {key: value for key, value in entry.items() if key != "outcome"}
    if outcome == "refused":
        return Refused(name=name, **values)
    return Generated(name=name, **values)


# -- inputs built at test time -------------------------------------------------------------

_HEADER = '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "x-deep": '
DEPTH = 100_000


def _deep_json(target: Path) -> None:
    target.write_text(_HEADER + "[" * DEPTH + "]" * DEPTH + "}\n", encoding="utf-8")


def _deep_yaml(target: Path) -> None:
    header = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: "
    target.write_text(header + "[" * DEPTH + "]" * DEPTH + "\n", encoding="utf-8")


def _oversized(target: Path) -> None:
    """A sparse file one byte over the cap: costs no disk, but its size is real."""
    with target.open("wb") as stream:
        stream.write(b"openapi: 3.1.0\n")
        stream.truncate(MAX_BYTES + 1)


def _endless(target: Path) -> None:
    """A spec path that reads forever (`/dev/zero`): its reported size is 0."""
    os.symlink("/dev/zero", target)


BUILDERS: dict[str, Callable[[Path], None]] = {
    "deep_json": _deep_json,
    "deep_yaml": _deep_yaml,
    "oversized": _oversized,
    "endless": _endless,
}
