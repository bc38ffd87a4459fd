"""SDK-level rules: how the generated package's public surface moves between two specs.

A spec edit that is harmless on the wire can still break every caller: a new operationId renames a
method, a tag moves it to another resource, a `format` turns `str` into `datetime`. These are found
by running `analyze` (the generator's own naming and type mapping) on both documents and comparing
what it decided: resources, methods, keyword arguments, return types (here) and models
(`sdk_models`). A names lock for the new side is honoured, so the report says what the method will
actually be called after `regen`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from .. import jsonpointer
from ..analyze import analyze
from ..config import ApiConfig, default_config
from ..ir import Api, Operation
from ..lock import NamesLock
from .model import Change
from .operations import paired
from .rules import change
from .sdk_models import diff_models, model_renames
from .surface import match_names, renamed, spelled, verdict


@dataclass(frozen=True)
class _Method:
    resource: str
    operation: Operation

    @property
    def label(self) -> str:
        return f"{self.operation.http_method.upper()} {self.operation.path.unsafe_value}"

    @property
    def pointer(self) -> str:
        return jsonpointer.join(
            "", "paths", self.operation.path.unsafe_value, self.operation.http_method
        )

    @property
    def call(self) -> str:
        return f"client.{self.resource}.{self.operation.name}"


@dataclass(frozen=True)
class _Argument:
    name: str
    wire: tuple[str, str]
    annotation: tuple[str, ...]
    required: bool


def diff_sdk(
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    config: ApiConfig | None = None,
    lock: NamesLock | None = None,
    old_lock: NamesLock | None = None,
) -> list[Change]:
    """SDK changes; `lock` names the new package (as `regen` would), `old_lock` the old one."""
    old_api = _analyze(old, config, old_lock)
    new_api = _analyze(new, config, lock)
    renames = model_renames(old_api.models, new_api.models, new)
    return (
        _package(old_api, new_api)
        + _resources(old_api, new_api)
        + _methods(old_api, new_api, renames)
        + diff_models(old_api, new_api, renames)
    )


def _analyze(document: dict[str, Any], config: ApiConfig | None, lock: NamesLock | None) -> Api:
    if config is None:
        title = (document.get("info") or {}).get("title")
        config = default_config(title if isinstance(title, str) else "API", "openapi.json")
    return analyze(document, config, lock=lock)


def _package(old: Api, new: Api) -> list[Change]:
    changes = []
    for what, before, after in (
        ("package", old.config.package, new.config.package),
        ("client class", old.config.client_class, new.config.client_class),
    ):
        if before != after:
            message = f"the {what} was renamed from {before} to {after}"
            changes.append(change("sdk-package-renamed", None, "/info/title", message))
    return changes


def _resources(old: Api, new: Api) -> list[Change]:
    before = {str(resource.name) for resource in old.resources}
    after = {str(resource.name) for resource in new.resources}
    return [
        change("sdk-resource-removed", None, "", f"client.{name} was removed")
        for name in sorted(before - after)
    ] + [
        change("sdk-resource-added", None, "", f"client.{name} was added")
        for name in sorted(after - before)
    ]


def _methods(old: Api, new: Api, renames: Mapping[str, str]) -> list[Change]:
    changes = []
    for old_method, new_method in paired(_index(old), _index(new)):
        if new_method is None and old_method is not None:
            changes.append(
                change(
                    "sdk-method-removed",
                    old_method.label,
                    old_method.pointer,
                    f"{old_method.call}() was removed",
                )
            )
        elif old_method is None and new_method is not None:
            changes.append(
                change(
                    "sdk-method-added",
                    new_method.label,
                    new_method.pointer,
                    f"{new_method.call}() was added",
                )
            )
        elif old_method is not None and new_method is not None:
            changes += _method(old_method, new_method, renames)
    return changes


def _index(api: Api) -> list[tuple[str, str, _Method]]:
    """Every method by HTTP method and path. A method of an alternative body and an events twin
    (`Operation.events`) are methods of their own, paired only with the same operation's method
    for the same body media type, or its twin."""
    return [
        (kind, operation.path.unsafe_value, _Method(str(resource.name), method))
        for resource in api.resources
        for operation in resource.operations
        for kind, method in _own_methods(operation)
    ]


def _own_methods(operation: Operation) -> list[tuple[str, Operation]]:
    """The operation's methods, each as the operation it sends: the own, one per alternative
    body (keyed by its media type), the events twin."""
    verb = str(operation.http_method)
    methods = [(verb, operation)]
    for body in operation.alternatives:
        assert body.method is not None  # an alternative body always has a method of its own
        alternative = replace(operation, name=body.method, body=body, alternatives=())
        methods.append((f"{verb} {body.media_type.unsafe_value}", alternative))
    if operation.events is not None:
        methods.append((f"{verb} events", operation.events))
    return methods


def _method(old: _Method, new: _Method, renames: Mapping[str, str]) -> list[Change]:
    changes = []
    if old.call != new.call:
        rule_id = "sdk-method-moved" if old.resource != new.resource else "sdk-method-renamed"
        message = f"{old.call}() is now {new.call}()"
        changes.append(change(rule_id, new.label, new.pointer, message))
    changes += _arguments(old, new, renames)
    old_return = renamed(_returns(old.operation), renames)
    new_return = _returns(new.operation)
    moved = verdict(old_return, new_return)
    if moved != "same":
        rule_id = "sdk-return-type-narrowed" if moved == "narrower" else "sdk-return-type-changed"
        message = f"{new.call}() returns {spelled(new_return)} instead of {spelled(old_return)}"
        changes.append(change(rule_id, new.label, new.pointer, message))
    return changes


def _arguments(old: _Method, new: _Method, renames: Mapping[str, str]) -> list[Change]:
    matched = match_names(
        _argument_map(old.operation), _argument_map(new.operation), lambda argument: argument.wire
    )
    call, label, pointer = new.call, new.label, new.pointer
    changes = [
        change("sdk-argument-removed", label, pointer, f"{call}() lost the argument {a.name}")
        for a in matched.removed
    ]
    for argument in matched.added:
        kind = "required" if argument.required else "optional"
        message = f"{call}() takes a new {kind} argument {argument.name}"
        changes.append(change(f"sdk-argument-added-{kind}", label, pointer, message))
    for before, after in matched.renamed:
        message = f"{call}() argument {before.name} is now called {after.name}"
        changes.append(change("sdk-argument-renamed", label, pointer, message))
    for before, after in matched.pairs + matched.renamed:
        if before.required != after.required:
            kind = "required" if after.required else "optional"
            message = f"{call}() argument {after.name} became {kind}"
            changes.append(change(f"sdk-argument-became-{kind}", label, pointer, message))
        old_annotation = renamed(before.annotation, renames)
        moved = verdict(old_annotation, after.annotation)
        if moved != "same":
            rule_id = (
                "sdk-argument-type-widened" if moved == "wider" else "sdk-argument-type-changed"
            )
            message = (
                f"{call}() argument {after.name} annotation changed from "
                f"{spelled(old_annotation)} to {spelled(after.annotation)}"
            )
            changes.append(change(rule_id, label, pointer, message))
    old_order = [str(p.name) for p in old.operation.path_parameters]
    new_order = [str(p.name) for p in new.operation.path_parameters]
    if [n for n in old_order if n in new_order] != [n for n in new_order if n in old_order]:
        message = f"{call}() positional arguments changed from {old_order} to {new_order}"
        changes.append(change("sdk-positional-arguments-reordered", label, pointer, message))
    return changes


def _argument_map(operation: Operation) -> dict[str, _Argument]:
    arguments = [
        _Argument(str(p.name), (p.location, p.wire_name.unsafe_value), p.type.inputs, p.required)
        for p in operation.parameters
    ]
    body = operation.body
    if body is not None:
        arguments += [
            _Argument(str(f.name), ("body", f.wire_name.unsafe_value), f.type.inputs, f.required)
            for f in body.arguments
        ]
    return {argument.name: argument for argument in arguments}


def _returns(operation: Operation) -> tuple[str, ...]:
    """What the method hands back, spelt independently of sync/async page classes."""
    if operation.pagination is not None:
        return (f"Page[{operation.pagination.item_type.output}]",)
    if operation.response.kind == "none":
        return ("None",)
    if operation.response.kind == "binary":
        return ("BinaryResponse",)
    response_type = operation.response.type
    return tuple(response_type.outputs) if response_type is not None else ("Any",)
