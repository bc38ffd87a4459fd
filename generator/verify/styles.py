"""Parameters read off the wire as the spec's `style` and `explode` say they are written.

OpenAPI serializes a parameter by its location, `style` and `explode` (defaults: `form` with
explode for query and cookie, `simple` without for path and header): an array may arrive as
`?id=1&id=2`, `?id=1,2`, `?id=1%202`, `?id=1|2`; an object as `?R=1&G=2`, `?c=R,1,G,2` or
`?c[R]=1&c[G]=2` (`deepObject`); a parameter with `content` instead of `schema` arrives as that
media type (JSON). This module reads each back into the JSON value it stands for, so the
validator checks it against the schema and `expect.py` compares it with the argument given.

openapi-core 0.23.1 reads several of these wrongly (see `tolerances.py`), so this is ours.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .schemas import properties_of, resolved_schema
from .wire import WireRequest, schema_types, text_value

_DEFAULT_STYLE = {"query": "form", "cookie": "form", "path": "simple", "header": "simple"}
_DELIMITERS = {"spaceDelimited": " ", "pipeDelimited": "|", "form": ",", "simple": ","}
MISSING: Any = object()


@dataclass(frozen=True)
class ParameterSpec:
    """A parameter object of the spec, with the defaults OpenAPI gives it filled in."""

    name: str
    location: str
    required: bool
    schema: Any
    style: str
    explode: bool
    json_content: bool  # declared with `content: {application/json: ...}` instead of `schema`

    @classmethod
    def of(cls, document: dict[str, Any], parameter: Mapping[str, Any]) -> ParameterSpec:
        location = str(parameter.get("in"))
        style = str(parameter.get("style") or _DEFAULT_STYLE.get(location, "form"))
        content = parameter.get("content")
        schema: Any = parameter.get("schema", {})
        if isinstance(content, dict) and content:
            schema = next(iter(content.values())).get("schema", {})
        explode = parameter.get("explode")
        return cls(
            name=str(parameter.get("name")),
            location=location,
            required=bool(parameter.get("required")) or location == "path",
            schema=schema,
            style=style,
            explode=bool(style == "form") if explode is None else bool(explode),
            json_content=isinstance(content, dict) and bool(content),
        )

    def shape(self, document: dict[str, Any]) -> str:
        """`array`, `object` or `scalar`: what decides how the text is split."""
        kinds = [k for k in schema_types(document, self.schema) if k != "null"]
        if kinds[:1] == ["array"]:
            return "array"
        return "object" if kinds[:1] == ["object"] else "scalar"


def read_parameter(
    document: dict[str, Any],
    spec: ParameterSpec,
    request: WireRequest,
    path_variables: Mapping[str, str],
    others: frozenset[str] = frozenset(),
) -> Any:
    """The parameter's value in `request`, or `MISSING`; `others` are the query names the
    operation's other parameters own (a free-form exploded object takes every other key)."""
    if spec.location == "path":
        raw = path_variables.get(spec.name)
        if raw is None:
            return MISSING
        return _from_text(document, spec, _unstyle_path(document, spec, raw))
    if spec.location == "header":
        text = request.headers.get(spec.name.lower())
        return MISSING if text is None else _from_text(document, spec, text)
    if spec.location == "cookie":
        text = request.cookies.get(spec.name)
        return MISSING if text is None else _from_text(document, spec, text)
    return _from_query(document, spec, request.query, others)


def query_names(
    document: dict[str, Any], spec: ParameterSpec, sent: list[str], others: frozenset[str]
) -> set[str]:
    """The query keys among `sent` that belong to this parameter (an exploded object owns its
    properties' keys, or every key no other parameter owns; a deepObject every `name[...]`)."""
    if spec.location != "query":
        return set()
    if spec.style == "deepObject":
        return {key for key in sent if key == spec.name or key.startswith(spec.name + "[")}
    if spec.explode and spec.shape(document) == "object" and not spec.json_content:
        declared = set(properties_of(document, spec.schema))
        return declared or {key for key in sent if key not in others}
    return {spec.name}


def owned_query_names(document: dict[str, Any], specs: Iterable[ParameterSpec]) -> frozenset[str]:
    """The query keys `specs` own by their names alone: what a free-form exploded object among
    them must leave to the others (which of them is which is `owned - {its name}`)."""
    return frozenset(
        name for spec in specs for name in query_names(document, spec, [], frozenset())
    )


def times_sent(spec: ParameterSpec, request: WireRequest) -> int:
    """How often a query parameter that takes one value was sent (a repeat is a violation)."""
    return sum(1 for key, _ in request.query if key == spec.name)


# -- by location ------------------------------------------------------------------------------


def _from_query(
    document: dict[str, Any],
    spec: ParameterSpec,
    pairs: list[tuple[str, str]],
    others: frozenset[str],
) -> Any:
    shape = spec.shape(document)
    if spec.json_content:
        values = [value for key, value in pairs if key == spec.name]
        return MISSING if not values else _json(values[-1])
    if spec.style == "deepObject":
        return _deep_object(document, spec, pairs)
    if spec.explode and shape == "object":
        properties = properties_of(document, spec.schema)
        owned = query_names(document, spec, [key for key, _ in pairs], others)
        found = {key: value for key, value in pairs if key in owned}
        if not found:
            return MISSING
        return {key: text_value(document, properties.get(key, {}), v) for key, v in found.items()}
    values = [value for key, value in pairs if key == spec.name]
    if not values:
        return MISSING
    if shape == "array" and spec.explode:
        return [text_value(document, _items(document, spec.schema), text) for text in values]
    return _from_text(document, spec, values[-1])


def _from_text(document: dict[str, Any], spec: ParameterSpec, text: str) -> Any:
    """One text that holds the whole value (a header, a cookie, a path segment, an unexploded
    query value), split by the style's delimiter."""
    if spec.json_content:
        return _json(text)
    shape = spec.shape(document)
    delimiter = _DELIMITERS.get(spec.style, ",")
    if shape == "array":
        items = _items(document, spec.schema)
        if delimiter == "," and set(schema_types(document, items)) & {"object", "array"}:
            joined = _json(f"[{text}]")  # tolerance 10: structured items, each as JSON
            if isinstance(joined, list):
                return joined
        parts = _split(text, delimiter, spec.location == "header")
        return [text_value(document, items, part) for part in parts]
    if shape == "object":
        properties = properties_of(document, spec.schema)
        if spec.explode and spec.location in ("header", "path"):
            pairs = [part.partition("=") for part in _split(text, ",", True)]
            entries = [(key, value) for key, _, value in pairs]
        else:
            parts = _split(text, delimiter, spec.location == "header")
            entries = list(zip(parts[::2], parts[1::2], strict=False))
        return {key: text_value(document, properties.get(key, {}), value) for key, value in entries}
    return text_value(document, spec.schema, text)


def _unstyle_path(document: dict[str, Any], spec: ParameterSpec, raw: str) -> str:
    """A `label` (`.a.b`) or `matrix` (`;id=a,b`) path value as the plain `simple` text."""
    if spec.style == "label":
        text = raw[1:] if raw.startswith(".") else raw
        # Only an exploded array or object is dot-separated; a value's own dots are its own.
        exploded = spec.explode and spec.shape(document) != "scalar"
        return text.replace(".", ",") if exploded else text
    if spec.style == "matrix" and spec.explode and spec.shape(document) == "object":
        return raw[1:].replace(";", ",")  # `;R=1;G=2` names each property, not the parameter
    if spec.style == "matrix":
        pattern = rf";{re.escape(spec.name)}=([^;]*)"
        return ",".join(re.findall(pattern, raw)) if spec.explode else raw.partition("=")[2]
    return raw


def _deep_object(
    document: dict[str, Any], spec: ParameterSpec, pairs: list[tuple[str, str]]
) -> Any:
    """`filter[status]=open&filter[owner][id]=7` -> `{"status": "open", "owner": {"id": 7}}`.

    Where the schema is an array, indexed keys are its items: `expand[0]=a&expand[1]=b` ->
    `["a", "b"]`, `items[0][price]=7` -> `[{"price": 7}]` (how Stripe writes arrays in queries
    and form bodies). Indices must run 0..n-1; any other keys stay an object, which the schema
    check then rejects.
    """
    tree: dict[str, Any] = {}
    prefix = spec.name + "["
    for key, text in pairs:
        if not key.startswith(prefix) or not key.endswith("]"):
            continue
        steps = key[len(prefix) : -1].split("][")
        node = tree
        for step in steps[:-1]:
            node = node.setdefault(step, {})
            if not isinstance(node, dict):
                break  # `a[b]=1&a[b][c]=2`: a value and a node at once; the value stays
        else:
            node[steps[-1]] = text
    if not tree:  # `filter=open` is no deepObject: the schema check says what it is instead
        bare = [text for key, text in pairs if key == spec.name]
        return text_value(document, spec.schema, bare[-1]) if bare else MISSING
    return _typed_tree(document, spec.schema, tree)


def _typed_tree(document: dict[str, Any], schema: Any, node: Any) -> Any:
    """Bracketed keys' texts (a tree of dicts) as the values `schema` describes."""
    if not isinstance(node, dict):
        return text_value(document, schema, node)
    indices = sorted(int(key) for key in node if key.isdigit())
    if "array" in schema_types(document, schema) and indices == list(range(len(node))):
        items = _items(document, schema)
        return [_typed_tree(document, items, node[str(index)]) for index in indices]
    return {
        key: _typed_tree(document, _member_schema(document, schema, key), child)
        for key, child in node.items()
    }


def _member_schema(document: dict[str, Any], schema: Any, key: str, depth: int = 0) -> Any:
    """The schema of property `key` of an object `schema`, looking into its compositions (an
    `anyOf` of an object and a scalar, as Stripe's `created` filter is). Branches that declare
    the key differently may each be the one sent (a union of components whose `components`
    hold other kinds): the property may then be any of their declarations."""
    resolved = resolved_schema(document, schema)
    if not isinstance(resolved, dict) or depth > 10:
        return {}
    declared = properties_of(document, resolved)
    if key in declared:
        return declared[key]
    found: list[Any] = []
    for member in [*(resolved.get("anyOf") or []), *(resolved.get("oneOf") or [])]:
        branch = _member_schema(document, member, key, depth + 1)
        if branch != {} and branch not in found:
            found.append(branch)
    if found:
        return found[0] if len(found) == 1 else {"anyOf": found}
    extra = resolved.get("additionalProperties")
    return extra if isinstance(extra, dict) else {}


def _items(document: dict[str, Any], schema: Any) -> Any:
    """The items' schema of an array `schema`; of a union of arrays, any of their items'."""
    resolved = resolved_schema(document, schema)
    if isinstance(resolved, dict) and "items" in resolved:
        return resolved["items"]
    found: list[Any] = []
    for key in ("anyOf", "oneOf", "allOf"):
        for member in resolved.get(key) or [] if isinstance(resolved, dict) else []:
            member = resolved_schema(document, member)
            if isinstance(member, dict) and "items" in member and member["items"] not in found:
                found.append(member["items"])
    if not found:
        return {}
    return found[0] if len(found) == 1 else {"anyOf": found}


def _split(text: str, delimiter: str, strip: bool) -> list[str]:
    if text == "":
        return []
    parts = text.split(delimiter)
    return [part.strip() for part in parts] if strip else parts


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text
