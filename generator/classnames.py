"""Class names for the schemas `hoist` collected: readable, order-independent, lockable.

Every class gets a name from where it sits (operation, role, property: `CreatePersonaRequest`,
`VoiceDetectionOptions`). A short name is used only when no other schema wants it, so names do not
depend on the order in which things appear; the others are qualified by their parent's name.
Names recorded in the names lock (JSON pointer -> class name) win over everything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import jsonpointer
from .media import encoding
from .naming import Namer, class_name, pascal_case, snake_case
from .refs import SCHEMA_PREFIX

PLACEHOLDER = "#/x-inline/"  # how hoisted schemas refer to each other before they have names

_STATUS_NAMES = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "NotFound",
    "409": "Conflict",
    "422": "UnprocessableEntity",
    "429": "RateLimit",
    "500": "InternalServer",
    "502": "BadGateway",
    "503": "ServiceUnavailable",
    "default": "Default",
}


@dataclass
class Entity:
    """A schema that becomes a class: a component, an operation root, or a group of inline twins.

    `fixed` is the name a component or an operation root must have; inline schemas have naming
    hints instead: a title, the short names of their sites, and their (parent pointer, short).
    """

    pointers: list[str]
    schema: dict[str, Any]
    fixed: str | None = None
    title: str | None = None
    shorts: list[str] = field(default_factory=list)
    parents: list[tuple[str, str]] = field(default_factory=list)


def assign_names(
    entities: Mapping[str, Entity],
    parent_keys: Mapping[str, str],
    locked: Mapping[str, str],
    reserved: frozenset[str],
) -> dict[str, str]:
    """Entity key -> class name. `parent_keys` maps a site's pointer to its entity's key."""
    namer = Namer(reserved)
    names: dict[str, str] = {}
    ordered = sorted(entities.items(), key=lambda item: min(item[1].pointers))
    for key, entity in ordered:
        name = next((locked[p] for p in sorted(entity.pointers) if p in locked), None)
        if name:
            names[key] = namer.claim(name)
    for key, entity in ordered:
        if key not in names and entity.fixed:
            names[key] = namer.claim(entity.fixed)
    wanted = Counter(_preferred(entity) for entity in entities.values() if not entity.fixed)
    for key, entity in ordered:
        if key in names:
            continue
        preferred = _preferred(entity)
        if wanted[preferred] == 1 and preferred not in namer:
            names[key] = namer.claim(preferred)
    for key, _entity in ordered:
        if key not in names:
            names[key] = namer.claim(_qualified(key, entities, parent_keys, names))
    return names


def _preferred(entity: Entity) -> str:
    if entity.title:
        return entity.title
    counts = Counter(entity.shorts)
    return min(counts, key=lambda name: (-counts[name], len(name), name))


def _qualified(
    key: str,
    entities: Mapping[str, Entity],
    parent_keys: Mapping[str, str],
    names: dict[str, str],
) -> str:
    """The short name prefixed by the name of the class it sits in (`PersonaConfig`)."""
    parent_pointer, short = sorted(entities[key].parents)[0]
    parent_key = parent_keys.get(parent_pointer)
    parent = names.get(parent_key, "") if parent_key else ""
    if parent_key and not parent:
        parent = _qualified(parent_key, entities, parent_keys, names)
    return short if short.startswith(parent) else parent + short


def resolve(schema: Any, names: Mapping[str, str]) -> Any:
    """Placeholders and component refs -> `#/components/schemas/<final class name>`."""
    if isinstance(schema, list):
        return [resolve(item, names) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "$ref" and isinstance(value, str):
            out[key] = _resolve_ref(value, names)
        elif key == "discriminator" and isinstance(value, dict) and "mapping" in value:
            mapping = {tag: _resolve_ref(ref, names) for tag, ref in value["mapping"].items()}
            out[key] = {**value, "mapping": mapping}
        elif key in ("enum", "const", "default"):
            out[key] = value
        else:
            out[key] = resolve(value, names)
    return out


def _resolve_ref(ref: str, names: Mapping[str, str]) -> str:
    if ref.startswith(PLACEHOLDER):
        key = jsonpointer.unescape(ref[len(PLACEHOLDER) :])
        return SCHEMA_PREFIX + names[key]
    if ref.startswith(SCHEMA_PREFIX):
        pointer = ref[1:]
        if pointer in names:
            return SCHEMA_PREFIX + names[pointer]
    return ref


# -- naming hints, taken where a schema sits ---------------------------------------------------


def operation_name(operation: dict[str, Any], method: str, path: str) -> str:
    """`CreatePersona`: the operationId, else the method and path."""
    return class_name(
        str(operation.get("operationId") or "")
        or f"{method} {path.replace('{', '').replace('}', '')}",
        fallback="Operation",
    )


def noun(op_name: str) -> str:
    """`ListPersonas` -> `Personas`: the operation name without its leading verb."""
    words = [w for w in snake_case(op_name).split("_") if w]
    return pascal_case("_".join(words[1:])) if len(words) > 1 else pascal_case(op_name)


def media_suffix(media: str) -> str:
    """`JsonRequest`, `MultipartRequest`...: the body variants a method does not send itself."""
    kind = encoding(media)
    return (
        pascal_case(kind) if kind != "binary" else pascal_case(media.split("/")[-1])
    ) + "Request"


def response_role(status: str) -> str:
    """`Response` for a success, `NotFoundError` or `Status418Error` for the others."""
    if status.startswith("2"):
        return "Response"
    return _STATUS_NAMES.get(status.lower(), "Status" + pascal_case(status)) + "Error"


def branch_shorts(branches: list[Any], base: str) -> list[str]:
    """Names for union branches: titles, else the base name for the richest branch and
    `<Base>With<Property>` for the others (named by a property only they have)."""
    base = base or "Variant"
    props = [set(b.get("properties") or {}) if isinstance(b, dict) else set() for b in branches]
    primary = max(range(len(branches)), key=lambda i: (len(props[i]), -i)) if branches else 0
    shorts = []
    for index, branch in enumerate(branches):
        title = branch.get("title") if isinstance(branch, dict) else None
        if isinstance(title, str) and class_name(title, fallback=""):
            shorts.append(class_name(title, fallback="Variant"))
        elif index == primary:
            shorts.append(base)
        else:
            own = sorted(props[index] - props[primary]) or sorted(props[index])
            shorts.append(
                base + "With" + class_name(own[0], fallback="Field") if own else base + "Variant"
            )
    return shorts
