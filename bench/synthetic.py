"""Synthetic specs k times the size of a base one, for measuring how generation scales.

Scaling must be measured on specs shaped like the real thing, not on random ones: every path,
operation, tag and component (schema, example) of the base spec is copied k times, each copy
with suffixed names and `$ref`s rewritten to point at its own copy, so the k-fold spec has exactly
k times the operations, schemas, resources and cross-references. Copy 1 keeps the original names,
so the 1x spec is the base spec itself. The output is deterministic (same input, same bytes).

The base is `base_spec()`: 250 operations over 50 CRUD resources, written the way public REST
specs are (list with cursor pagination, create, get, update, delete; enums, timestamps, nested
objects, links between resources, shared error and metadata schemas, inline request objects),
but terse, so that 64 copies (16,000 operations) stay under the generator's input bounds (20 MB,
two million values). A real capture repeated that often would not: its descriptions and examples
would make the spec the subject of the measurement instead of the operations.
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


RESOURCES = 50  # five operations each: the base spec has 250
_NOUNS = (
    "account",
    "invoice",
    "order",
    "customer",
    "payment",
    "refund",
    "product",
    "price",
    "coupon",
    "subscription",
    "shipment",
    "warehouse",
    "ticket",
    "agent",
    "team",
    "project",
    "task",
    "comment",
    "document",
    "folder",
    "webhook",
    "event",
    "report",
    "dashboard",
    "alert",
    "incident",
    "service",
    "deployment",
    "cluster",
    "volume",
    "snapshot",
    "bucket",
    "key",
    "secret",
    "role",
    "policy",
    "session",
    "device",
    "location",
    "schedule",
    "campaign",
    "audience",
    "segment",
    "message",
    "channel",
    "template",
    "workflow",
    "job",
    "batch",
    "quota",
)


def base_spec(resources: int = RESOURCES) -> dict[str, Any]:
    """A terse OpenAPI 3.0 spec of `resources` CRUD resources (5 operations each)."""
    schemas: dict[str, Any] = {
        "Error": _object({"code": {"type": "string"}, "message": {"type": "string"}}, ["code"]),
        "Metadata": {"type": "object", "additionalProperties": {"type": "string"}},
        "PageInfo": _object(
            {"next_cursor": {"type": "string", "nullable": True}, "has_more": {"type": "boolean"}},
            ["has_more"],
        ),
    }
    paths: dict[str, Any] = {}
    for index in range(resources):
        noun = _NOUNS[index % len(_NOUNS)] + ("" if index < len(_NOUNS) else str(index))
        schemas.update(_resource_schemas(noun, _NOUNS[index - 1] if index else None))
        paths.update(_resource_paths(noun))
    return {
        "openapi": "3.0.3",
        "info": {"title": "Synthetic API", "version": "1.0.0"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "security": [{"bearer": []}],
        "tags": [{"name": _pascal(noun) + "s"} for noun in _nouns(resources)],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {"Error": _json("An error", "Error")},
        },
    }


def write_base(out: Path, resources: int = RESOURCES) -> Path:
    out.write_text(json.dumps(base_spec(resources), separators=(",", ":")), "utf-8")
    return out


def _nouns(resources: int) -> list[str]:
    return [_NOUNS[i % len(_NOUNS)] + ("" if i < len(_NOUNS) else str(i)) for i in range(resources)]


def _pascal(noun: str) -> str:
    return noun[:1].upper() + noun[1:]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties}


def _json(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def _resource_schemas(noun: str, linked: str | None) -> dict[str, Any]:
    name = _pascal(noun)
    properties: dict[str, Any] = {
        "id": {"type": "string", "format": "uuid", "readOnly": True},
        "name": {"type": "string", "maxLength": 200},
        "status": _ref(f"{name}Status"),
        "amount": {"type": "integer", "minimum": 0},
        "created_at": {"type": "string", "format": "date-time", "readOnly": True},
        "labels": {"type": "array", "items": {"type": "string"}},
        "settings": _object({"enabled": {"type": "boolean"}, "limit": {"type": "integer"}}, []),
        "metadata": _ref("Metadata"),
    }
    if linked is not None:
        properties[f"{linked}_id"] = {"type": "string", "format": "uuid"}
        properties[linked] = _ref(_pascal(linked))
    return {
        name: {**_object(properties, ["id", "name", "status"]), "description": f"A {noun}."},
        f"{name}Status": {"type": "string", "enum": ["active", "paused", "archived"]},
        f"{name}Create": _object(
            {
                "name": properties["name"],
                "status": properties["status"],
                "metadata": _ref("Metadata"),
            },
            ["name"],
        ),
        f"{name}List": _object(
            {"data": {"type": "array", "items": _ref(name)}, "page": _ref("PageInfo")},
            ["data", "page"],
        ),
    }


def _resource_paths(noun: str) -> dict[str, Any]:
    name = _pascal(noun)
    tags = [f"{name}s"]
    error = {"default": {"$ref": "#/components/responses/Error"}}
    item_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    return {
        f"/{noun}s": {
            "get": {
                "operationId": f"list{name}s",
                "tags": tags,
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                    {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {"200": _json(f"A page of {noun}s", f"{name}List"), **error},
            },
            "post": {
                "operationId": f"create{name}",
                "tags": tags,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref(f"{name}Create")}},
                },
                "responses": {"201": _json(f"The new {noun}", name), **error},
            },
        },
        f"/{noun}s/{{id}}": {
            "parameters": [item_id],
            "get": {
                "operationId": f"get{name}",
                "tags": tags,
                "responses": {"200": _json(f"The {noun}", name), **error},
            },
            "patch": {
                "operationId": f"update{name}",
                "tags": tags,
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": _object(
                                {"name": {"type": "string"}, "status": _ref(f"{name}Status")}, []
                            )
                        }
                    }
                },
                "responses": {"200": _json(f"The updated {noun}", name), **error},
            },
            "delete": {
                "operationId": f"delete{name}",
                "tags": tags,
                "responses": {"204": {"description": "Deleted"}, **error},
            },
        },
    }


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
