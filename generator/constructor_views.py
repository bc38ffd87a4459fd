"""The clients' constructors as the client template prints them: their arguments, settings
and imports.

Each variable of the API's URL is an argument of both clients' constructors and an entry of
their settings' `ServerTemplate` (see the runtime's `_servers`); each header the client holds
(see `analyze.held_headers`) is an argument too, merged into `default_headers`, and the settings'
`required_headers` name those the API requires. Every spec text here reaches the file as a
string literal or through the docstring filter, never as code.
"""

from __future__ import annotations

from dataclasses import dataclass

from .ir import Api, HeldHeader, ServerVariable
from .strings import Safe, SpecText, code_span, docstring, string_literal
from .vocabulary import (
    CLIENT_IMPORTS,
    CONSTRUCTOR_IMPORTS,
    HELD_HEADER_IMPORTS,
    SERVER_ENUM_IMPORTS,
    SERVER_IMPORTS,
    Imports,
    import_lines,
)


@dataclass(frozen=True)
class ServerArgument:
    """One variable as the client's argument: its name and type, the spec's name for it (a
    literal), the environment variable read for it, and its default and description for
    docstrings."""

    name: Safe
    annotation: Safe
    wire: Safe
    variable: Safe
    default: SpecText | None
    description: SpecText | None


def server_arguments(api: Api) -> tuple[ServerArgument, ...]:
    if api.server is None:
        return ()
    return tuple(
        ServerArgument(
            name=variable.argument,
            annotation=_annotation(variable),
            wire=string_literal(variable.name),
            variable=Safe(f"{api.config.env_prefix}_{variable.argument.upper()}"),
            default=variable.default,
            description=variable.description,
        )
        for variable in api.server.variables
    )


def _annotation(variable: ServerVariable) -> Safe:
    """`Literal["us", "de"] | None` for a variable the spec lists the values of, so a checker
    catches a region the API has not got before the client refuses it; else `str | None`."""
    if not variable.enum:
        return Safe("str | None")
    values = ", ".join(string_literal(value) for value in variable.enum)
    return Safe(f"Literal[{values}] | None")


@dataclass(frozen=True)
class HeldArgument:
    """One header the client holds, as its argument: its name, the header's name (as a literal
    and as Markdown code), and its line of the constructor's docstring."""

    name: Safe
    wire: Safe
    code: Safe
    required: bool
    doc: Safe


def held_headers(api: Api) -> tuple[HeldArgument, ...]:
    return tuple(
        HeldArgument(
            name=header.argument,
            wire=string_literal(header.wire_name),
            code=code_span(header.wire_name.unsafe_value),
            required=header.required,
            doc=_held_doc(header),
        )
        for header in api.held_headers
    )


def _held_doc(header: HeldHeader) -> Safe:
    """`- name: what it is (the `Header` header, which every call needs)`, escaped."""
    needed = ", which every call needs" if header.required else ""
    where = f"the `{docstring(header.wire_name, 10)}` header{needed}"
    if header.description:
        return Safe(f"- `{header.argument}`: {docstring(header.description, 10)} ({where})")
    return Safe(f"- `{header.argument}`: {where}")


def client_arguments(api: Api) -> Safe:
    """What examples make a client with: each header every call needs, as a placeholder."""
    return Safe(", ".join(f'{h.argument}="..."' for h in api.held_headers if h.required))


def client_imports(api: Api) -> list[Safe]:
    """The client module's imports: a constructor of its own needs more than the runtime's."""
    imports: dict[str, tuple[str, ...]] = dict(CLIENT_IMPORTS)
    extra: list[Imports] = []
    if api.server or api.held_headers:
        extra.append(CONSTRUCTOR_IMPORTS)
    if api.server:
        extra.append(SERVER_IMPORTS)
    if api.server and any(variable.enum for variable in api.server.variables):
        extra.append(SERVER_ENUM_IMPORTS)
    if api.held_headers:
        extra.append(HELD_HEADER_IMPORTS)
    for table in extra:
        for module, names in table.items():
            imports[module] = tuple(sorted({*imports.get(module, ()), *names}))
    return import_lines(imports)


def server_settings(api: Api) -> tuple[Safe, ...]:
    """The `server=` lines of the package's ClientSettings (none without variables)."""
    if api.server is None:
        return ()
    entries = [
        Safe(f"        {string_literal(variable.name)}: {_variable(variable)},")
        for variable in api.server.variables
    ]
    url = string_literal(api.server.url)
    return (
        Safe("server=ServerTemplate("),
        Safe(f"    {url},"),
        Safe("    {"),
        *entries,
        Safe("    },"),
        Safe("),"),
    )


def _variable(variable: ServerVariable) -> str:
    arguments: list[str] = [string_literal(str(variable.argument))]
    if variable.default is not None:
        arguments.append(f"default={string_literal(variable.default)}")
    if variable.enum:
        values = ", ".join(string_literal(value) for value in variable.enum)
        arguments.append(f"enum=({values},)")
    return f"ServerVariable({', '.join(arguments)})"
