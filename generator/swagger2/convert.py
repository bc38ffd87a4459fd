"""The rewrite of one Swagger 2.0 document, recording where each moved node came from."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..walk import HTTP_METHODS
from . import azure_host, azure_paths
from .bodies import COLLECTION_STYLES, Located, body, form
from .origins import Origins
from .produces import media_for
from .schemas import (
    discriminator_mappings,
    header,
    mapping,
    media_types,
    parameter_schema,
    schema_v3,
    security_scheme,
    servers,
)

OPENAPI_VERSION = "3.0.3"

# Top-level keys kept as written (with `x-` extensions but those rewritten into other keys).
_KEPT = ("security", "tags", "externalDocs")
_REWRITTEN = (azure_paths.KEY, azure_host.KEY)
# Converted component sections and the Swagger sections they come from.
_SECTIONS = {
    "schemas": "definitions",
    "parameters": "parameters",
    "requestBodies": "parameters",
    "responses": "responses",
    "securitySchemes": "securityDefinitions",
}


class Converter:
    """One document's rewrite: `document()` is the OpenAPI 3.0 document, `problems` what could
    not be kept, `origins` where each converted node came from."""

    def __init__(self, source: dict[str, Any], file: str) -> None:
        self.source, self.file = source, file
        self.problems: list[Problem] = []
        self.origins = Origins(file, source)
        self.consumes = media_types(source.get("consumes")) or ["application/json"]
        self.produces = media_types(source.get("produces")) or ["application/json"]
        self.shared = mapping(source.get("parameters"))
        self.shared_bodies = self._shared_bodies()

    def document(self) -> dict[str, Any]:
        source = self.source
        converted: dict[str, Any] = {"openapi": OPENAPI_VERSION}
        self.origins.record("/openapi", "/swagger")
        converted |= {k: v for k, v in source.items() if k == "info"}
        hosted = azure_host.host_servers(source, self.file)
        written = servers(source) if hosted is None else hosted
        if written:
            converted["servers"] = written
            origin = "/host" if "host" in source else "/basePath"
            self.origins.record("/servers", f"/{azure_host.KEY}" if hosted else origin)
        converted |= {
            k: v
            for k, v in source.items()
            if k in _KEPT or (k.startswith("x-") and k not in _REWRITTEN)
        }
        converted["paths"] = self._paths()
        components = self._components()
        if components:
            converted["components"] = components
        for section, written_as in _SECTIONS.items():
            if section in components:
                self.origins.record(f"/components/{section}", f"/{written_as}")
        return converted

    def _components(self) -> dict[str, Any]:
        source = self.source
        schemas = {
            name: schema_v3(schema) for name, schema in mapping(source.get("definitions")).items()
        }
        discriminator_mappings(schemas)
        parameters = {
            name: self._parameter(parameter, *_component("parameters", name))
            for name, parameter in self.shared.items()
            if isinstance(parameter, dict) and parameter.get("in") not in ("body", "formData")
        }
        responses = {
            name: self._response(response, self.produces, *_component("responses", name))
            for name, response in mapping(source.get("responses")).items()
        }
        bodies = {
            name: body(
                (self.shared[name], jsonpointer.join("", "parameters", name)),
                self.consumes,
                self.origins,
                jsonpointer.join("", "components", "requestBodies", name),
                mapping(source.get("definitions")),
            )
            for name in sorted(self.shared_bodies)
        }
        schemes = {
            name: security_scheme(scheme)
            for name, scheme in mapping(source.get("securityDefinitions")).items()
        }
        sections = {
            "schemas": schemas,
            "parameters": parameters,
            "requestBodies": bodies,
            "responses": responses,
            "securitySchemes": schemes,
        }
        return {section: entries for section, entries in sections.items() if entries}

    def _paths(self) -> dict[str, Any]:
        """`paths`, then the items of Azure's `x-ms-paths` (keys with a fixed query) beside
        them, each recorded as written there."""
        items = {
            path: self._path_item(item, jsonpointer.join("", "paths", path))
            for path, item in mapping(self.source.get("paths")).items()
        }
        for path in azure_paths.checked_keys(self.source, self.file):
            source = jsonpointer.join("", azure_paths.KEY, path)
            at = jsonpointer.join("", "paths", path)
            self.origins.record(at, source)
            items[path] = self._path_item(self.source[azure_paths.KEY][path], source, at)
        return items

    def _path_item(self, item: Any, source: str, at: str | None = None) -> Any:
        """The path item written at `source`, converted to sit at `at` (the same by default)."""
        if not isinstance(item, dict):
            return item
        at = source if at is None else at
        shared = [
            (parameter, jsonpointer.join(source, "parameters", index))
            for index, parameter in enumerate(item.get("parameters") or [])
        ]
        converted: dict[str, Any] = {}
        for key, value in item.items():
            if key in HTTP_METHODS and isinstance(value, dict):
                written, where = jsonpointer.join(source, key), jsonpointer.join(at, key)
                self.origins.record(where, written)
                converted[key] = self._operation(value, shared, written, where)
            elif key != "parameters":
                converted[key] = value
        return converted

    def _operation(
        self, operation: dict[str, Any], shared: list[Located], written_at: str, at: str
    ) -> Any:
        """The operation written at `written_at`, converted to sit at `at`."""
        moved = ("parameters", "responses", "consumes", "produces", "schemes")
        converted = {k: v for k, v in operation.items() if k not in moved}
        consumes = media_types(operation.get("consumes")) or self.consumes
        produces = media_types(operation.get("produces")) or self.produces
        body_parameters: list[Located] = []
        form_parameters: list[Located] = []
        parameters: list[Any] = []
        own = [
            (parameter, jsonpointer.join(written_at, "parameters", index))
            for index, parameter in enumerate(operation.get("parameters") or [])
        ]
        for (written, source), resolved in self._parameters([*shared, *own]):
            where = resolved[0].get("in")
            if where == "body":
                body_parameters.append(resolved)
            elif where == "formData":
                form_parameters.append(resolved)
            else:
                converted_at = jsonpointer.join(at, "parameters", len(parameters))
                parameters.append(self._parameter(written, source, converted_at))
        if parameters:
            converted["parameters"] = parameters
        request = jsonpointer.join(at, "requestBody")
        if body_parameters:
            converted["requestBody"] = self._request_body(body_parameters[0], consumes, request)
            first, source = body_parameters[0]
            if first.get("name"):
                converted.setdefault("x-codegen-request-body-name", first["name"])
                named = jsonpointer.join(source, "name")
                self.origins.record(jsonpointer.join(at, "x-codegen-request-body-name"), named)
        elif form_parameters:
            converted["requestBody"] = form(
                form_parameters, consumes, self.origins, request, self._warn
            )
        responses = mapping(operation.get("responses"))
        converted["responses"] = self._responses(responses, produces, written_at, at)
        return converted

    def _request_body(self, located: Located, consumes: list[str], at: str) -> dict[str, Any]:
        """The request body at `at` that body parameter `located` describes: a `$ref` to the
        component of a shared one (`_shared_bodies`), else written out in the operation."""
        _parameter, source = located
        name = _shared_name(source)
        if name in self.shared_bodies and consumes == self.consumes:
            self.origins.record(at, source)
            return {"$ref": jsonpointer.join("#/components/requestBodies", name)}
        return body(located, consumes, self.origins, at, mapping(self.source.get("definitions")))

    def _shared_bodies(self) -> frozenset[str]:
        """Body parameters that two operations or more take (through `$ref`, with the document's
        `consumes`): each becomes one request body component, so that its schema is named after
        the parameter the spec shares (`PatchRequest`), not after one of the operations."""
        uses: Counter[str] = Counter()
        for section in ("paths", azure_paths.KEY):
            for item in mapping(self.source.get(section)).values():
                if not isinstance(item, dict):
                    continue
                common = [(parameter, "") for parameter in item.get("parameters") or []]
                for key, operation in item.items():
                    if key not in HTTP_METHODS or not isinstance(operation, dict):
                        continue
                    if (media_types(operation.get("consumes")) or self.consumes) != self.consumes:
                        continue
                    own = [(parameter, "") for parameter in operation.get("parameters") or []]
                    resolved = [r for _w, r in self._parameters([*common, *own])]
                    uses.update({_shared_name(s) for p, s in resolved if p.get("in") == "body"})
        return frozenset(name for name, count in uses.items() if name and count > 1)

    def _responses(
        self, responses: dict[str, Any], produces: list[str], source: str, at: str
    ) -> Any:
        """An operation's responses, each recorded where it was written."""
        converted = {}
        for status, response in responses.items():
            written = jsonpointer.join(source, "responses", status)
            where = jsonpointer.join(at, "responses", status)
            self.origins.record(where, written)
            converted[status] = self._response(response, produces, written, where)
        return converted

    def _parameters(self, written: list[Located]) -> list[tuple[Located, Located]]:
        """(as written, resolved) for the operation's parameters, its own replacing the path
        item's of the same name and location, as both versions define."""
        merged: dict[tuple[Any, Any], tuple[Located, Located]] = {}
        for parameter in written:
            resolved = self._resolve(parameter)
            merged[(resolved[0].get("name"), resolved[0].get("in"))] = (parameter, resolved)
        return list(merged.values())

    def _resolve(self, located: Located) -> Located:
        parameter, source = located
        if not isinstance(parameter, dict):
            return {}, source
        ref = parameter.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/parameters/"):
            name = jsonpointer.unescape(ref.removeprefix("#/parameters/"))
            target = self.shared.get(name)
            if not isinstance(target, dict):
                return {}, source
            return target, jsonpointer.join("", "parameters", name)
        return parameter, source

    def _parameter(self, parameter: Any, source: str, at: str) -> Any:
        self.origins.record(at, source)
        if not isinstance(parameter, dict) or "$ref" in parameter:
            return parameter
        kept = ("name", "in", "description", "required", "deprecated", "allowEmptyValue")
        converted = {k: v for k, v in parameter.items() if k in kept or k.startswith("x-")}
        for key in ("x-nullable", "x-isnullable", "x-example"):
            converted.pop(key, None)
        converted["schema"] = parameter_schema(parameter)
        self.origins.record(jsonpointer.join(at, "schema"), source)
        if "x-example" in parameter:
            converted["example"] = parameter["x-example"]
            self.origins.record(jsonpointer.join(at, "example"), f"{source}/x-example")
        if parameter.get("type") == "array":
            converted |= self._style(parameter, source)
        return converted

    def _warn(self, message: str, pointer: str, fix: str) -> None:
        self.problems.append(Problem("warning", message, self.file, pointer, fix))

    def _style(self, parameter: dict[str, Any], source: str) -> dict[str, Any]:
        collection = parameter.get("collectionFormat", "csv")
        location = parameter.get("in")
        if location == "query" and collection in COLLECTION_STYLES:
            style, explode = COLLECTION_STYLES[collection]
            return {"style": style, "explode": explode}
        if collection != "csv":
            name = parameter.get("name")
            message = (
                f"parameter {name!r} uses collectionFormat {collection!r}, which OpenAPI 3 cannot "
                f"express for a {location} parameter; it is sent comma-separated"
            )
            self._warn(
                message,
                jsonpointer.join(source, "collectionFormat"),
                "use csv, or multi in a query",
            )
        style = "form" if location == "query" else "simple"
        return {"style": style, "explode": False} if location in ("query", "path", "header") else {}

    def _response(self, response: Any, produces: list[str], source: str, at: str) -> Any:
        referred = source
        if isinstance(response, dict) and "$ref" in response:
            response, source = self._shared_response(response, produces, source)
        if not isinstance(response, dict) or "$ref" in response:
            return response
        kept = {k: v for k, v in response.items() if k.startswith("x-")}
        converted: dict[str, Any] = {"description": response.get("description", ""), **kept}
        schema = response.get("schema")
        if isinstance(schema, dict):
            examples = mapping(response.get("examples"))
            content: dict[str, Any] = {}
            for media_type in self._response_media(schema, produces, source, referred):
                where = jsonpointer.join(at, "content", media_type)
                content[media_type] = {"schema": schema_v3(schema)}
                self.origins.record(f"{where}/schema", f"{source}/schema")
                if media_type in examples:
                    content[media_type]["example"] = examples[media_type]
                    example = jsonpointer.join(source, "examples", media_type)
                    self.origins.record(f"{where}/example", example)
                    self.origins.record(where, example)  # the media type's own part
            converted["content"] = content
        headers = mapping(response.get("headers"))
        if headers:
            converted["headers"] = {name: header(written) for name, written in headers.items()}
            for name in headers:
                written_at = jsonpointer.join(source, "headers", name)
                self.origins.record(jsonpointer.join(at, "headers", name, "schema"), written_at)
        return converted

    def _shared_response(
        self, response: dict[str, Any], produces: list[str], source: str
    ) -> tuple[Any, str]:
        """A `$ref` to a shared response as written, or, in an operation whose `produces` is
        not the document's, the shared response itself: its body is what the operation
        produces (a shared `string` reply is `text/plain` on the diff endpoint that produces
        only that), not what the document's `produces` says, as its component does."""
        ref = response["$ref"]
        shared = mapping(self.source.get("responses"))
        if produces == self.produces or not isinstance(ref, str):
            return response, source
        name = jsonpointer.unescape(ref.removeprefix("#/responses/"))
        if not ref.startswith("#/responses/") or "schema" not in mapping(shared.get(name)):
            return response, source
        return shared[name], jsonpointer.join("", "responses", name)

    def _response_media(
        self, schema: dict[str, Any], produces: list[str], source: str, referred: str
    ) -> list[str]:
        """The media types of a response of `schema`, with a warning where `produces` names none
        that can carry the object or array it describes (`produces.py`). A shared response is
        warned of where the operation refers to it (`referred`): the fix is in that operation,
        and each operation sharing it needs its own."""
        chosen = media_for(schema, produces, mapping(self.source.get("definitions")))
        if not set(chosen) & set(produces):
            shared = source != referred
            subject = f"the shared response #{source}" if shared else "the response"
            message = (
                f"{subject} is an object or array, but its operation produces only "
                f"{', '.join(produces)}, which cannot carry one; it is read as {', '.join(chosen)}"
            )
            pointer = referred if shared else jsonpointer.join(source, "schema")
            fix = "add application/json to the operation's produces"
            self.problems.append(Problem("warning", message, self.file, pointer, fix))
        return chosen


def _component(section: str, name: str) -> tuple[str, str]:
    """Where a shared parameter or response sits in the source and in the converted document."""
    return jsonpointer.join("", section, name), jsonpointer.join("", "components", section, name)


def _shared_name(source: str) -> str:
    """The name of the shared parameter written at `source` (`/parameters/<name>`), else ``."""
    tokens = jsonpointer.split(source)
    return tokens[1] if len(tokens) == 2 and tokens[0] == "parameters" else ""
