"""The base class of every generated model: tolerant of API growth and safe to print.

APIs add fields faster than SDKs are released, so unknown fields are kept (``extra="allow"``)
instead of being thrown away. Models accept both Python and JSON names so code can build them
either way. Fields the spec marks ``x-sdk-secret`` are masked in ``repr()``/``str()`` (and so in
tracebacks, logs and debuggers) while ``model_dump()`` and request bodies keep the real value.
Validators are built on first use (``defer_build``): a package with a hundred models imports in
half the time, and a program pays only for the models it touches.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pydantic
from typing_extensions import override

__all__ = ["SECRET_MARK", "BaseModel"]

SECRET_MARK = "x-sdk-secret"
_MASK = "**********"


class BaseModel(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(
        extra="allow", populate_by_name=True, protected_namespaces=(), defer_build=True
    )

    @override
    def __repr_args__(self) -> Iterable[tuple[str | None, object]]:
        secret = _secret_fields(type(self))
        for name, value in super().__repr_args__():
            yield name, _MASK if name in secret and value is not None else value


@functools.cache
def _secret_fields(model: type[pydantic.BaseModel]) -> frozenset[str]:
    return frozenset(
        name
        for name, field in model.model_fields.items()
        if isinstance(field.json_schema_extra, dict) and field.json_schema_extra.get(SECRET_MARK)
    )
