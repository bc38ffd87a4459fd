"""Realistic API payloads, taken from the spec's own `components.examples`.

Benchmarks that parse responses should see the shapes and values the API really sends (nested
objects, nulls, timestamps), not synthetic filler; the newer capture ships examples for that.
"""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any


def example(spec: Path, name: str) -> Any:
    """The value of `components.examples[name]` of the spec."""
    return json.loads(spec.read_bytes())["components"]["examples"][name]["value"]


def page(spec: Path, count: int) -> dict[str, Any]:
    """A list response of `count` personas made from the spec's example (deterministic)."""
    template = example(spec, "PersonaListResponse")
    item = template["data"][0]
    start = datetime(2026, 4, 20, 10, tzinfo=UTC)
    items = []
    for index in range(count):
        persona = copy.deepcopy(item)
        created = start + timedelta(minutes=index, milliseconds=index % 1000)
        persona.update(
            id=str(uuid.UUID(int=index + 1)),
            name=f"Persona {index}",
            description=f"{item['description']} #{index}",
            isDefaultPersona=index % 10 == 0,
            createdAt=created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            updatedAt=(created + timedelta(days=1)).isoformat().replace("+00:00", "Z"),
        )
        if index % 7 == 3:
            persona["voice"] = None
        if index % 11 == 5:
            persona["avatar"] = None
        items.append(persona)
    meta = {**template["meta"], "total": count, "perPage": count, "lastPage": 1}
    return {"data": items, "meta": meta}
