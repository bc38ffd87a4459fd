"""An operation's request body: which media type the method sends, and its keyword arguments.

A JSON or form body whose schema is a model becomes one keyword argument per property (as
openai-python does); any other body is passed whole, as `body` (or `content` for raw bytes).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .. import jsonpointer
from ..ir import BodyField, RequestBody, TypeRef
from ..media import encoding, pick_media
from ..strings import Safe, SpecText, identifier
from .context import Context, text

_FILE = TypeRef((Safe("FileTypes"),), (Safe("FileTypes"),))


def request_body(context: Context, operation: dict[str, Any], pointer: str) -> RequestBody | None:
    resolved = context.resolve(
        operation.get("requestBody"), jsonpointer.join(pointer, "requestBody")
    )
    raw = resolved.node
    if not isinstance(raw, dict):
        return None
    content = raw.get("content") or {}
    media = pick_media(list(content))
    if media is None:
        return None
    kind = encoding(media)
    required = raw.get("required") is True
    root = context.root(jsonpointer.join(resolved.pointer, "content", media, "schema"))
    model = context.model_of(root)
    body = RequestBody(kind, SpecText(media), required, description=text(raw.get("description")))
    if kind == "binary":
        whole = BodyField(SpecText("content"), Safe("content"), _FILE, required, is_file=True)
        return replace(body, whole=whole)
    if model is None:
        annotation = context.annotator.annotate(root, file=kind == "multipart")
        return replace(body, whole=BodyField(SpecText("body"), Safe("body"), annotation, required))
    fields = _fields(context, model, required, multipart=kind == "multipart")
    return replace(body, fields=fields, model=identifier(model))


def _fields(
    context: Context, model: str, body_required: bool, *, multipart: bool
) -> tuple[BodyField, ...]:
    properties, required_names = context.models.request_properties(model)
    names = context.models.field_names.get(model, {})
    return tuple(
        BodyField(
            wire_name=SpecText(wire),
            name=identifier(names[wire]),
            type=context.annotator.annotate(schema, file=multipart),
            required=body_required and wire in required_names,
            description=text(schema.get("description")) if isinstance(schema, dict) else None,
            is_file=multipart and _is_binary(schema),
            deprecated=isinstance(schema, dict) and schema.get("deprecated") is True,
        )
        for wire, schema in properties.items()
    )


def _is_binary(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    if schema.get("format") == "binary":
        return True
    items = schema.get("items")
    return isinstance(items, dict) and items.get("format") == "binary"
