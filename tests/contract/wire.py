"""HTTP requests as a server receives them, and the decoding every server does.

Shared by the validator (which judges a request) and by `expect.py` (which compares it with the
arguments): both must read a query string, a multipart body or a text form field the same way.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from .schemas import resolve


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
    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(self.target.partition("?")[2], keep_blank_values=True)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass(frozen=True)
class Part:
    name: str
    filename: str | None
    content_type: str | None
    data: bytes


def multipart_parts(request: WireRequest) -> list[Part]:
    """The parts of a multipart/form-data body, decoded with the standard library."""
    head = f"Content-Type: {request.content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.body)
    if not message.is_multipart():
        raise ValueError(f"not a multipart body (content-type {request.content_type!r})")
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


def convert_text(document: dict[str, Any], schema: Any, text: str) -> Any:
    """A multipart text part as the property's type, as a server framework would read it."""
    schema = resolved_schema(document, schema)
    kinds = schema.get("type") if isinstance(schema, dict) else None
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if kind == "integer" and re.fullmatch(r"-?\d+", text):
            return int(text)
        if kind == "number" and re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", text):
            return float(text) if any(c in text for c in ".eE") else int(text)
        if kind == "boolean" and text in ("true", "false"):
            return text == "true"
        if kind in ("object", "array"):
            try:
                return json.loads(text)
            except ValueError:
                continue
    return text


def wire_text(value: Any) -> str:
    """A path, header or form value as HTTP spells it: `true`, lists comma-separated."""
    if isinstance(value, list):
        return ", ".join(wire_text(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def properties_of(document: dict[str, Any], schema: Any) -> dict[str, Any]:
    """A schema's properties by name, its `allOf` members' included."""
    schema = resolved_schema(document, schema)
    properties = dict(schema.get("properties") or {}) if isinstance(schema, dict) else {}
    for member in (schema.get("allOf") or []) if isinstance(schema, dict) else []:
        properties.update(properties_of(document, member))
    return properties


def resolved_schema(document: dict[str, Any], schema: Any) -> Any:
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        schema = resolve(document, schema["$ref"])
    return schema
