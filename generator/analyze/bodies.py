"""An operation's request bodies: one form per media type, each with its keyword arguments.

A JSON, form or multipart body whose schema is a model becomes one keyword argument per
property (as openai-python does), read-only properties left out since a client never sends
them; any other body is passed whole, as `body`, or as `content` for text and raw bytes. Text
media types share one form, and so do raw ones: the caller picks the type with `content_type=`.

The forms are ranked (`body_order`): the operation's own method sends the first, and each other
form gets a method of its own, named by `analyze` (`create_json`).
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import partial
from typing import Any

from .. import jsonpointer, keywords
from ..body_order import body_order, is_file
from ..describe import describe
from ..errors import Problem, SpecError
from ..inheritance import declared_properties
from ..ir import BodyField, RequestBody, Serialization, TypeRef
from ..media import Encoding, base_media, encoding, is_concrete, is_json
from ..refs import component_name
from ..sdk_names import body_method
from ..strings import Safe, SpecText, identifier, string_literal
from .context import Context, text
from .parameters import explicit_explode

_FILE = TypeRef((Safe("FileTypes"),), (Safe("FileTypes"),))
_FILES = TypeRef((Safe("List[FileTypes]"),), (Safe("Sequence[FileTypes]"),))
_TEXT = TypeRef((Safe("str"),), (Safe("str"),))
_FORM_STYLES = ("form", "spaceDelimited", "pipeDelimited", "deepObject")
_SHARED: tuple[Encoding, ...] = ("text", "binary")  # media types of these kinds share a form
_MAX_ALIASES = 10
_EVENTS_FLAG = "stream"


def request_bodies(context: Context, operation: dict[str, Any], pointer: str) -> list[RequestBody]:
    """Every form of the operation's body, the preferred one first (empty without a body)."""
    resolved = context.resolve(
        operation.get("requestBody"), jsonpointer.join(pointer, "requestBody")
    )
    raw = resolved.node
    content = raw.get("content") if isinstance(raw, dict) else None
    if not isinstance(raw, dict) or not isinstance(content, dict):
        return []
    declared = raw.get("required")
    required = declared is True
    bodies: list[RequestBody] = []
    for media, entry in content.items():
        kind = encoding(media)
        shared = next((b for b in bodies if b.encoding == kind and kind in _SHARED), None)
        if shared is not None:
            merged = (*shared.media_types, SpecText(media))
            bodies[bodies.index(shared)] = replace(shared, media_types=merged)
            continue
        where = jsonpointer.join(resolved.pointer, "content", media)
        body = RequestBody(
            kind,
            SpecText(media),
            required,
            description=text(raw.get("description")),
            media_types=(SpecText(media),),
            sdk_name=next(iter(body_method(entry)), None),
        )
        bodies.append(_arguments(context, body, entry, where, unsaid=declared is None))
    order = body_order(context.document, raw)
    return sorted(bodies, key=lambda body: order.index(body.media_type.unsafe_value))


def events_bodies(
    body: RequestBody | None, twinned: bool, only_events: bool
) -> tuple[RequestBody | None, RequestBody | None]:
    """The bodies of an operation's own method and of its events twin (`Operation.events`, if
    `twinned`). Where a JSON body has a boolean `stream` field, the flag openai-style APIs
    answer with events for, neither method takes it, since it decides what the reply is: the
    twin sends it true; the own method leaves it out, or sends it false where the body requires
    it. An operation that answers `only_events` (Mistral's `/v1/conversations#stream`) sends it
    true too: the server answers JSON to a request without it."""
    flag = _events_flag(body)
    if body is None or flag is None or not (twinned or only_events):
        return body, body
    fields = tuple(field for field in body.fields if field is not flag)
    withheld = (*body.withheld, flag.wire_name)
    own = ((flag.wire_name, Safe("False")),) if flag.required else ()
    twin = replace(
        body, fields=fields, withheld=withheld, fixed=(*body.fixed, (flag.wire_name, Safe("True")))
    )
    if only_events:
        return twin, twin
    return replace(body, fields=fields, withheld=withheld, fixed=(*body.fixed, *own)), twin


def _events_flag(body: RequestBody | None) -> BodyField | None:
    if body is None or body.encoding != "json":
        return None
    for field in body.fields:
        kinds = keywords.types(field.schema)
        if field.wire_name.unsafe_value == _EVENTS_FLAG and kinds and kinds <= {"boolean", "null"}:
            return field
    return None


def method_suffix(body: RequestBody, taken: set[str]) -> str:
    """What a body's own method adds to the operation's name: `json`, `multipart`, `form`,
    `text`, `binary`, or for text of one type that is not `text/*`, what it is written in
    (`xml`, `yaml`); a second JSON type is named by its media type (`merge_patch_json`)."""
    suffix: str = body.encoding
    media = base_media(body.media_type.unsafe_value)
    if suffix == "text" and len(body.media_types) <= 1 and not media.startswith("text/"):
        suffix = _identifier(media.split("/")[-1].removeprefix("x-")) or suffix
    if suffix in taken:
        suffix = _identifier(media.split("/")[-1]) or suffix
    return suffix


def _identifier(subtype: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in subtype.lower()).strip("_")


def _arguments(
    context: Context, body: RequestBody, entry: Any, where: str, *, unsaid: bool
) -> RequestBody:
    """The body's arguments. A body whose `required` the spec leaves unsaid is required where
    its model requires a property it gives no default: left out, or sent without the caller's
    value, it is a request the server refuses (PagerDuty leaves `required` unsaid on a hundred
    bodies, each meant to be sent). With a default for each, the body stays optional and is
    completed from them (see `_fill_in`)."""
    root = context.root(jsonpointer.join(where, "schema"))
    own = body.description.unsafe_value if body.description else None
    if body.encoding in _SHARED:
        annotation = _TEXT if body.encoding == "text" else _FILE
        # Text and raw bodies are not hoisted: their own schema says what they hold.
        raw = entry.get("schema") if isinstance(entry, dict) else None
        about = describe(own, root or raw, context.hoisted.schemas)
        whole = BodyField(SpecText("content"), Safe("content"), annotation, body.required, about)
        return replace(body, whole=replace(whole, is_file=body.encoding == "binary"))
    model = context.model_of(root)
    if unsaid and model is not None and _needs_values(context, model):
        body = replace(body, required=True)
    required = body.required
    multipart = body.encoding == "multipart"
    if model is None:
        annotation = context.annotator.annotate(root, file=multipart)
        about = describe(own, root, context.hoisted.schemas)
        whole = BodyField(SpecText("body"), Safe("body"), annotation, required, about, schema=root)
        return replace(body, whole=whole)
    encodings = entry.get("encoding") if isinstance(entry, dict) else None
    fields = _fields(
        context,
        model,
        required,
        body.encoding,
        encodings if isinstance(encodings, dict) else {},
        jsonpointer.join(where, "encoding"),
    )
    deprecated = _deprecated_properties(context, entry, where)
    fields = tuple(replace(f, deprecated=f.wire_name.unsafe_value in deprecated) for f in fields)
    return replace(body, fields=fields, model=identifier(model))


def _needs_values(context: Context, model: str) -> bool:
    """Whether the model requires a property that has no default to send in its place."""
    properties, required = context.models.request_properties(model)
    return any(_fill_in(context, properties[name], True) is None for name in required)


def _deprecated_properties(context: Context, entry: Any, where: str) -> frozenset[str]:
    """The body's properties the spec marks deprecated (Clerk's `secret` beside `access_token`
    in `POST /oauth_applications/access_tokens/verify`). Hoisting drops `deprecated`, which is
    no part of a model, so they are read from the spec's own schema, `allOf` members included;
    a `deprecated` beside a `$ref` counts too."""
    schema = entry.get("schema") if isinstance(entry, dict) else None
    declared = declared_properties(context.document, schema)
    return frozenset(name for name, held in declared.items() if _deprecated(context, held, where))


def _deprecated(context: Context, held: Any, where: str) -> bool:
    resolved = context.resolve(held, where)
    marks = (resolved.siblings, resolved.node if isinstance(resolved.node, dict) else {})
    return any(mark.get("deprecated") is True for mark in marks)


def _fields(
    context: Context,
    model: str,
    body_required: bool,
    kind: Encoding,
    encodings: dict[str, Any],
    pointer: str,
) -> tuple[BodyField, ...]:
    properties, required_names = context.models.request_properties(model)
    names = context.models.field_names.get(model, {})
    multipart = kind == "multipart"
    fields = []
    for wire, schema in properties.items():
        is_file = multipart and _is_binary(context, schema)
        file_array = is_file and _is_array(context, schema)
        annotation = context.annotator.annotate(schema, file=multipart)
        if is_file:
            annotation = _FILES if file_array else _FILE
        field = BodyField(
            wire_name=SpecText(wire),
            name=identifier(names[wire]),
            type=annotation,
            required=body_required and wire in required_names,
            description=describe(None, schema, context.hoisted.schemas, wire),
            is_file=is_file,
            file_array=file_array,
            schema=schema if isinstance(schema, dict) else {},
            fill_in=_fill_in(context, schema, wire in required_names and not body_required),
        )
        how = _field_serialization(context, kind, encodings.get(wire), pointer, wire)
        fields.append(replace(field, serialization=how))
    return tuple(fields)


def _fill_in(context: Context, schema: Any, required: bool) -> Safe | None:
    """What to send for a field the body requires when the body is optional, so the argument is
    too, and the caller sends the body without it: the spec's `default`, which is what the field
    means when not chosen. Nothing is invented for a field without one, nor for a file."""
    resolved = _resolved(context, schema)
    if not required or "default" not in resolved or _is_binary(context, resolved):
        return None
    return _python_literal(resolved["default"])


class _NoLiteral(Exception):
    """A value that no Python literal spells (NaN, infinity, a date a YAML loader made)."""


def _python_literal(value: Any) -> Safe | None:
    """A JSON value as the Python literal of the same value, or None when there is none."""
    try:
        return Safe(_literal_text(value))
    except _NoLiteral:
        return None


def _literal_text(value: Any) -> str:
    if value is None or isinstance(value, bool | int | str):
        return string_literal(value) if isinstance(value, str) else repr(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_literal_text(item) for item in value) + "]"
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        entries = (f"{string_literal(key)}: {_literal_text(item)}" for key, item in value.items())
        return "{" + ", ".join(entries) + "}"
    raise _NoLiteral


def _field_serialization(
    context: Context, kind: Encoding, encoding_object: Any, pointer: str, wire: str
) -> Serialization | None:
    """A form field's `style`, or a part's `contentType`, from the body's `encoding`."""
    if not isinstance(encoding_object, dict):
        return None
    content_type = encoding_object.get("contentType")
    styled = any(key in encoding_object for key in ("style", "explode", "allowReserved"))
    if kind == "form" and styled:
        style = encoding_object.get("style", "form")
        if style not in _FORM_STYLES:
            message = f"style {style!r} is not defined for form fields"
            where = jsonpointer.join(pointer, wire, "style")
            hint = f"use one of {', '.join(_FORM_STYLES)}"
            raise SpecError(Problem("error", message, context.file, where, hint))
        explode = explicit_explode(style, encoding_object.get("explode"))
        reserved = encoding_object.get("allowReserved") is True
        return Serialization(style=style, explode=explode, allow_reserved=reserved)
    if not isinstance(content_type, str) or not is_concrete(content_type):
        return None
    if kind == "multipart" or is_json(content_type):
        return Serialization(content_type=SpecText(content_type))
    return None


def _is_binary(context: Context, schema: Any) -> bool:
    return is_file(schema, partial(_resolved, context))


def _is_array(context: Context, schema: Any) -> bool:
    schema = _resolved(context, schema)
    return "array" in (keywords.types(schema) or keywords.implied_types(schema))


def _resolved(context: Context, schema: Any) -> dict[str, Any]:
    """A hoisted schema with a `$ref` to a named one followed (an alias, not a model)."""
    for _ in range(_MAX_ALIASES):
        name = component_name(schema)
        if name is None:
            break
        schema = context.annotator.schema(name)
    return schema if isinstance(schema, dict) else {}
