"""Is a result of its declared Python type? Walked deeply, with where it is not.

pydantic already validated what the client parsed; this judges what the method *returned*
against the annotation the generator declared for it, so a method that returns a dict where a
model is declared, or a model of the wrong class inside a list, is caught and named.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import typing_extensions

from .compare import short

_ALIAS_TYPE: type = getattr(typing, "TypeAliasType", typing_extensions.TypeAliasType)
_SEQUENCES = (list, Sequence, tuple, set, frozenset)


def mismatch(value: Any, annotation: Any, where: str = "result") -> str | None:
    """Why `value` is not of the declared type `annotation` (None when it is)."""
    if isinstance(annotation, typing_extensions.TypeAliasType | _ALIAS_TYPE):
        return mismatch(value, getattr(annotation, "__value__"), where)  # noqa: B009
    if annotation is Any or annotation is object:
        return None
    if annotation is None or annotation is type(None):
        return None if value is None else f"{where}: expected None, got {_kind(value)}"
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return mismatch(value, args[0], where)
    if origin in (typing.Union, types.UnionType):
        if any(mismatch(value, member, where) is None for member in args):
            return None
        return f"{where}: {_kind(value)} is none of {annotation}"
    if origin is typing.Literal:
        return None if value in args else f"{where}: {value!r} is not one of {args}"
    if origin in _SEQUENCES or annotation in (list, tuple):
        return _sequence(value, args[0] if args else Any, where)
    if origin in (dict, Mapping) or annotation is dict:
        return _mapping(value, args[1] if len(args) == 2 else Any, where)
    return _scalar(value, annotation, where)


def _sequence(value: Any, item: Any, where: str) -> str | None:
    if not isinstance(value, list | tuple | set | frozenset):
        return f"{where}: expected a list, got {_kind(value)}"
    reasons = (mismatch(element, item, f"{where}[{i}]") for i, element in enumerate(value))
    return next((reason for reason in reasons if reason), None)


def _mapping(value: Any, item: Any, where: str) -> str | None:
    if not isinstance(value, dict):
        return f"{where}: expected a mapping, got {_kind(value)}"
    reasons = (mismatch(element, item, f"{where}.{key}") for key, element in value.items())
    return next((reason for reason in reasons if reason), None)


def _scalar(value: Any, annotation: Any, where: str) -> str | None:
    if annotation is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else f"{where}: expected float, got {_kind(value)}"
    if annotation is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"{where}: expected int, got {_kind(value)}"
    if isinstance(annotation, type):
        if not isinstance(value, annotation):
            return f"{where}: expected {annotation.__name__}, got {_kind(value)}"
        return None
    raise TypeError(f"cannot check annotation {annotation!r}")


def _kind(value: Any) -> str:
    return f"{type(value).__name__} {short(value)}"
