"""Turning decoded JSON into the declared response type, strictly or leniently.

A server that adds an enum value or drops a field should not break every deployed SDK, so by
default a body that fails validation is still built into the declared type as far as it fits:
values that do not fit are kept as received, nested models are still models, and each kind of
surprise is logged once so it gets noticed without flooding logs. Strict mode
(``strict_response_validation=True``) is for callers who prefer an exception to a surprise.
"""

from __future__ import annotations

import enum
import functools
import sys
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal, Union, cast, get_args, get_origin

import pydantic
import typing_extensions

from ._logs import warn_once
from ._models import reading_response

__all__ = ["NO_MATCH", "parse_json", "parse_response", "summarize_validation_error"]

# ``type X = ...`` statements (3.12+) and typing_extensions build different alias classes.
_ALIAS_TYPES: tuple[type, ...] = (
    typing_extensions.TypeAliasType,
    getattr(typing, "TypeAliasType", typing_extensions.TypeAliasType),
)
_UNION_ORIGINS = (Union, types.UnionType)
_LIST_ORIGINS = (list, tuple, set, frozenset, Sequence)
_MAPPING_ORIGINS = (dict, Mapping)
_RESPONSE = "response"
_MAX_ERRORS_SHOWN = 5


def parse_response(type_: object, data: object, *, strict: bool) -> object:
    """Validate ``data`` as ``type_``; raises pydantic.ValidationError only when ``strict``."""
    try:
        with reading_response():
            return _adapter(type_).validate_python(data)
    except pydantic.ValidationError:
        if strict:
            raise
        return _build(type_, data, _RESPONSE, "")


def parse_json(type_: object, content: bytes) -> object:
    """``content`` validated as ``type_`` by pydantic's own JSON parser (the fast path).

    Returns NO_MATCH when the body is not valid JSON of that type; the caller then takes the
    slower path that can explain the problem or build the value leniently.
    """
    try:
        with reading_response():
            return _adapter(type_).validate_json(content)
    except pydantic.ValidationError:
        return NO_MATCH


def summarize_validation_error(exc: pydantic.ValidationError) -> str:
    """Where and why validation failed, without the input values (they may be secrets)."""
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    shown = "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or '<body>'}: {error['msg']}"
        for error in errors[:_MAX_ERRORS_SHOWN]
    )
    more = (
        f" (and {len(errors) - _MAX_ERRORS_SHOWN} more)" if len(errors) > _MAX_ERRORS_SHOWN else ""
    )
    return f"{len(errors)} validation error(s): {shown}{more}"


def _adapter(type_: object) -> pydantic.TypeAdapter[object]:
    try:
        hash(type_)
    except TypeError:
        return pydantic.TypeAdapter(cast(Any, type_))
    return _cached_adapter(type_)


@functools.lru_cache(maxsize=512)
def _cached_adapter(type_: object) -> pydantic.TypeAdapter[object]:
    return pydantic.TypeAdapter(cast(Any, type_))


_NO_VALUE = object()
NO_MATCH = object()


def _try_validate(type_: object, data: object) -> object:
    try:
        return _adapter(type_).validate_python(data)
    except pydantic.ValidationError:
        return _NO_VALUE


def _build(type_: object, data: object, owner: str, field: str) -> object:
    """Walk the declared type alongside the data, keeping whatever does not validate.

    ``owner`` and ``field`` name the model field being built, for the warning.
    """
    type_ = _unwrap(type_)
    if type_ is Any or type_ is object:
        return data
    valid = _try_validate(type_, data)
    if valid is not _NO_VALUE:
        return valid
    origin = get_origin(type_)
    if origin in _UNION_ORIGINS:
        return _build_union(get_args(type_), data, owner, field)
    if _is_enumeration(type_):
        warn_once(owner, field, "unknown value", _short_repr(data))
        return data
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
        return _build_model(type_, data, owner, field)
    args = get_args(type_)
    if origin in _LIST_ORIGINS and isinstance(data, list) and args:
        return [_build(args[0], item, owner, field) for item in data]
    if origin in _MAPPING_ORIGINS and isinstance(data, dict) and len(args) == 2:
        return {key: _build(args[1], item, owner, field) for key, item in data.items()}
    warn_once(owner, field, "unexpected type", type(data).__name__)
    return data


def _build_union(members: tuple[object, ...], data: object, owner: str, field: str) -> object:
    members = tuple(_unwrap(member) for member in members)
    models = [m for m in members if isinstance(m, type) and issubclass(m, pydantic.BaseModel)]
    if isinstance(data, Mapping) and models:
        best = max(models, key=lambda model: _matching_keys(model, data))
        return _build_model(best, data, owner, field)
    container = _container_for(members, data)
    if container is not None:
        return _build(container, data, owner, field)
    if any(_is_enumeration(member) for member in members):
        warn_once(owner, field, "unknown value", _short_repr(data))
    else:
        warn_once(owner, field, "unexpected type", type(data).__name__)
    return data


def _container_for(members: tuple[object, ...], data: object) -> object | None:
    """The list or mapping member of a union that has the data's shape, if there is one.

    An optional array or map (`list[Model] | None`) is a union too: its items are still built
    one by one, so a single value that does not fit leaves the other models intact.
    """
    if isinstance(data, list):
        origins: tuple[object, ...] = _LIST_ORIGINS
    elif isinstance(data, dict):
        origins = _MAPPING_ORIGINS
    else:
        return None
    return next((member for member in members if get_origin(member) in origins), None)


def _build_model(model: type[pydantic.BaseModel], data: object, owner: str, field: str) -> object:
    if not isinstance(data, Mapping):
        warn_once(owner, field, "unexpected type", type(data).__name__)
        return data
    remaining = dict(data)
    values: dict[str, object] = {}
    fields_set: set[str] = set()
    for name, info in model.model_fields.items():
        key = info.alias if info.alias in remaining else name
        if key not in remaining:
            if info.is_required():
                warn_once(model.__name__, name, "missing required field", "")
                values[name] = None  # an attribute that is None beats an AttributeError
            continue
        values[name] = _build(info.annotation, remaining.pop(key), model.__name__, name)
        fields_set.add(name)
    for name in remaining:
        warn_once(model.__name__, str(name), "unknown field", "")
    return model.model_construct(fields_set, **{**remaining, **values})


def _is_enumeration(type_: object) -> bool:
    return get_origin(type_) is Literal or (
        isinstance(type_, type) and issubclass(type_, enum.Enum)
    )


def _unwrap(type_: object) -> object:
    """See through ``TypeAliasType`` and ``Annotated`` to the type that shapes the data."""
    while True:
        if isinstance(type_, _ALIAS_TYPES):
            type_ = _alias_value(cast(typing_extensions.TypeAliasType, type_))
        elif get_origin(type_) is Annotated:
            type_ = get_args(type_)[0]
        else:
            return type_


@functools.cache
def _alias_value(alias: typing_extensions.TypeAliasType) -> object:
    """The alias's value, with the names it quotes looked up in its module: an alias may name
    classes defined after it (models that refer to each other), which pydantic resolves for the
    models but leaves quoted in the alias itself."""
    value = alias.__value__
    module = sys.modules.get(getattr(alias, "__module__", "") or "")
    if module is None:
        return value
    holder = types.SimpleNamespace(__annotations__={"value": value})
    try:
        return typing.get_type_hints(holder, globalns=vars(module), include_extras=True)["value"]
    except (NameError, TypeError):  # a name its module lacks: leave it quoted, as it was
        return value


def _matching_keys(model: type[pydantic.BaseModel], data: Mapping[Any, object]) -> int:
    return sum(1 for name, info in model.model_fields.items() if name in data or info.alias in data)


def _short_repr(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
