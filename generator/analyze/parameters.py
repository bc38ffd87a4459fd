"""An operation's path, query and header parameters as keyword arguments."""

from __future__ import annotations

import re
from typing import Any

from .. import jsonpointer, refs
from ..describe import describe
from ..errors import Problem, SpecError
from ..ir import Parameter, TypeRef, is_idempotency_header
from ..naming import Namer, python_name
from ..strings import SpecText, identifier
from ..vocabulary import KWARG_RESERVED
from .context import Context

_PATH_VARIABLE = re.compile(r"\{([^{}/]+)\}")
_LOCATIONS = ("path", "query", "header")
_ORDER = {location: index for index, location in enumerate(_LOCATIONS)}


def parameters(
    context: Context,
    path: str,
    operation: dict[str, Any],
    pointer: str,
    taken: set[str],
    reserved: frozenset[str] = frozenset(),
) -> tuple[Parameter, ...]:
    """Path parameters first (in template order), then query and header ones.

    `taken` holds the body's argument names; `reserved` the names the method body spells.
    """
    sites = [
        site
        for site in refs.operation_parameters(context.document, path, operation, pointer)
        if site.location in _LOCATIONS
    ]
    _check_path_variables(context, path, sites)
    positions = {site.name: path.find("{" + site.name + "}") for site in sites}
    sites.sort(
        key=lambda site: (
            _ORDER[site.location],
            positions[site.name] if site.location == "path" else 0,
        )
    )
    namer = Namer(taken)
    forbidden = KWARG_RESERVED | reserved
    return tuple(
        Parameter(
            schema=context.root(jsonpointer.join(site.pointer, "schema")),
            wire_name=SpecText(site.name),
            name=identifier(namer.claim(python_name(site.name, reserved=forbidden))),
            location=site.location,  # type: ignore[arg-type]
            type=_annotation(context, site),
            required=site.location == "path"
            or (site.parameter.get("required") is True and not _generated(site)),
            description=describe(
                site.parameter.get("description"),
                context.root(jsonpointer.join(site.pointer, "schema")),
                context.hoisted.schemas,
            ),
            deprecated=site.parameter.get("deprecated") is True,
        )
        for site in sites
    )


def _generated(site: refs.ParameterSite) -> bool:
    """An idempotency key header: the client makes one up when the caller gives none."""
    return site.location == "header" and is_idempotency_header(site.name)


def _annotation(context: Context, site: refs.ParameterSite) -> TypeRef:
    schema = context.root(jsonpointer.join(site.pointer, "schema"))
    if site.location == "path":
        return context.annotator.path_parameter(schema, site.name)
    return context.annotator.annotate(schema)


def _check_path_variables(context: Context, path: str, sites: list[refs.ParameterSite]) -> None:
    declared = {site.name for site in sites if site.location == "path"}
    missing = sorted(set(_PATH_VARIABLE.findall(path)) - declared)
    if missing:
        message = f"path template variable {{{missing[0]}}} has no `in: path` parameter"
        hint = "declare the parameter, or escape the braces if they are literal"
        pointer = jsonpointer.join("", "paths", path)
        raise SpecError(Problem("error", message, context.file, pointer, hint))
