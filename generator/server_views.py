"""The variables of the API's URL as the client template prints them: settings and arguments.

Each variable is an argument of both clients' constructors and an entry of their settings'
`ServerTemplate` (see the runtime's `_servers`); every spec text here reaches the file as a
string literal or through the docstring filter, never as code.
"""

from __future__ import annotations

from dataclasses import dataclass

from .ir import Api, ServerVariable
from .strings import Safe, SpecText, string_literal


@dataclass(frozen=True)
class ServerArgument:
    """One variable as the client's argument: its name, the spec's name for it (a literal),
    the environment variable read for it, and its default and description for docstrings."""

    name: Safe
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
            wire=string_literal(variable.name),
            variable=Safe(f"{api.config.env_prefix}_{variable.argument.upper()}"),
            default=variable.default,
            description=variable.description,
        )
        for variable in api.server.variables
    )


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
