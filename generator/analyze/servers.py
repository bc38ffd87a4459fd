"""Where requests go: the API's base URL, and the server an operation declares for itself.

The base URL is the config's, else the document's first server, or the same URL over https when
the list also offers that (a Swagger 2 `schemes: [http, https]` becomes an http server listed
first, and a credential must not travel in clear text for want of a choice). An operation whose
own or path item's `servers` name another URL is sent there by default (the first such server,
its variables at their defaults; a relative URL is read against the base URL). A variable it
declares as the base URL's template does (same name, default and values: Datadog's `{site}` of
its log intake) stays a variable, filled by the client with its own value: a client built for
another region sends that operation to the same region, not to the spec's default. That URL is
checked here, as the base URL is by the client: an absolute http(s) URL without credentials,
query or fragment. One that is not is left out with a warning naming its pointer, and the
operation goes to the base URL.

A caller who configures a base URL (argument or environment) gets it for every operation: the
runtime ignores the operation's server then, so a spec never sends a request or a credential
away from an origin the caller chose.

The base URL's `{variables}` (an account name in the host, an endpoint the caller provisioned)
are the client's arguments, each defaulting to the spec's default: the URL is kept as a
template, checked here with sample values, and filled by the client (`_servers` holds each
value to the URL's shape). A variable without a default leaves no default base URL: the caller
gives it, or a base URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from .. import jsonpointer
from ..errors import Problem
from ..ir import OtherServer, ServerTemplate, ServerVariable
from ..naming import python_name
from ..strings import SpecText, identifier
from ..vocabulary import CLIENT_ARGUMENTS_TAKEN
from ..walk import iter_operations
from .context import Context

_URL_TEXT = re.compile(r"[!-~]+")  # printable ASCII, no spaces
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_ORIGIN = "The scheme and host the API is served from, as `https://api.example.com`."


@dataclass(frozen=True)
class OperationServers:
    urls: dict[tuple[str, str], str]  # (path, method) -> the server URL, no trailing '/'
    problems: tuple[Problem, ...]

    def of(self, path: str, method: str) -> str | None:
        return self.urls.get((path, method))


def base_server(context: Context) -> tuple[str, ServerTemplate | None, tuple[Problem, ...]]:
    """The base URL, its template when it takes variables, and why the spec's was left out."""
    base, problems = base_url(context)
    if problems:
        return base, None, problems
    server, problems = server_template(context)
    return base, server, problems


def base_url(context: Context) -> tuple[str, tuple[Problem, ...]]:
    """The configured base URL, else the first server's (variables at their defaults), and why
    the spec's was left out if it was: held to the rule of an operation's server, since a URL
    like `https://api.example.com@evil.example` sends every request where it seems not to."""
    if context.config.base_url:
        return context.config.base_url, ()
    if not all(_defaults(_chosen(context.document.get("servers"))).values()):
        return "", ()  # the caller gives the variables (see `server_template`), or a base URL
    url = _first(context.document.get("servers")).rstrip("/")
    if not url.startswith(("http://", "https://")):
        return "", ()
    problem = _problem(url)
    if problem is None:
        return url, ()
    hint = "fix the server URL, or set `base_url:` in the API's config; callers must pass one"
    return "", (Problem("warning", problem, context.file, "/servers/0", hint),)


def operation_servers(
    context: Context, base: str, template: ServerTemplate | None = None
) -> OperationServers:
    """Each operation's own server where it differs from `base` (the variables it shares with
    the base URL's `template` kept), and what was left out."""
    urls: dict[tuple[str, str], str] = {}
    problems: list[Problem] = []
    paths = context.document.get("paths") or {}
    for path, method, operation in iter_operations(context.document):
        item = paths[path]
        own = operation.get("servers")
        servers, at = (own, (method,)) if own else (item.get("servers"), ())
        if not isinstance(servers, list) or not servers:
            continue
        pointer = jsonpointer.join("", "paths", path, *at, "servers", "0")
        url = urljoin(base + "/", _first(servers)) if base else _first(servers)
        url = url.rstrip("/")
        problem = _problem(url)
        if problem is not None:
            hint = "give an absolute http(s) URL; the operation is sent to the base URL"
            problems.append(Problem("warning", problem, context.file, pointer, hint))
        elif url != base:
            urls[(path, method)] = _sharing(_chosen(servers), template) or url
    return OperationServers(urls, tuple(problems))


def _sharing(server: Any, template: ServerTemplate | None) -> str | None:
    """An absolute server URL with the variables it declares as `template` does left in place,
    the others at their defaults; None when it shares none."""
    url = str(server.get("url") or "").rstrip("/") if isinstance(server, dict) else ""
    declared = server.get("variables") if isinstance(server, dict) else None
    if template is None or not isinstance(declared, dict) or not url.startswith("http"):
        return None
    shared = {
        variable.name.unsafe_value
        for variable in template.variables
        if _alike(declared.get(variable.name.unsafe_value), variable)
    }
    if not shared & set(_PLACEHOLDER.findall(url)):
        return None
    for name, variable in declared.items():
        if name not in shared and isinstance(variable, dict):
            url = url.replace("{" + name + "}", str(variable.get("default", "")))
    return url


def _alike(declared: Any, variable: ServerVariable) -> bool:
    """Whether a server declares a variable with the default and values of `variable`."""
    if not isinstance(declared, dict):
        return False
    default = variable.default.unsafe_value if variable.default else ""
    values = tuple(value.unsafe_value for value in variable.enum)
    enum = declared.get("enum")
    own = tuple(str(value) for value in enum) if isinstance(enum, list) else ()
    return str(declared.get("default") or "") == default and own == values


def other_servers(context: Context, base: str) -> tuple[OtherServer, ...]:
    """The document's servers besides the base URL (Plaid's sandbox, Svix's US region), for the
    README to name as values of `base_url`: only those with a fixed absolute URL that passes the
    rule of a server URL, none where the config fixes the base URL or the URL takes variables."""
    servers = context.document.get("servers")
    if context.config.base_url or not base or not isinstance(servers, list):
        return ()
    found: dict[str, OtherServer] = {}
    for server in servers:
        url = server.get("url") if isinstance(server, dict) else None
        url = url.rstrip("/") if isinstance(url, str) else None
        if url is None or _problem(url) is not None:
            continue
        if url != base and url not in found:
            found[url] = OtherServer(SpecText(url), _text(server.get("description")))
    return tuple(found.values())


def server_template(context: Context) -> tuple[ServerTemplate | None, tuple[Problem, ...]]:
    """The base URL's template when it has variables, held to the rule of a server URL with
    the defaults in their place (a sample value for a variable without one), and why it was
    left out if it was."""
    server = _with_origin(_chosen(context.document.get("servers")))
    defaults = _defaults(server)
    if context.config.base_url or not defaults:
        return None, ()
    url = str(server.get("url")).rstrip("/")
    declared = server.get("variables")
    samples = {
        name: default or ("https://host.example" if url.startswith(f"{{{name}}}") else "x")
        for name, default in defaults.items()
    }
    problem = _problem(_PLACEHOLDER.sub(lambda found: samples.get(found[1], found[0]), url))
    if problem is not None:
        hint = "fix the server URL, or set `base_url:` in the API's config; callers must pass one"
        return None, (Problem("warning", problem, context.file, "/servers/0", hint),)
    taken = set(CLIENT_ARGUMENTS_TAKEN)
    variables = []
    for name, default in defaults.items():
        variable = declared[name]
        argument = python_name(name, reserved=frozenset(taken), fallback="host")
        taken.add(argument)
        variables.append(
            ServerVariable(
                name=SpecText(name),
                argument=identifier(argument),
                default=SpecText(default) if default else None,
                enum=tuple(SpecText(str(value)) for value in variable.get("enum") or ()),
                description=_text(variable.get("description")),
            )
        )
    return ServerTemplate(SpecText(url), tuple(variables)), ()


def _with_origin(server: Any) -> Any:
    """A server whose URL is a path (`/api/v1`: Swagger 2.0's `basePath` without a `host`) as
    that path under an `{origin}` the caller gives: the URL is relative to the host serving the
    API, so the caller names that host, and the path is not lost to a base URL that omits it."""
    url = server.get("url") if isinstance(server, dict) else None
    if not isinstance(url, str) or not url.startswith("/") or url.startswith("//"):
        return server
    declared = server.get("variables")
    variables = dict(declared) if isinstance(declared, dict) else {}
    name = "origin"
    while name in variables:
        name = f"api_{name}"
    variables = {name: {"default": "", "description": _ORIGIN}, **variables}
    return {**server, "url": "{" + name + "}" + url.rstrip("/"), "variables": variables}


def _defaults(server: Any) -> dict[str, str]:
    """The defaults of the variables `server`'s URL uses, by name ("" for none)."""
    if not isinstance(server, dict) or not isinstance(server.get("variables"), dict):
        return {}
    declared = server["variables"]
    used = dict.fromkeys(_PLACEHOLDER.findall(str(server.get("url") or "")))
    return {
        name: str(declared[name].get("default") or "")
        for name in used
        if isinstance(declared.get(name), dict)
    }


def _text(value: Any) -> SpecText | None:
    return SpecText(value) if isinstance(value, str) and value else None


def _first(servers: Any) -> str:
    """The first server's URL, or its https twin when the list offers one."""
    return _expanded(_chosen(servers))


def _chosen(servers: Any) -> Any:
    """The first server, or its https twin when the list offers one."""
    if not isinstance(servers, list) or not servers:
        return None
    urls = [_expanded(server) for server in servers]
    secure = "https://" + urls[0].removeprefix("http://")
    twin = urls[0].startswith("http://") and secure in urls
    return servers[urls.index(secure)] if twin else servers[0]


def _expanded(server: Any) -> str:
    """A server's URL with each `{variable}` at its default."""
    if not isinstance(server, dict):
        return ""
    url = str(server.get("url") or "")
    for name, variable in (server.get("variables") or {}).items():
        if isinstance(variable, dict):
            url = url.replace("{" + name + "}", str(variable.get("default", "")))
    return url


def _problem(url: str) -> str | None:
    """Why `url` cannot be an operation's server, if it cannot."""
    split = urlsplit(url)
    try:
        split.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError:
        return f"server {url!r} has an invalid port"
    if split.scheme not in ("http", "https") or not split.hostname:
        return f"server {url!r} is not an absolute http(s) URL"
    if not _URL_TEXT.fullmatch(url) or "{" in url or "}" in url:
        return f"server {url!r} has characters a URL cannot hold"
    if "@" in split.netloc or split.query or split.fragment or "?" in url or "#" in url:
        return f"server {url!r} has credentials, a query or a fragment"
    return None
