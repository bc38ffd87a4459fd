"""A media type written without its subtype (`text`, `json`) is the type its framework meant,
and a content key that is no media type at all is dropped.

Some frameworks print the short name a route was declared with (Litestar's `media_type="text"`)
as the content key. `text` is no media type a client can send: it would go out as raw bytes,
labelled `application/octet-stream`, which the server refuses. The intent is plain, so the key
becomes the full type with a warning naming it; a key whose full spelling is present already is
left alone. Other keys without a `/` are a slip of the editor (Plaid writes `examples: {}` beside
`application/json` under a request body's `content`): read as a media type, each would become a
method sending raw bytes the server never asked for, so it goes, with a warning.
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
        stray = [key for key in content if key not in renamed and not _is_media_type(key)]
        if not renamed and not stray:
            continue
        message["content"] = {
            renamed.get(key, key): media for key, media in content.items() if key not in stray
        }
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
        problems += [
            Problem(
                "warning",
                f"content key {key!r} is no media type; it is ignored",
                file,
                jsonpointer.join(pointer, "content", str(key)),
                "key `content` by media types (`application/json`); move what it holds under one",
            )
            for key in stray
        ]
    return problems


def _is_media_type(key: Any) -> bool:
    return isinstance(key, str) and "/" in key
