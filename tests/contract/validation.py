"""Requests and replies checked against a spec with openapi-core, and the one list of tolerances.

openapi-core (0.23.1) does the validating: routing, path/query/header parameters, security,
content type, and JSON bodies against their schemas. It has no adapter for what a raw HTTP server
receives, so `OpenAPIRequest` is one: it passes the path exactly as it arrived (still
percent-encoded, so `a%2Fb` stays one segment and routes like a real server routes it) and the
path variables decoded (so `%2E` is checked as the id `.` that it stands for).

Everything the validator is told about real specs is in this module, each with its reason:

1. `OVERLAPPING_ONE_OF`: a `oneOf` whose branches overlap (no discriminator, no property one
   branch requires and another forbids) rejects every normal value, because a normal value is
   valid under several branches at once. Exactly the listed places are validated as `anyOf`
   ("valid under at least one branch"); every other `oneOf` stays strict.
   `test_validation.py` proves each listed place overlaps, and that every overlapping `oneOf` in
   every spec is listed: a new one fails the suite until someone decides about it here.
2. Multipart bodies (`_multipart_errors`): openapi-core hands file parts to the schema validator
   as bytes, which fail `type: string` (openapi-core issue #854), and does not convert text
   parts to the property's type (`"500"` for an integer). Multipart bodies are therefore
   decoded here with the standard library, text parts converted as server frameworks do,
   file parts represented as strings, and the result validated against the body schema with
   the same JSON Schema validator openapi-core uses. Additionally, and stricter than
   openapi-core: a `format: binary` property must arrive as a file part (with a filename), and
   no part may be undeclared unless the schema says `additionalProperties`.
3. Binary bodies (audio, images, `application/octet-stream`), replies and raw request bodies,
   are not schema-checked, for the same issue #854 (openapi-core reports the bytes as "not of
   type 'string'"); their media type (and a reply's status) still are.

Also, not tolerances: `nullable: true` in 3.1 documents is ignored by 3.1 validators, so the
document validated is the normalized one (`generator.normalize` rewrites it to a null type),
and `servers` is replaced by the mock server's URL (plus the API's base path) so routing works.
Stricter than openapi-core: query parameters the operation does not declare are violations.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import unquote, urlsplit

from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.paths.finders import APICallPathFinder
from openapi_core.validation.request import (
    V31RequestParametersValidator,
    V31RequestSecurityValidator,
)
from openapi_core.validation.request.exceptions import SecurityValidationError
from werkzeug.datastructures import Headers, ImmutableMultiDict

from generator import jsonpointer
from generator.walk import iter_operations, iter_schemas

from .schemas import SchemaChecker, describe, resolve
from .values import NoValidValue, ValueFactory
from .wire import WireRequest, convert_text, multipart_parts, properties_of, resolved_schema

# -- the tolerances ---------------------------------------------------------------------------

_SESSION_TOKEN = (
    "/paths/~1v1~1auth~1session-token/post/requestBody/content/application~1json/schema"
)
_VOICE_OPTIONS_REASON = (
    "four provider option objects (ElevenLabs V1/V2, Cartesia, Fish Audio) whose properties are "
    "all optional and partly shared (`speed`, `stability`, `volume`), with no discriminator: "
    '`{"stability": 0.5}` is valid under all of them'
)

OVERLAPPING_ONE_OF: dict[str, str] = {
    f"{_SESSION_TOKEN}/properties/personaConfig": (
        "PersonaConfig and PersonaConfigWithPersonaId require nothing and forbid nothing, so "
        "every persona config (even `{}`) is valid under both; the API means 'either shape'"
    ),
    f"{_SESSION_TOKEN}/properties/personaConfig/oneOf/0/properties/voiceGenerationOptions": (
        _VOICE_OPTIONS_REASON
    ),
    "/paths/~1v1~1personas/post/requestBody/content/application~1json/schema/properties/"
    "voiceGenerationOptions": _VOICE_OPTIONS_REASON,
    "/paths/~1v1~1personas~1{id}/put/requestBody/content/application~1json/schema/properties/"
    "voiceGenerationOptions": _VOICE_OPTIONS_REASON,
    "/components/schemas/Persona/properties/voiceGenerationOptions": _VOICE_OPTIONS_REASON,
    "/components/schemas/MeetingInvitePersonaConfig/properties/voiceGenerationOptions": (
        _VOICE_OPTIONS_REASON
    ),
    "/paths/~1v1~1tools/post/requestBody/content/application~1json/schema/properties/config": (
        "ClientToolConfig requires nothing and allows any property, so every RAG, webhook or "
        "system tool config is valid under it as well as under its own branch"
    ),
    "/paths/~1v1~1tools~1{id}/put/requestBody/content/application~1json/schema/properties/config": (
        "ClientToolConfig requires nothing and allows any property, so every other tool config "
        "is valid under it as well as under its own branch"
    ),
    "/paths/~1v1~1meetings~1invites/post/responses/400/content/application~1json/schema": (
        "MeetingInviteValidationError is MeetingInviteError plus two required fields, so every "
        "validation error is valid under both branches"
    ),
}


def validation_document(normalized: dict[str, Any], server_url: str) -> dict[str, Any]:
    """The document requests are validated against: `normalized` plus the tolerances above."""
    document = copy.deepcopy(normalized)
    document["servers"] = [{"url": server_url}]
    # Resolve every place before changing any: a listed place may sit inside another's oneOf.
    nodes = [jsonpointer.resolve(document, pointer) for pointer in tolerated_pointers(document)]
    for node in nodes:
        branches = node.pop("oneOf")
        if "anyOf" in node:
            node.setdefault("allOf", []).append({"anyOf": branches})
        else:
            node["anyOf"] = branches
    return document


def tolerated_pointers(document: dict[str, Any]) -> list[str]:
    """The listed places that exist in `document` as a `oneOf`."""
    found = []
    for pointer in OVERLAPPING_ONE_OF:
        try:
            node = jsonpointer.resolve(document, pointer)
        except KeyError:
            continue
        if isinstance(node, dict) and isinstance(node.get("oneOf"), list):
            found.append(pointer)
    return found


@dataclass(frozen=True)
class Overlap:
    pointer: str
    branch: int
    instance: Any
    valid_under: tuple[int, ...]


def overlapping_one_ofs(document: dict[str, Any]) -> dict[str, Overlap]:
    """Every `oneOf` for which a branch's minimal value is valid under another branch too.

    The minimal value (only what the branch requires) is what a strict `oneOf` rejects first,
    and what callers send most often.
    """
    checker = SchemaChecker(document)
    found: dict[str, Overlap] = {}
    for pointer, schema in iter_schemas(document):
        branches = schema.get("oneOf")
        if not isinstance(branches, list) or len(branches) < 2:
            continue
        for index, branch in enumerate(branches):
            factory = ValueFactory(checker, mode="minimal", direction="request")
            try:
                instance = factory.value(branch, "branch")
            except NoValidValue:
                continue
            valid = tuple(
                i for i, other in enumerate(branches) if checker.is_valid(other, instance)
            )
            if len(valid) > 1:
                found[pointer] = Overlap(pointer, index, instance, valid)
                break
    return found


# -- the adapter ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    method: str  # lower case
    template: str  # the spec's path key, e.g. /v1/avatars/{id}
    variables: Mapping[str, str]  # decoded path parameters

    @property
    def key(self) -> str:
        """The operation's key in the generator's IR: `GET /v1/avatars/{id}`."""
        return f"{self.method.upper()} {self.template}"


class OpenAPIRequest:
    """openapi-core's Request protocol over a WireRequest."""

    def __init__(self, request: WireRequest, host_url: str, variables: Mapping[str, str]) -> None:
        self.host_url = host_url
        self.path = request.raw_path
        self.method = request.method.lower()
        self.body = request.body or None
        self.content_type = request.content_type
        cookies = SimpleCookie(request.headers.get("cookie", ""))
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(request.query),
            header=Headers(dict(request.headers)),
            cookie=ImmutableMultiDict({name: morsel.value for name, morsel in cookies.items()}),
            path=dict(variables),
        )


class OpenAPIResponse:
    def __init__(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status_code = status
        self.headers = Headers(dict(headers))
        self.content_type = self.headers.get("content-type", "")
        self.data = body or None


class FilePart(str):
    """A multipart file part; a `str` to the schema validator (tolerance 2), bytes to tests."""

    filename: str | None
    content_type: str | None
    data: bytes

    def __new__(cls, data: bytes, filename: str | None, content_type: str | None) -> FilePart:
        part = super().__new__(cls, data.decode("latin-1"))
        part.data, part.filename, part.content_type = data, filename, content_type
        return part


# -- the validator ----------------------------------------------------------------------------


class ContractValidator:
    """Routes and validates requests, and validates replies, for one spec."""

    def __init__(
        self, normalized: dict[str, Any], server_url: str, *, check_spec: bool = True
    ) -> None:
        """`check_spec=False` skips openapi-core's validation of the document itself (2 s for a
        large spec), for the throwaway validators of tests that need several per spec."""
        self.document = validation_document(normalized, server_url)
        self.server_url = server_url.rstrip("/")
        split = urlsplit(self.server_url)
        self.host_url = f"{split.scheme}://{split.netloc}"
        self.checker = SchemaChecker(self.document)
        config = Config() if check_spec else Config(spec_validator_cls=None)
        self.app = OpenAPI.from_dict(self.document, config=config)
        self._finder = APICallPathFinder(self.app.spec)
        self._parameters = V31RequestParametersValidator(self.app.spec)
        self._security = V31RequestSecurityValidator(self.app.spec)

    def operation(self, route: Route) -> dict[str, Any]:
        operation: dict[str, Any] = self.document["paths"][route.template][route.method]
        return operation

    def route(self, request: WireRequest) -> Route | str:
        """The operation the request addresses, or why there is none."""
        try:
            found = self._finder.find(request.method.lower(), self.host_url + request.raw_path)
        except PathError as error:
            return f"{type(error).__name__}: {error}"
        template = found.path.parts[-1]
        variables = {name: unquote(value) for name, value in found.path_result.variables.items()}
        return Route(request.method.lower(), str(template), variables)

    def request_errors(self, request: WireRequest, route: Route) -> list[str]:
        """Every way `request` breaks the contract of the operation at `route`."""
        adapted = OpenAPIRequest(request, self.host_url, route.variables)
        operation = self.operation(route)
        media = _base_media(request.content_type)
        if media == "multipart/form-data" and _declares(self.document, operation, media):
            errors = [*self._security.iter_errors(adapted), *self._parameters.iter_errors(adapted)]
            found = [message for error in errors for message in explain(error)]
            found += self._multipart_errors(request, route)
        elif (
            request.body and _is_binary_media(media) and _declares(self.document, operation, media)
        ):
            errors = [*self._security.iter_errors(adapted), *self._parameters.iter_errors(adapted)]
            found = [message for error in errors for message in explain(error)]  # tolerance 3
        else:
            errors = list(self.app.request_validator.iter_errors(adapted))
            found = [message for error in errors for message in explain(error)]
        if any(isinstance(error, SecurityValidationError) for error in errors):
            found.append(f"the operation requires {_security_needs(self.document, operation)}")
        found += self._undeclared_query(request, route)
        return found

    def response_errors(
        self,
        request: WireRequest,
        route: Route,
        status: int,
        headers: Mapping[str, str],
        body: bytes,
    ) -> list[str]:
        """Every way a reply breaks the contract (the mock checks its own replies with this)."""
        media = _base_media(headers.get("content-type", ""))
        if body and _is_binary_media(media):
            return self._binary_response_errors(route, status, media)
        adapted = OpenAPIRequest(request, self.host_url, route.variables)
        response = OpenAPIResponse(status, headers, body)
        errors = self.app.response_validator.iter_errors(adapted, response)
        return [message for error in errors for message in explain(error, "response body")]

    # -- pieces ------------------------------------------------------------------------------

    def _multipart_errors(self, request: WireRequest, route: Route) -> list[str]:
        """Tolerance 2: decode, convert and validate a multipart body (see the module doc)."""
        pointer = jsonpointer.join(
            "",
            "paths",
            route.template,
            route.method,
            "requestBody",
            "content",
            "multipart/form-data",
            "schema",
        )
        schema = jsonpointer.resolve(self.document, pointer)
        properties = properties_of(self.document, schema)
        resolved = resolved_schema(self.document, schema)
        extra_allowed = isinstance(resolved, dict) and resolved.get("additionalProperties") not in (
            None,
            False,
        )
        try:
            parts = multipart_parts(request)
        except ValueError as error:
            return [f"multipart body: {error}"]
        errors: list[str] = []
        instance: dict[str, Any] = {}
        for part in parts:
            prop = properties.get(part.name)
            if prop is None and not extra_allowed:
                errors.append(f"multipart part {part.name!r} is not declared by the body schema")
                continue
            prop = {} if prop is None else prop
            if _is_binary(self.document, prop):
                if part.filename is None:
                    errors.append(
                        f"multipart part {part.name!r} is `format: binary` but was "
                        "sent as a plain field, not as a file (no filename)"
                    )
                value: Any = FilePart(part.data, part.filename, part.content_type)
            else:
                if part.filename is not None:
                    errors.append(
                        f"multipart part {part.name!r} was sent as a file, but its "
                        "schema is not `format: binary`"
                    )
                value = convert_text(self.document, prop, part.data.decode("utf-8", "replace"))
            if _is_array(self.document, prop):
                instance.setdefault(part.name, []).append(value)
            else:
                if part.name in instance:
                    errors.append(f"multipart part {part.name!r} was sent more than once")
                instance[part.name] = value
        errors += [
            f"multipart body: {message}" for message in self.checker.errors(schema, instance)
        ]
        return errors

    def _undeclared_query(self, request: WireRequest, route: Route) -> list[str]:
        declared = {
            parameter.get("name")
            for parameter in _parameters(self.document, route)
            if parameter.get("in") == "query"
        }
        declared |= _query_api_keys(self.document)
        return [
            f"query parameter {name!r} is not declared by {route.key}"
            for name in dict.fromkeys(name for name, _ in request.query)
            if name not in declared
        ]

    def _binary_response_errors(self, route: Route, status: int, media: str) -> list[str]:
        """Tolerance 3: status and media type of a binary reply, not its bytes."""
        responses = self.operation(route).get("responses") or {}
        response = responses.get(str(status)) or responses.get(f"{status // 100}XX")
        response = response or responses.get("default")
        if response is None:
            return [f"status {status} is not declared for {route.key}"]
        content = (
            resolve(self.document, response["$ref"]) if "$ref" in response else response
        ).get("content") or {}
        if not any(_media_matches(declared, media) for declared in content):
            return [f"media type {media!r} is not declared for {status} of {route.key}"]
        return []


def explain(error: Exception, subject: str = "request body") -> list[str]:
    """openapi-core's message for `error`, one line per schema violation it carries."""
    violations: list[Any] = []
    cause: BaseException | None = error
    while cause is not None:
        violations += list(getattr(cause, "schema_errors", None) or [])
        cause = cause.__cause__
    name, location = getattr(error, "name", None), getattr(error, "location", None)
    if name and location:
        subject = f"{location} parameter {name!r}"
    if violations:
        return [f"{subject}: {describe(violation)}" for violation in violations]
    text = str(error)
    if not text.startswith(type(error).__name__):
        text = f"{type(error).__name__}: {text}"
    if error.__cause__ is not None and str(error.__cause__) not in text:
        text = f"{text} ({error.__cause__})"
    return [text]


def declared_properties(document: dict[str, Any], schema: Any) -> set[str]:
    """The property names a schema declares, its `allOf` members' included."""
    return set(properties_of(document, schema))


def _is_binary(document: dict[str, Any], schema: Any) -> bool:
    schema = resolved_schema(document, schema)
    if not isinstance(schema, dict):
        return False
    if schema.get("format") == "binary":
        return True
    return _is_array(document, schema) and _is_binary(document, schema.get("items"))


def _is_array(document: dict[str, Any], schema: Any) -> bool:
    schema = resolved_schema(document, schema)
    kind = schema.get("type") if isinstance(schema, dict) else None
    return kind == "array" or (isinstance(kind, list) and "array" in kind)


def _parameters(document: dict[str, Any], route: Route) -> Iterator[dict[str, Any]]:
    item = document["paths"][route.template]
    for owner in (item, item[route.method]):
        for parameter in owner.get("parameters") or []:
            resolved = resolved_schema(document, parameter)
            if isinstance(resolved, dict):
                yield resolved


def _security_needs(document: dict[str, Any], operation: dict[str, Any]) -> str:
    """What the operation's security requirements ask a request to carry, in HTTP terms."""
    requirements = operation.get("security", document.get("security")) or []
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    options = []
    for requirement in requirements:
        needs = []
        for name in requirement:
            scheme = schemes.get(name) or {}
            if scheme.get("type") == "http":
                label = str(scheme.get("scheme", "")).title()
                needs.append(f"{name} (an 'Authorization: {label} ...' header)")
            elif scheme.get("type") == "apiKey":
                needs.append(f"{name} ({scheme.get('in')} {scheme.get('name')!r})")
            else:
                needs.append(f"{name} ({scheme.get('type')})")
        options.append(" and ".join(needs))
    return " or ".join(options) or "no authentication"


def _query_api_keys(document: dict[str, Any]) -> set[str]:
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    return {
        str(scheme.get("name"))
        for scheme in schemes.values()
        if isinstance(scheme, dict)
        and scheme.get("type") == "apiKey"
        and scheme.get("in") == "query"
    }


def _declares(document: dict[str, Any], operation: dict[str, Any], media: str) -> bool:
    body = resolved_schema(document, operation.get("requestBody")) or {}
    content = body.get("content") or {}
    return any(_media_matches(declared, media) for declared in content)


def _base_media(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _media_matches(declared: str, media: str) -> bool:
    declared = _base_media(declared)
    if declared in ("*/*", media):
        return True
    return declared.endswith("/*") and media.startswith(declared[:-1])


def _is_binary_media(media: str) -> bool:
    """Bodies that are bytes, not text or structured data (what issue #854 is about)."""
    if _is_json(media) or media.startswith("text/") or media in _STRUCTURED:
        return False
    return bool(media)


_STRUCTURED = frozenset(
    {"multipart/form-data", "application/x-www-form-urlencoded", "application/xml"}
)


def _is_json(media: str) -> bool:
    return media == "application/json" or media.endswith("+json")


def operation_keys(document: dict[str, Any]) -> list[str]:
    """Every operation of a document, as `METHOD /path`: the denominator of the coverage line."""
    return [f"{method.upper()} {path}" for path, method, _op in iter_operations(document)]
