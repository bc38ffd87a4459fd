"""HTTP requests as a server receives them, and the decoding every server does.

Shared by the validator (which judges a request) and by `expect.py` (which compares it with the
arguments): both must read a query string, a cookie, a multipart body or a text value the same
way, so there is one reading of each.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, unquote

from .schemas import resolved_schema

# zlib's window bits for each Content-Encoding a request body may arrive in
_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


def decoded_content(headers: Mapping[str, str], body: bytes) -> bytes:
    """A request body as a server that accepts gzip and deflate reads it: undone from the
    encoding its `Content-Encoding` names. Bytes not so encoded are kept as they came (a caller
    gave them as the encoded body), for the checks to judge them."""
    wbits = _WBITS.get(headers.get("content-encoding", "").strip().lower())
    if wbits is None or not body:
        return body
    try:
        return zlib.decompress(body, wbits)
    except zlib.error:
        return body


@dataclass(frozen=True)
class WireRequest:
    """An HTTP request as the server received it."""

    method: str
    target: str  # the raw request target: percent-encoded path and query
    headers: Mapping[str, str]  # names lower-cased
    body: bytes

    @property
    def raw_path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def raw_query(self) -> str:
        return self.target.partition("?")[2]

    @cached_property
    def query(self) -> list[tuple[str, str]]:
        """Name/value pairs, percent-decoded, `+` read as a space (as servers read forms)."""
        return parse_qsl(self.raw_query, keep_blank_values=True)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def media_type(self) -> str:
        return base_media(self.content_type)

    @cached_property
    def cookies(self) -> dict[str, str]:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(self.headers.get("cookie", ""))
        except CookieError:
            return {}
        return {name: unquote(morsel.value) for name, morsel in jar.items()}


@dataclass(frozen=True)
class Part:
    name: str
    filename: str | None
    content_type: str | None
    data: bytes


def multipart_parts(content_type: str, body: bytes) -> list[Part]:
    """The parts of a multipart/form-data body, decoded with the standard library.

    A body of the closing boundary alone is a form of no fields, as browsers send an empty form
    (the standard library sees no multipart there)."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    boundary = message.get_boundary()
    if boundary is not None and body.strip() == f"--{boundary}--".encode():
        return []
    if not message.is_multipart():
        raise ValueError(f"not a multipart body (content-type {content_type!r})")
    parts = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True)
        parts.append(
            Part(
                str(name),
                part.get_filename(),
                part.get("content-type"),
                data if isinstance(data, bytes) else b"",
            )
        )
    return parts


def text_value(document: dict[str, Any], schema: Any, text: str) -> Any:
    """A text value (query, header, form field) as the schema's type, as server frameworks read
    it: `"3"` for an integer is 3, `"true"` for a boolean is True, JSON for objects and arrays
    (also where the schema allows any value: a client sends an object there as its JSON text);
    text that is no such value stays text, and the schema check then says why."""
    kinds = schema_types(document, schema)
    if not kinds and text.startswith(("{", "[")):
        kinds = ["object", "array"]
    for kind in kinds:
        if kind == "integer" and re.fullmatch(r"-?\d+", text):
            return int(text)
        if kind == "number" and re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", text):
            return float(text) if any(c in text for c in ".eE") else int(text)
        if kind == "boolean" and text in ("true", "false"):
            return text == "true"
        if kind == "null" and text == "null":
            return None
        if kind in ("object", "array"):
            try:
                return json.loads(text)
            except ValueError:
                continue
    return text


def schema_types(document: dict[str, Any], schema: Any, depth: int = 0) -> list[str]:
    """The JSON types a schema admits, in the order it names them (compositions included)."""
    schema = resolved_schema(document, schema)
    if not isinstance(schema, dict) or depth > 10:
        return []
    kind = schema.get("type")
    if isinstance(kind, str | list):
        return [k for k in ([kind] if isinstance(kind, str) else kind) if isinstance(k, str)]
    members = [m for key in ("allOf", "oneOf", "anyOf") for m in schema.get(key) or []]
    found = [k for member in members for k in schema_types(document, member, depth + 1)]
    return list(dict.fromkeys(found)) or _implied_types(schema)


def _implied_types(schema: dict[str, Any]) -> list[str]:
    """The types a schema without `type` implies by its keywords or values."""
    if "properties" in schema or "additionalProperties" in schema:
        return ["object"]
    if "items" in schema or "prefixItems" in schema:
        return ["array"]
    values = [*(schema.get("enum") or []), *([schema["const"]] if "const" in schema else [])]
    return list(dict.fromkeys(json_type(value) for value in values))


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def wire_text(value: Any) -> str:
    """A scalar as HTTP spells it in a path, header or form field: `true`, `3`, `2.5`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def base_media(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def is_json_media(media: str) -> bool:
    media = base_media(media)
    return media == "application/json" or media.endswith("+json")


def media_matches(declared: str, media: str) -> bool:
    """Whether a request's media type is one a spec's content key (maybe `image/*`) allows."""
    declared, media = base_media(declared), base_media(media)
    if declared in ("*/*", media):
        return True
    return declared.endswith("/*") and media.startswith(declared[:-1])


_STAND_INS = {
    "*/*": "application/octet-stream",
    "audio/*": "audio/mpeg",
    "image/*": "image/png",
    "video/*": "video/mp4",
    "text/*": "text/plain",
    "application/*": "application/octet-stream",
}


def concrete_media(declared: str) -> str:
    """An exact media type for a content key, a common one of its kind for a wildcard."""
    media = base_media(declared)
    if media in _STAND_INS:
        return _STAND_INS[media]
    return media[:-1] + "octet-stream" if media.endswith("/*") else declared


def raw_argument(content: bytes, declared: str) -> tuple[Any, str]:
    """A raw body argument, and the media type it must go out as: for a wildcard (`image/*`)
    the caller names an exact type, with a file tuple."""
    media = concrete_media(declared)
    return (content if media == declared else ("body.bin", content, media)), media
