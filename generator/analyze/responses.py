"""What an operation returns: its success body (model, binary or nothing) and its error bodies."""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..ir import ErrorType, Response, TypeRef
from ..media import encoding, is_event_stream, is_json, pick_media
from ..strings import Safe, SpecText
from .context import Context

_NO_CONTENT = ("204", "205")


def success_response(context: Context, operation: dict[str, Any], pointer: str) -> Response:
    """The first 2xx response with a body decides; without one, `None` for 204/205, else Any."""
    responses = operation.get("responses") or {}
    successes = sorted(str(status) for status in responses if str(status).startswith("2"))
    for status in successes:
        resolved = context.resolve(
            responses[status], jsonpointer.join(pointer, "responses", status)
        )
        content = (resolved.node or {}).get("content") or {}
        media = pick_media(list(content))
        if media is None:
            continue
        if is_event_stream(media):
            where = jsonpointer.join(resolved.pointer, "content", media)
            return Response("events", status, _event_type(context, where), SpecText(media))
        if encoding(media) == "binary" or not is_json(media):
            return Response("binary", status, media_type=SpecText(media))
        root = context.root(jsonpointer.join(resolved.pointer, "content", media, "schema"))
        return Response("model", status, context.annotator.annotate(root), SpecText(media))
    if successes and all(status in _NO_CONTENT for status in successes):
        return Response("none", successes[0])
    status = successes[0] if successes else "200"
    return Response("model", status, context.annotator.annotate({}))


def _event_type(context: Context, media_pointer: str) -> TypeRef:
    """What each event's data holds: OpenAPI 3.2's `itemSchema`, else the media's `schema`."""
    for key in ("itemSchema", "schema"):
        root = context.root(jsonpointer.join(media_pointer, key))
        if root:
            return context.annotator.annotate(root)
    return context.annotator.annotate({})


def error_types(context: Context, operation: dict[str, Any], pointer: str) -> tuple[ErrorType, ...]:
    """The declared JSON body of each error status, so `error.body` is parsed into it."""
    errors = []
    for status, raw_response in sorted((operation.get("responses") or {}).items()):
        status = str(status)
        if status.startswith(("1", "2", "3")):
            continue
        where = jsonpointer.join(pointer, "responses", status)
        resolved = context.resolve(raw_response, where)
        content = (resolved.node or {}).get("content") or {}
        media = next((m for m in content if is_json(m)), None)
        if media is None:
            continue
        root = context.root(jsonpointer.join(resolved.pointer, "content", media, "schema"))
        if root:
            label = status if status.isdigit() else status.upper()
            literal = label if label.isdigit() else repr(label)
            errors.append(ErrorType(Safe(literal), context.annotator.annotate(root)))
    return tuple(errors)


def page_root(context: Context, pointer: str, response: Response) -> dict[str, Any]:
    """The success response schema with a top-level model expanded (for pagination)."""
    if response.media_type is None:
        return {}
    media = response.media_type.unsafe_value
    root = context.root(
        jsonpointer.join(pointer, "responses", response.status, "content", media, "schema")
    )
    name = context.model_of(root)
    if name:
        properties, _required = context.models.properties(name)
        return {"type": "object", "properties": properties}
    return root
