"""Filling a spec path template such as ``/v1/personas/{id}`` with caller-supplied values.

Each value must land in exactly one path segment whatever it contains. An id of ``../admin``
that reached the server as two segments would address a different resource, so every reserved
character is percent-encoded and the segments ``.`` and ``..`` are spelled ``%2E`` / ``%2E%2E``,
which neither httpx nor servers fold away as dot-segments. A value with a ``label`` or ``matrix``
style, or an array or object, is written as ``_styles`` says, its delimiters left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote

from ._styles import path_text

__all__ = ["encode_segment", "expand_path"]

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def expand_path(template: str, params: Mapping[str, object]) -> str:
    """Substitute every ``{name}``; raises ValueError before any request is made."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise ValueError(f"Missing path parameter {name!r} for {template!r}")
        value = params[name]
        text = path_text(name, value)
        if not text:
            raise ValueError(f"Path parameter {name!r} must be a non-empty value, got {value!r}")
        return _not_a_dot_segment(text)

    return _PLACEHOLDER.sub(substitute, template)


def encode_segment(text: str) -> str:
    """Percent-encode ``text`` (as UTF-8) so it is one opaque path segment."""
    return _not_a_dot_segment(quote(text, safe=""))


def _not_a_dot_segment(text: str) -> str:
    """``.`` and ``..`` are left percent-encoded: unreserved, yet read as "here" and "up"."""
    if text in {".", ".."}:
        return text.replace(".", "%2E")
    return text
