"""A request the fake received, read back: which operation it is, and how it breaks the spec.

Path, query and header values arrive as text and are turned into the JSON values their schemas
describe (``"5"`` is 5 for an integer, ``a,b`` a list) before they are checked; a JSON body is
checked as it is; form and multipart bodies only by field name (their values are text).
"""

from __future__ import annotations

import json
import re
import urllib.parse
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from ._body import ZLIB_WBITS
from ._testing_schema import Problem, validate

__all__ = ["SpecOperation", "decoded_body", "match_operation", "request_problems", "route_matches"]

_MULTIPART_NAME = re.compile(rb'Content-Disposition:[^\r\n]*\bname="([^"]*)"', re.IGNORECASE)


@dataclass(frozen=True)
class SpecOperation:
    """One operation of ``_fake_spec.json``, its path template compiled to a pattern."""

    name: str
    method: str
    path: str
    pattern: re.Pattern[str]
    spec: Mapping[str, Any]

    @classmethod
    def of(cls, entry: Mapping[str, Any]) -> SpecOperation:
        """``{id}`` in the template matches one path segment, ``{+path}`` one or more."""
        names: dict[str, str] = {}
        pattern = ""
        for part in re.split(r"(\{[^{}]+\})", entry["path"]):
            if part.startswith("{") and part.endswith("}"):
                group = f"p{len(names)}"
                names[group] = part[1:-1].removeprefix("+")
                segments = "[^/]+(?:/[^/]+)*" if part.startswith("{+") else "[^/]+"
                pattern += f"(?P<{group}>{segments})"
            else:
                pattern += re.escape(urllib.parse.quote(part, safe="/:@!$&'()*+,;=-._~"))
        spec = {**entry, "names": names}
        return cls(entry["name"], entry["method"], entry["path"], re.compile(pattern + "$"), spec)


def match_operation(
    operations: list[SpecOperation], method: str, raw_path: bytes
) -> tuple[SpecOperation | None, dict[str, str]]:
    """The operation a request is for, and its path parameters by their spec names."""
    path = raw_path.decode("ascii").split("?")[0]
    found = [
        (op, match)
        for op in operations
        if op.method == method and (match := op.pattern.search(path)) is not None
    ]
    if not found:
        return None, {}
    # `/things/{id}/archive` before `/things/{id}/{action}`: the most literal template wins
    operation, match = max(found, key=lambda pair: len(re.sub(r"\{[^{}]*\}", "", pair[0].path)))
    params = {name: urllib.parse.unquote(value) for name, value in match.groupdict().items()}
    return operation, {operation.spec["names"][k]: v for k, v in params.items()}


def request_problems(
    operation: SpecOperation,
    request: httpx.Request,
    params: Mapping[str, str],
    body: Any,
    defs: Mapping[str, Any],
    *,
    strict: bool,
) -> list[Problem]:
    """Every way the request breaks its operation in the spec."""
    query = {k: request.url.params.get_list(k) for k in request.url.params}
    problems = _parameter_problems(operation.spec, params, query, request.headers, defs)
    spec = _sent_as(operation.spec.get("body"), request)
    if spec is None:
        return problems
    if not request.content:
        return problems + ([Problem("body", "is required")] if spec.get("required") else [])
    if spec["encoding"] == "json":
        return problems + validate(body, spec["schema"], defs, "body", strict=strict)
    if spec["encoding"] in ("form", "multipart") and isinstance(body, dict):
        return problems + _form_problems(_resolved(spec["schema"], defs), body, strict=strict)
    return problems


def _form_problems(
    schema: Mapping[str, Any], fields: dict[str, Any], *, strict: bool
) -> list[Problem]:
    """Form fields arrive as text, so only their names are checked: required and known."""
    known = schema.get("properties") or {}
    problems = [
        Problem("body", f"required field {name!r} is missing")
        for name in schema.get("required") or []
        if name not in fields
    ]
    if strict and known:
        problems += [
            Problem("body", f"unknown field {name!r} (the spec knows: {', '.join(known)})")
            for name in fields
            if name not in known
        ]
    return problems


def route_matches(key: str, method: str, path: str) -> bool:
    """Whether ``"GET /v1/extra/{id}"`` (a reply for a path the spec lacks) matches."""
    wanted_method, _, template = key.partition(" ")
    if wanted_method != method:
        return False
    pattern = re.sub(r"\\\{[^{}]+\\\}", "[^/]+", re.escape(template))
    return re.search(pattern + "$", path) is not None


def _parameter_problems(
    spec: Mapping[str, Any],
    path_params: Mapping[str, str],
    query: Mapping[str, list[str]],
    headers: httpx.Headers,
    defs: Mapping[str, Any],
) -> list[Problem]:
    problems: list[Problem] = []
    named = {p["name"] for p in spec.get("parameters") or [] if p["in"] == "query"}
    for parameter in spec.get("parameters") or []:
        name, where = parameter["name"], parameter["in"]
        if where == "path":
            values = [path_params[name]] if name in path_params else []
        elif where == "query":
            values = query.get(name, []) or _object_keys(parameter, query, named, defs)
        elif where == "header":
            values = headers.get_list(name)
        else:
            continue
        label = f"{where} parameter {name!r}"
        if not values:
            if parameter.get("required"):
                problems.append(Problem(label, "is required"))
            continue
        schema = _resolved(parameter.get("schema") or {}, defs)
        if _is_object(_plain(schema, defs)):
            continue  # deepObject and form spellings of an object are not parsed back
        problems += validate(_typed(values, schema, defs), schema, defs, label, strict=False)
    return problems


def _object_keys(
    parameter: Mapping[str, Any],
    query: Mapping[str, list[str]],
    named: set[str],
    defs: Mapping[str, Any],
) -> list[str]:
    """The query keys an object parameter is spelt with when not under its own name: ``name[key]``
    (deepObject) or, exploded ``form`` (OpenAPI's default), its properties' own names (any name
    no other parameter has, for an object of additional properties only)."""
    schema = _plain(parameter.get("schema") or {}, defs)
    if not _is_object(schema):
        return []
    known = _property_names(schema, defs)
    bracket = parameter["name"] + "["
    return [
        key
        for key in query
        if key.startswith(bracket) or (key in known if known else key not in named)
    ]


def _is_object(schema: Mapping[str, Any]) -> bool:
    """Typed ``object``, or untyped with what only an object has (``allOf`` of models too)."""
    kinds = _kinds(schema)
    shaped = any(key in schema for key in ("properties", "additionalProperties", "allOf"))
    return "object" in kinds or (not kinds and shaped)


def _property_names(schema: Mapping[str, Any], defs: Mapping[str, Any], depth: int = 0) -> set[str]:
    """An object's property names, those of its ``allOf`` members included."""
    schema = _resolved(schema, defs)
    names = set(schema.get("properties") or {})
    members = schema.get("allOf") if depth < 8 else None
    for member in members if isinstance(members, list) else []:
        if isinstance(member, Mapping):
            names |= _property_names(member, defs, depth + 1)
    return names


def _resolved(schema: Mapping[str, Any], defs: Mapping[str, Any]) -> Mapping[str, Any]:
    seen = 0
    while isinstance(schema.get("$ref"), str) and seen < 32:
        schema, seen = defs.get(schema["$ref"], {}), seen + 1
    return schema


def _kinds(schema: Mapping[str, Any]) -> set[str]:
    kinds = schema.get("type")
    return {kinds} if isinstance(kinds, str) else {k for k in kinds or [] if isinstance(k, str)}


def _plain(schema: Mapping[str, Any], defs: Mapping[str, Any], depth: int = 0) -> Mapping[str, Any]:
    """The schema with its ``anyOf``/``oneOf`` branches' types as its own, null left out: a
    nullable parameter is ``anyOf: [{$ref: ...}, {type: null}]`` once the spec is normalized,
    and its text is typed as the value it holds (``"2"`` for an integer enum is 2)."""
    schema = _resolved(schema, defs)
    branches = schema.get("anyOf") or schema.get("oneOf")
    if _kinds(schema) or not isinstance(branches, list) or depth > 8:
        return schema
    plain = [_plain(branch, defs, depth + 1) for branch in branches if isinstance(branch, Mapping)]
    kinds = sorted(set().union(*(_kinds(branch) for branch in plain)) - {"null"})
    items = next((branch.get("items") for branch in plain if "array" in _kinds(branch)), None)
    return {"type": kinds, **({"items": items} if isinstance(items, Mapping) else {})}


def _typed(values: list[str], schema: Mapping[str, Any], defs: Mapping[str, Any]) -> Any:
    """Parameter text as the JSON value the schema describes (``"5"`` is 5 for an integer)."""
    schema = _plain(schema, defs)
    kinds = _kinds(schema)
    if "array" in kinds:
        items = schema.get("items") or {}
        if len(values) == 1 and "," in values[0]:  # style simple/form without explode: a,b,c
            values = values[0].split(",")
        return [_typed([value], items, defs) for value in values]
    text = values[-1]
    if kinds & {"integer", "number"}:
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and "." not in text else number
    if "boolean" in kinds and text in ("true", "false"):
        return text == "true"
    return text


def decoded_body(request: httpx.Request) -> Any:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    content = _decoded(request.headers.get("content-encoding", ""), request.content)
    if not content:
        return None
    if media == "application/json" or media.endswith("+json"):
        try:
            return json.loads(content)
        except ValueError:
            return None
    if media == "application/x-www-form-urlencoded":
        pairs = urllib.parse.parse_qsl(content.decode("utf-8", "replace"), keep_blank_values=True)
        return dict(pairs)
    if media == "multipart/form-data":
        names = [name.decode("utf-8", "replace") for name in _MULTIPART_NAME.findall(content)]
        return dict.fromkeys(names, "")
    return None


def _decoded(encoding: str, content: bytes) -> bytes:
    """A body as the API reads it: undone from the gzip or deflate the client compressed it
    with (bytes not so encoded are kept, as the caller gave them)."""
    wbits = ZLIB_WBITS.get(encoding.strip().lower())
    if wbits is None or not content:
        return content
    try:
        return zlib.decompress(content, wbits)
    except zlib.error:
        return content


def _sent_as(spec: Mapping[str, Any] | None, request: httpx.Request) -> Mapping[str, Any] | None:
    """The body the request was sent as: the operation's preferred media type, or another it
    declares (the method for text beside the one for JSON), judged by that one's schema. A
    media type the spec does not name exactly (a wildcard) is judged for presence only."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if spec is None or not media or media == str(spec.get("media", "")).lower():
        return spec
    other = (spec.get("others") or {}).get(media)
    return {**spec, **other} if other else {**spec, "encoding": "other"}
