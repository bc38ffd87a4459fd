"""An operation's path, query, header and cookie parameters as keyword arguments.

Each keeps how the spec says it is written (`style`, `explode`, `allowReserved`, or `content`
with a media type) where that differs from its location's default, for the client to follow.
"""

from __future__ import annotations

import re
from typing import Any

from .. import jsonpointer, keywords, refs
from ..describe import describe
from ..errors import Problem, SpecError
from ..ir import Parameter, Serialization, TypeRef, is_idempotency_header
from ..naming import Namer, client_name, python_name
from ..strings import Safe, SpecText, identifier, string_literal
from ..vocabulary import PARAMETER_RESERVED
from .context import Context
from .paths import PLACEHOLDER
from .spans import described as spans_described
from .spans import site_spans

_LOCATIONS = ("path", "query", "header", "cookie")
# The API versions AutoRest specs name: a date, and a stage after it (`2023-05-01-preview`).
_DATED_VERSION = re.compile(r"\d{4}-\d{2}-\d{2}(-[A-Za-z0-9.]+)?")
_ORDER = {location: index for index, location in enumerate(_LOCATIONS)}
# Header parameters OpenAPI says to ignore: the client sets these itself.
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
# The styles OpenAPI defines for each location; the first is the default.
_STYLES = {
    "path": ("simple", "label", "matrix"),
    "query": ("form", "spaceDelimited", "pipeDelimited", "deepObject"),
    "header": ("simple",),
    "cookie": ("form",),
}


def parameters(
    context: Context,
    path: str,
    operation: dict[str, Any],
    pointer: str,
    taken: set[str],
    reserved: frozenset[str] = frozenset(),
    keys: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[Parameter, ...]:
    """Path parameters first (in template order), then query, header and cookie ones.

    `taken` holds the body's argument names; `reserved` the names the method body spells;
    `keys` where the operation's API keys go (`ApiSecurity.keys_sent`): a parameter there is
    the credential, sent by the client, not an argument that would replace it.
    """
    sites = [
        site
        for site in refs.operation_parameters(context.document, path, operation, pointer)
        if site.location in _LOCATIONS
        and not (site.location == "header" and site.name.lower() in _IGNORED_HEADERS)
        and (site.location, site.name.lower() if site.location == "header" else site.name)
        not in keys
    ]
    _check_path_variables(context, path, sites)
    order = {name: index for index, name in enumerate(PLACEHOLDER.findall(path))}
    positions = {site.name: order.get(site.name, -1) for site in sites}
    sites.sort(
        key=lambda site: (
            _ORDER[site.location],
            positions[site.name] if site.location == "path" else 0,
        )
    )
    names = _names(sites, taken, PARAMETER_RESERVED | reserved)
    return tuple(
        Parameter(
            schema=context.root(_schema_pointer(site)),
            wire_name=SpecText(site.name),
            name=identifier(names[index]),
            location=site.location,  # type: ignore[arg-type]
            type=annotation,
            required=site.location == "path" or required,
            default=_default(context, site, annotation) if required else None,
            description=spans_described(description) if spans else description,
            deprecated=site.parameter.get("deprecated") is True,
            serialization=_serialization(context, site),
            spans=spans,
        )
        for index, site in enumerate(sites)
        for annotation, required in [(_annotation(context, site), _required(site))]
        for description, spans in [
            (_description(context, site), site_spans(context.document, path, site))
        ]
    )


def _description(context: Context, site: refs.ParameterSite) -> SpecText | None:
    schema = context.root(_schema_pointer(site))
    return describe(site.parameter.get("description"), schema, context.hoisted.schemas, site.name)


def _names(
    sites: list[refs.ParameterSite], taken: set[str], forbidden: frozenset[str]
) -> list[str]:
    """The argument name of each site, in the sites' order. Where two wire names make one
    Python name, the one nearer to it claims it first, as model fields do: the wire name that
    is the Python name, then one Python can spell, then one it cannot. Clerk's interstitial
    takes both `frontendApi` (deprecated) and `frontend_api`: `frontend_api=` must send
    `frontend_api`, whichever the spec lists first."""
    namer, holders = Namer(taken), dict.fromkeys(taken, "body")
    wanted = [
        python_name(client_name(site.parameter, site.name), reserved=forbidden) for site in sites
    ]
    order = sorted(
        range(len(sites)),
        key=lambda i: (wanted[i] != sites[i].name, not sites[i].name.isidentifier()),
    )
    names = [""] * len(sites)
    for index in order:
        names[index] = _claim(namer, holders, sites[index], forbidden)
    return names


def _claim(
    namer: Namer, holders: dict[str, str], site: refs.ParameterSite, forbidden: frozenset[str]
) -> str:
    """The argument name of `site`; where an argument going elsewhere already holds it (the
    same name in the query as in the path, say), followed by where this one goes: `list_id`
    and `list_id_query` say which is which, where `list_id_2` would not. A path parameter named
    like a body field (Gmail's `PUT .../labels/{id}` sends a label with its own `id`) is
    `id_path` beside the body's `id`. Two going to the same place (`fooBar` and `foo_bar`,
    both in the query) are numbered: a place would not tell them apart."""
    name = python_name(client_name(site.parameter, site.name), reserved=forbidden)
    if name in namer and holders.get(name, site.location) != site.location:
        name = python_name(f"{name.rstrip('_') or name}_{site.location}", reserved=forbidden)
    claimed = namer.claim(name)
    holders[claimed] = site.location
    return claimed


def _required(site: refs.ParameterSite) -> bool:
    """Whether the caller must give the value (path parameters aside)."""
    return site.parameter.get("required") is True and not _generated(site)


def _default(context: Context, site: refs.ParameterSite, annotation: TypeRef) -> Safe | None:
    """The literal a required query, header or cookie parameter takes in the signature, and
    sends unless the caller passes another: the one value its schema allows, its schema's
    `default` (a default only a required parameter can make use of), or the `api-version` of an
    AutoRest spec (Azure's), which is the spec's own version. None where the annotation would
    not hold the value as it is, and for path parameters, which are positional."""
    if site.location == "path":
        return None
    schema = refs.resolve(context.document, site.parameter.get("schema"), site.pointer).node
    schema = schema if isinstance(schema, dict) else {}
    allowed = [schema["const"]] if "const" in schema else schema.get("enum")
    allowed = allowed if isinstance(allowed, list) else None
    if allowed is not None and len(allowed) == 1:
        value = allowed[0]
    elif "default" in schema:
        value = schema["default"]
    elif _is_api_version(site, schema):
        value = (context.document.get("info") or {}).get("version")
        value = value if isinstance(value, str) and _DATED_VERSION.fullmatch(value) else None
    else:
        return None
    return _literal(value) if _holds(annotation, value, allowed) else None


def _is_api_version(site: refs.ParameterSite, schema: dict[str, Any]) -> bool:
    """AutoRest's query parameter naming the API version, which is the spec's own."""
    return (
        site.location == "query"
        and site.name == "api-version"
        and keywords.types(schema) <= {"string"}
    )


def _holds(annotation: TypeRef, value: Any, allowed: list[Any] | None) -> bool:
    """Whether the annotation takes `value` as it is: one of the `Literal` of its allowed
    values, or a scalar of its own kind."""
    if allowed is not None and any(m.startswith("Literal[") for m in annotation.inputs):
        return any(value == v and type(value) is type(v) for v in allowed)
    if isinstance(value, bool):
        return "bool" in annotation.inputs
    if isinstance(value, int):
        return "int" in annotation.inputs or "float" in annotation.inputs
    return isinstance(value, str) and "str" in annotation.inputs


def _literal(value: Any) -> Safe | None:
    """`value` as Python source: text through `string_literal`, integers and booleans as such."""
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, bool | int):
        return Safe(repr(value))
    return None


def _generated(site: refs.ParameterSite) -> bool:
    """An idempotency key header: the client makes one up when the caller gives none."""
    return site.location == "header" and is_idempotency_header(site.name)


def _annotation(context: Context, site: refs.ParameterSite) -> TypeRef:
    schema = context.root(_schema_pointer(site))
    if site.location == "path":
        return context.annotator.path_parameter(schema, site.name)
    return context.annotator.annotate(schema)


def _schema_pointer(site: refs.ParameterSite) -> str:
    """Where the parameter's schema sits: under `schema`, or under its one `content` entry."""
    content = site.parameter.get("content")
    if "schema" not in site.parameter and isinstance(content, dict) and content:
        return jsonpointer.join(site.pointer, "content", next(iter(content)), "schema")
    return jsonpointer.join(site.pointer, "schema")


def _serialization(context: Context, site: refs.ParameterSite) -> Serialization | None:
    """How the parameter departs from its location's default serialization, if it does."""
    parameter = site.parameter
    content = parameter.get("content")
    if "schema" not in parameter and isinstance(content, dict) and content:
        return Serialization(content_type=SpecText(str(next(iter(content)))))
    styles = _STYLES[site.location]
    style = parameter.get("style", styles[0])
    if style not in styles:
        message = f"style {style!r} is not defined for {site.location} parameters"
        hint = f"use one of {', '.join(styles)}"
        pointer = jsonpointer.join(site.pointer, "style")
        raise SpecError(Problem("error", message, context.file, pointer, hint))
    explode = explicit_explode(style, parameter.get("explode"))
    allow_reserved = site.location == "query" and parameter.get("allowReserved") is True
    if style == styles[0] and explode is None and not allow_reserved:
        return None
    return Serialization(style=style, explode=explode, allow_reserved=allow_reserved)


def explicit_explode(style: str, explode: object) -> bool | None:
    """`explode` where it changes what `style` writes: not its default (true for `form` only),
    and never for `deepObject`, which is only defined exploded."""
    if not isinstance(explode, bool) or style == "deepObject" or explode == (style == "form"):
        return None
    return explode


def _check_path_variables(context: Context, path: str, sites: list[refs.ParameterSite]) -> None:
    declared = {site.name for site in sites if site.location == "path"}
    missing = sorted(set(PLACEHOLDER.findall(path)) - declared)
    if missing:
        message = f"path template variable {{{missing[0]}}} has no `in: path` parameter"
        hint = "declare the parameter, or escape the braces if they are literal"
        pointer = jsonpointer.join("", "paths", path)
        raise SpecError(Problem("error", message, context.file, pointer, hint))
