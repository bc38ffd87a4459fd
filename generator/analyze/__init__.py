"""A normalized OpenAPI document -> the intermediate representation of one client package.

Decides everything about the package except how it is spelt: resources and method names
(`placement`), model names (`hoist`), annotations (`annotate`), and per concern here: keyword
arguments (`parameters`, `bodies`), what a method returns (`responses`), pagination, and how the
client authenticates (`auth`).
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..classnames import component_class_names
from ..config import ApiConfig
from ..hoist import hoist
from ..ir import Api, Operation, Resource
from ..lock import NamesLock
from ..pagination import detect_pagination
from ..placement import (
    Placement,
    operation_key,
    place_operations,
    resource_class_name,
    tag_resource_name,
)
from ..strings import Safe, SpecText, identifier
from ..vocabulary import DEVICE_NAMES, RESOURCE_CLASS_SUFFIXES, STDLIB_ANNOTATIONS
from ..walk import iter_operations
from .auth import auth
from .bodies import request_body
from .context import Context, text
from .parameters import parameters
from .responses import error_types, page_root, success_response

__all__ = ["analyze"]


def analyze(
    document: dict[str, Any],
    config: ApiConfig,
    *,
    lock: NamesLock | None = None,
    version: str = "0.1.0",
    spec_sha256: str = "",
    file: str = "",
) -> Api:
    """The IR of `document`; `file` names the spec in the problems it raises."""
    lock = lock or NamesLock()
    placements = place_operations(document, lock.operations)
    clients = _client_classes(config)
    taken = clients | component_class_names(document)
    resource_classes = {resource_class_name(p.resource, taken) for p in placements.values()}
    reserved = clients | frozenset(
        f"{prefix}{base}{suffix}"
        for base in resource_classes
        for prefix in ("", "Async")
        for suffix in RESOURCE_CLASS_SUFFIXES
    )
    hoisted = hoist(document, locked=lock.schemas, reserved=reserved)
    context = Context.build(document, config, hoisted, file)
    grouped: dict[str, list[Operation]] = {}
    for path, method, operation in iter_operations(document):
        placement = placements[operation_key(method, path)]
        grouped.setdefault(placement.resource, []).append(
            _operation(context, path, method, operation, placement)
        )
    info = document.get("info") or {}
    return Api(
        config=config,
        title=SpecText(str(info.get("title") or config.title)),
        description=text(info.get("description")),
        base_url=SpecText(_base_url(context)),
        auth=auth(context),
        resources=_resources(context, grouped),
        models=context.models,
        version=version,
        spec_sha256=spec_sha256,
        operations_lock={
            key: {"resource": p.resource, "method": p.method} for key, p in placements.items()
        },
    )


def _operation(
    context: Context, path: str, method: str, operation: dict[str, Any], placement: Placement
) -> Operation:
    pointer = jsonpointer.join("", "paths", path, method)
    body = request_body(context, operation, pointer)
    response = success_response(context, operation, pointer)
    errors = error_types(context, operation, pointer)
    spelt = {
        name
        for type_ in (response.type, *(e.type for e in errors))
        if type_
        for name in type_.imports
    }
    taken: set[str] = {argument.name for argument in body.arguments} if body else set()
    arguments = parameters(
        context, path, operation, pointer, taken, frozenset(spelt & set(STDLIB_ANNOTATIONS))
    )
    pagination = detect_pagination(
        context.config.pagination,
        placement.key,
        operation,
        arguments,
        response,
        page_root(context, pointer, response),
        context.annotator,
    )
    return Operation(
        key=placement.key,
        operation_id=text(operation.get("operationId")),
        http_method=Safe(method),
        path=SpecText(path),
        name=identifier(placement.method),
        summary=text(operation.get("summary")),
        description=text(operation.get("description")),
        deprecated=operation.get("deprecated") is True,
        parameters=arguments,
        body=body,
        response=response,
        errors=errors,
        pagination=pagination,
    )


def _resources(context: Context, grouped: dict[str, list[Operation]]) -> tuple[Resource, ...]:
    descriptions: dict[str, Any] = {}  # resource name -> its tag's description (first wins)
    for tag in context.document.get("tags") or []:
        if isinstance(tag, dict) and isinstance(tag.get("name"), str):
            descriptions.setdefault(tag_resource_name(tag["name"]), tag.get("description"))
    taken = _client_classes(context.config) | component_class_names(context.document)
    return tuple(
        Resource(
            name=identifier(name),
            class_name=identifier(resource_class_name(name, taken)),
            module=identifier(name + "_" if name.lower() in DEVICE_NAMES else name),
            description=text(descriptions.get(name)),
            operations=tuple(operations),
        )
        for name, operations in sorted(grouped.items())
    )


def _client_classes(config: ApiConfig) -> frozenset[str]:
    return frozenset({config.client_class, f"Async{config.client_class}"})


def _base_url(context: Context) -> str:
    """The configured base URL, else the first server's (variables at their defaults)."""
    if context.config.base_url:
        return context.config.base_url
    servers = context.document.get("servers") or []
    server = servers[0] if servers and isinstance(servers[0], dict) else {}
    url = str(server.get("url") or "")
    for name, variable in (server.get("variables") or {}).items():
        if isinstance(variable, dict):
            url = url.replace("{" + name + "}", str(variable.get("default", "")))
    return url.rstrip("/") if url.startswith(("http://", "https://")) else ""
