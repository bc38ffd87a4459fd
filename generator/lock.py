"""The names lock: class, resource and method names that `regen` keeps from one run to the next.

Without it a spec change can rename things users call (an inline schema that gains a sibling
with the same short name would turn `Meta` into `ListVoicesResponseMeta`). `regen` reads the lock
of an API, lets it win over fresh names, and writes back the names it used. Edit the file (or run
`regen --fresh-names`) to rename on purpose.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import checks, jsonpointer
from .errors import ConfigError, Problem

LOCK_FILE = "names.lock.json"
_HINT = "fix the name, or delete the entry to choose it afresh"


@dataclass(frozen=True)
class NamesLock:
    schemas: dict[str, str] = field(default_factory=dict)
    operations: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> str:
        data = {
            "schemas": dict(sorted(self.schemas.items())),
            "operations": {key: self.operations[key] for key in sorted(self.operations)},
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def read_lock(path: Path) -> NamesLock:
    """The lock at `path` (empty when the file does not exist); every name is checked, because a
    locked name becomes a class, attribute or method in generated code."""
    if not path.exists():
        return NamesLock()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(
            Problem("error", f"unreadable names lock: {error}", str(path), hint=_HINT)
        ) from None
    return parse_lock(data, str(path))


def parse_lock(data: Any, file: str) -> NamesLock:
    problems: list[Problem] = []

    def fail(pointer: str, message: str) -> None:
        problems.append(Problem("error", message, file, pointer, _HINT))

    schemas = data.get("schemas") if isinstance(data, dict) else None
    operations = data.get("operations") if isinstance(data, dict) else None
    if not isinstance(schemas, dict) or not isinstance(operations, dict):
        hint = "it needs 'schemas' and 'operations' objects"
        raise ConfigError(Problem("error", "malformed names lock", file, hint=hint))
    for key in sorted(set(data) - {"schemas", "operations"}):
        fail(f"/{jsonpointer.escape(key)}", f"unknown key '{key}'")
    for pointer, name in schemas.items():
        _check(fail, f"/schemas/{jsonpointer.escape(pointer)}", name, checks.class_name)
    for key, entry in operations.items():
        where = f"/operations/{jsonpointer.escape(key)}"
        if not isinstance(entry, dict) or set(entry) != {"resource", "method"}:
            fail(where, "must be an object with 'resource' and 'method'")
            continue
        for part in ("resource", "method"):
            _check(fail, f"{where}/{part}", entry[part], checks.python_name)
    if problems:
        raise ConfigError(problems)
    return NamesLock(dict(schemas), {key: dict(entry) for key, entry in operations.items()})


def _check(
    fail: Callable[[str, str], None],
    pointer: str,
    value: Any,
    rule: Callable[[str], str | None],
) -> None:
    problem = rule(value) if isinstance(value, str) else "must be a string"
    if problem is not None:
        fail(pointer, f"{json.dumps(value)[:60]} {problem}")
