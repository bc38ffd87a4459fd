"""A normalized OpenAPI document -> the intermediate representation of one client package.

Decides everything about the package except how it is spelt: resources and method names
(`operations`), model names (`hoist`), annotations (`annotate`), keyword-argument names, which body
encoding and which success response an operation uses, error body types, and pagination.
"""

from __future__ import annotations

import re
from typing import Any

from . import jsonpointer
from .annotate import Annotator
from .config import ApiConfig
from .errors import Problem, SpecError
from .hoist import Hoisted, hoist
from .ir import (
    SCHEMA_PREFIX,
    Api,
    Auth,
    BodyField,
    ErrorType,
    ModelSet,
    Operation,
    Parameter,
    RequestBody,
    Resource,
    Response,
    TypeRef,
)
from .lock import NamesLock
from .media import encoding, is_json, pick_media
from .naming import Namer, python_name
from .operations import (
    Placement,
    operation_key,
    place_operations,
    resource_class_name,
    tag_resource_name,
)
from .pagination import detect_pagination
from .strings import Safe, SpecText, identifier
from .vocabulary import DEVICE_NAMES, FIELD_RESERVED, KWARG_RESERVED
from .walk import iter_operations

_PATH_VARIABLE = re.compile(r"\{([^{}/]+)\}")


def analyze(
    document: dict[str, Any],
    config: ApiConfig,
    *,
    lock: NamesLock | None = None,
    version: str = "0.1.0",
    spec_sha256: str = "",
    file: str = "",
) -> Api:
    """The IR of `document`; `file` names the spec in the problems it raises."""
    lock = lock or NamesLock()
    placements = place_operations(document, lock.operations)
    clients = frozenset({config.client_class, f"Async{config.client_class}"})
    resource_classes = {resource_class_name(p.resource, clients) for p in placements.values()}
    reserved = clients | frozenset(
        name
        for base in resource_classes
        for name in (base, f"Async{base}", f"{base}WithRawResponse", f"Async{base}WithRawResponse")
    )
    hoisted = hoist(document, locked=lock.schemas, reserved=reserved)
    return _Analyzer(document, config, hoisted, placements, file).api(version, spec_sha256)


class _Analyzer:
    def __init__(
        self,
        document: dict[str, Any],
        config: ApiConfig,
        hoisted: Hoisted,
        placements: dict[str, Placement],
        file: str,
    ) -> None:
        self.file = file
        self.document = document
        self.config = config
        self.hoisted = hoisted
        self.placements = placements
        self.annotator = Annotator(hoisted.schemas)
        bare = ModelSet(hoisted.schemas, {}, hoisted.pointer_names)
        names = {name: _field_names(bare, name) for name in hoisted.schemas}
        self.models = ModelSet(
            hoisted.schemas,
            {name: fields for name, fields in names.items() if fields},
            hoisted.pointer_names,
        )

    def api(self, version: str, spec_sha256: str) -> Api:
        info = self.document.get("info") or {}
        resources: dict[str, list[Operation]] = {}
        for path, method, operation in iter_operations(self.document):
            placement = self.placements[operation_key(method, path)]
            resources.setdefault(placement.resource, []).append(
                self._operation(path, method, operation, placement)
            )
        descriptions: dict[str, Any] = {}  # resource name -> its tag's description (first wins)
        for tag in self.document.get("tags") or []:
            if isinstance(tag, dict) and isinstance(tag.get("name"), str):
                descriptions.setdefault(tag_resource_name(tag["name"]), tag.get("description"))
        return Api(
            config=self.config,
            title=SpecText(str(info.get("title") or self.config.title)),
            description=_text(info.get("description")),
            base_url=SpecText(self._base_url()),
            auth=self._auth(),
            resources=tuple(
                self._resource(name, operations, descriptions)
                for name, operations in sorted(resources.items())
            ),
            models=self.models,
            version=version,
            spec_sha256=spec_sha256,
            operations_lock={
                key: {"resource": p.resource, "method": p.method}
                for key, p in self.placements.items()
            },
        )

    # -- resources and operations -----------------------------------------------------------

    def _resource(
        self, name: str, operations: list[Operation], descriptions: dict[str, Any]
    ) -> Resource:
        clients = frozenset({self.config.client_class, f"Async{self.config.client_class}"})
        return Resource(
            name=identifier(name),
            class_name=identifier(resource_class_name(name, clients)),
            module=identifier(name + "_" if name.lower() in DEVICE_NAMES else name),
            description=_text(descriptions.get(name)),
            operations=tuple(operations),
        )

    def _operation(
        self, path: str, method: str, operation: dict[str, Any], placement: Placement
    ) -> Operation:
        pointer = jsonpointer.join("", "paths", path, method)
        body = self._body(operation, pointer)
        taken: set[str] = {f.name for f in body.fields} if body else set()
        if body and body.whole:
            taken.add(body.whole.name)
        parameters = self._parameters(path, operation, pointer, taken)
        response = self._response(operation, pointer)
        pagination = detect_pagination(
            self.config.pagination,
            placement.key,
            operation,
            parameters,
            response,
            self._resolved_root(pointer, response),
            self.annotator,
        )
        return Operation(
            key=placement.key,
            operation_id=_text(operation.get("operationId")),
            http_method=Safe(method),
            path=SpecText(path),
            name=identifier(placement.method),
            summary=_text(operation.get("summary")),
            description=_text(operation.get("description")),
            deprecated=operation.get("deprecated") is True,
            parameters=parameters,
            body=body,
            response=response,
            errors=self._errors(operation, pointer),
            pagination=pagination,
        )

    def _parameters(
        self, path: str, operation: dict[str, Any], pointer: str, taken: set[str]
    ) -> tuple[Parameter, ...]:
        item = (self.document.get("paths") or {}).get(path) or {}
        merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        for owner, base in ((item, jsonpointer.join("", "paths", path)), (operation, pointer)):
            for index, raw in enumerate(owner.get("parameters") or []):
                where = jsonpointer.join(base, "parameters", index)
                parameter, where = self._deref(raw, where)
                if isinstance(parameter, dict) and parameter.get("in") in (
                    "path",
                    "query",
                    "header",
                ):
                    merged[(str(parameter.get("in")), str(parameter.get("name")))] = (
                        parameter,
                        where,
                    )
        declared = {name for location, name in merged if location == "path"}
        missing = sorted(set(_PATH_VARIABLE.findall(path)) - declared)
        if missing:
            message = f"path template variable {{{missing[0]}}} has no `in: path` parameter"
            hint = "declare the parameter, or escape the braces if they are literal"
            pointer = jsonpointer.join("", "paths", path)
            raise SpecError(Problem("error", message, self.file, pointer, hint))
        order = {"path": 0, "query": 1, "header": 2}
        path_order = {name: path.find("{" + name + "}") for _loc, name in merged}
        ordered = sorted(
            merged.items(),
            key=lambda kv: (order[kv[0][0]], path_order[kv[0][1]] if kv[0][0] == "path" else 0),
        )
        namer = Namer(taken)
        parameters = []
        for (location, wire), (parameter, where) in ordered:
            schema = self.hoisted.roots.get(jsonpointer.join(where, "schema"), {})
            parameters.append(
                Parameter(
                    wire_name=SpecText(wire),
                    name=identifier(namer.claim(python_name(wire, reserved=KWARG_RESERVED))),
                    location=location,  # type: ignore[arg-type]
                    type=self.annotator.annotate(schema),
                    required=location == "path" or parameter.get("required") is True,
                    description=_text(parameter.get("description")),
                    deprecated=parameter.get("deprecated") is True,
                )
            )
        return tuple(parameters)

    def _body(self, operation: dict[str, Any], pointer: str) -> RequestBody | None:
        raw, where = self._deref(
            operation.get("requestBody"), jsonpointer.join(pointer, "requestBody")
        )
        if not isinstance(raw, dict):
            return None
        content = raw.get("content") or {}
        media = pick_media(list(content))
        if media is None:
            return None
        kind = encoding(media)
        root = self.hoisted.roots.get(jsonpointer.join(where, "content", media, "schema"), {})
        required = raw.get("required") is True
        model = self._model_of(root)
        file = kind == "multipart"
        if kind == "binary":
            whole = BodyField(
                SpecText("content"), Safe("content"), _file_type(), required, is_file=True
            )
            return RequestBody(
                kind,
                SpecText(media),
                required,
                whole=whole,
                description=_text(raw.get("description")),
            )
        if model is None:
            whole = BodyField(
                SpecText("body"), Safe("body"), self.annotator.annotate(root, file=file), required
            )
            return RequestBody(
                kind,
                SpecText(media),
                required,
                whole=whole,
                description=_text(raw.get("description")),
            )
        properties, required_names = self.models.properties(model)
        fields = tuple(
            BodyField(
                wire_name=SpecText(wire),
                name=identifier(self.models.field_names[model][wire]),
                type=self.annotator.annotate(schema, file=file),
                required=required and wire in required_names,
                description=_text(schema.get("description")) if isinstance(schema, dict) else None,
                is_file=file and _is_binary(schema),
                deprecated=isinstance(schema, dict) and schema.get("deprecated") is True,
            )
            for wire, schema in properties.items()
        )
        return RequestBody(
            kind,
            SpecText(media),
            required,
            fields=fields,
            model=identifier(model),
            description=_text(raw.get("description")),
        )

    def _response(self, operation: dict[str, Any], pointer: str) -> Response:
        responses = operation.get("responses") or {}
        successes = sorted(str(s) for s in responses if str(s).startswith("2"))
        for status in successes:
            raw, where = self._deref(
                responses[status], jsonpointer.join(pointer, "responses", status)
            )
            content = (raw or {}).get("content") or {}
            media = pick_media(list(content))
            if media is None:
                continue
            if encoding(media) == "binary" or not is_json(media):
                return Response("binary", status, media_type=SpecText(media))
            root = self.hoisted.roots.get(jsonpointer.join(where, "content", media, "schema"), {})
            return Response("model", status, self.annotator.annotate(root), SpecText(media))
        if successes and all(status in ("204", "205") for status in successes):
            return Response("none", successes[0])
        return Response("model", successes[0] if successes else "200", self.annotator.annotate({}))

    def _errors(self, operation: dict[str, Any], pointer: str) -> tuple[ErrorType, ...]:
        errors = []
        for status, raw_response in sorted((operation.get("responses") or {}).items()):
            status = str(status)
            if status.startswith(("1", "2", "3")):
                continue
            raw, where = self._deref(raw_response, jsonpointer.join(pointer, "responses", status))
            content = (raw or {}).get("content") or {}
            media = next((m for m in content if is_json(m)), None)
            if media is None:
                continue
            root = self.hoisted.roots.get(jsonpointer.join(where, "content", media, "schema"))
            if root:
                label = status if status.isdigit() else status.upper()
                literal = label if label.isdigit() else repr(label)
                errors.append(ErrorType(Safe(literal), self.annotator.annotate(root)))
        return tuple(errors)

    # -- helpers --------------------------------------------------------------------------

    def _deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow `$ref`s to parameters, bodies and responses (cycles end at the first repeat)."""
        seen = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen:
                break
            seen.add(ref)
            node, pointer = jsonpointer.resolve(self.document, ref), ref[1:]
        return node, pointer

    def _model_of(self, root: Any) -> str | None:
        ref = root.get("$ref") if isinstance(root, dict) else None
        if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
            name = ref[len(SCHEMA_PREFIX) :]
            return name if self.annotator.is_model(name) else None
        return None

    def _resolved_root(self, pointer: str, response: Response) -> dict[str, Any]:
        """The success response schema with a top-level `$ref` followed (for pagination)."""
        if response.media_type is None:
            return {}
        media = response.media_type.unsafe_value
        root = self.hoisted.roots.get(
            jsonpointer.join(pointer, "responses", response.status, "content", media, "schema"), {}
        )
        name = self._model_of(root)
        if name:
            properties, _required = self.models.properties(name)
            return {"type": "object", "properties": properties}
        return root

    def _base_url(self) -> str:
        if self.config.base_url:
            return self.config.base_url
        servers = self.document.get("servers") or []
        server = servers[0] if servers and isinstance(servers[0], dict) else {}
        url = str(server.get("url") or "")
        for name, variable in (server.get("variables") or {}).items():
            if isinstance(variable, dict):
                url = url.replace("{" + name + "}", str(variable.get("default", "")))
        return url.rstrip("/") if url.startswith(("http://", "https://")) else ""

    def _auth(self) -> Auth:
        schemes = (self.document.get("components") or {}).get("securitySchemes") or {}
        requirements = self.document.get("security") or []
        names = [
            name
            for requirement in requirements
            if isinstance(requirement, dict)
            for name in requirement
        ]
        if not names:
            names = [
                name
                for _p, _m, op in iter_operations(self.document)
                for req in op.get("security") or []
                if isinstance(req, dict)
                for name in req
            ]
        required = bool(requirements) and all(bool(r) for r in requirements)
        for name in names:
            scheme = schemes.get(name)
            if not isinstance(scheme, dict):
                continue
            kind = scheme.get("type")
            if kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
                return Auth("bearer", required=required)
            if kind in ("oauth2", "openIdConnect"):
                return Auth("bearer", required=required)
            if kind == "apiKey" and scheme.get("in") in ("header", "query"):
                key_name = scheme.get("name")
                if not isinstance(key_name, str) or not key_name.strip():
                    pointer = jsonpointer.join("", "components", "securitySchemes", name, "name")
                    message = "an apiKey security scheme needs the name of its header or parameter"
                    raise SpecError(Problem("error", message, self.file, pointer, "set `name`"))
                return Auth(scheme["in"], SpecText(key_name), required)
        return Auth(None)


def _field_names(models: ModelSet, name: str) -> dict[str, str]:
    """Python names of a class's fields; the body keyword arguments use the same ones."""
    properties, _required = models.properties(name)
    namer = Namer()
    return {
        wire: namer.claim(python_name(wire, reserved=FIELD_RESERVED | KWARG_RESERVED))
        for wire in properties
    }


def _text(value: Any) -> SpecText | None:
    return SpecText(value) if isinstance(value, str) and value.strip() else None


def _is_binary(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    if schema.get("format") == "binary":
        return True
    items = schema.get("items")
    return isinstance(items, dict) and items.get("format") == "binary"


def _file_type() -> TypeRef:
    return TypeRef((Safe("FileTypes"),), (Safe("FileTypes"),))
