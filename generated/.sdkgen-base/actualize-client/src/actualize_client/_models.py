"""The base class of every generated model: tolerant of API growth and safe to print.

APIs add fields faster than SDKs are released, so unknown fields are kept (``extra="allow"``)
instead of being thrown away. Models accept both Python and JSON names so code can build them
either way. Fields the spec marks ``x-sdk-secret`` are masked in ``repr()``/``str()`` (and so in
tracebacks, logs and debuggers) while ``model_dump()`` and request bodies keep the real value.
Validators are built on first use (``defer_build``): a package with a hundred models imports in
half the time, and a program pays only for the models it touches.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterable, Iterator

import pydantic
from typing_extensions import Self, override  # noqa: UP035 - typing.Self needs Python 3.11

from ._logs import warn_once

__all__ = ["SECRET_MARK", "BaseModel", "reading_response"]

SECRET_MARK = "x-sdk-secret"
_MASK = "**********"


_reading_response: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reading_response", default=False
)


@contextlib.contextmanager
def reading_response() -> Iterator[None]:
    """Within this, models built by validation report fields the SDK does not know."""
    token = _reading_response.set(True)
    try:
        yield
    finally:
        _reading_response.reset(token)


class BaseModel(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(
        extra="allow", populate_by_name=True, protected_namespaces=(), defer_build=True
    )

    @pydantic.model_validator(mode="after")
    def _report_unknown_fields(self) -> Self:
        # Checked while validating rather than by walking the result afterwards: one look per
        # model instead of one per field, which is most of the parsing overhead on big lists.
        extra = self.__pydantic_extra__
        if extra and _reading_response.get():
            for name in extra:
                warn_once(type(self).__name__, name, "unknown field", "")
        return self

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
