"""The headers the clients hold (see `analyze.held_headers`): the value each is made with.

Every client the harness makes holds these, so a call that passes none of its own must send
them: the call builder expects them on the wire, which proves the constructor's argument reaches
every request, as the method's own argument is proven by the calls that pass it.
"""

from __future__ import annotations

from typing import Any

from .cases import parameter_schema
from .schemas import SchemaChecker
from .surface import Surface
from .values import ValueFactory


def held_values(surface: Surface, document: dict[str, Any]) -> dict[str, Any]:
    """A value for each header the client holds, by lower-cased name, from the schema of its
    first declaration."""
    factory = ValueFactory(SchemaChecker(document), mode="minimal", direction="request")
    values: dict[str, Any] = {}
    for wire in surface.held_headers:
        lowered = wire.lower()
        declared = (
            (method, parameter)
            for method in surface.methods
            for parameter in method.parameters
            if parameter.location == "header" and parameter.wire.lower() == lowered
        )
        method, parameter = next(declared)
        values[lowered] = factory.value(parameter_schema(document, method, parameter), wire)
    return values
