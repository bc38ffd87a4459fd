"""A media type written without its subtype (`text`, `json`) is the type its framework meant.

Some frameworks print the short name a route was declared with (Litestar's `media_type="text"`)
as the content key. `text` is no media type a client can send: it would go out as raw bytes,
labelled `application/octet-stream`, which the server refuses. The intent is plain, so the key
becomes the full type with a warning naming it; a key whose full spelling is present already is
left alone.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..walk import iter_messages

_FULL = {"text": "text/plain", "json": "application/json", "xml": "application/xml"}


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, message in iter_messages(document):
        content = message.get("content")
        if not isinstance(content, dict):
            continue
        renamed = {
            key: full
            for key in content
            if isinstance(key, str)
            and (full := _FULL.get(key.strip().lower())) is not None
            and full not in content
        }
        if not renamed:
            continue
        message["content"] = {renamed.get(key, key): media for key, media in content.items()}
        problems += [
            Problem(
                "warning",
                f"media type {key!r} read as {full!r}",
                file,
                jsonpointer.join(pointer, "content", key),
                f"write the media type as {full!r}",
            )
            for key, full in renamed.items()
        ]
    return problems
