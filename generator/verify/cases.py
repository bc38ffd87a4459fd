"""The cases that prove a package, derived from the spec and the package's surface.

Nothing here names an operation: every method of every package becomes cases by itself.

* `OperationCase`: call the method with a *required-only* and an *all-fields* variant of
  arguments built from its schemas, and, where the path parameters are plain strings, with
  *path ids* that real ids contain and naive clients mangle: the dot segments `.` and `..`, one
  id holding every character a raw path breaks on (`/`, `?`, `#`, `%`, `+`, spaces, non-ASCII;
  each on its own where the schema refuses them together), and the empty id, which a client
  must refuse rather than send `/things/`.
  Methods whose JSON body has properties the spec allows to be null get a *nulls* variant that
  sends them as `None`: a client must send JSON `null`, not drop the field.
* `ErrorCase`: one per documented error status (every 4xx/5xx, `4XX`/`5XX`, and `default`).
* A second method of an operation (`Method.second`: its events twin `<name>_stream`, or an
  alternative body's `<name>_<suffix>`) is a method like any other, but takes its own method's
  parameters and replies: it gets the required-only and all-fields variants and its first
  documented error, which prove what it does differently (the twin's flag, `Accept` and
  streamed reply; the alternative's Content-Type and body encoding). The path-id variant and the
  other errors would only prove again what it shares; an alternative's nulls variant stays, as
  the body it sends is its own.
* `SuccessCase`: one per success status other than the one the mock answers with by default
  whose body the spec declares (Discord's search answers 200 with results, or 202 while its
  index is built): the client must read each reply as its own status's body.
* `RoundTripCase`: every model class, and every declared response or error type that is not a
  single model, for property tests of parsing.

A case is only a name (cheap to list); `calls.py` turns it into concrete calls.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from .. import jsonpointer
from ..analyze.spans import spanning_names
from ..refs import is_read_only
from .errors import ContractFailure
from .schemas import SchemaChecker, properties_of, resolve
from .surface import Argument, Method, Surface
from .validation import response_label

Variant = Literal["required", "all-fields", "nulls", "path-ids"]
# Ids real APIs hand out or users type, each a classic way to break routing when sent raw.
# The dot segments are whole ids (URL normalisation folds them away); the others are pieces of
# text a client must escape. Escaping works on each character alone, so one id holding every
# piece proves them all in one call, and a client that mangles any of them fails it; only where
# a parameter's schema refuses that id (a pattern, a length) is each piece sent on its own.
_DOT_SEGMENTS = (".", "..")
_HAZARDS = ("a/b", "../admin", "q?x=1", "frag#ment", "with space", "100%", "ünï-çødé", "%2F", "a+b")
_ALL_HAZARDS = "-".join(_HAZARDS)
EMPTY_ID = ""
DEFAULT_ERROR = 599  # the status `default` is tried as: one no spec lists by number


@dataclass(frozen=True)
class OperationCase:
    spec: str
    key: str  # the operation, `METHOD /path`
    label: str  # `resource.method`, for people
    variant: Variant

    @property
    def id(self) -> str:
        return f"{self.spec}:{self.label}:{self.variant}"


@dataclass(frozen=True)
class AnsweredCase:
    """A case the mock answers with its status: the same request for each of an operation's."""

    spec: str
    key: str
    label: str
    status: int

    @property
    def id(self) -> str:
        return f"{self.spec}:{self.label}:{self.status}"


class ErrorCase(AnsweredCase):
    pass


class SuccessCase(AnsweredCase):
    pass


def operation_cases(name: str, surface: Surface, document: dict[str, Any]) -> list[OperationCase]:
    checker = SchemaChecker(document)
    cases = []
    for method in surface.methods:
        variants: list[Variant] = ["required", "all-fields"]
        variants += _argument_variants(checker, document, method)
        cases += [OperationCase(name, method.key, method.label, v) for v in variants]
    return cases


def _argument_variants(
    checker: SchemaChecker, document: dict[str, Any], method: Method
) -> list[Variant]:
    """The variants that prove how arguments are sent: nulls, awkward path ids. A second
    method's parameters are its own method's, proven there; so is an events twin's body."""
    variants: list[Variant] = []
    if method.second != "events" and nullable_fields(checker, document, method):
        variants.append("nulls")
    if method.second is None and any(
        special_ids(checker, document, method, p) for p in method.path_parameters
    ):
        variants.append("path-ids")
    return variants


def error_cases(name: str, surface: Surface, document: dict[str, Any]) -> list[ErrorCase]:
    cases = []
    for method in surface.methods:
        responses = operation_object(document, method).get("responses") or {}
        statuses = documented_errors(responses)
        # A second method's error replies are its own method's: one proves it raises them
        # (an events twin, on its streamed path); which class each status raises is proven there.
        for status in statuses[:1] if method.second else statuses:
            cases.append(ErrorCase(name, method.key, method.label, status))
    return cases


def success_cases(name: str, surface: Surface, document: dict[str, Any]) -> list[SuccessCase]:
    """The success statuses with a body after the first, which the mock answers with unless
    told otherwise; a second method's replies are its own method's, proven there."""
    cases = []
    for method in surface.methods:
        responses = operation_object(document, method).get("responses") or {}
        answered = [
            status
            for status in sorted(map(str, responses))
            if status.startswith("2")
            and status.isdigit()
            and _has_content(document, responses[status])
        ]
        if method.second is None:
            cases += [SuccessCase(name, method.key, method.label, int(s)) for s in answered[1:]]
    return cases


def _has_content(document: dict[str, Any], response: Any) -> bool:
    if isinstance(response, dict) and "$ref" in response:
        response = resolve(document, response["$ref"])
    return isinstance(response, dict) and bool(response.get("content"))


def documented_errors(responses: dict[str, Any]) -> list[int]:
    """Error statuses a spec documents; `4XX`/`5XX` ranges are tried as 418/599, and `default`
    as an error status the spec does not list (599, or the next free one)."""
    statuses = set()
    for label in map(str, responses):
        if label.isdigit() and int(label) >= 400:
            statuses.add(int(label))
        elif label.upper() in ("4XX", "5XX"):
            statuses.add(418 if label[0] == "4" else 599)
    if "default" in responses:
        candidates = [*range(DEFAULT_ERROR, 589, -1), *range(499, 489, -1)]
        unlisted = [s for s in candidates if response_label(responses, s) == "default"]
        statuses.update(unlisted[:1])
    return sorted(statuses)


@dataclass(frozen=True)
class RoundTripCase:
    """A schema of the spec and the Python type the package reads it into."""

    spec: str
    label: str  # the model class, or where a non-model type is declared
    pointer: str  # the schema in the document
    annotation: str  # the annotation text
    module: str  # where the annotation means something: `types` or `resources.<name>`

    @property
    def id(self) -> str:
        return f"{self.spec}:{self.label}"


def roundtrip_cases(name: str, surface: Surface) -> list[RoundTripCase]:
    """Every model class, and every response or error type that is not a single model."""
    first: dict[str, str] = {}
    for pointer, model in sorted(surface.model_pointers.items()):
        first.setdefault(model, pointer)
    cases = [
        RoundTripCase(name, model, pointer, model, "types")
        for model, pointer in sorted(first.items())
    ]
    for method in surface.methods:
        if method.second == "body":
            continue  # it returns and raises its own method's types, covered there
        base = jsonpointer.join("", "paths", method.path, method.http_method, "responses")
        declared = list(method.errors)
        returns = method.returns
        if returns.kind == "model" and returns.annotation and returns.media_type:
            declared.append((returns.status, returns.annotation))
        for status, annotation in declared:
            if annotation in first or annotation == "Any":
                continue  # a single model is covered above; Any accepts everything
            media = returns.media_type if status == returns.status else "application/json"
            pointer = jsonpointer.join(base, status, "content", media or "", "schema")
            label = f"{method.label}:{status}"
            cases.append(RoundTripCase(name, label, pointer, annotation, method.module))
    return cases


def special_ids(
    checker: SchemaChecker, document: dict[str, Any], method: Method, parameter: Argument
) -> list[str]:
    """The awkward ids a path parameter's schema accepts: the dot segments, and every hazard in
    one id where it can, else each hazard it accepts alone."""
    for candidate in parameter_objects(document, method):
        if (candidate.get("in"), candidate.get("name")) == ("path", parameter.wire):
            schema = candidate.get("schema", {})
            ids = [value for value in _DOT_SEGMENTS if checker.is_valid(schema, value)]
            if checker.is_valid(schema, _ALL_HAZARDS):
                return [*ids, _ALL_HAZARDS]
            return ids + [value for value in _HAZARDS if checker.is_valid(schema, value)]
    return []


def ids_and_takers(
    checker: SchemaChecker, document: dict[str, Any], method: Method
) -> list[tuple[str, list[str], bool]]:
    """Each awkward id with the path parameters that take it (one call gives it to them all),
    and whether the client must refuse it: a path holding an empty, `.` or `..` segment, for a
    parameter holding paths (it would climb out of the operation's path)."""
    accepted = {p.wire: special_ids(checker, document, method, p) for p in method.path_parameters}
    spanning = spanning_parameters(document, method)
    found = [
        (value, [wire for wire, ids in accepted.items() if value in ids])
        for value in (*_DOT_SEGMENTS, _ALL_HAZARDS, *_HAZARDS)
    ]
    return [
        (value, takers, bool(spanning & set(takers)) and not _is_a_path(value))
        for value, takers in found
        if takers
    ]


def spanning_parameters(document: dict[str, Any], method: Method) -> frozenset[str]:
    """The wire names of the method's path parameters that hold paths (`analyze.spans`)."""
    pointer = jsonpointer.join("", "paths", method.path, method.http_method)
    return spanning_names(document, method.path, operation_object(document, method), pointer)


def _is_a_path(value: str) -> bool:
    """Whether a value holding a path addresses segments under its operation's path: none of
    its segments is empty, `.` or `..`."""
    return all(segment not in (EMPTY_ID, ".", "..") for segment in value.split("/"))


def operation_object(document: dict[str, Any], method: Method) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"][method.path][method.http_method]
    return operation


def parameter_objects(document: dict[str, Any], method: Method) -> Iterator[dict[str, Any]]:
    item = document["paths"][method.path]
    for owner in (item[method.http_method], item):  # operation-level parameters win
        for parameter in owner.get("parameters") or []:
            if isinstance(parameter, dict) and "$ref" in parameter:
                parameter = resolve(document, parameter["$ref"])
            if isinstance(parameter, dict):
                yield parameter


def parameter_schema(document: dict[str, Any], method: Method, parameter: Argument) -> Any:
    """The schema of the spec's declaration of a generated method's parameter (of its first
    media type, for a parameter with `content`)."""
    for candidate in parameter_objects(document, method):
        if (candidate.get("in"), candidate.get("name")) == (parameter.location, parameter.wire):
            content = candidate.get("content")
            if isinstance(content, dict) and content:
                return next(iter(content.values())).get("schema", {})
            return candidate.get("schema", {})
    raise ContractFailure(
        f"{method.key}: the generated method has a {parameter.location} parameter "
        f"{parameter.wire!r} the spec does not declare",
        jsonpointer.join("", "paths", method.path, method.http_method),
    )


def request_body(document: dict[str, Any], method: Method) -> tuple[str, Any]:
    """The pointer and schema of the method's request body in the media type it sends."""
    assert method.body is not None
    pointer = jsonpointer.join("", "paths", method.path, method.http_method, "requestBody")
    body = operation_object(document, method)["requestBody"]
    if "$ref" in body:
        pointer, body = body["$ref"][1:], resolve(document, body["$ref"])
    media = method.body.media_type
    pointer = jsonpointer.join(pointer, "content", media, "schema")
    return pointer, body["content"][media].get("schema", {})


def nullable_fields(checker: SchemaChecker, document: dict[str, Any], method: Method) -> list[str]:
    """Wire names of the JSON body properties whose schema admits `null`; a `readOnly` one
    (on the property or the schema it names) is never sent, so it has no argument to prove."""
    body = method.body
    if body is None or body.encoding != "json" or body.whole is not None:
        return []
    properties = properties_of(document, request_body(document, method)[1])
    schemas = (document.get("components") or {}).get("schemas") or {}
    return [
        name
        for name, schema in properties.items()
        if checker.is_valid(schema, None) and not is_read_only(schema, schemas)
    ]


def with_nulls(checker: SchemaChecker, schema: Any, value: Any, nulls: list[str]) -> Any:
    """`value` with each of `nulls` set to null, except one that would make a valid body
    invalid: where `oneOf` branches each require one property (Lob's address: `name` or
    `company`), the two present together, even as null, match both, and the call would prove
    only that the verifier broke the contract."""
    request = checker.toward("request")
    valid = request.is_valid(schema, value)
    for wire in nulls:
        trial = {**value, wire: None}
        if not valid or request.is_valid(schema, trial):
            value = trial
    return value
