"""Media types: which request body encoding an operation uses, and which responses are JSON.

An operation may offer several bodies (Anam's create avatar takes multipart with a file or JSON with
a URL); the generated method uses one, and the others still get models. Multipart wins because it is
the only one that can carry files.
"""

from __future__ import annotations

from typing import Literal

Encoding = Literal["json", "multipart", "form", "binary"]
_RANK: dict[Encoding, int] = {"multipart": 0, "json": 1, "form": 2, "binary": 3}


def is_json(media: str) -> bool:
    base = media.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def is_event_stream(media: str) -> bool:
    """Server-sent events: a stream of typed events, not one body."""
    return media.split(";")[0].strip().lower() == "text/event-stream"


def encoding(media: str) -> Encoding:
    base = media.split(";")[0].strip().lower()
    if base == "multipart/form-data":
        return "multipart"
    if base == "application/x-www-form-urlencoded":
        return "form"
    return "json" if is_json(base) else "binary"


def pick_media(media_types: list[str]) -> str | None:
    """The body a generated method sends: multipart, then JSON, then forms, then anything else."""
    if not media_types:
        return None
    return min(media_types, key=lambda m: (_RANK[encoding(m)], media_types.index(m)))
