"""The replies the mock may give: every example the spec documents, and one built from the schema.

For each operation and status the mock knows its replies (`Canned`): the response's examples
that are valid for their own schema, then a value with every property the schema allows (the
examples are often partial, and a client must read every declared field). JSON media types are
preferred; text media (`text/plain`, `text/html`) are answered with text valid for the schema,
binary media with a few bytes no text decoder accepts, event streams with one event
(`events.py`). When a response declares several media
types, the one the request's `Accept` header names wins.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import jsonpointer
from ..answers import is_redirect_status
from ..media import is_event_stream, is_text, streams_json_lines
from .errors import NoValidValue
from .events import encode_events, encode_lines, event_schema, item_schema_key, stream_events
from .routing import Route
from .schemas import resolve, schema_key
from .server import Reply
from .validation import ContractValidator, response_label
from .values import ValueFactory
from .wire import base_media, concrete_media, is_json_media, media_matches, wire_text

GENERATED = "generated"  # the name of the reply built from the schema (examples keep theirs)
BINARY_BODY = b"\x00\x01\x02binary body\xff\xfe"


class SpecExampleWarning(UserWarning):
    """A response example in the spec is invalid for its own schema (so it is not used)."""

    def __init__(self, message: str, pointer: str) -> None:
        super().__init__(message)
        self.pointer = pointer  # the media object holding the example

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with both arguments (a worker process sends its warnings back)."""
        return (type(self), (str(self), self.pointer))


@dataclass(frozen=True)
class Canned:
    """One reply the spec allows for an operation and status."""

    name: str  # the example's name, or "generated"
    status: int
    media_type: str | None
    body: bytes
    data: Any  # the decoded body: JSON data, text for text media, None when empty or binary
    headers: Mapping[str, str] = field(default_factory=dict)

    def reply(self) -> Reply:
        headers = dict(self.headers)
        if self.media_type is not None:
            headers["Content-Type"] = self.media_type
        return Reply(self.status, headers, self.body)


# Statuses HTTP gives no body, whatever content a spec declares for them (RFC 9110 15.3.5, 15.4.5):
# a body after one would be read as the start of the next response on a kept-open connection.
# No reply to a HEAD has a body either (RFC 9110 9.3.2), whatever its status.
_BODILESS = frozenset({204, 205, 304})


class ReplyBook:
    def __init__(self, validator: ContractValidator) -> None:
        self.validator = validator
        self.document = validator.document
        self._cache: dict[tuple[str, int, str], tuple[Canned, ...]] = {}
        self._values: dict[tuple[str, str], Any] = {}

    def success_status(self, route: Route) -> int:
        """The 2xx the spec documents (the first with a body, as clients expect), else the
        redirect whose body is the reply (as the client takes it), else 200."""
        responses = self.validator.operation(route).get("responses") or {}
        successes = sorted(s for s in map(str, responses) if s.startswith("2") and s.isdigit())
        with_body = [s for s in successes if self._response(responses[s]).get("content")]
        answers = [
            s
            for s in sorted(map(str, responses))
            if is_redirect_status(s) and self._response(responses[s]).get("content")
        ]
        chosen = (with_body or successes or answers or ["200"])[0]
        return int(chosen)

    def canned(
        self, route: Route, status: int, accept: str = "application/json"
    ) -> tuple[Canned, ...]:
        """Every reply the mock can give for `route` and `status` (in the media type `accept`
        asks for, if declared), examples first. The same replies every time they are asked."""
        responses = self.validator.operation(route).get("responses") or {}
        label = response_label(responses, status)
        content = self._response(responses[label]).get("content") or {} if label else {}
        media = _choose_media(list(content), accept) if content else ""
        key = (route.key, status, media)
        if key not in self._cache:
            self._cache[key] = self._build(route, status, label, media)
        return self._cache[key]

    def _build(
        self, route: Route, status: int, label: str | None, media: str
    ) -> tuple[Canned, ...]:
        if label is None:
            return (Canned("undeclared", status, None, b"", None),)
        responses = self.validator.operation(route).get("responses") or {}
        response = self._response(responses[label])
        headers = self._headers(response)
        content = response.get("content") or {}
        if not content or status in _BODILESS or route.method == "head":
            return (Canned("empty", status, None, b"", None, headers),)
        concrete = concrete_media(media)
        media_object = content[media] if isinstance(content[media], dict) else {}
        schema = media_object.get("schema", {})
        where = jsonpointer.join(
            self.validator.pointer(route), "responses", label, "content", media
        )
        if _is_xml(concrete):  # tolerance 4: XML is checked for its media type only
            text = f'<?xml version="1.0" encoding="UTF-8"?><reply>{_hint(route)}</reply>'
            return (Canned("xml", status, concrete, text.encode(), text, headers),)
        if streams_json_lines(self.validator.operation(route), concrete, status):
            value = self._value(media_object.get(item_schema_key(media_object), {}), route, status)
            return (Canned("lines", status, concrete, encode_lines([value]), [value], headers),)
        if not is_json_media(concrete) and not is_text(concrete):
            return (Canned("binary", status, concrete, BINARY_BODY, None, headers),)
        if is_event_stream(concrete):
            return (self._events(route, status, concrete, media_object, headers),)
        canned = [
            Canned(name, status, concrete, _encode(concrete, example), example, headers)
            for name, example in self._examples(media_object)
            if self._usable(schema, example, where, name, concrete)
        ]
        # Always also a value with every property the schema allows: examples are often partial,
        # and a client must read every declared field, not only the ones an example shows.
        value = self._value(schema, route, status)
        if not is_json_media(concrete) and isinstance(value, dict | list):
            value = f"{_hint(route)} text reply"  # text media hold text; the check judges it
        canned.append(Canned(GENERATED, status, concrete, _encode(concrete, value), value, headers))
        return tuple(canned)

    def _events(
        self,
        route: Route,
        status: int,
        media: str,
        media_object: Mapping[str, Any],
        headers: dict[str, str],
    ) -> Canned:
        """One event of each name the schema lists, else one `message` event."""
        named = stream_events(self.document, media_object)
        if named:
            values = [self._value(event.data, route, status) for event in named]
            body = encode_events(values, [event.name for event in named])
            return Canned("events", status, media, body, values, headers)
        value = self._value(event_schema(self.document, media_object), route, status)
        return Canned("events", status, media, encode_events([value]), [value], headers)

    def _value(self, schema: Any, route: Route, status: int) -> Any:
        """A value with every property `schema` allows, for the reply to `route`.

        Built once per schema and hint: specs answer most operations with a few shared schemas
        (one error object for every status of every operation), and building a value, checking
        each `oneOf` choice and then the whole, is most of what a mock spends. Replies are never
        changed in place (a transform works on a copy), so operations may share one."""
        key = (schema_key(schema), _hint(route))
        if key not in self._values:
            factory = ValueFactory(self.validator.checker, mode="full", direction="response")
            try:
                self._values[key] = factory.value(schema, key[1])
            except NoValidValue as error:
                raise type(error)(f"{route.key} {status}: {error}") from None
        return self._values[key]

    def _usable(self, schema: Any, example: Any, where: str, name: str, media: str) -> bool:
        if not is_json_media(media) and not isinstance(example, str):
            return False
        errors = self.validator.replies.errors(schema, example)
        if errors:  # the spec contradicts itself; answer with what it allows instead
            message = f"example {name!r} breaks its own schema: {errors[0]}"
            warnings.warn(SpecExampleWarning(message, where), stacklevel=1)
        return not errors

    def _examples(self, media_object: dict[str, Any]) -> list[tuple[str, Any]]:
        if "example" in media_object:
            return [("example", media_object["example"])]
        found = []
        for name, example in (media_object.get("examples") or {}).items():
            if isinstance(example, dict) and "$ref" in example:
                example = resolve(self.document, example["$ref"])
            if isinstance(example, dict) and "value" in example:
                found.append((str(name), example["value"]))
        return found

    def _headers(self, response: dict[str, Any]) -> dict[str, str]:
        """Values for the response headers the spec requires."""
        headers = {}
        factory = ValueFactory(self.validator.checker, mode="minimal", direction="response")
        for name, header in (response.get("headers") or {}).items():
            header = self._response(header)
            if header.get("required") and name.lower() != "content-type":
                value = factory.value(header.get("schema", {}), name)
                headers[name] = value if isinstance(value, str) else json.dumps(value)
        return headers

    def _response(self, node: Any) -> dict[str, Any]:
        seen = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 20:
            node, seen = resolve(self.document, node["$ref"]), seen + 1
        return node if isinstance(node, dict) else {}


def encode_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def _encode(media: str, value: Any) -> bytes:
    return encode_json(value) if is_json_media(media) else wire_text(value).encode()


def _choose_media(declared: list[str], accept: str) -> str:
    """The declared media type the `Accept` header asks for first, else JSON, else the first."""
    for wanted in (part.split(";")[0].strip() for part in accept.split(",")):
        if wanted and wanted != "*/*":
            matching = [media for media in declared if media_matches(wanted, media)]
            if matching:
                return matching[0]
    return next((media for media in declared if is_json_media(media)), declared[0])


def _is_xml(media: str) -> bool:
    media = base_media(media)
    return media in ("application/xml", "text/xml") or media.endswith("+xml")


def _hint(route: Route) -> str:
    return route.template.rstrip("/").rsplit("/", 1)[-1].strip("{}") or "value"
