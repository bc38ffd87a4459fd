"""Where requests go: the API's base URL, and the server an operation declares for itself.

The base URL is the config's, else the document's first server, or the same URL over https when
the list also offers that (a Swagger 2 `schemes: [http, https]` becomes an http server listed
first, and a credential must not travel in clear text for want of a choice). An operation whose
own or path item's `servers` name another URL is sent there by default (the first such server,
its variables at their defaults; a relative URL is read against the base URL). That URL is
checked here, as the base URL is by the client: an absolute http(s) URL without credentials,
query or fragment. One that is not is left out with a warning naming its pointer, and the
operation goes to the base URL.

A caller who configures a base URL (argument or environment) gets it for every operation: the
runtime ignores the operation's server then, so a spec never sends a request or a credential
away from an origin the caller chose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from .. import jsonpointer
from ..errors import Problem
from ..walk import iter_operations
from .context import Context

_URL_TEXT = re.compile(r"[!-~]+")  # printable ASCII, no spaces


@dataclass(frozen=True)
class OperationServers:
    urls: dict[tuple[str, str], str]  # (path, method) -> the server URL, no trailing '/'
    problems: tuple[Problem, ...]

    def of(self, path: str, method: str) -> str | None:
        return self.urls.get((path, method))


def base_url(context: Context) -> tuple[str, tuple[Problem, ...]]:
    """The configured base URL, else the first server's (variables at their defaults), and why
    the spec's was left out if it was: held to the rule of an operation's server, since a URL
    like `https://api.example.com@evil.example` sends every request where it seems not to."""
    if context.config.base_url:
        return context.config.base_url, ()
    url = _first(context.document.get("servers")).rstrip("/")
    if not url.startswith(("http://", "https://")):
        return "", ()
    problem = _problem(url)
    if problem is None:
        return url, ()
    hint = "fix the server URL, or set `base_url:` in the API's config; callers must pass one"
    return "", (Problem("warning", problem, context.file, "/servers/0", hint),)


def operation_servers(context: Context, base: str) -> OperationServers:
    """Each operation's own server where it differs from `base`, and what was left out."""
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
            urls[(path, method)] = url
    return OperationServers(urls, tuple(problems))


def _first(servers: Any) -> str:
    """The first server's URL, or its https twin when the list offers one."""
    if not isinstance(servers, list) or not servers:
        return ""
    urls = [_expanded(server) for server in servers]
    secure = "https://" + urls[0].removeprefix("http://")
    return secure if urls[0].startswith("http://") and secure in urls else urls[0]


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
