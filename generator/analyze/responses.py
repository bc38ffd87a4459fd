"""What an operation returns: its success body (model, text, bytes or nothing) and error bodies.

The first success status with a body decides the return type, its media type chosen as JSON,
then text (`str`), then bytes (`BinaryResponse`); where other success statuses declare other
JSON bodies, the method returns their union, each reply read as its own status's body. An
operation that declares no 2xx but a redirect with a body (Twilio's `307` carrying
`redirect_to`) answers with that redirect: the client returns its body rather than following it.
A GET whose only documented content is a redirect without a body (Box's download answers 302 to
its file store) returns bytes: whatever the target holds, of a media type the spec cannot know.
A declared 204 or 205 adds `None` (that reply has no body, whatever the spec says), and so does
another 2xx that declares no body beside one that does (Box's commit answers 201 with the file,
or 202 with nothing until the parts are processed: an empty 202 must not fail as a malformed
201). A HEAD returns `None` (no reply to it has a body). JSON lines (an ndjson media type, or
JSON from an operation flagged as streaming) return a stream of the item type, read line by
line. An operation that declares only `default` returns what `default` describes. Error bodies
are keyed as the runtime looks them up: `404`, `4XX`, `default`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .. import jsonpointer
from ..annotate import union
from ..answers import is_redirect_status
from ..ir import ErrorType, Response, TypeRef
from ..media import encoding, is_event_stream, is_json, pick_media, streams_json_lines
from ..sse import envelope_data, named_events
from ..strings import Safe, SpecText, string_literal
from .context import Context

_NO_CONTENT = ("204", "205")
_NONE = TypeRef((Safe("None"),), (Safe("None"),))
_STR = TypeRef((Safe("str"),), (Safe("str"),))


def success_response(
    context: Context, operation: dict[str, Any], pointer: str, method: str
) -> Response:
    responses = operation.get("responses") or {}
    successes = _successes(context, responses, pointer)
    if method == "head":
        return Response("none", successes[0] if successes else "200")
    for status in successes:
        if status in _NO_CONTENT:
            continue
        where = jsonpointer.join(pointer, "responses", status)
        resolved = context.resolve(responses[status], where)
        content = (resolved.node or {}).get("content") or {}
        media = pick_media(list(content)) if isinstance(content, dict) else None
        if media is None:
            continue
        response = _response(context, operation, status, media, resolved.pointer)
        others = [other for other in successes if other != status]
        response = _by_status(context, responses, pointer, others, response)
        return _or_empty(context, responses, pointer, others, response)
    if successes and all(status in _NO_CONTENT for status in successes):
        return Response("none", successes[0])
    status = successes[0] if successes else "200"
    if method == "get" and _redirects_without_body(context, responses, pointer):
        return Response("binary", status)
    return Response("model", status, context.annotator.annotate({}))


def events_response(
    context: Context, operation: dict[str, Any], pointer: str, response: Response
) -> Response | None:
    """The events of the success reply chosen as JSON, where its status also offers
    `text/event-stream` (the server picks by a flag in the body or by `Accept`): the reply of
    the operation's events twin. None for any other operation."""
    if response.kind != "model" or response.media_type is None:
        return None
    where = jsonpointer.join(pointer, "responses", response.status)
    declared = (operation.get("responses") or {}).get(response.status)
    resolved = context.resolve(declared, where)
    content = (resolved.node or {}).get("content") or {}
    media = next((m for m in content if isinstance(m, str) and is_event_stream(m)), None)
    if media is None:
        return None
    return _events(
        context, response.status, media, jsonpointer.join(resolved.pointer, "content", media)
    )


def _successes(context: Context, responses: dict[str, Any], pointer: str) -> list[str]:
    """The success statuses, in order; where the operation declares no 2xx, its redirects that
    carry a body (that body is the reply the API documents), else `default` alone."""
    statuses = [str(status) for status in responses]
    successes = sorted(status for status in statuses if status.startswith("2"))
    if successes:
        return successes
    answers = sorted(
        status
        for status in statuses
        if is_redirect_status(status) and _has_body(context, responses[status], pointer, status)
    )
    return answers or (["default"] if "default" in statuses else [])


def _or_empty(
    context: Context,
    responses: dict[str, Any],
    pointer: str,
    others: list[str],
    response: Response,
) -> Response:
    """The response, its type made optional when another success status answers without a
    body; a stream of JSON lines stays as it is (an empty reply is a stream of no items)."""
    bodiless = _any_bodiless(context, responses, pointer, others)
    if not bodiless or response.type is None or response.kind == "lines":
        return response
    return dataclasses.replace(response, type=_optional(response.type))


def _by_status(
    context: Context,
    responses: dict[str, Any],
    pointer: str,
    others: list[str],
    response: Response,
) -> Response:
    """A JSON reply whose other success statuses declare other JSON bodies (Discord's search
    answers 200 with its results, or 202 with when to ask again while its index is built): the
    reply is parsed into the type of the status that came, and the method returns their union.
    Parsing every reply into the first status's type would fail on the other's body, or worse,
    fit it into a model it is not."""
    if response.kind != "model" or response.type is None:
        return response
    typed = [(response.status, response.type)]
    for status in others:
        where = jsonpointer.join(pointer, "responses", status)
        resolved = context.resolve(responses[status], where)
        roots = _json_roots(context, resolved.node, resolved.pointer)
        if roots:
            schema = roots[0] if len(roots) == 1 else {"anyOf": roots}
            typed.append((status, context.annotator.annotate(schema)))
    if all(type_.outputs == response.type.outputs for _status, type_ in typed):
        return response
    merged = union([type_ for _status, type_ in typed])
    return dataclasses.replace(response, type=merged, status_types=tuple(sorted(typed)))


def _any_bodiless(
    context: Context, responses: dict[str, Any], pointer: str, statuses: list[str]
) -> bool:
    """Whether any of these success statuses answers without a body: 204 and 205 always, any
    other 2xx that declares no content (a `default` reply is an error, not an empty success)."""
    return any(
        status in _NO_CONTENT
        or (status.startswith("2") and not _has_body(context, responses[status], pointer, status))
        for status in statuses
    )


def _redirects_without_body(context: Context, responses: dict[str, Any], pointer: str) -> bool:
    """Whether a GET that documents no success body declares a redirect without one: its
    content is wherever the redirect points (Box's download answers 302 to its file store), of
    a media type the spec cannot know, so it is returned as bytes rather than parsed as JSON."""
    return any(
        is_redirect_status(str(status)) and not _has_body(context, response, pointer, str(status))
        for status, response in responses.items()
    )


def _has_body(context: Context, response: Any, pointer: str, status: str) -> bool:
    resolved = context.resolve(response, jsonpointer.join(pointer, "responses", status))
    content = (resolved.node or {}).get("content")
    return isinstance(content, dict) and bool(content)


def _events(context: Context, status: str, media: str, media_pointer: str) -> Response:
    """What each event's data holds: OpenAPI 3.2's `itemSchema`, else the media's `schema`,
    unless that lists named events (then each name's data has its own type) or frames one
    event (then the data is its `data` property's)."""
    root = context.root(jsonpointer.join(media_pointer, "itemSchema"))
    if not root:
        root = context.root(jsonpointer.join(media_pointer, "schema"))
        named = named_events(root, context.hoisted_schema)
        if named:
            types = [
                (SpecText(event.name), context.annotator.annotate(event.data)) for event in named
            ]
            item = context.annotator.annotate({"anyOf": [event.data for event in named]})
            return Response("events", status, item, SpecText(media), tuple(types))
        data = envelope_data(root, context.hoisted_schema)
        root = root if data is None else data
    return Response("events", status, context.annotator.annotate(root), SpecText(media))


def _lines(context: Context, status: str, media: str, pointer: str) -> Response:
    """A stream of JSON lines: each line holds OpenAPI 3.2's `itemSchema`, else the `schema`
    (which the APIs that stream lines write for one line, not for the whole stream)."""
    media_pointer = jsonpointer.join(pointer, "content", media)
    root = context.root(jsonpointer.join(media_pointer, "itemSchema"))
    if not root:
        root = context.root(jsonpointer.join(media_pointer, "schema"))
    return Response("lines", status, context.annotator.annotate(root), SpecText(media))


def _response(
    context: Context, operation: dict[str, Any], status: str, media: str, pointer: str
) -> Response:
    if streams_json_lines(operation, media, status):
        return _lines(context, status, media, pointer)
    if is_event_stream(media):
        return _events(context, status, media, jsonpointer.join(pointer, "content", media))
    kind = encoding(media)
    if kind == "text":
        return Response("text", status, _STR, SpecText(media))
    if not is_json(media):
        return Response("binary", status, media_type=SpecText(media))
    root = context.root(jsonpointer.join(pointer, "content", media, "schema"))
    return Response("model", status, context.annotator.annotate(root), SpecText(media))


def _optional(type_: TypeRef) -> TypeRef:
    if "Any" in type_.outputs or "None" in type_.outputs:
        return type_
    outputs, inputs = (*type_.outputs, *_NONE.outputs), (*type_.inputs, *_NONE.inputs)
    return TypeRef(outputs, inputs, type_.models, type_.imports)


def error_types(context: Context, operation: dict[str, Any], pointer: str) -> tuple[ErrorType, ...]:
    """The declared JSON body of each error status, so `error.body` is parsed into it. A status
    whose JSON media types declare different bodies (Twitter's `application/json` `Error` beside
    its `application/problem+json` `Problem`) is parsed into whichever of them the reply fits:
    the server picks the media type, so the first one listed is not the one that comes back."""
    errors = []
    for status, raw_response in sorted((operation.get("responses") or {}).items()):
        status = str(status)
        if status.startswith(("1", "2", "3")):
            continue
        where = jsonpointer.join(pointer, "responses", status)
        resolved = context.resolve(raw_response, where)
        roots = _json_roots(context, resolved.node, resolved.pointer)
        if roots:
            schema = roots[0] if len(roots) == 1 else {"anyOf": roots}
            errors.append(ErrorType(_status_key(status), context.annotator.annotate(schema)))
    return tuple(errors)


def _json_roots(context: Context, response: Any, pointer: str) -> list[dict[str, Any]]:
    """The distinct schemas of a response's JSON media types, in the order they are listed."""
    content = (response or {}).get("content") or {}
    roots: list[dict[str, Any]] = []
    for media in content:
        if not isinstance(media, str) or not is_json(media):
            continue
        root = context.root(jsonpointer.join(pointer, "content", media, "schema"))
        if root and root not in roots:
            roots.append(root)
    return roots


def _status_key(status: str) -> Safe:
    """`404`, `'4XX'` or `'default'`: the key `error_types` is looked up by."""
    if status.isdigit():
        return Safe(status)
    label = "default" if status.lower() == "default" else status.upper()
    return Safe(string_literal(SpecText(label)))


def page_root(
    context: Context, operation: dict[str, Any], pointer: str, response: Response
) -> dict[str, Any]:
    """The success response schema with a top-level model expanded (for pagination); a
    response given by `$ref` (`#/components/responses/...`) is read where it is defined."""
    if response.media_type is None or response.kind != "model":
        return {}
    media = response.media_type.unsafe_value
    where = jsonpointer.join(pointer, "responses", response.status)
    declared = (operation.get("responses") or {}).get(response.status)
    resolved = context.resolve(declared, where)
    root = context.root(jsonpointer.join(resolved.pointer, "content", media, "schema"))
    name = context.model_of(root)
    if name:
        properties, _required = context.models.properties(name)
        return {"type": "object", "properties": properties}
    return root
