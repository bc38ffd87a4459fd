"""The intermediate representation: what a generated package contains, independent of Jinja.

`analyze.py` builds it from a normalized document; `render.py` walks it. Text that came from the
spec stays `SpecText` here, names and annotations are `Safe` (built by `naming`/`annotate` and
vouched for by `strings`), so templates can only print spec text through an escaper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .config import ApiConfig
from .refs import component_name
from .strings import Safe, SpecText

ParameterLocation = Literal["path", "query", "header", "cookie"]
BodyEncoding = Literal["json", "multipart", "form", "binary"]
ResponseKind = Literal["model", "none", "binary"]


@dataclass(frozen=True)
class TypeRef:
    """A Python annotation in two flavours: what responses hold, and what callers may pass.

    Each flavour is kept as its union members so unions can be merged without parsing text.
    """

    outputs: tuple[Safe, ...]
    inputs: tuple[Safe, ...]
    models: frozenset[str] = frozenset()
    imports: frozenset[str] = frozenset()

    @property
    def output(self) -> Safe:
        return Safe(" | ".join(self.outputs))

    @property
    def input(self) -> Safe:
        return Safe(" | ".join(self.inputs))


@dataclass(frozen=True)
class Argument:
    """A keyword argument of a generated method: its wire name, Python name and type."""

    wire_name: SpecText
    name: Safe
    type: TypeRef
    required: bool
    description: SpecText | None = None
    deprecated: bool = False


@dataclass(frozen=True)
class Parameter(Argument):
    location: ParameterLocation = "query"


@dataclass(frozen=True)
class BodyField(Argument):
    is_file: bool = False


@dataclass(frozen=True)
class RequestBody:
    encoding: BodyEncoding
    media_type: SpecText
    required: bool
    fields: tuple[BodyField, ...] = ()
    whole: BodyField | None = None
    model: Safe | None = None
    description: SpecText | None = None

    @property
    def arguments(self) -> tuple[BodyField, ...]:
        """The method's body arguments: the whole body as one, or one per top-level field."""
        return (self.whole,) if self.whole is not None else self.fields


@dataclass(frozen=True)
class Response:
    kind: ResponseKind
    status: str
    type: TypeRef | None = None
    media_type: SpecText | None = None


@dataclass(frozen=True)
class ErrorType:
    status: Safe
    type: TypeRef


@dataclass(frozen=True)
class Pagination:
    item_type: TypeRef
    page_param: SpecText
    items_field: SpecText
    current_page: tuple[SpecText, ...]
    last_page: tuple[SpecText, ...]


@dataclass(frozen=True)
class Operation:
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

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    def located(self, location: ParameterLocation) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == location)


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


_MAX_INHERITANCE = 20


@dataclass(frozen=True)
class ModelSet:
    """Inputs to datamodel-code-generator: flat named schemas and our field names for them."""

    schemas: dict[str, Any]
    field_names: dict[str, dict[str, str]]
    pointers: dict[str, str]

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
            if not (isinstance(schema, dict) and schema.get("readOnly") is True)
        }
        return sent, required & set(sent)


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

    @property
    def operations(self) -> tuple[Operation, ...]:
        return tuple(op for resource in self.resources for op in resource.operations)
