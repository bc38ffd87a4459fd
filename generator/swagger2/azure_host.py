"""AutoRest's `x-ms-parameterized-host`: a host named by the caller's values, as servers.

Azure's data-plane specs name no fixed host: the account or endpoint is the caller's, so the
spec gives a template (`{accountName}.blob.core.windows.net`, or `{endpoint}` for a whole URL
with `useSchemePrefix: false`) and the parameters that fill it. OpenAPI 3 says the same with a
server URL and its variables, so that is what the template becomes, and the client takes each
variable as an argument like any server variable (`analyze/servers.py`). A parameter without a
default gets an empty one: the caller must give it. What cannot become a server is refused:
a template that is not text, a placeholder no parameter fills, a parameter no placeholder uses.
"""

from __future__ import annotations

import re
from typing import Any

from .. import jsonpointer
from ..errors import Problem, SpecError
from ..refs import resolve

KEY = "x-ms-parameterized-host"
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def host_servers(source: dict[str, Any], file: str) -> list[dict[str, Any]] | None:
    """The servers the document's parameterized host stands for (None without one)."""
    written = source.get(KEY)
    if written is None:
        return None
    template = written.get("hostTemplate") if isinstance(written, dict) else None
    if not isinstance(template, str) or not template:
        raise _refused(file, "hostTemplate", "has no hostTemplate", "give the host as text")
    variables = _variables(written, template, source, file)
    missing = [name for name in _PLACEHOLDER.findall(template) if name not in variables]
    if missing:
        message = f"the hostTemplate's {{{missing[0]}}} has no parameter"
        raise _refused(file, "hostTemplate", message, "list a parameter of that name")
    base = str(source.get("basePath") or "").rstrip("/")
    if written.get("useSchemePrefix", True) is False:
        return [{"url": template + base, "variables": variables}]
    schemes = [s for s in (source.get("schemes") or ["https"]) if s in ("https", "http")]
    ordered = sorted(schemes or ["https"], key=lambda scheme: scheme != "https")
    return [{"url": f"{scheme}://{template}{base}", "variables": variables} for scheme in ordered]


def _variables(
    written: dict[str, Any], template: str, source: dict[str, Any], file: str
) -> dict[str, Any]:
    """The server variables the host's parameters describe, by name."""
    parameters = written.get("parameters") or []
    variables: dict[str, Any] = {}
    for index, parameter in enumerate(parameters if isinstance(parameters, list) else []):
        pointer = jsonpointer.join("", KEY, "parameters", index)
        node = resolve(source, parameter, pointer).node
        resolved = node if isinstance(node, dict) else {}
        name = resolved.get("name")
        if not isinstance(name, str) or f"{{{name}}}" not in template:
            message = f"the parameter {name!r} names no placeholder of the hostTemplate"
            hint = "use it in the hostTemplate as {name}, or drop it"
            raise _refused(file, f"parameters/{index}", message, hint)
        variable: dict[str, Any] = {"default": str(resolved.get("default") or "")}
        if isinstance(resolved.get("description"), str):
            variable["description"] = resolved["description"]
        if isinstance(resolved.get("enum"), list):
            variable["enum"] = [str(value) for value in resolved["enum"]]
        variables[name] = variable
    return variables


def _refused(file: str, where: str, message: str, hint: str) -> SpecError:
    pointer = f"/{KEY}/{where}"
    return SpecError(Problem("error", f"x-ms-parameterized-host {message}", file, pointer, hint))
