"""The base URL of an API whose server is a template, filled from the client's arguments.

Some APIs live at a host named after the caller's account (``https://{accountName}.blob.
{dnsSuffix}``) or at an endpoint the caller provisioned (``{endpoint}/language``). The client
takes each variable as an argument (read from ``<PREFIX>_<ARGUMENT>`` when not passed, else
the spec's default) and fills the template once, when it is built.

A value is caller input, and credentials go wherever the base URL points, so no value may
change the shape of the URL the template allows: a variable inside the host takes one run of
unreserved characters (letters, digits, ``-._~``), so no ``/``, ``@``, ``:``, ``?``, ``#`` or
``%`` can add a host, a port, credentials or a path; a variable standing for the whole origin
(the template begins with it) takes an absolute http(s) URL without credentials, query or
fragment. A variable in the path (after the host's first ``/``, or right after the host with
a value that begins with ``/``, as eBay's ``https://api.ebay.com{basePath}`` whose default is
``/sell/feed/v1``) takes path segments of unreserved characters: it names a path on the host
the template fixes, never another host, and no empty, ``.`` or ``..`` segment can move it.
A variable the spec lists values for takes one of them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

from ._exceptions import SDKError

__all__ = ["ServerTemplate", "ServerVariable", "merged_variables", "operation_server"]

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_UNRESERVED = re.compile(r"[A-Za-z0-9\-._~]+")
_URL_TEXT = re.compile(r"[!-~]+")  # printable ASCII, no spaces


@dataclass(frozen=True)
class ServerVariable:
    """One ``{name}`` of the template: the client's argument for it, and its default."""

    argument: str
    default: str | None = None
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class ServerTemplate:
    url: str
    variables: Mapping[str, ServerVariable] = field(default_factory=dict)

    def base_url(self, given: Mapping[str, str | None], env_prefix: str) -> str:
        """The template filled with the values given (by the spec's variable names), else the
        environment's, else the defaults; SDKError for a value missing or not allowed."""
        return self.filled(self.values(given, env_prefix))

    def filled(self, values: Mapping[str, str]) -> str:
        """The template with each variable replaced by its value (from `values`)."""
        return _PLACEHOLDER.sub(lambda found: values[found.group(1)], self.url)

    def values(self, given: Mapping[str, str | None], env_prefix: str) -> dict[str, str]:
        """Each variable's value, by the spec's names: given, else the environment's, else the
        default; SDKError for one missing or not allowed where the template puts it."""
        values: dict[str, str] = {}
        for name, variable in self.variables.items():
            source = f"{env_prefix}_{variable.argument.upper()}"
            value = given.get(name) or os.environ.get(source) or variable.default
            if not value:
                raise SDKError(
                    f"Pass {variable.argument}= (or set {source}), or base_url=: "
                    f"the API's URL is {self.url!r}"
                )
            problem = self._problem(name, variable, value)
            if problem:
                raise SDKError(f"Refusing {variable.argument}={value!r}: {problem}")
            is_path = self._is_path(name, value)
            values[name] = value.rstrip("/") if self._is_origin(name) or is_path else value
        return values

    def _is_origin(self, name: str) -> bool:
        return self.url == f"{{{name}}}" or self.url.startswith(f"{{{name}}}/")

    def _is_path(self, name: str, value: str) -> bool:
        """Whether `value` fills `{name}` in the path: the template's host ends before it
        (a ``/`` after ``scheme://``), or it follows a host the template fixes (no variable in
        it) and begins the path itself."""
        before, marker, _ = self.url.partition(f"{{{name}}}")
        scheme, separator, rest = before.partition("://")
        if not marker or not separator or not scheme or _PLACEHOLDER.search(scheme):
            return False
        fixed_host = bool(rest) and not _PLACEHOLDER.search(rest)
        return "/" in rest or (fixed_host and value.startswith("/"))

    def _problem(self, name: str, variable: ServerVariable, value: str) -> str | None:
        if variable.enum and value not in variable.enum:
            return f"it must be one of {', '.join(variable.enum)}"
        if self._is_path(name, value):
            segments = value.removeprefix("/").removesuffix("/").split("/")
            if all(_UNRESERVED.fullmatch(part) and part not in (".", "..") for part in segments):
                return None
            return "it may only hold path segments of letters, digits and -._~ (it is in the path)"
        if not self._is_origin(name):
            if _UNRESERVED.fullmatch(value):
                return None
            return "it may only hold letters, digits and -._~ (it is part of the host or path)"
        try:
            url = httpx.URL(value)
        except httpx.InvalidURL:
            url = None
        if url is None or url.scheme not in ("http", "https") or not url.host:
            return "it must be an absolute http(s) URL"
        if not _URL_TEXT.fullmatch(value) or "\\" in value or "{" in value or "}" in value:
            return "it has characters a URL cannot hold"
        if url.userinfo or "?" in value or "#" in value:
            return "it may not hold credentials, a query or a fragment"
        return None


def operation_server(url: str, values: Mapping[str, str]) -> str:
    """An operation's own server filled with the client's values of the variables it shares
    with the API's URL (Datadog's log intake, ``https://http-intake.logs.{site}``): a client
    built for another site sends that operation to the same site, not to the spec's default.
    Each value is held again to the shape of its place in this URL."""
    names = dict.fromkeys(_PLACEHOLDER.findall(url))
    if not names:
        return url
    missing = [name for name in names if name not in values]
    if missing:
        raise SDKError(f"The server {url!r} takes {', '.join(missing)}, which the client lacks")
    template = ServerTemplate(url, {name: ServerVariable(name) for name in names})
    return template.base_url({name: values[name] for name in names}, "")


def merged_variables(
    carried: Mapping[str, str | None] | None, given: Mapping[str, str | None]
) -> dict[str, str | None]:
    """The variables a client was copied with (``with_options``), those passed now winning."""
    return {**(carried or {}), **{name: value for name, value in given.items() if value}}
