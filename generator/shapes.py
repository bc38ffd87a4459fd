"""Schemas reshaped so that datamodel-code-generator makes exactly the types they mean, and no more.

datamodel-code-generator names whatever it has to declare on its own: a constrained string inside
an array becomes `XItem = Annotated[str, ...]`, a string with `properties` a class `Status`. Such
a name can take the name of one of our classes, which it then renames (`StatusModel`), leaving the
public name on the wrong type. So before hoisting, every schema is reshaped here into a form it
spells inline, without changing what the API accepts or returns:

- keywords that only apply to a type the schema does not allow are dropped (`properties` on a
  string), and so are keywords no Python type expresses (`not`, `if`, `propertyNames`...);
- where a type is nested (array items, map values, union branches) its constraints are dropped;
- a `type` beside a `$ref` restates the target's and goes, but a `null` in it (a 3.0 `nullable`
  there) makes the reference nullable: `anyOf: [$ref, null]`;
- a `$ref` with assertions beside it (`required`, `properties`) becomes `allOf: [$ref, rest]`, and
  an `allOf` inside an `allOf` is flattened: both mean the same and make one class; a property
  that several members declare is read-only (or write-only) as the last declaration says;
- `patternProperties` become the map's values (the key patterns are a regex dialect of their own),
  and `prefixItems` a list of any of their types;
- an object with `properties` beside `oneOf` is one of the branches with those properties each;
- a map (`additionalProperties: V`, no `properties`) beside `oneOf`/`anyOf` is that map: V holds
  for every key, so the branches only name keys the value may have;
- a map that may be null (`type: [object, null]`, a 3.0 `nullable` map) is `anyOf: [map, null]`.
"""

from __future__ import annotations

from typing import Any

from . import keywords

# Keywords that say nothing a value must be: beside a `$ref` they make no type of their own
# (a property's `examples` next to its enum's `$ref` is still that enum).
_ANNOTATIONS = frozenset(
    {"title", "description", "default", "deprecated", "readOnly", "writeOnly", "x-sdk-secret"}
    | {"example", "examples", "externalDocs", "$comment"}
)
_BY_TYPE = {
    "object": frozenset(
        {
            "properties",
            "additionalProperties",
            "patternProperties",
            "required",
            "minProperties",
            "maxProperties",
            "discriminator",
        }
    ),
    "array": frozenset({"items", "prefixItems", "minItems", "maxItems", "uniqueItems"}),
    "string": frozenset({"minLength", "maxLength"}),
}
_NUMERIC = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"})
_CONSTRAINTS = _NUMERIC | frozenset(
    {"minLength", "maxLength", "minItems", "maxItems", "uniqueItems"}
    | {"minProperties", "maxProperties"}
)
_UNTYPED = frozenset(
    {
        "not",
        "if",
        "then",
        "else",
        "contains",
        "minContains",
        "maxContains",
        "dependentSchemas",
        "dependentRequired",
        "dependencies",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
        "$defs",
        "definitions",
        "$id",
        "$schema",
        "$anchor",
        "$dynamicAnchor",
        "$vocabulary",
        "contentMediaType",
        "contentEncoding",
        "contentSchema",
    }
)


def canonical(schema: dict[str, Any], *, nested: bool) -> dict[str, Any]:
    """`schema` in the form datamodel-code-generator spells inline (see the module docstring).

    `nested` is true where the schema is not a field of a class: items, map values, branches.
    """
    out = {key: value for key, value in schema.items() if key not in _UNTYPED}
    out = _map_beside_union(out)
    out = _nullable_map(out)
    out = _branches_with_common_properties(out)
    out = _pattern_properties(out)
    out = _prefix_items(out)
    out = _applicable(out)
    if nested:
        out = {key: value for key, value in out.items() if key not in _CONSTRAINTS}
    if "$ref" in out and "type" in out:
        out = _ref_without_type(out)
    if "$ref" in out and _assertions(out) - {"$ref"}:
        out = _ref_with_assertions(out)
    if isinstance(out.get("allOf"), list):
        out["allOf"] = _last_visibility(_flat_all_of(out["allOf"]))
        out = _distributed(out)
    return simplify(out)


def _applicable(schema: dict[str, Any]) -> dict[str, Any]:
    """Keywords for types the schema's `type` rules out say nothing: drop them."""
    kinds = keywords.types(schema)
    if not kinds:
        return schema
    dropped: set[str] = set()
    for kind, owned in _BY_TYPE.items():
        if kind not in kinds:
            dropped |= owned
    if not kinds & {"integer", "number"}:
        dropped |= _NUMERIC
    return {key: value for key, value in schema.items() if key not in dropped}


def _map_beside_union(schema: dict[str, Any]) -> dict[str, Any]:
    """`{additionalProperties: V, anyOf: [A, B]}` -> `{additionalProperties: V}`.

    With no `properties` beside it, V constrains every key of the value, so whichever branch it
    matches the value is a map of V; the branches only list keys it may carry (Adyen's
    `additionalData`: string values, with well-known keys in a dozen schemas). Kept, they would
    be classes datamodel-code-generator names on its own, each a branch merged with the map.
    V open to anything (`true`, `{}`) says no more than the branches' own open objects do: then
    the branches are the type, and V goes."""
    unions = [key for key in ("oneOf", "anyOf") if isinstance(schema.get(key), list)]
    if not unions or not _only_a_map(schema):
        return schema
    if schema["additionalProperties"] in (True, {}):
        return {k: v for k, v in schema.items() if k != "additionalProperties"}
    out = {k: v for k, v in schema.items() if k not in (*unions, "discriminator")}
    branches = [branch for key in unions for branch in schema[key]]
    if not any(isinstance(b, dict) and keywords.types(b) == {"null"} for b in branches):
        return out
    outer = {key: value for key, value in out.items() if key in _ANNOTATIONS}
    inner = {key: value for key, value in out.items() if key not in _ANNOTATIONS}
    inner["type"] = "object"
    return {**outer, "anyOf": [inner, {"type": "null"}]}  # a `{type: null}` branch allowed null


def _nullable_map(schema: dict[str, Any]) -> dict[str, Any]:
    """`{type: [object, null], additionalProperties: V}` -> `{anyOf: [{type: object, ...}, null]}`.

    datamodel-code-generator reads a map whose `type` is a list without its values' type
    (Sentry's nullable `latestDeploys` map of maps of strings became `dict[str, Any] | None`);
    the same map as a branch beside `null` keeps them (`dict[str, dict[str, str]] | None`)."""
    if keywords.types(schema) != {"object", "null"} or not isinstance(schema.get("type"), list):
        return schema
    if not _only_a_map(schema) or schema["additionalProperties"] in (True, {}):
        return schema
    outer = {key: value for key, value in schema.items() if key in _ANNOTATIONS}
    inner = {key: value for key, value in schema.items() if key not in _ANNOTATIONS}
    inner["type"] = "object"
    if isinstance(inner.get("enum"), list):
        inner["enum"] = [value for value in inner["enum"] if value is not None]
    return {**outer, "anyOf": [inner, {"type": "null"}]}


def _only_a_map(schema: dict[str, Any]) -> bool:
    """An object whose every key `additionalProperties` holds to a schema: none is named."""
    extra = schema.get("additionalProperties")
    named = schema.get("properties") or schema.get("patternProperties")
    kinds = keywords.types(schema) - {"null"}
    return (extra is True or isinstance(extra, dict)) and not named and kinds <= {"object"}


def _branches_with_common_properties(schema: dict[str, Any]) -> dict[str, Any]:
    """`{properties: P, oneOf: [A, B]}` -> `{oneOf: [{allOf: [A, {properties: P}]}, ...]}`."""
    key = next((k for k in ("oneOf", "anyOf") if isinstance(schema.get(k), list)), None)
    if key is None or not schema.get("properties"):
        return schema
    if all(keywords.is_constraint_only(branch) for branch in schema[key]):
        return schema
    outer = {k: v for k, v in schema.items() if k in _ANNOTATIONS}
    common = {
        k: v
        for k, v in schema.items()
        if k not in _ANNOTATIONS and k not in ("oneOf", "anyOf", "discriminator")
    }
    return {**outer, key: [{"allOf": [branch, common]} for branch in schema[key]]}


def _pattern_properties(schema: dict[str, Any]) -> dict[str, Any]:
    patterns = schema.get("patternProperties")
    if patterns is None:
        return schema
    out = {key: value for key, value in schema.items() if key != "patternProperties"}
    values = list(patterns.values()) if isinstance(patterns, dict) else []
    extra = out.get("additionalProperties")
    if values and (extra is None or extra is False):
        out["additionalProperties"] = values[0] if len(values) == 1 else {"anyOf": values}
    return out


def _prefix_items(schema: dict[str, Any]) -> dict[str, Any]:
    """`prefixItems: [A, B]` (a tuple) -> `items: {anyOf: [A, B]}`: a list of either, which is
    what a Python list type can say; `items` beside them joins the union."""
    prefix = schema.get("prefixItems")
    if not isinstance(prefix, list) or not prefix:
        return schema
    rest = schema.get("items")
    members = [*prefix, *([rest] if isinstance(rest, dict) else [])]
    out = {key: value for key, value in schema.items() if key != "prefixItems"}
    out["items"] = members[0] if len(members) == 1 else {"anyOf": members}
    return out


def _assertions(schema: dict[str, Any]) -> set[str]:
    """The keys of `schema` that say what a value must be: not annotations, and not extensions
    (AutoRest's `x-ms-client-flatten` beside a `$ref` makes no type of its own)."""
    return {key for key in schema if not key.startswith("x-")} - _ANNOTATIONS


def _ref_without_type(schema: dict[str, Any]) -> dict[str, Any]:
    """`{$ref: A, type: string}` -> `{$ref: A}`: generators write the target's type beside every
    reference (Twilio), and as an `allOf` member of its own it would make an empty class; with
    `null` among the types -> `anyOf: [{$ref: A}, {type: null}]`."""
    out = {key: value for key, value in schema.items() if key != "type"}
    if "null" not in keywords.types(schema):
        return out
    outer = {key: value for key, value in out.items() if key in _ANNOTATIONS}
    inner = {key: value for key, value in out.items() if key not in _ANNOTATIONS}
    if _assertions(inner) - {"$ref"}:
        inner = _ref_with_assertions(inner)
    return {**outer, "anyOf": [inner, {"type": "null"}]}


def _ref_with_assertions(schema: dict[str, Any]) -> dict[str, Any]:
    """`{$ref: A, required: [x]}` -> `{allOf: [{$ref: A}, {required: [x]}]}` (3.1 semantics,
    and the plain intent of the same spelling in 3.0)."""
    outer = {key: value for key, value in schema.items() if key in _ANNOTATIONS}
    rest = {key: value for key, value in schema.items() if key not in _ANNOTATIONS | {"$ref"}}
    return {**outer, "allOf": [{"$ref": schema["$ref"]}, rest]}


def _flat_all_of(members: list[Any]) -> list[Any]:
    """`allOf: [{allOf: [A, B]}, C]` -> `allOf: [A, B, C]`; annotations of a member go."""
    flat: list[Any] = []
    for member in members:
        inner = member.get("allOf") if isinstance(member, dict) else None
        if not isinstance(inner, list):
            flat.append(member)
            continue
        flat.extend(_flat_all_of(inner))
        rest = {k: v for k, v in member.items() if k != "allOf" and k not in _ANNOTATIONS}
        if rest:
            flat.append(rest)
    return flat


_VISIBILITY = ("readOnly", "writeOnly")


def _last_visibility(members: list[Any]) -> list[Any]:
    """A property that several inline members declare is read- or write-only as the last of
    them says: `allOf: [{id, type (readOnly)}, {type: enum [tag], required}]` is a common base
    whose `type` a subtype redeclares for clients to send (as a `$ref`ed base is overridden)."""
    last: dict[str, Any] = {}
    for member in members:
        last.update(_inline_properties(member))
    return [_with_visibility(member, last) for member in members]


def _with_visibility(member: Any, last: dict[str, Any]) -> Any:
    properties = _inline_properties(member)
    changed = {}
    for name, prop in properties.items():
        final = last[name]
        if prop is final or not isinstance(prop, dict) or not isinstance(final, dict):
            continue
        visibility = {key: final[key] for key in _VISIBILITY if key in final}
        changed[name] = {k: v for k, v in prop.items() if k not in _VISIBILITY} | visibility
    return {**member, "properties": {**properties, **changed}} if changed else member


def _inline_properties(member: Any) -> dict[str, Any]:
    if not isinstance(member, dict) or "$ref" in member:
        return {}
    properties = member.get("properties")
    return properties if isinstance(properties, dict) else {}


_MAX_COMBINATIONS = 16


def _distributed(schema: dict[str, Any]) -> dict[str, Any]:
    """`allOf: [{anyOf: [A, B]}, C]` -> `anyOf: [{allOf: [A, C]}, {allOf: [B, C]}]`: a value
    matching all of them matches one branch and the rest, and each pair is a class of its own.
    (Several unions multiply; beyond a few combinations they are left to match any value.)"""
    members = schema["allOf"]
    unions = [i for i, m in enumerate(members) if _union_only(m)]
    if not unions:
        return schema
    combinations: list[list[Any]] = [[]]
    for index, member in enumerate(members):
        options = _branches(member) if index in unions else [member]
        combinations = [[*done, option] for done in combinations for option in options]
    if len(combinations) > _MAX_COMBINATIONS:
        kept = [m for i, m in enumerate(members) if i not in unions]
        return {**schema, "allOf": kept}
    outer = {key: value for key, value in schema.items() if key != "allOf"}
    return {**outer, "anyOf": [{"allOf": combination} for combination in combinations]}


def _union_only(member: Any) -> bool:
    """A member that is a union and nothing more (annotations aside)."""
    if not isinstance(member, dict):
        return False
    key = "oneOf" if "oneOf" in member else "anyOf"
    rest = {k for k in member if not k.startswith("x-")} - _ANNOTATIONS - {key, "discriminator"}
    return isinstance(member.get(key), list) and bool(member[key]) and not rest - {"type"}


def _branches(member: dict[str, Any]) -> list[Any]:
    return list(member.get("oneOf") or member.get("anyOf") or [])


def without_docs(schema: Any) -> Any:
    """The schema without its documentation: what decides whether two schemas are the same."""
    if isinstance(schema, list):
        return [without_docs(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        key: value if key in ("enum", "const", "default") else without_docs(value)
        for key, value in schema.items()
        if key not in ("description", "title")
    }


def simplify(schema: dict[str, Any]) -> dict[str, Any]:
    """`allOf` of one member is that member, when nothing beside it contradicts it: a `$ref`
    keeps only annotations beside it (anything else makes it a subclass)."""
    members = schema.get("allOf")
    if not (isinstance(members, list) and len(members) == 1 and isinstance(members[0], dict)):
        return schema
    member = members[0]
    outer = {key: value for key, value in schema.items() if key != "allOf"}
    if "$ref" in member:
        return {**member, **outer} if set(outer) <= _ANNOTATIONS else schema
    if any(key in member and member[key] != value for key, value in outer.items()):
        return schema
    return {**member, **outer}
