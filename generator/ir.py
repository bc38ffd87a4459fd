"""The intermediate representation: what a generated package contains, independent of Jinja.

`analyze.py` builds it from a normalized document; `render.py` walks it. Text that came from the
spec stays `SpecText` here, names and annotations are `Safe` (built by `naming`/`annotate` and
vouched for by `strings`), so templates can only print spec text through an escaper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from .config import ApiConfig, PagingStyle
from .errors import Problem
from .media import is_concrete
from .refs import component_name, is_read_only
from .strings import Safe, SpecText
from .vocabulary import NON_IDEMPOTENT_METHODS

ParameterLocation = Literal["path", "query", "header", "cookie"]
# `Idempotency-Key`, `X-Idempotency-Key`, `idempotency_key`: a header naming a key that makes
# repeating a request safe, which the client then generates once per call.
_IDEMPOTENCY_HEADER = re.compile(r"^(x-)?idempotency[-_]?key$", re.IGNORECASE)
BodyEncoding = Literal["json", "multipart", "form", "text", "binary"]
ResponseKind = Literal["model", "none", "binary", "text", "events", "lines"]
SchemeKind = Literal["bearer", "basic", "http", "header", "query", "cookie"]
# OpenAPI's `security`: alternatives, each a tuple of scheme names that must all be satisfied;
# an empty alternative means a call may go without credentials.
Security = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class TypeRef:
    """A Python annotation in two flavours: what responses hold, and what callers may pass.

    Each flavour is kept as its union members so unions can be merged without parsing text.
    `models` are the classes either flavour names; `params` the TypedDicts only inputs name.
    """

    outputs: tuple[Safe, ...]
    inputs: tuple[Safe, ...]
    models: frozenset[str] = frozenset()
    imports: frozenset[str] = frozenset()
    params: frozenset[str] = frozenset()

    @property
    def output(self) -> Safe:
        return Safe(" | ".join(self.outputs))

    @property
    def input(self) -> Safe:
        return Safe(" | ".join(self.inputs))


@dataclass(frozen=True)
class Serialization:
    """How a parameter or form field is written, where the spec departs from the default of its
    location: an OpenAPI `style` (with `explode` only when it differs from the style's
    default, and `allowReserved`), or a media type (`content`, `encoding.contentType`)."""

    style: str | None = None
    explode: bool | None = None
    allow_reserved: bool = False
    content_type: SpecText | None = None


@dataclass(frozen=True)
class Argument:
    """A keyword argument of a generated method: its wire name, Python name and type."""

    wire_name: SpecText
    name: Safe
    type: TypeRef
    required: bool
    description: SpecText | None = None
    deprecated: bool = False
    serialization: Serialization | None = None
    # A required parameter's value in the signature, sent unless the caller passes another (see
    # `analyze.parameters`): a Python literal. Body fields have none.
    default: Safe | None = None
    # The hoisted schema it was annotated from (for examples and docs), not part of its identity.
    schema: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Parameter(Argument):
    location: ParameterLocation = "query"
    spans: bool = False  # a path parameter holding a path: its `/` are separators (`spans`)


@dataclass(frozen=True)
class BodyField(Argument):
    is_file: bool = False
    file_array: bool = False  # an array of files: one part each
    # A field an optional body requires, with a default: its literal, sent when the body is.
    fill_in: Safe | None = None


@dataclass(frozen=True)
class RequestBody:
    """One form of an operation's body, and the method that sends it.

    `media_types` lists every media type the method can send (several only for text and raw
    bodies, where the caller picks one with `content_type=`); `media_type` is the first.
    """

    encoding: BodyEncoding
    media_type: SpecText
    required: bool
    fields: tuple[BodyField, ...] = ()
    whole: BodyField | None = None
    model: Safe | None = None
    description: SpecText | None = None
    media_types: tuple[SpecText, ...] = ()
    method: Safe | None = None  # None: the operation's own method
    sdk_name: str | None = None  # what the spec's SDK calls this body's method (`sdk_names.py`)
    # Properties the method takes no argument for (the flag that asks for a reply as events,
    # see `Operation.events`), and of those, the ones it sends with a value of its own.
    withheld: tuple[SpecText, ...] = ()
    fixed: tuple[tuple[SpecText, Safe], ...] = ()

    @property
    def arguments(self) -> tuple[BodyField, ...]:
        """The method's body arguments: the whole body as one, or one per top-level field."""
        return (self.whole,) if self.whole is not None else self.fields

    @property
    def content_types(self) -> tuple[SpecText, ...]:
        """What a text or raw body's method may send as Content-Type (exact types only; with
        several, the caller picks one with `content_type=`)."""
        if self.encoding not in ("text", "binary"):
            return ()
        media_types = self.media_types or (self.media_type,)
        return tuple(media for media in media_types if is_concrete(media.unsafe_value))


@dataclass(frozen=True)
class Response:
    kind: ResponseKind
    status: str
    type: TypeRef | None = None
    media_type: SpecText | None = None
    # An event stream whose events are named: each name's data type (see `sse.py`).
    event_types: tuple[tuple[SpecText, TypeRef], ...] = ()
    # JSON replies whose success statuses declare different bodies: each status's type (`type`
    # is their union); empty where every success has the same body.
    status_types: tuple[tuple[str, TypeRef], ...] = ()


@dataclass(frozen=True)
class ErrorType:
    status: Safe
    type: TypeRef


@dataclass(frozen=True)
class Pagination:
    """How a list operation pages (see `pagination.py`). `page_param` is the query parameter
    each later request changes (the page number, offset or cursor; None for a next link, whose
    URL says it all); `items_path` leads to the item list in the body, and is empty where the
    whole body is the list; the other fields are paths into the response body too, empty when
    the API does not have them: `next`
    holds the next cursor or link (for offsets, a link that is null on the last page),
    `done` a flag that is true on the last page (the inverse of `has_more`),
    `item_cursor` the item field whose last value is the next cursor."""

    item_type: TypeRef
    items_path: tuple[SpecText, ...]
    style: PagingStyle = "page"
    page_param: SpecText | None = None
    current_page: tuple[SpecText, ...] = ()
    last_page: tuple[SpecText, ...] = ()
    total: tuple[SpecText, ...] = ()
    has_more: tuple[SpecText, ...] = ()
    next: tuple[SpecText, ...] = ()
    item_cursor: SpecText | None = None
    done: tuple[SpecText, ...] = ()
    first_page: int = 1  # the number of the first page, where page numbers count from 0 or 1


@dataclass(frozen=True)
class Operation:
    """One operation. `body` is the form its own method sends; each of `alternatives` (the
    operation's other request media types) is sent by a method of its own (`body.method`).
    `request_path` is `path` as requested: percent-encoded, placeholders kept, without what a
    `?` or `#` in the path key adds (the query after a `?` is `fixed_query`).
    `security` is None where the operation follows the API's default requirement; `server` is
    None where the operation goes to the base URL, else the URL of the server it declares.
    `events` is the operation's twin where its success reply may be JSON or server-sent events
    (openai-style chat completions): the same request made by a method of its own that returns
    the events, so neither method's return type depends on an argument."""

    key: str
    operation_id: SpecText | None
    http_method: Safe
    path: SpecText
    name: Safe
    summary: SpecText | None
    description: SpecText | None
    deprecated: bool
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    response: Response
    errors: tuple[ErrorType, ...] = ()
    pagination: Pagination | None = None
    alternatives: tuple[RequestBody, ...] = ()
    request_path: SpecText | None = None
    security: Security | None = None
    fixed_query: tuple[tuple[SpecText, SpecText], ...] = ()
    server: SpecText | None = None
    events: Operation | None = None

    @property
    def bodies(self) -> tuple[RequestBody, ...]:
        """Every form of the request body: the operation's own method's first, then the
        alternatives (empty without a body)."""
        return () if self.body is None else (self.body, *self.alternatives)

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    def located(self, location: ParameterLocation) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == location)

    @property
    def idempotent(self) -> bool:
        """Whether HTTP makes the method idempotent, so it retries like GET (not POST, PATCH)."""
        return str(self.http_method).lower() not in NON_IDEMPOTENT_METHODS

    @property
    def idempotency_header(self) -> Parameter | None:
        """The header parameter in which the operation takes an idempotency key, if any."""
        for parameter in self.located("header"):
            if is_idempotency_header(parameter.wire_name.unsafe_value):
                return parameter
        return None


def is_idempotency_header(name: str) -> bool:
    return _IDEMPOTENCY_HEADER.match(name) is not None


@dataclass(frozen=True)
class Resource:
    name: Safe
    class_name: Safe
    module: Safe
    description: SpecText | None
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class Auth:
    kind: Literal["bearer", "header", "query"] | None
    name: SpecText | None = None
    required: bool = False


@dataclass(frozen=True)
class SecurityScheme:
    """A security scheme the client can satisfy, under the spec's name for it.

    `parameter` names the header, query parameter or cookie of an API key, or for `http` the
    HTTP authentication scheme sent before the credential (`Token`); `credentials` are
    the names under which a client holds what it sends (`api_key`, `username`/`password`).
    """

    name: SpecText
    kind: SchemeKind
    parameter: SpecText | None = None
    credentials: tuple[str, ...] = ("api_key",)


_MAX_INHERITANCE = 20


@dataclass(frozen=True)
class ModelSet:
    """Inputs to datamodel-code-generator: flat named schemas and our field names for them."""

    schemas: dict[str, Any]
    field_names: dict[str, dict[str, str]]
    pointers: dict[str, str]
    param_names: dict[str, str] = field(default_factory=dict)

    @property
    def class_names(self) -> tuple[str, ...]:
        return tuple(sorted(self.schemas))

    def properties(self, name: str, depth: int = 0) -> tuple[dict[str, Any], set[str]]:
        """Every property of a class, its allOf parents' first, and which are required."""
        schema = self.schemas.get(name, {})
        properties: dict[str, Any] = {}
        required: set[str] = set()
        for member in schema.get("allOf") or []:
            parent = component_name(member)
            if parent is not None:
                if depth < _MAX_INHERITANCE:
                    inherited, also = self.properties(parent, depth + 1)
                    properties.update(inherited)
                    required |= also
            elif isinstance(member, dict):
                properties.update(member.get("properties") or {})
                required |= set(member.get("required") or [])
        properties.update(schema.get("properties") or {})
        required |= set(schema.get("required") or [])
        return properties, required

    def request_properties(self, name: str) -> tuple[dict[str, Any], set[str]]:
        """What a request body may carry: a `readOnly` property is never sent, so it is neither
        a keyword argument nor required."""
        properties, required = self.properties(name)
        sent = {
            wire: schema
            for wire, schema in properties.items()
            if not is_read_only(schema, self.schemas)
        }
        return sent, required & set(sent)


@dataclass(frozen=True)
class ServerVariable:
    """A `{name}` of the API's URL the client takes as its argument `argument`; without a
    default the caller must give it (or a base URL)."""

    name: SpecText
    argument: Safe
    default: SpecText | None = None
    enum: tuple[SpecText, ...] = ()
    description: SpecText | None = None


@dataclass(frozen=True)
class ServerTemplate:
    """The API's URL with variables (`https://{accountName}.blob.core.windows.net`)."""

    url: SpecText
    variables: tuple[ServerVariable, ...]


@dataclass(frozen=True)
class OtherServer:
    """A server the spec lists beside the one the client goes to by default (a sandbox, another
    region): the README names it as a value for `base_url`, which the client never picks alone."""

    url: SpecText
    description: SpecText | None = None


@dataclass(frozen=True)
class HeldHeader:
    """A header parameter every operation takes, which the client also takes once, as its
    argument `argument`, and sends with every call that passes none (see
    `analyze.held_headers`). `required`: the spec requires it of every operation, so a call
    with neither value is refused before it is sent."""

    wire_name: SpecText
    argument: Safe
    required: bool
    description: SpecText | None = None


@dataclass(frozen=True)
class Api:
    config: ApiConfig
    title: SpecText
    description: SpecText | None
    base_url: SpecText
    auth: Auth
    resources: tuple[Resource, ...]
    models: ModelSet
    version: str
    spec_sha256: str
    operations_lock: dict[str, dict[str, str]] = field(default_factory=dict)
    schemes: tuple[SecurityScheme, ...] = ()
    security: Security = ()
    problems: tuple[Problem, ...] = ()  # warnings about what the client cannot do
    server: ServerTemplate | None = None  # set when the base URL takes variables
    held_headers: tuple[HeldHeader, ...] = ()
    other_servers: tuple[OtherServer, ...] = ()

    @property
    def operations(self) -> tuple[Operation, ...]:
        return tuple(op for resource in self.resources for op in resource.operations)
