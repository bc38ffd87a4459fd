"""Schemas -> Python annotations for method signatures and return types.

Model fields get their types from datamodel-code-generator; operations need the same vocabulary for
parameters, keyword arguments and return values. Two flavours: `output` is what a response holds
(`List[Persona]`), `input` is what a caller may pass (`Sequence[Persona | PersonaParam]`: a model,
or a dict whose keys mypy checks, the `TypedDict` that `params.py` writes from the same schema with
the API's JSON names as keys). Resource modules spell containers `List`/`Dict` because a resource
method called `list` would shadow the builtin inside the class.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from . import keywords
from .ir import TypeRef
from .naming import Namer
from .refs import component_name
from .strings import Safe, string_literal
from .vocabulary import CLASS_RESERVED

_FORMATS = {"date-time": "datetime", "date": "date", "uuid": "UUID"}
_PRIMITIVES = {"integer": "int", "number": "float", "boolean": "bool", "null": "None"}


def _simple(output: str, input_: str | None = None, **extra: Any) -> TypeRef:
    return TypeRef((Safe(output),), (Safe(input_ or output),), **extra)


_ANY = _simple("Any")
_NONE = _simple("None")
_ID = TypeRef((Safe("str"),), (Safe("str"), Safe("UUID")), imports=frozenset({"UUID"}))
# `id`, `personaId`, `persona_id`, `personaID`, `uuid`: a path parameter that names a resource
_ID_NAME = re.compile(r"^(?i:id|uuid)$|[a-z0-9](?:Id|ID|Uuid|UUID)$|[_.-](?i:id|uuid)$")
PARAM_SUFFIX = "Param"


def is_model(schemas: Mapping[str, Any], name: str) -> bool:
    """A class of its own (properties or a real allOf), not an alias of an enum or a union."""
    schema = schemas.get(name, {})
    return bool(schema.get("properties")) or len(schema.get("allOf") or []) > 1


def param_names(
    schemas: Mapping[str, Any], reserved: frozenset[str] = frozenset()
) -> dict[str, str]:
    """The TypedDict name of every model (`Persona` -> `PersonaParam`), clear of every class.

    Every model gets one, whether or not a request takes it, so a name never depends on which
    operations exist; only the ones requests take are written (see `params.py`).
    """
    namer = Namer(CLASS_RESERVED | reserved | set(schemas))
    models = sorted(name for name in schemas if is_model(schemas, name))
    return {name: namer.claim(name + PARAM_SUFFIX) for name in models}


class Annotator:
    """Annotations over the flat, named schemas that `hoist` produced."""

    def __init__(
        self, schemas: dict[str, dict[str, Any]], params: Mapping[str, str] | None = None
    ) -> None:
        self._schemas = schemas
        self._params = dict(param_names(schemas) if params is None else params)
        self._expanding: set[str] = set()

    def schema(self, name: str) -> dict[str, Any]:
        return self._schemas.get(name, {})

    def is_model(self, name: str) -> bool:
        return is_model(self._schemas, name)

    def path_parameter(self, schema: Any, wire_name: str) -> TypeRef:
        """A path parameter naming a resource accepts an id as models return it: `str` or `UUID`.

        One rule for every resource, whether or not this parameter's schema says `format: uuid`,
        so `client.personas.get(persona.id)` type-checks wherever `Persona.id` is a `UUID`.
        """
        annotation = self.annotate(schema)
        if annotation.inputs == ("str",) and _ID_NAME.search(wire_name):
            return _ID
        return annotation

    def annotate(self, schema: Any, *, file: bool = False) -> TypeRef:
        if not isinstance(schema, dict) or not schema:
            return _ANY
        name = component_name(schema)
        if name is not None:
            return self._named(name)
        parts: list[TypeRef] = []
        for key in ("oneOf", "anyOf"):
            for branch in schema.get(key) or []:
                parts.append(self.annotate(branch, file=file))
        if parts:
            if "null" in keywords.types(schema):
                parts.append(_NONE)
            return union(parts)
        members = schema.get("allOf")
        if isinstance(members, list) and len(members) == 1:
            return self.annotate(members[0], file=file)
        if "const" in schema:
            return self._enum([schema["const"]])
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return self._enum(schema["enum"])
        types = keywords.types(schema) or keywords.implied_types(schema)
        if not types:
            return _ANY
        return union([self._typed(kind, schema, file) for kind in sorted(types, key=_type_order)])

    def _named(self, name: str) -> TypeRef:
        """A model accepts itself or a dict (or None, where its schema allows null: a class
        cannot say so itself); an alias (enum, union) accepts what it expands to."""
        outputs = (Safe(name),)
        param = self._params.get(name)
        if param is not None:
            inputs = (Safe(name), Safe(param))
            model = TypeRef(outputs, inputs, frozenset({name}), params=frozenset({param}))
            nullable = "null" in keywords.types(self._schemas.get(name, {}))
            return union([model, _NONE]) if nullable else model
        if name in self._expanding:
            return TypeRef(outputs, outputs, frozenset({name}))
        self._expanding.add(name)
        try:
            expanded = self.annotate(self._schemas.get(name, {}))
        finally:
            self._expanding.discard(name)
        models = frozenset({name}) | expanded.models
        return TypeRef(outputs, expanded.inputs, models, expanded.imports, expanded.params)

    def _enum(self, values: list[Any]) -> TypeRef:
        """Values of any JSON type: what `Literal` can spell, the rest by their type (a float
        enum is a `float`), null as `None`."""
        parts: list[TypeRef] = []
        numbers = any(isinstance(value, float) for value in values)  # a float covers ints
        literal = _literal(
            [v for v in values if _is_literal(v) and not (numbers and type(v) is int)]
        )
        if literal is not None:
            parts.append(literal)
        kinds = {_JSON_TYPES[type(value)] for value in values if not _is_literal(value)}
        parts += [self._typed(kind, {}, False) for kind in sorted(kinds, key=_type_order)]
        return union(parts) if parts else _ANY

    def _items(self, schema: dict[str, Any], file: bool) -> TypeRef:
        """What an array holds: `items`, or with `prefixItems` any of the positions' types (as
        the models spell it: a list of the union)."""
        prefix = schema.get("prefixItems")
        if not isinstance(prefix, list) or not prefix:
            return self.annotate(schema.get("items"), file=file)
        rest = schema.get("items")
        tail = [rest] if isinstance(rest, dict) else []
        return union([self.annotate(item, file=file) for item in [*prefix, *tail]])

    def _typed(self, kind: str, schema: dict[str, Any], file: bool) -> TypeRef:
        if kind == "string":
            fmt = schema.get("format")
            if fmt == "binary":
                return _simple("bytes", "FileTypes" if file else "bytes")
            if fmt in _FORMATS:
                name = _FORMATS[fmt]
                return TypeRef((Safe(name),), (Safe("str"), Safe(name)), imports=frozenset({name}))
            return _simple("str")
        if kind in _PRIMITIVES:
            return _simple(_PRIMITIVES[kind])
        if kind == "array":
            item = self._items(schema, file)
            return _simple(
                f"List[{item.output}]",
                f"Sequence[{item.input}]",
                models=item.models,
                imports=item.imports,
                params=item.params,
            )
        if kind == "object":
            extra = schema.get("additionalProperties")
            value = self.annotate(extra) if isinstance(extra, dict) and extra else _ANY
            return _simple(
                f"Dict[str, {value.output}]",
                f"Mapping[str, {value.input}]",
                models=value.models,
                imports=value.imports,
                params=value.params,
            )
        return _ANY


def _type_order(kind: str) -> tuple[int, str]:
    return (kind == "null", kind)


_JSON_TYPES = {
    float: "number",
    type(None): "null",
    dict: "object",
    list: "array",
}


def _is_literal(value: Any) -> bool:
    return isinstance(value, bool | int | str)


def _literal(values: list[Any]) -> TypeRef | None:
    rendered = []
    for value in values:
        if isinstance(value, bool):
            rendered.append("True" if value else "False")
        elif isinstance(value, int):
            rendered.append(str(value))
        elif isinstance(value, str):
            rendered.append(string_literal(value))
        else:
            return None
    if not rendered:
        return None
    return _simple(f"Literal[{', '.join(rendered)}]")


def union(parts: list[TypeRef]) -> TypeRef:
    """The union of `parts`, each member once; `Any` if any part is `Any`."""
    if any("Any" in part.outputs for part in parts):
        return _ANY
    outputs = _unique(member for part in parts for member in part.outputs)
    inputs = _unique(member for part in parts for member in part.inputs)
    models = frozenset[str]().union(*(part.models for part in parts))
    imports = frozenset[str]().union(*(part.imports for part in parts))
    params = frozenset[str]().union(*(part.params for part in parts))
    return TypeRef(outputs, inputs, models, imports, params)


def _unique(members: Any) -> tuple[Safe, ...]:
    """Union members without repeats, plain dicts and then `None` last, as people write them."""
    seen = list(dict.fromkeys(members))  # first occurrences, in order: linear in the members
    last = (Safe("Dict[str, Any]"), Safe("Mapping[str, Any]"), Safe("None"))
    return tuple(m for m in seen if m not in last) + tuple(m for m in last if m in seen)
