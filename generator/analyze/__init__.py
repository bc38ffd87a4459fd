"""A normalized OpenAPI document -> the intermediate representation of one client package.

Decides everything about the package except how it is spelt: resources and method names
(`placement`), model names (`hoist`), annotations (`annotate`), and per concern here: keyword
arguments (`parameters`, `bodies`), what a method returns (`responses`), pagination, and how the
client authenticates (`auth`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .. import jsonpointer
from ..classnames import component_class_names
from ..config import ApiConfig, sentence_title
from ..errors import Problem
from ..hoist import hoist
from ..ir import (
    Api,
    ModelSet,
    Operation,
    Pagination,
    Parameter,
    RequestBody,
    Resource,
    Response,
)
from ..lock import NamesLock
from ..naming import Namer, python_name
from ..page_schema import declared_headers
from ..pagination import counted_from, detect_pagination
from ..placement import (
    Placement,
    operation_key,
    place_operations,
    resource_class_name,
    tag_resource_name,
)
from ..strings import Safe, SpecText, identifier
from ..vocabulary import (
    DEVICE_NAMES,
    METHOD_RESERVED,
    RESOURCE_CLASS_SUFFIXES,
    STDLIB_ANNOTATIONS,
)
from ..walk import iter_events, iter_operations
from .auth import ApiSecurity, api_security, auth
from .bodies import events_bodies, method_suffix, request_bodies
from .context import Context, text
from .held_headers import held_headers, release
from .parameters import parameters
from .paths import request_path
from .responses import error_types, events_response, page_root, success_response
from .servers import OperationServers, base_server, operation_servers, other_servers
from .unsatisfiable import unsatisfiable_schemas

__all__ = ["analyze"]


def analyze(
    document: dict[str, Any],
    config: ApiConfig,
    *,
    lock: NamesLock | None = None,
    version: str = "0.1.0",
    spec_sha256: str = "",
    file: str = "",
    models_known: Callable[[ModelSet], None] | None = None,
) -> Api:
    """The IR of `document`; `file` names the spec in the problems it raises.

    `models_known` is given the model set as soon as it is complete, before the operations are
    analyzed, so that making the models (the longest stage) can begin that much earlier.
    """
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
    context = Context.build(document, config, hoisted, file, reserved)
    if models_known is not None:
        models_known(context.models)
    security = api_security(context)
    base, server, base_problems = base_server(context)
    servers = operation_servers(context, base, server)
    grouped: dict[str, list[Operation]] = {}
    for path, method, operation in iter_operations(document):
        placement = placements[operation_key(method, path)]
        grouped.setdefault(placement.resource, []).append(
            _operation(context, path, method, operation, placement, security, servers)
        )
    held = held_headers((op for ops in grouped.values() for op in ops), server)
    info = document.get("info") or {}
    return Api(
        config=config,
        title=SpecText(sentence_title(str(info.get("title") or "")) or config.title),
        description=text(info.get("description")),
        base_url=SpecText(base),
        auth=auth(context),
        resources=release(_resources(context, grouped, placements), held),
        models=context.models,
        version=version,
        spec_sha256=spec_sha256,
        operations_lock=_operations_lock(placements),
        schemes=security.schemes,
        security=security.default,
        problems=security.problems + base_problems + servers.problems + _spec_problems(context),
        server=server,
        held_headers=held,
        other_servers=other_servers(context, base),
    )


def _operations_lock(placements: dict[str, Placement]) -> dict[str, dict[str, str]]:
    """Where each operation went, by key, for the names lock to keep it there next time."""
    return {key: {"resource": p.resource, "method": p.method} for key, p in placements.items()}


def _spec_problems(context: Context) -> tuple[Problem, ...]:
    return unsatisfiable_schemas(context) + _nothing_to_call(context)


def _nothing_to_call(context: Context) -> tuple[Problem, ...]:
    """A spec without operations (Adyen's webhook specs declare only `webhooks`) still makes a
    package, of models alone; a warning says so rather than an empty client passing silently."""
    if any(True for _ in iter_operations(context.document)):
        return ()
    events = sum(1 for _ in iter_events(context.document))
    held = {0: "its component models", 1: "the models of what its webhook sends"}.get(
        events, f"the models of what its {events} webhooks send"
    )
    message = f"the spec declares no operations: the package has no methods, only {held}"
    fix = "declare the API's operations under `paths`"
    return (Problem("warning", message, context.file, "/paths", fix),)


def _operation(
    context: Context,
    path: str,
    method: str,
    operation: dict[str, Any],
    placement: Placement,
    security: ApiSecurity,
    servers: OperationServers,
) -> Operation:
    pointer = jsonpointer.join("", "paths", path, method)
    bodies = request_bodies(context, operation, pointer)
    body = bodies[0] if bodies else None
    response = success_response(context, operation, pointer, method)
    errors = error_types(context, operation, pointer)
    spelt = {
        name
        for type_ in (response.type, *(e.type for e in errors))
        if type_
        for name in type_.imports
    }
    taken: set[str] = {argument.name for form in bodies for argument in form.arguments}
    if any(len(form.content_types) > 1 for form in bodies):
        taken.add("content_type")  # the argument choosing among a body's media types
    arguments = parameters(
        context,
        path,
        operation,
        pointer,
        taken,
        frozenset(spelt & set(STDLIB_ANNOTATIONS)),
        security.keys_sent(operation),
    )
    target = request_path(path, context.file, _spanning(arguments))
    pagination = _pagination(context, placement, operation, arguments, response, bodies, pointer)
    events = events_response(context, operation, pointer, response)
    body, twin_body = events_bodies(body, events is not None, response.kind == "events")
    own = Operation(
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
        alternatives=tuple(bodies[1:]),
        request_path=SpecText(target.template),
        fixed_query=tuple((SpecText(k), SpecText(v)) for k, v in target.fixed_query),
        security=security.requirement(operation),
        server=text(servers.of(path, method)),
    )
    if events is None:
        return own
    twin = replace(own, body=twin_body, response=events, pagination=None, alternatives=())
    return replace(own, events=twin)


def _spanning(arguments: tuple[Parameter, ...]) -> frozenset[str]:
    """The path parameters the client's template writes `{+name}`: their values hold paths."""
    return frozenset(p.wire_name.unsafe_value for p in arguments if p.spans)


def _pagination(
    context: Context,
    placement: Placement,
    operation: dict[str, Any],
    arguments: tuple[Parameter, ...],
    response: Response,
    bodies: list[RequestBody],
    pointer: str,
) -> Pagination | None:
    """A page is fetched again with only its number changed, so only JSON bodies may page."""
    if any(form.encoding != "json" for form in bodies):
        return None
    found = detect_pagination(
        context.config.pagination,
        placement.key,
        operation,
        arguments,
        response,
        page_root(context, operation, pointer, response),
        context.annotator,
        declared_headers(context.document, operation, response.status),
    )
    return counted_from(found, arguments)


def _resources(
    context: Context, grouped: dict[str, list[Operation]], placements: dict[str, Placement]
) -> tuple[Resource, ...]:
    descriptions = _tag_descriptions(context.document, placements)
    taken = _client_classes(context.config) | component_class_names(context.document)
    return tuple(
        Resource(
            name=identifier(name),
            class_name=identifier(resource_class_name(name, taken)),
            module=identifier(name + "_" if name.lower() in DEVICE_NAMES else name),
            description=text(descriptions.get(name)),
            operations=_name_alternatives(operations),
        )
        for name, operations in sorted(grouped.items())
    )


def _tag_descriptions(document: dict[str, Any], placements: dict[str, Placement]) -> dict[str, Any]:
    """Resource name -> the description of the tag it is named after (the first such tag);
    a resource the spec's SDK names otherwise (`x-fern-sdk-group-name`) takes the description
    of its first operation's first tag."""
    by_tag: dict[str, Any] = {}
    for tag in document.get("tags") or []:
        if isinstance(tag, dict) and isinstance(tag.get("name"), str):
            by_tag.setdefault(tag["name"], tag.get("description"))
    found: dict[str, Any] = {}
    for name, description in by_tag.items():
        found.setdefault(tag_resource_name(name), description)
    for path, method, operation in iter_operations(document):
        tags = operation.get("tags")
        first = tags[0] if isinstance(tags, list) and tags else None
        if isinstance(first, str) and first in by_tag:
            found.setdefault(placements[operation_key(method, path)].resource, by_tag[first])
    return found


def _name_alternatives(operations: list[Operation]) -> tuple[Operation, ...]:
    """Each alternative body's method, the name the spec's SDK gives it or `<method>_<suffix>`,
    and an events twin's, `<method>_stream`: unique in the resource."""
    namer = Namer(METHOD_RESERVED | {str(operation.name) for operation in operations})
    named = []
    for operation in operations:
        suffixes: set[str] = set()
        alternatives = []
        for body in operation.alternatives:
            suffix = method_suffix(body, suffixes)
            suffixes.add(suffix)
            own = body.sdk_name and python_name(
                body.sdk_name, reserved=METHOD_RESERVED, fallback="call"
            )
            wanted = own if own and own not in namer else f"{operation.name}_{suffix}"
            method = identifier(namer.claim(wanted))
            alternatives.append(replace(body, method=method))
        operation = replace(operation, alternatives=tuple(alternatives))
        if operation.events is not None:
            twin = identifier(namer.claim(f"{operation.name}_stream"))
            operation = replace(operation, events=replace(operation.events, name=twin))
        named.append(operation)
    return tuple(named)


def _client_classes(config: ApiConfig) -> frozenset[str]:
    return frozenset({config.client_class, f"Async{config.client_class}"})
