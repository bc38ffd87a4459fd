"""Lone UTF-16 surrogates (JSON `"\\ud800"`) in any key or string -> U+FFFD.

They are not text: they cannot be encoded as UTF-8, so they can never be sent on the wire or
written into a generated file, and pydantic refuses them in a schema.
"""

from __future__ import annotations

import re
from typing import Any

from .. import jsonpointer
from ..errors import Problem

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems: list[Problem] = []
    stack: list[tuple[Any, jsonpointer.Place]] = [(document, None)]
    while stack:
        node, place = stack.pop()
        if isinstance(node, dict):
            for key in [k for k in node if _SURROGATE.search(k)]:
                node[_SURROGATE.sub("\ufffd", key)] = node.pop(key)
                message = "lone surrogate in a key replaced"
                problems.append(Problem("info", message, file, jsonpointer.of_place(place)))
        entries = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in entries:
            if isinstance(value, str):
                if _SURROGATE.search(value):
                    node[key] = _SURROGATE.sub("\ufffd", value)
            elif isinstance(value, dict | list):
                stack.append((value, (place, key)))
    return problems
