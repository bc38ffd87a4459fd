"""A number where OpenAPI wants text: read as its text, with a warning.

YAML reads `version: 1.0` as a number, and a port written `default: 443` too; OpenAPI wants
strings in `info.version` and in a server variable's `default` and `enum`, and the structural
check refuses anything else. The intent is plain, so the number becomes its text. YAML has
already dropped what a number does not keep (`1.10` was read as 1.1), so the warning says
what was read and asks for quotes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..walk import HTTP_METHODS


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for holder, key, pointer in _text_places(document):
        value = holder[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        holder[key] = text = str(value)
        message = f"a number where OpenAPI wants text; read as {text!r}"
        problems.append(Problem("warning", message, file, pointer, f"write it quoted: '{text}'"))
    return problems


def _text_places(document: dict[str, Any]) -> Iterator[tuple[Any, Any, str]]:
    """(holder, key, pointer) of each value OpenAPI types as a string that a number often
    stands in: `info.version`, and each server variable's `default` and `enum` items."""
    info = document.get("info")
    if isinstance(info, dict) and "version" in info:
        yield info, "version", "/info/version"
    for servers, pointer in _server_lists(document):
        for index, server in enumerate(servers):
            variables = server.get("variables") if isinstance(server, dict) else None
            for name, variable in variables.items() if isinstance(variables, dict) else ():
                if not isinstance(variable, dict):
                    continue
                at = jsonpointer.join(pointer, index, "variables", name)
                if "default" in variable:
                    yield variable, "default", jsonpointer.join(at, "default")
                values = variable.get("enum")
                for item in range(len(values)) if isinstance(values, list) else ():
                    yield values, item, jsonpointer.join(at, "enum", item)


def _server_lists(document: dict[str, Any]) -> Iterator[tuple[list[Any], str]]:
    """Every `servers` list: the document's, each path item's and each operation's."""
    holders: list[tuple[Any, str]] = [(document, "")]
    paths = document.get("paths")
    for path, item in paths.items() if isinstance(paths, dict) else ():
        if not isinstance(item, dict):
            continue
        at = jsonpointer.join("", "paths", path)
        holders.append((item, at))
        holders += [(item[m], jsonpointer.join(at, m)) for m in HTTP_METHODS if m in item]
    for holder, at in holders:
        servers = holder.get("servers") if isinstance(holder, dict) else None
        if isinstance(servers, list):
            yield servers, jsonpointer.join(at, "servers")
