"""Requests and replies checked against one spec: route, credentials, parameters, body.

Each check says what is wrong and where the spec says otherwise (a `Violation` with the JSON
pointer of the parameter, security requirement or schema keyword). What openapi-core does and
what the harness reads itself is listed, with reasons, in `tolerances.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .. import jsonpointer
from ..media import is_event_stream, streams_json_lines
from .bodies import Decoded, body_violations, declared_media, decode, is_opaque
from .document import ValidationDocument
from .events import event_violations, line_violations
from .routing import Route, Router, fixed_query
from .schemas import SchemaChecker, Violation, resolve
from .security import security_violations
from .styles import (
    MISSING,
    ParameterSpec,
    owned_query_names,
    query_names,
    read_parameter,
    times_sent,
)
from .wire import WireRequest, base_media

# Header parameters OpenAPI says to ignore: the client sets these itself.
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


@dataclass(frozen=True)
class DeclaredParameter:
    spec: ParameterSpec
    pointer: str  # the parameter object in the document

    @property
    def label(self) -> str:
        return f"{self.spec.location} parameter {self.spec.name!r}"


class ContractValidator:
    """Routes and validates requests, and validates replies, for one validation document."""

    def __init__(self, validation: ValidationDocument, server_url: str) -> None:
        self.document = validation.document
        self.relaxed = validation.relaxed
        self.moves = validation.moves
        self.checker = SchemaChecker(self.document)
        self.requests = self.checker.toward("request")  # `readOnly` properties not required
        self.replies = self.checker.toward("response")  # `writeOnly` properties not required
        self._router = Router(self.document, server_url)

    def route(self, request: WireRequest) -> Route | str:
        return self._router.route(request.method, request.raw_path, request.query)

    def operation(self, route: Route) -> dict[str, Any]:
        operation: dict[str, Any] = self.document["paths"][route.template][route.method]
        return operation

    def pointer(self, route: Route) -> str:
        return jsonpointer.join("", "paths", route.template, route.method)

    def parameters(self, route: Route) -> list[DeclaredParameter]:
        """The operation's parameters, path item's included; the operation's own win."""
        found: dict[tuple[str, str], DeclaredParameter] = {}
        item_pointer = jsonpointer.join("", "paths", route.template)
        for owner in (item_pointer, self.pointer(route)):
            for pointer, parameter in self._parameter_objects(owner):
                spec = ParameterSpec.of(self.document, parameter)
                found[(spec.location, spec.name)] = DeclaredParameter(spec, pointer)
        return list(found.values())

    def request_violations(self, request: WireRequest, route: Route) -> list[Violation]:
        """Every way `request` breaks the contract of the operation at `route`."""
        operation = self.operation(route)
        found = security_violations(self.document, operation, self.pointer(route), request)
        found += self._parameter_violations(request, route)
        found += self._body_violations(request, route, operation.get("requestBody"))
        return found

    def response_violations(
        self, route: Route, status: int, headers: Mapping[str, str], body: bytes
    ) -> list[Violation]:
        """Every way a reply breaks the contract (the mock checks its own replies with this)."""
        responses = self.operation(route).get("responses") or {}
        label = response_label(responses, status)
        if label is None and not body and 200 <= status < 300 and not documents_success(responses):
            return []  # tolerance 8: no success reply documented, an empty 2xx answers
        if label is None:
            return [Violation("status", f"{status} is not declared", self.pointer(route))]
        pointer = jsonpointer.join(self.pointer(route), "responses", label)
        content = self.resolved(responses[label]).get("content") or {}
        media = base_media(headers.get("content-type", ""))
        if not content or (not body and not media):
            return []
        declared = declared_media(content, media)
        if declared is None:
            return [Violation("content-type", f"{media!r} is not declared", pointer)]
        where = jsonpointer.join(pointer, "content", declared)
        if streams_json_lines(self.operation(route), media, status):
            return line_violations(self.replies, where, content[declared], body)
        if is_opaque(media):
            return []
        if is_event_stream(media):
            return event_violations(self.replies, where, content[declared], body)
        reply = WireRequest("GET", "/", {"content-type": media}, body)
        decoded = decode(self.document, declared, content[declared], reply)
        return body_violations(self.replies, where, content[declared], decoded)

    # -- pieces ------------------------------------------------------------------------------

    def _parameter_violations(self, request: WireRequest, route: Route) -> list[Violation]:
        declared = self.parameters(route)
        owned = owned_query_names(self.document, (parameter.spec for parameter in declared))
        found: list[Violation] = []
        sent = [key for key, _ in request.query]
        for parameter in declared:
            spec = parameter.spec
            if spec.location == "header" and spec.name.lower() in _IGNORED_HEADERS:
                continue
            others = owned - {spec.name}
            value = read_parameter(self.document, spec, request, route.variables, others)
            if value is MISSING:
                if spec.required:
                    found.append(
                        Violation(parameter.label, "required, not sent", parameter.pointer)
                    )
                continue
            repeats = times_sent(spec, request) if spec.location == "query" else 1
            if repeats > 1 and not (spec.explode and spec.shape(self.document) == "array"):
                message = f"sent {repeats} times, takes one value"
                found.append(Violation(parameter.label, message, parameter.pointer))
            schema_pointer = jsonpointer.join(parameter.pointer, "schema")
            found += [
                Violation(parameter.label, str(v), v.pointer)
                for v in self.requests.violations(spec.schema, value, schema_pointer)
            ]
        claimed = {
            name
            for parameter in declared
            for name in query_names(
                self.document, parameter.spec, sent, owned - {parameter.spec.name}
            )
        }
        claimed |= query_api_keys(self.document)
        claimed |= {name for name, _ in fixed_query(route.template)}  # the router checked them
        found += [
            Violation(f"query parameter {name!r}", "is not declared", self.pointer(route))
            for name in dict.fromkeys(sent)
            if name not in claimed
        ]
        return found

    def _body_violations(self, request: WireRequest, route: Route, body: Any) -> list[Violation]:
        pointer = jsonpointer.join(self.pointer(route), "requestBody")
        if isinstance(body, dict) and isinstance(body.get("$ref"), str):
            pointer = body["$ref"][1:]
        body = self.resolved(body)
        # An empty URL-encoded form is a body: the form with no fields, all of them left out.
        if not request.body and request.media_type != "application/x-www-form-urlencoded":
            if body.get("required"):
                return [Violation("body", "the request body is required, none was sent", pointer)]
            return []
        content = body.get("content") or {}
        if not content:
            message = f"{len(request.body)} bytes sent; the operation takes no request body"
            return [Violation("body", message, self.pointer(route))]
        media = request.media_type
        declared = declared_media(content, media)
        if declared is None:
            message = f"content type {media!r} is not one of {sorted(content)}"
            return [Violation("body", message, jsonpointer.join(pointer, "content"))]
        if is_opaque(media):
            return []
        decoded: Decoded = decode(self.document, declared, content[declared], request)
        where = jsonpointer.join(pointer, "content", declared)
        return body_violations(self.requests, where, content[declared], decoded)

    def _parameter_objects(self, owner: str) -> Iterator[tuple[str, dict[str, Any]]]:
        holder = jsonpointer.resolve(self.document, owner)
        for index, parameter in enumerate(holder.get("parameters") or []):
            pointer = jsonpointer.join(owner, "parameters", index)
            if isinstance(parameter, dict) and isinstance(parameter.get("$ref"), str):
                pointer, parameter = (
                    parameter["$ref"][1:],
                    resolve(self.document, parameter["$ref"]),
                )
            if isinstance(parameter, dict):
                yield pointer, parameter

    def resolved(self, node: Any) -> dict[str, Any]:
        """`node` with its `$ref` chain followed (a request body, response or header)."""
        seen = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 20:
            node, seen = resolve(self.document, node["$ref"]), seen + 1
        return node if isinstance(node, dict) else {}


def response_label(responses: Mapping[str, Any], status: int) -> str | None:
    """The `responses` key that covers `status`: exact, then `4XX`-style, then `default`."""
    for label in (str(status), f"{status // 100}XX", f"{status // 100}xx", "default"):
        if label in responses:
            return label
    return None


def documents_success(responses: Mapping[str, Any]) -> bool:
    """Whether any 2xx reply is documented (by number, as `2XX`, or as `default`)."""
    return any(str(label)[:1] == "2" or str(label) == "default" for label in responses)


def query_api_keys(document: dict[str, Any]) -> set[str]:
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    return {
        str(scheme.get("name"))
        for scheme in schemes.values()
        if isinstance(scheme, dict)
        and scheme.get("type") == "apiKey"
        and scheme.get("in") == "query"
    }
