"""Reading the ``Link`` response header (RFC 8288): the URL a server names for a relation.

Each link is ``<URI-Reference>`` followed by ``;``-separated parameters whose values are tokens
or quoted strings; links are separated by commas, and a header may be sent several times. The
grammar is read as written, rather than with httpx's ``Response.links``, which splits a link at
every ``;`` and every ``, <`` (even inside a quoted title) and keys links by the whole ``rel``
value, so that ``rel="next last"`` is not found as ``next``. A ``rel`` value is a list of
relation types, compared without regard to case; a link with an ``anchor`` is about another
resource than the response, so it is not this response's next page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx

__all__ = ["link_for"]

_QUOTED = r'"(?:[^"\\]|\\.)*"'
_PARAM = re.compile(rf'\s*;\s*([^\s;,="<>]+)\s*(?:=\s*({_QUOTED}|[^\s;,"]*))?')
_TARGET = re.compile(r"\s*<([^<>]*)>")
_SEPARATOR = re.compile(r"\s*(?:,|$)")
_ESCAPE = re.compile(r"\\(.)")


def link_for(headers: httpx.Headers, relation: str) -> str | None:
    """The target of the first link whose ``rel`` includes ``relation``, as written (relative
    or absolute), or None when no link has it."""
    for field in headers.get_list("link"):
        for target, params in _links(field):
            if "anchor" in params:
                continue
            if relation.lower() in params.get("rel", "").lower().split():
                return target
    return None


def _links(field: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Each link of one header field with its parameters (names in lower case; the first of a
    repeated parameter counts). Reading stops at text that is not a link, keeping the links
    before it."""
    at = 0
    while (start := _skip_commas(field, at)) < len(field):
        target = _TARGET.match(field, start)
        if target is None:
            return
        params: dict[str, str] = {}
        at = target.end()
        while (param := _PARAM.match(field, at)) is not None:
            params.setdefault(param.group(1).lower(), _unquoted(param.group(2) or ""))
            at = param.end()
        end = _SEPARATOR.match(field, at)
        if end is None:
            return
        yield target.group(1).strip(), params
        at = end.end()


def _skip_commas(field: str, at: int) -> int:
    """Past the empty list elements RFC 9110's list syntax allows (``a, , b``)."""
    while at < len(field) and field[at] in " \t,":
        at += 1
    return at


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return _ESCAPE.sub(r"\1", value[1:-1])
    return value
