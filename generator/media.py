"""Media types: how a body of each type is encoded, and which one a method prefers.

An operation may offer several request bodies (Anam's create voice takes multipart with a file,
or JSON naming an upload); each gets a method (`analyze/bodies.py`). The operation's own method
sends the preferred one: multipart when it carries a file (nothing else can), then JSON, forms,
other multipart, then text or raw bytes in the spec's order. A response is read as JSON, else
text, else bytes.

Text is `text/*` and the application types that hold text (XML, YAML, scripts and queries):
a Kubernetes config in `application/yaml` or an XML reply is a `str` to its caller, not bytes.
"""

from __future__ import annotations

from typing import Literal

Encoding = Literal["json", "multipart", "form", "text", "binary"]
_RANK: dict[Encoding, int] = {"multipart": 0, "json": 1, "form": 2, "text": 3, "binary": 4}
_BODY_RANK: dict[Encoding, int] = {"json": 1, "form": 2, "multipart": 3, "text": 4, "binary": 4}


def base_media(media: str) -> str:
    """`application/json` for `Application/JSON; charset=utf-8`."""
    return media.split(";")[0].strip().lower()


def is_json(media: str) -> bool:
    base = base_media(media)
    return base == "application/json" or base.endswith("+json")


def is_event_stream(media: str) -> bool:
    """Server-sent events: a stream of typed events, not one body."""
    return media.split(";")[0].strip().lower() == "text/event-stream"


_JSON_LINES = frozenset(
    (
        "application/x-ndjson",
        "application/ndjson",
        "application/jsonl",
        "application/x-jsonlines",
        "application/json-lines",
        "application/stream+json",
        "application/json-seq",
    )
)


def is_json_lines(media: str) -> bool:
    """Newline-delimited JSON: one value per line, a stream to read line by line, not one body."""
    return base_media(media) in _JSON_LINES


def streams_json_lines(operation: object, media: str, status: int | str) -> bool:
    """Whether the reply of `status` in `media` is read as JSON lines: a JSON-lines media type,
    or a success in JSON from an operation flagged as streaming. Twitter's sample and filtered
    streams (`x-twitter-streaming`, `x-streaming`) send one JSON value per line and never finish;
    Fern's `x-fern-streaming: true` (or `{format: json}`) says the same of a finite stream of
    JSON chunks (ElevenLabs' speech with timestamps). Their errors are one JSON body."""
    if is_json_lines(media):
        return True
    flagged = isinstance(operation, dict) and (
        any(operation.get(flag) is True for flag in ("x-twitter-streaming", "x-streaming"))
        or _fern_json_stream(operation.get("x-fern-streaming"))
    )
    return flagged and str(status).startswith("2") and is_json(media)


def _fern_json_stream(flag: object) -> bool:
    """Fern's flag for JSON chunks: `true`, or `{format: json}`. Its `stream-condition` form
    streams only when a request field asks (the reply is one body otherwise, the chunks'
    schema is its `response-stream`), and `format: sse` is a stream of events, not lines:
    neither is read as lines."""
    if flag is True:
        return True
    return (
        isinstance(flag, dict)
        and flag.get("format", "json") == "json"
        and not flag.keys() & {"stream-condition", "response-stream"}
    )


_TEXT = frozenset(
    (
        "application/xml",
        "application/yaml",
        "application/x-yaml",
        "application/javascript",
        "application/ecmascript",
        "application/graphql",
        "application/sql",
    )
)
_TEXT_SUFFIXES = ("+xml", "+yaml")  # of `application/` types: an image (`image/svg+xml`) is a file


def is_text(media: str) -> bool:
    base = base_media(media)
    return (
        base.startswith("text/")
        or base in _TEXT
        or (base.startswith("application/") and base.endswith(_TEXT_SUFFIXES))
    )


def holds_models(media: str) -> bool:
    """Whether a body of this type is read into or written from models: JSON, forms, multipart,
    events and JSON lines. Text and raw bytes are `str` and bytes, whatever their schema says."""
    kind = encoding(media)
    return kind not in ("text", "binary") or is_event_stream(media) or is_json_lines(media)


def encoding(media: str) -> Encoding:
    base = base_media(media)
    if base == "multipart/form-data":
        return "multipart"
    if base == "application/x-www-form-urlencoded":
        return "form"
    if is_json(base):
        return "json"
    return "text" if is_text(base) else "binary"


def is_concrete(media: str) -> bool:
    """One exact media type (no wildcard, no list), so a client may send it as Content-Type."""
    return "*" not in media and "," not in media and "/" in media


def pick_media(media_types: list[str]) -> str | None:
    """The media type a body or response is generated for, by encoding, then spec order."""
    if not media_types:
        return None
    return min(media_types, key=lambda m: (_RANK[encoding(m)], media_types.index(m)))


def body_rank(kind: Encoding) -> int:
    """Which of an operation's request bodies its own method sends, lowest first: JSON, then a
    form; the others get methods of their own (`body_order` puts a multipart upload first)."""
    return _BODY_RANK[kind]
