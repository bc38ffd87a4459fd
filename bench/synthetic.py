"""Synthetic specs k times the size of a real one, for measuring how generation scales.

Scaling must be measured on specs shaped like the real thing, not on random ones: every path,
operation, tag and component (schema, example) of the source spec is copied k times, each copy
with suffixed names and `$ref`s rewritten to point at its own copy, so the k-fold spec has exactly
k times the operations, schemas, resources and cross-references. Copy 1 keeps the original names,
so the 1x spec is the source spec itself. The output is deterministic (same input, same bytes).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

_COMPONENT_KINDS = ("schemas", "examples", "responses", "parameters", "requestBodies", "headers")
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def replicate(document: dict[str, Any], factor: int) -> dict[str, Any]:
    """The spec with `factor` copies of everything that names an operation or a component."""
    if factor < 1:
        raise ValueError(f"factor must be 1 or more, not {factor}")
    result = {key: value for key, value in document.items() if key not in ("paths", "tags")}
    components = dict(document.get("components") or {})
    paths: dict[str, Any] = {}
    tags: list[dict[str, Any]] = []
    replicated: dict[str, dict[str, Any]] = {k: {} for k in _COMPONENT_KINDS if k in components}
    for index in range(1, factor + 1):
        suffix = "" if index == 1 else f"Rep{index}"
        prefix = "" if index == 1 else f"/rep{index}"
        for kind, named in replicated.items():
            for name, value in components[kind].items():
                named[name + suffix] = _rewrite(value, suffix)
        for path, item in (document.get("paths") or {}).items():
            paths[prefix + path] = _copy_path_item(item, suffix)
        for tag in document.get("tags") or []:
            tags.append({**tag, "name": _tag(tag["name"], suffix)})
    result["components"] = {**components, **replicated}
    result["paths"] = paths
    if "tags" in document:
        result["tags"] = tags
    return result


def write_replica(source: Path, factor: int, out: Path) -> Path:
    """Write the `factor`-fold replica of `source` as compact JSON (it must stay under the
    generator's 20 MB input cap at 64x) and return its path."""
    document = json.loads(source.read_bytes())
    out.write_text(json.dumps(replicate(document, factor), separators=(",", ":")), "utf-8")
    return out


def count_operations(document: dict[str, Any]) -> int:
    return sum(
        1
        for item in (document.get("paths") or {}).values()
        for method in item
        if method in _METHODS
    )


def _copy_path_item(item: dict[str, Any], suffix: str) -> dict[str, Any]:
    copied: dict[str, Any] = _rewrite(item, suffix)
    for method in _METHODS:
        operation = copied.get(method)
        if not isinstance(operation, dict):
            continue
        if "operationId" in operation:
            operation["operationId"] += suffix
        if "tags" in operation:
            operation["tags"] = [_tag(tag, suffix) for tag in operation["tags"]]
    return copied


def _tag(name: str, suffix: str) -> str:
    return f"{name} {suffix}" if suffix else name


def _rewrite(value: Any, suffix: str) -> Any:
    """A deep copy whose local component `$ref`s point at the copy with `suffix`."""
    if not suffix:
        return copy.deepcopy(value)
    if isinstance(value, dict):
        rewritten = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str) and item.startswith("#/components/"):
                parts = item.split("/")  # "#", "components", kind, name, rest of the pointer
                parts[3] += suffix
                rewritten[key] = "/".join(parts)
            else:
                rewritten[key] = _rewrite(item, suffix)
        return rewritten
    if isinstance(value, list):
        return [_rewrite(item, suffix) for item in value]
    return value
