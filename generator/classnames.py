"""Class names for the schemas `hoist` collected: readable, order-independent, lockable.

Every class gets a name from where it sits (operation, role, property: `CreatePersonaRequest`,
`VoiceDetectionOptions`). A short name is used only when no other schema wants it, so names do not
depend on the order in which things appear; the others are qualified by their parent's name.
Names recorded in the names lock (JSON pointer -> class name) win over everything.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import jsonpointer, schemanames
from .media import encoding, is_json, pick_media
from .naming import (
    ARTICLES,
    Namer,
    bounded_class_name,
    class_name,
    pascal_case,
    singular,
    snake_case,
)
from .refs import SCHEMA_PREFIX
from .walk import HTTP_METHODS

PLACEHOLDER = "#/x-inline/"  # how hoisted schemas refer to each other before they have names
_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")  # PascalCase words

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


_NOT_NAMES = frozenset(
    {"components", "schemas", "properties", "items", "allOf", "anyOf", "oneOf", "prefixItems"}
    | {"additionalProperties", "$defs", "definitions", "paths", "content", "schema"}
    | {"requestBody", "responses", "parameters", "webhooks", "callbacks"}
)
_SUCCESS_NAMES = {
    "201": "Created",
    "202": "Accepted",
    "203": "NonAuthoritative",
    "204": "NoContent",
    "206": "PartialContent",
}


@dataclass
class Entity:
    """A schema that becomes a class: a component, an operation root, or a group of inline twins.

    `fixed` is the name a component or an operation root must have (`alternates` if that one is
    taken: a component called `CreatePetRequest` beside the request body of `createPet`); inline
    schemas have naming hints instead: a title, the short names of their sites, and their
    (parent pointer, short).
    """

    pointers: list[str]
    schema: dict[str, Any]
    fixed: str | None = None
    alternates: tuple[str, ...] = ()
    title: str | None = None
    shorts: list[str] = field(default_factory=list)
    parents: list[tuple[str, str]] = field(default_factory=list)


def assign_names(
    entities: Mapping[str, Entity],
    parent_keys: Mapping[str, str],
    locked: Mapping[str, str],
    reserved: frozenset[str],
    roots: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Entity key -> class name. `parent_keys` maps a site's pointer to its entity's key, `roots`
    an operation schema's pointer (body, response, parameter) to the name it would have.

    Names do not depend on the order schemas appear in: at each step a name goes to a schema only
    if no other schema at that step wants it; the others move on to their next candidate.
    """
    namer = Namer(reserved)
    names: dict[str, str] = {}
    ordered = sorted(entities.items(), key=lambda item: min(item[1].pointers))
    for key, entity in ordered:
        name = next((locked[p] for p in sorted(entity.pointers) if p in locked), None)
        if name:
            names[key] = namer.claim(name)
    fixed = {key: [e.fixed, *e.alternates] for key, e in ordered if key not in names and e.fixed}
    names |= _claim(fixed, namer)
    bare = {key: _bare(entity) for key, entity in ordered if key not in names}
    names |= _claim({key: wanted for key, wanted in bare.items() if wanted}, namer, once=True)
    inline = [key for key, _entity in ordered if key not in names]
    levels = _levels(entities, parent_keys)
    for level in sorted({levels[key] for key in inline}):
        wanted = {
            key: _qualified(entities[key], entities, parent_keys, names, roots or {})
            for key in inline
            if levels[key] == level
        }
        names |= _claim(wanted, namer)
    return names


def _claim(wanted: Mapping[str, list[str]], namer: Namer, *, once: bool = False) -> dict[str, str]:
    """Each key gets its first candidate no other key wants at the same step and no one holds;
    a key out of candidates gets its first one numbered (or, `once`, nothing)."""
    names: dict[str, str] = {}
    pending = dict(wanted)
    step = 0
    while pending:
        counts = Counter(c[step] for c in pending.values() if step < len(c))
        for key, candidates in sorted(pending.items()):
            if step >= len(candidates):
                if not once:
                    names[key] = namer.claim(candidates[0])
            elif counts[candidates[step]] == 1 and candidates[step] not in namer:
                names[key] = namer.claim(candidates[step])
        pending = {k: c for k, c in pending.items() if k not in names and step < len(c)}
        step += 1
    return names


_COLLECTIONS = frozenset({"list", "collection", "page"})
_ROLES = frozenset({"request", "response", "body", "error", "params", "param", "payload"})
_VERBS = frozenset(
    {"get", "list", "create", "update", "delete", "patch", "put", "post", "set", "add"}
    | {"remove", "search", "upload", "download", "fetch", "find", "retrieve", "replace"}
    | {"modify", "query", "start", "stop", "cancel"}
)


def subject(name: str) -> str:
    """What a class is about, for naming what sits in it: `GetSessionAnalyticsResponse` ->
    `SessionAnalytics`, `UpdateAnOrganizationResponse` -> `Organization`, `Persona` -> `Persona`.
    The same for an operation's inline body and a component of the same name, so moving one into
    the other renames nothing inside."""
    words = [word for word in _SPLIT.split(name) if word]
    if len(words) > 1 and words[-1].lower() in _ROLES:
        words = words[:-1]
    if len(words) > 1 and words[0].lower() in _VERBS:
        words = words[1:]
        if len(words) > 1 and words[0].lower() in ARTICLES:
            words = words[1:]
    return "".join(words)


def member(noun: str) -> str:
    """One item of what a collection is about: `SnippetList` -> `Snippet`, `Images` -> `Image`."""
    words = [word for word in _SPLIT.split(noun) if word]
    if len(words) > 1 and words[-1].lower() in _COLLECTIONS:
        words = words[:-1]
    return singular("".join(words))


def _levels(entities: Mapping[str, Entity], parent_keys: Mapping[str, str]) -> dict[str, int]:
    """One more than the deepest class an entity sits in: every parent is named first."""
    levels: dict[str, int] = {}

    def level(key: str, visiting: frozenset[str]) -> int:
        if key not in levels:
            parents = [parent_keys[p] for p, _short in entities[key].parents if p in parent_keys]
            above = [
                level(parent, visiting | {key})
                for parent in parents
                if parent in entities and parent not in visiting | {key}
            ]
            levels[key] = 1 + max(above, default=-1)
        return levels[key]

    for key in entities:
        level(key, frozenset())
    return levels


def _bare(entity: Entity) -> list[str]:
    """Names that need no qualifier: a title; the short name if it has two words or more
    (`VoiceOptions`) or nothing to be qualified by."""
    if entity.fixed:
        return []
    short = _short(entity)
    candidates = [entity.title] if entity.title else []
    if len(_words(short)) > 1 or not any(pointer for pointer, _ in entity.parents):
        candidates.append(short)
    return list(dict.fromkeys(candidates))


def _qualified(
    entity: Entity,
    entities: Mapping[str, Entity],
    parent_keys: Mapping[str, str],
    names: Mapping[str, str],
    roots: Mapping[str, str],
) -> list[str]:
    """The short name qualified by what its parents are about (`SessionAnalyticsConfig`), or
    bare when they are about different things (`ToolCalls` in two classes); then by the first
    parent's whole name (`GetSessionAnalyticsResponseConfig`). With no parent class, by the
    operation schema it sits in (`CreateEnvVarsRequestEnvVar`, the items of an array body whose
    short name a component holds), before falling back to a number."""
    parent_pointer, site_short = sorted(entity.parents)[0] if entity.parents else ("", "")
    site_short = site_short or _short(entity)
    parent_names = [names.get(parent_keys.get(p) or "", "") for p, _short in entity.parents]
    subjects = {subject(name) for name in parent_names if name}
    first = names.get(parent_keys.get(parent_pointer) or "", "")
    candidates = [_join(next(iter(subjects)), site_short)] if len(subjects) == 1 else [site_short]
    if first:
        candidates += [_join(first, site_short), first + site_short]
    elif anchor := _anchor(entity, roots):
        candidates.append(_join(anchor, site_short))
    return list(dict.fromkeys(bounded_class_name(c) for c in candidates))


def _anchor(entity: Entity, roots: Mapping[str, str]) -> str | None:
    """The name of the operation schema the entity sits in, the innermost (an array body's
    items: `CreateEnvVarsRequest`), for a schema in no class."""
    held = [root for root in roots for p in entity.pointers if p.startswith(root + "/")]
    return roots[min(held, key=lambda root: (-len(root), root))] if held else None


def _short(entity: Entity) -> str:
    counts = Counter(entity.shorts or ["Model"])
    return min(counts, key=lambda name: (-counts[name], len(name), name))


def _join(qualifier: str, short: str) -> str:
    """`Persona` + `PersonaConfig` is `PersonaConfig`, not `PersonaPersonaConfig`, and the items
    of `ListAvatarsResponse.data` (named from `Avatars` already) are `Avatar`."""
    if short.startswith(qualifier) or member(qualifier) == singular(short):
        return short
    return qualifier + short


def _words(name: str) -> list[str]:
    return [word for word in snake_case(name).split("_") if word]


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


def primary_media(media_types: list[str], *, request: bool) -> str | None:
    """The media type whose schema keeps the plain name: the one a method sends (multipart,
    then JSON...), or for a response the JSON one."""
    if request:
        return pick_media(media_types)
    return next((media for media in media_types if is_json(media)), next(iter(media_types), None))


def referenced_short(pointer: str, node: Any = None) -> str:
    """A short name for a schema a `$ref` reaches inside another: its last name-like token
    (`#/components/schemas/Page/properties/total` -> `Total`), and for an `allOf` member what
    it is of it (`TagBase`, `TagPart2`). An operation's method is no name: a member of an
    operation's own schema (DigitalOcean shares `links` and `meta` as `allOf/1` and `allOf/2`
    of one list's response) takes the name of the one property it declares, else its path's
    (`DropletsPart2`)."""
    tokens = jsonpointer.split(pointer)
    words = [
        t
        for i, t in enumerate(tokens)
        if t not in _NOT_NAMES
        and not t.isdigit()
        and "/" not in t
        and not (t in HTTP_METHODS and i > 0 and tokens[i - 1].startswith("/"))
    ]
    if not words and _sole_property(node):
        return class_name(_sole_property(node), fallback="Model")
    words = words or _path_words(tokens)
    short = class_name(words[-1], fallback="Model") if words else "Model"
    if len(tokens) > 1 and tokens[-2] == "allOf" and tokens[-1].isdigit():
        index = int(tokens[-1])
        short += "Base" if index == 0 else f"Part{index + 1}"
    return short


def _path_words(tokens: list[str]) -> list[str]:
    """The literal segments of the path an operation's schema sits under (`/v2/droplets` ->
    `droplets`), for a schema with no name of its own there."""
    path = next((t for t in tokens if t.startswith("/")), "")
    return [s for s in path.split("/") if s and not s.startswith("{") and not s.isdigit()]


def _sole_property(node: Any) -> str:
    """The name of the one property `node` declares, else empty."""
    properties = node.get("properties") if isinstance(node, dict) else None
    return next(iter(properties)) if isinstance(properties, dict) and len(properties) == 1 else ""


def component_class_names(document: dict[str, Any]) -> frozenset[str]:
    """The class names components ask for: resource classes step aside for them (a tag `Shapes`
    beside a schema `Shapes` makes `ShapesResource`), since users import models by name."""
    return frozenset(schemanames.component_class_names(document).values())


def event_name(operation: dict[str, Any], name: str) -> str:
    """`NewPet`: a webhook's or callback's operationId, else its key."""
    return class_name(str(operation.get("operationId") or "") or name, fallback="Event")


def noun(op_name: str) -> str:
    """`ListPersonas` -> `Personas`: the operation name without its leading verb (and the
    article after it: `ListAnOrganizationMetricAlertRules` -> `OrganizationMetricAlertRules`)."""
    words = [w for w in snake_case(op_name).split("_") if w]
    if len(words) > 2 and words[1] in ARTICLES:
        del words[1]
    return pascal_case("_".join(words[1:])) if len(words) > 1 else pascal_case(op_name)


def media_suffix(media: str, role: str = "Request") -> str:
    """`JsonRequest`, `MultipartRequest`, `XmlResponse`...: the variants beside the media type a
    method sends or reads itself."""
    kind = encoding(media)
    return (pascal_case(kind) if kind != "binary" else pascal_case(media.split("/")[-1])) + role


def with_role(name: str, role: str) -> str:
    """`name` followed by its role (`EnrichmentQueryPost` + `Request`), said once: a name that
    ends in the role already (a component `EnrichmentQueryPostRequest`) is kept as it is."""
    return name if name.endswith(role) else name + role


def response_role(status: str, *, first: bool) -> str:
    """`Response` for the reply (`first`: see `answers.first_reply`), `CreatedResponse` for
    another success; `NotFoundError`, `Status418Error` or `DefaultError` for the others."""
    if first or status.startswith("2"):
        return "Response" if first else _SUCCESS_NAMES.get(status, "Status" + status) + "Response"
    return _STATUS_NAMES.get(status.lower(), "Status" + pascal_case(status)) + "Error"
