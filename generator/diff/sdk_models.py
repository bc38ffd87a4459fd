"""SDK-level rules for model classes and their fields.

A class is recognised across versions by name, or, when its name went away, by where it came from:
the JSON pointer it was hoisted from, even when that place now holds a `$ref` (an inline schema
moved into `components` becomes the component's class). That is a rename for everyone importing
the old name; annotations that merely spell the new name are not reported again.

Whether a field change breaks depends on who uses the model: code reading responses breaks when a
field may hold more (an enum value, `None`, `str` -> `datetime`), code building requests breaks
when it may hold less or must be given. A model's roles come from the operations that use it,
through every class it refers to; a class nothing uses is judged in both roles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .. import jsonpointer
from ..annotate import Annotator
from ..ir import Api, ModelSet, TypeRef
from ..refs import component_name
from .model import Change
from .rules import change
from .surface import match_names, renamed, spelled, verdict

Role = Literal["request", "response"]
_BOTH: frozenset[Role] = frozenset({"request", "response"})


@dataclass(frozen=True)
class _Field:
    name: str
    wire: str
    annotation: tuple[str, ...]
    required: bool


class _Models:
    """One side's models, with the annotation vocabulary the generator uses for them."""

    def __init__(self, api: Api) -> None:
        self.models = api.models
        self.annotator = Annotator(api.models.schemas, api.models.param_names)
        self.where: dict[str, str] = {}
        for pointer, name in sorted(api.models.pointers.items()):
            self.where.setdefault(name, pointer)
        self.roles = _roles(api)

    def fields(self, name: str) -> dict[str, _Field]:
        properties, required = self.models.properties(name)
        names = self.models.field_names.get(name, {})
        fields = [
            _Field(
                names.get(wire, wire),
                wire,
                self.annotator.annotate(schema).outputs,
                wire in required,
            )
            for wire, schema in properties.items()
        ]
        return {field.name: field for field in fields}

    def alias(self, name: str) -> tuple[str, ...]:
        return tuple(self.annotator.annotate(self.models.schemas.get(name, {})).outputs)


def model_renames(old: ModelSet, new: ModelSet, new_document: dict[str, Any]) -> dict[str, str]:
    """Old class name -> the class that now stands where it was hoisted from."""
    gone = set(old.schemas) - set(new.schemas)
    renames: dict[str, str] = {}
    for pointer, name in sorted(old.pointers.items()):
        if name in gone and name not in renames:
            successor = _successor(new, new_document, pointer)
            if successor is not None:
                renames[name] = successor
    return renames


def diff_models(old_api: Api, new_api: Api, renames: Mapping[str, str]) -> list[Change]:
    before, after = _Models(old_api), _Models(new_api)
    old_names, new_names = set(before.models.schemas), set(after.models.schemas)
    changes = [
        change("sdk-model-removed", None, before.where.get(name, ""), f"model {name} was removed")
        for name in sorted(old_names - new_names - renames.keys())
    ]
    changes += [
        change("sdk-model-added", None, after.where.get(name, ""), f"model {name} was added")
        for name in sorted(new_names - old_names - set(renames.values()))
    ]
    changes += [
        change(
            "sdk-model-renamed",
            None,
            after.where.get(new_name, ""),
            f"model {old_name} is now {new_name}",
        )
        for old_name, new_name in sorted(renames.items())
    ]
    pairs = [(name, name) for name in sorted(old_names & new_names)] + sorted(renames.items())
    for old_name, new_name in pairs:
        changes += _ModelPair(before, after, old_name, new_name, renames).changes()
    return changes


class _ModelPair:
    """One class in both versions."""

    def __init__(
        self,
        before: _Models,
        after: _Models,
        old_name: str,
        new_name: str,
        renames: Mapping[str, str],
    ) -> None:
        self.before, self.after = before, after
        self.old_name, self.name = old_name, new_name
        self.renames = renames
        self.pointer = after.where.get(new_name, "")
        used = before.roles.get(old_name, frozenset()) | after.roles.get(new_name, frozenset())
        self.roles = used or _BOTH

    def changes(self) -> list[Change]:
        is_model = self.before.annotator.is_model(self.old_name)
        if not (is_model and self.after.annotator.is_model(self.name)):
            old_alias = self.before.alias(self.old_name)
            return self._retyped("sdk-alias", self.name, old_alias, self.after.alias(self.name))
        matched = match_names(
            self.before.fields(self.old_name), self.after.fields(self.name), lambda f: f.wire
        )
        changes = [
            self._change("sdk-field-removed", f"{self.name}.{f.name} was removed")
            for f in matched.removed
        ]
        for added in matched.added:
            required = added.required and "request" in self.roles
            rule_id = "sdk-field-added-required" if required else "sdk-field-added"
            changes.append(self._change(rule_id, f"{self.name}.{added.name} was added"))
        for old, new in matched.renamed:
            message = f"{self.name}.{old.name} is now {self.name}.{new.name}"
            changes.append(self._change("sdk-field-renamed", message))
        for old, new in matched.pairs + matched.renamed:
            subject = f"{self.name}.{new.name}"
            if old.required != new.required:
                changes.append(self._requiredness(subject, new.required))
            changes += self._retyped("sdk-field", subject, old.annotation, new.annotation)
        return changes

    def _requiredness(self, subject: str, required: bool) -> Change:
        """Readers break when a field may be missing, builders when it must be given."""
        if required:
            breaks = "request" in self.roles
            rule_id = (
                "sdk-field-became-required" if breaks else "sdk-field-became-required-in-response"
            )
        else:
            breaks = "response" in self.roles
            rule_id = (
                "sdk-field-became-optional" if breaks else "sdk-field-became-optional-in-request"
            )
        return self._change(rule_id, f"{subject} became {'required' if required else 'optional'}")

    def _retyped(
        self, prefix: str, subject: str, old: Iterable[str], new: tuple[str, ...]
    ) -> list[Change]:
        old = renamed(old, self.renames)
        moved = verdict(old, new)
        if moved == "same":
            return []
        breaks = (
            moved == "changed"
            or (moved == "wider" and "response" in self.roles)
            or (moved == "narrower" and "request" in self.roles)
        )
        event = "changed" if breaks else "widened" if moved == "wider" else "narrowed"
        message = f"{subject} type changed from {spelled(old)} to {spelled(new)}"
        return [self._change(f"{prefix}-type-{event}", message)]

    def _change(self, rule_id: str, message: str) -> Change:
        return change(rule_id, None, self.pointer, message)


def _successor(new: ModelSet, document: dict[str, Any], pointer: str) -> str | None:
    """The new class at `pointer`, or at the component a `$ref` there now points to."""
    if pointer in new.pointers:
        return new.pointers[pointer]
    try:
        node = jsonpointer.resolve(document, pointer)
    except (KeyError, ValueError):
        return None
    if not isinstance(node, dict):
        return None
    branches = [
        b for b in (node.get("oneOf") or node.get("anyOf") or [node]) if b != {"type": "null"}
    ]
    ref = branches[0].get("$ref") if len(branches) == 1 and isinstance(branches[0], dict) else None
    return new.pointers.get(ref[1:]) if isinstance(ref, str) else None


def _roles(api: Api) -> dict[str, frozenset[Role]]:
    """Which classes responses produce and which requests take, through nested references."""
    seeds: dict[Role, set[str]] = {"request": set(), "response": set()}
    for operation in api.operations:
        request_types = [p.type for p in operation.parameters]
        if operation.body is not None:
            if operation.body.model is not None:
                seeds["request"].add(str(operation.body.model))
            request_types += [argument.type for argument in operation.body.arguments]
        response_types = [e.type for e in operation.errors]
        if operation.response.type is not None:
            response_types.append(operation.response.type)
        if operation.pagination is not None:
            response_types.append(operation.pagination.item_type)
        seeds["request"].update(_models_of(request_types))
        seeds["response"].update(_models_of(response_types))
    roles: dict[str, set[Role]] = {}
    for role, names in seeds.items():
        for name in _reachable(api.models.schemas, names):
            roles.setdefault(name, set()).add(role)
    return {name: frozenset(used) for name, used in roles.items()}


def _models_of(types: list[TypeRef]) -> set[str]:
    return {name for type_ref in types for name in type_ref.models}


def _reachable(schemas: dict[str, Any], names: set[str]) -> set[str]:
    found: set[str] = set()
    stack = sorted(names)
    while stack:
        name = stack.pop()
        if name in found or name not in schemas:
            continue
        found.add(name)
        stack.extend(_refs(schemas[name]))
    return found


def _refs(schema: Any) -> list[str]:
    """Class names a flat schema refers to (hoisted schemas only refer to components)."""
    if isinstance(schema, list):
        return [name for item in schema for name in _refs(item)]
    if not isinstance(schema, dict):
        return []
    name = component_name(schema)
    own = [] if name is None else [name]
    return own + [name for key, value in schema.items() if key != "enum" for name in _refs(value)]
