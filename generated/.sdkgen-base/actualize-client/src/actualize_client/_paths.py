"""Filling a spec path template such as ``/v1/personas/{id}`` with caller-supplied values.

Each value must land in exactly one path segment whatever it contains. An id of ``../admin``
that reached the server as two segments would address a different resource, so every reserved
character is percent-encoded and the segments ``.`` and ``..`` are spelled ``%2E`` / ``%2E%2E``,
which neither httpx nor servers fold away as dot-segments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote

from ._serialization import format_value
from ._types import NotGiven

__all__ = ["encode_segment", "expand_path"]

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def expand_path(template: str, params: Mapping[str, object]) -> str:
    """Substitute every ``{name}``; raises ValueError before any request is made."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise ValueError(f"Missing path parameter {name!r} for {template!r}")
        value = params[name]
        text = "" if value is None or isinstance(value, NotGiven) else format_value(value)
        if not text:
            raise ValueError(f"Path parameter {name!r} must be a non-empty value, got {value!r}")
        return encode_segment(text)

    return _PLACEHOLDER.sub(substitute, template)


def encode_segment(text: str) -> str:
    """Percent-encode ``text`` (as UTF-8) so it is one opaque path segment."""
    if text in {".", ".."}:
        return text.replace(".", "%2E")
    return quote(text, safe="")
