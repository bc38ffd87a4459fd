"""A content-addressed cache of the slowest results of a generation.

datamodel-code-generator is half of a generation's time and the structural check of a spec a
third; a maintainer regenerating after a template change, or CI building the same spec twice,
asks both the same question again. A key covers everything the answer depends on (for models:
schemas, field names, package; for the check: the spec's bytes; for both: the generator
fingerprint, which includes the pinned library versions), so a hit is what a fresh run would
produce. A cached model module is held to the same syntax allowlist as fresh output. Jinja keeps
its compiled templates in `folder("templates")` too (checked against each template's source).

Location: `$SDKGEN_CACHE`, else `$XDG_CACHE_HOME/sdkgen`, else `~/.cache/sdkgen`;
`SDKGEN_CACHE=off` disables it (the benchmarks measure cold runs that way).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .fingerprint import generator_fingerprint
from .output import write_file_atomically


def enabled() -> bool:
    """False under `SDKGEN_CACHE=off`: then no key is worth computing."""
    return os.environ.get("SDKGEN_CACHE") != "off"


def key(payload: Any) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256((generator_fingerprint() + text).encode()).hexdigest()


def read(kind: str, name: str) -> str | None:
    folder = _folder(kind)
    if folder is None:
        return None
    try:
        return (folder / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write(kind: str, name: str, text: str) -> None:
    """Best effort: a cache that cannot be written must not fail a generation."""
    folder = _folder(kind)
    if folder is None:
        return
    with contextlib.suppress(OSError):
        write_file_atomically(folder / name, text.encode())


def folder(kind: str) -> Path | None:
    """A folder of its own for results of this generator (`kind` plus its fingerprint), made
    if need be; None when the cache is off or cannot be made."""
    found = _folder(f"{kind}-{generator_fingerprint()[:16]}")
    if found is not None:
        try:
            found.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
    return found


def _folder(kind: str) -> Path | None:
    if not enabled():
        return None
    configured = os.environ.get("SDKGEN_CACHE")
    if configured:
        return Path(configured) / kind
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sdkgen" / kind
