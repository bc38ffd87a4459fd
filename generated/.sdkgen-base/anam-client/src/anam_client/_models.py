"""The base class of every generated model: tolerant of API growth and safe to print.

APIs add fields faster than SDKs are released, so unknown fields are kept (``extra="allow"``)
instead of being thrown away. Models accept both Python and JSON names so code can build them
either way. Fields the spec marks ``x-sdk-secret`` are masked in ``repr()``/``str()`` (and so in
tracebacks, logs and debuggers) while ``model_dump()`` and request bodies keep the real value.
Validators are built on first use (``defer_build``): a package with a hundred models imports in
half the time, and a program pays only for the models it touches.

The wire carries what the caller gave: pydantic stores ``600`` given to a ``float`` field (an
OpenAPI ``number``) as ``600.0`` and would send ``600.0``; in JSON output a whole-valued float
field is written as an integer instead (up to 2**53, where floats stop being exact), which is
the same JSON number to any reader and what the caller wrote. A field of bytes (``format:
binary`` inside a JSON document) is typed ``Octets`` (see ``_types``), which reads and writes it
as standard base64 text: the models without one pay nothing for it.

``to_dict()`` and ``to_json()`` give the model as the API spells it (wire names, only the fields
that were set, a constant always counting as set); ``use_api_names=False`` gives the Python names
instead.
"""

from __future__ import annotations

import contextvars
import functools
import importlib
import sys
from collections.abc import Iterable
from types import ModuleType
from typing import Any, Literal, get_args, get_origin

import pydantic
from typing_extensions import Self, override  # noqa: UP035 - typing.Self needs Python 3.11

from ._logs import warn_once
from ._redaction import SECRET_MARK, secret_model_fields

__all__ = ["SECRET_MARK", "BaseModel", "import_models", "reading_response"]

_MASK = "**********"
_EXACT_INTEGERS = 2**53
# Frames pydantic may take to build the schemas of a module of models (see `import_models`).
_BUILD_RECURSION_LIMIT = 4000


_reading_response: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reading_response", default=False
)


def reading_response() -> _ReadingResponse:
    """Within this, models built by validation report fields the SDK does not know."""
    return _ReadingResponse()


class _ReadingResponse:
    """A class rather than a ``contextlib.contextmanager`` generator: it wraps the parsing of
    every response body, where the generator machinery cost as much as the rest of that work."""

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        self._token = _reading_response.set(True)

    def __exit__(self, *exc_info: object) -> None:
        _reading_response.reset(self._token)


class BaseModel(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        defer_build=True,
        # Only so that JSON output of bytes that are not UTF-8 (an extra field's) does not fail:
        # the fields the spec types as bytes are `Octets`, written in the standard alphabet.
        ser_json_bytes="base64",
    )

    @pydantic.model_validator(mode="after")
    def _report_unknown_fields(self) -> Self:
        # Checked while validating rather than by walking the result afterwards: one look per
        # model instead of one per field, which is most of the parsing overhead on big lists.
        extra = self.__pydantic_extra__
        if extra and _reading_response.get():
            for name in extra:
                warn_once(type(self).__name__, name, "unknown field", "")
        constants = _constant_fields(type(self))
        if constants and not _reading_response.get():
            # A constant (`modality: Literal["image"] = "image"`, optional or not) tells the
            # server which variant of a union it is reading: it counts as set, so the body
            # always carries it. A response keeps what the server sent: a tag it left out is
            # not made up, or the result would hold (and send back) more than it was given.
            self.__pydantic_fields_set__.update(constants)
        return self

    @pydantic.model_serializer(mode="wrap")
    def _write_whole_numbers_as_integers(
        self, handler: pydantic.SerializerFunctionWrapHandler, info: pydantic.SerializationInfo
    ) -> Any:
        data = handler(self)
        if info.mode_is_json() and isinstance(data, dict):
            for key in _float_keys(type(self), by_alias=bool(info.by_alias)):
                if key in data:
                    data[key] = _whole_numbers_as_integers(data[key])
        return data

    def to_dict(
        self,
        *,
        use_api_names: bool = True,
        mode: Literal["python", "json"] = "python",
        exclude_unset: bool = True,
    ) -> dict[str, Any]:
        """The model as a dict keyed by the API's field names (``use_api_names=False``: the
        Python names); ``mode="json"`` makes every value JSON-ready (dates as ISO text...)."""
        return self.model_dump(mode=mode, by_alias=use_api_names, exclude_unset=exclude_unset)

    def to_json(
        self, *, use_api_names: bool = True, indent: int | None = 2, exclude_unset: bool = True
    ) -> str:
        """The model as JSON text, as ``to_dict(mode="json")`` describes it."""
        return self.model_dump_json(
            indent=indent, by_alias=use_api_names, exclude_unset=exclude_unset
        )

    @override
    def __repr_args__(self) -> Iterable[tuple[str | None, object]]:
        secret = secret_model_fields(type(self))
        for name, value in super().__repr_args__():
            yield name, _MASK if name in secret and value is not None else value


@functools.cache
def _constant_fields(model: type[pydantic.BaseModel]) -> frozenset[str]:
    """The fields that hold one value only, given as their default. An optional one counts too
    (`type: Literal["ideal"] | None = "ideal"`, a one-value enum with a default that a property
    need not be given): its default is still the only value that names the variant."""
    return frozenset(
        name
        for name, field in model.model_fields.items()
        if _only_value(field.annotation) == (field.default,)
    )


def _only_value(annotation: object) -> tuple[object, ...]:
    """The value a one-value `Literal` allows, alone or beside `None`; else nothing."""
    members = [annotation]
    if get_origin(annotation) is not Literal:
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
    if len(members) == 1 and get_origin(members[0]) is Literal:
        values = get_args(members[0])
        return values if len(values) == 1 else ()
    return ()


@functools.cache
def _float_keys(model: type[pydantic.BaseModel], *, by_alias: bool) -> tuple[str, ...]:
    """The output keys of the fields whose type involves ``float``."""
    return tuple(
        (field.alias or name) if by_alias else name
        for name, field in model.model_fields.items()
        if _mentions_float(field.annotation)
    )


def _mentions_float(annotation: object) -> bool:
    return annotation is float or any(_mentions_float(arg) for arg in get_args(annotation))


def _whole_numbers_as_integers(value: object) -> object:
    if isinstance(value, float) and value.is_integer() and abs(value) <= _EXACT_INTEGERS:
        return int(value)
    if isinstance(value, list):
        return [_whole_numbers_as_integers(item) for item in value]
    if isinstance(value, dict):
        return {key: _whole_numbers_as_integers(item) for key, item in value.items()}
    return value


def import_models(module: str, package: str) -> ModuleType:
    """Import a module of models, with room for pydantic to build their schemas.

    pydantic builds a model's schema by recursing through every model it reaches that is not
    built yet, about ten frames per model on the way. In a big API whose models refer to each
    other in long cycles (Stripe's expandable fields: a charge names its customer, who names
    invoices, which name charges) that is close to Python's default limit of 1,000 frames before
    the caller's own frames are counted, so an import from deep inside a web framework would
    fail. The limit is raised for the import, then put back.
    """
    limit = sys.getrecursionlimit()
    if limit < _BUILD_RECURSION_LIMIT:
        sys.setrecursionlimit(_BUILD_RECURSION_LIMIT)
    try:
        return importlib.import_module(module, package)
    finally:
        if limit < _BUILD_RECURSION_LIMIT and sys.getrecursionlimit() == _BUILD_RECURSION_LIMIT:
            sys.setrecursionlimit(limit)
