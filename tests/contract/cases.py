"""The contract suite's test cases, derived from each spec through the generator's IR.

Nothing here names an operation: every operation of every spec becomes cases by itself.

* `OperationCase`: call the operation with a *required-only* and an *all-fields* variant of
  arguments built from its schemas, and, where the path parameters are plain strings, with
  *path ids* that real ids contain and naive clients mangle (`.`, `..`, `a/b`, `?`, `#`, spaces,
  non-ASCII) plus the empty id, which a client must refuse rather than send `/things/`.
  Operations whose JSON body has properties the spec allows to be null get a *nulls* variant
  that sends them as `None`: a client must send JSON `null`, not drop the field (`None` is how
  a caller clears a value, `NOT_GIVEN` how it leaves one alone).
* `ErrorCase`: one per documented error status (every 4xx/5xx of the operation's responses).

* `RoundTripCase`: every model class, and every declared response or error type that is not a
  single model, for the property tests.

A case is only a name (cheap to list at collection time); `calls.py` turns it into concrete calls
once the package exists.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from generator import jsonpointer
from generator.ir import Operation, Parameter

from .schemas import SchemaChecker, resolve
from .specs import LoadedSpec
from .wire import properties_of

Variant = Literal["required", "all-fields", "nulls", "path-ids"]
# Ids real APIs hand out or users type, each a classic way to break routing when sent raw.
PATH_IDS = (
    ".",
    "..",
    "a/b",
    "../admin",
    "q?x=1",
    "frag#ment",
    "with space",
    "100%",
    "ünï-çødé",
    "%2F",
    "a+b",
)
EMPTY_ID = ""


@dataclass(frozen=True)
class OperationCase:
    spec: str
    key: str  # the IR's operation key, `METHOD /path`
    label: str  # `resource.method`, for people
    variant: Variant

    @property
    def id(self) -> str:
        return f"{self.spec}:{self.label}:{self.variant}"


@dataclass(frozen=True)
class ErrorCase:
    spec: str
    key: str
    label: str
    status: int

    @property
    def id(self) -> str:
        return f"{self.spec}:{self.label}:{self.status}"


def operation_cases(loaded: LoadedSpec) -> list[OperationCase]:
    checker = SchemaChecker(loaded.document)
    cases = []
    for resource, op in loaded.operations():
        label = f"{resource.name}.{op.name}"
        variants: list[Variant] = ["required", "all-fields"]
        if nullable_fields(checker, loaded.document, op):
            variants.append("nulls")
        if any(special_ids(checker, loaded.document, op, p) for p in op.path_parameters):
            variants.append("path-ids")
        cases += [OperationCase(loaded.spec.name, op.key, label, v) for v in variants]
    return cases


def error_cases(loaded: LoadedSpec) -> list[ErrorCase]:
    cases = []
    for resource, op in loaded.operations():
        label = f"{resource.name}.{op.name}"
        responses = operation_object(loaded.document, op).get("responses") or {}
        for status in documented_errors(responses):
            cases.append(ErrorCase(loaded.spec.name, op.key, label, status))
    return cases


def documented_errors(responses: dict[str, Any]) -> list[int]:
    """Error statuses a spec documents; `4XX`/`5XX` ranges are tried as 418/599."""
    statuses = set()
    for label in map(str, responses):
        if label.isdigit() and int(label) >= 400:
            statuses.add(int(label))
        elif label.upper() in ("4XX", "5XX"):
            statuses.add(418 if label[0] == "4" else 599)
    return sorted(statuses)


@dataclass(frozen=True)
class RoundTripCase:
    """A schema of the spec and the Python type the package reads it into."""

    spec: str
    label: str  # the model class, or where a non-model type is declared
    pointer: str  # the schema in the normalized document
    annotation: str  # the IR's annotation text
    module: str  # where the annotation means something: `types` or `resources.<name>`

    @property
    def id(self) -> str:
        return f"{self.spec}:{self.label}"


def roundtrip_cases(loaded: LoadedSpec) -> list[RoundTripCase]:
    """Every model class, and every response or error type that is not a single model.

    Model classes cover the component schemas and every inline schema the generator named
    (request and response bodies included); a declared `List[X]`, union or mapping is tested as
    the type the client really parses responses into.
    """
    api = loaded.api
    first: dict[str, str] = {}
    for pointer, name in sorted(api.models.pointers.items()):
        first.setdefault(name, pointer)
    cases = [
        RoundTripCase(loaded.spec.name, name, pointer, name, "types")
        for name, pointer in sorted(first.items())
    ]
    for resource, op in loaded.operations():
        base = jsonpointer.join("", "paths", op.path.unsafe_value, op.http_method, "responses")
        declared = []
        if op.response.kind == "model" and op.response.type is not None and op.response.media_type:
            declared.append(
                (op.response.status, op.response.media_type.unsafe_value, op.response.type.output)
            )
        for error in op.errors:
            declared.append((str(error.status).strip("'"), "application/json", error.type.output))
        for status, media, annotation in declared:
            if annotation in first or annotation == "Any":
                continue  # a single model is covered above; Any accepts everything
            pointer = jsonpointer.join(base, status, "content", media, "schema")
            cases.append(
                RoundTripCase(
                    loaded.spec.name,
                    f"{resource.name}.{op.name}:{status}",
                    pointer,
                    annotation,
                    f"resources.{resource.module}",
                )
            )
    return cases


def special_ids(
    checker: SchemaChecker, document: dict[str, Any], op: Operation, parameter: Parameter
) -> list[str]:
    for candidate in parameter_objects(document, op):
        if (candidate.get("in"), candidate.get("name")) == (
            "path",
            parameter.wire_name.unsafe_value,
        ):
            schema = candidate.get("schema", {})
            return [value for value in PATH_IDS if checker.is_valid(schema, value)]
    return []


def operation_object(document: dict[str, Any], op: Operation) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"][op.path.unsafe_value][op.http_method]
    return operation


def parameter_objects(document: dict[str, Any], op: Operation) -> Iterator[dict[str, Any]]:
    item = document["paths"][op.path.unsafe_value]
    for owner in (item[op.http_method], item):  # operation-level parameters win
        for parameter in owner.get("parameters") or []:
            if isinstance(parameter, dict) and "$ref" in parameter:
                parameter = resolve(document, parameter["$ref"])
            if isinstance(parameter, dict):
                yield parameter


def request_body_schema(document: dict[str, Any], op: Operation) -> Any:
    """The schema of the operation's request body in the media type the client sends."""
    assert op.body is not None
    body = operation_object(document, op)["requestBody"]
    if "$ref" in body:
        body = resolve(document, body["$ref"])
    return body["content"][op.body.media_type.unsafe_value].get("schema", {})


def nullable_fields(checker: SchemaChecker, document: dict[str, Any], op: Operation) -> list[str]:
    """Wire names of the JSON body properties whose schema admits `null`."""
    if op.body is None or op.body.encoding != "json" or op.body.whole is not None:
        return []
    properties = properties_of(document, request_body_schema(document, op))
    return [name for name, schema in properties.items() if checker.is_valid(schema, None)]
