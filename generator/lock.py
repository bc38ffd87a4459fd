"""The names lock: class, resource and method names that `regen` keeps from one run to the next.

Without it a spec change can rename things users call (an inline schema that gains a sibling
with the same short name would turn `Meta` into `ListVoicesResponseMeta`). `regen` reads the lock
of an API, lets it win over fresh names, and writes back the names it used. Edit the file (or run
`regen --fresh-names`) to rename on purpose.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, Problem

LOCK_FILE = "names.lock.json"


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
    if not path.exists():
        return NamesLock()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        hint = "fix the file or delete it to choose names afresh"
        raise ConfigError(
            Problem("error", f"unreadable names lock: {error}", str(path), hint=hint)
        ) from None
    schemas = data.get("schemas") if isinstance(data, dict) else None
    operations = data.get("operations") if isinstance(data, dict) else None
    if not isinstance(schemas, dict) or not isinstance(operations, dict):
        hint = "it needs 'schemas' and 'operations' objects"
        raise ConfigError(Problem("error", "malformed names lock", str(path), hint=hint))
    return NamesLock(
        {str(k): str(v) for k, v in schemas.items()},
        {str(k): {str(a): str(b) for a, b in v.items()} for k, v in operations.items()},
    )
