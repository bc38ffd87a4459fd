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
    stack: list[tuple[Any, str]] = [(document, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, dict):
            for key in [k for k in node if _SURROGATE.search(k)]:
                node[_SURROGATE.sub("\ufffd", key)] = node.pop(key)
                problems.append(Problem("info", "lone surrogate in a key replaced", file, pointer))
            for key, value in node.items():
                if isinstance(value, str) and _SURROGATE.search(value):
                    node[key] = _SURROGATE.sub("\ufffd", value)
                else:
                    stack.append((value, jsonpointer.join(pointer, key)))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, str) and _SURROGATE.search(value):
                    node[index] = _SURROGATE.sub("\ufffd", value)
                else:
                    stack.append((value, jsonpointer.join(pointer, index)))
    return problems
