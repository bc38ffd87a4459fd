"""Swagger 2.0 documents, read as the OpenAPI 3.0 documents they describe.

Many teams still publish Swagger 2.0 (what springfox, go-swagger and older frameworks write).
Both versions describe the same HTTP contracts in different words, so a Swagger 2.0 document is
rewritten once, right after it is read, and every later stage sees OpenAPI 3 only. The rewrite
keeps what goes on the wire: body and form parameters become a request body, `consumes` and
`produces` become content maps, `host`, `basePath` and `schemes` become servers, and
`collectionFormat` becomes `style` and `explode`. That last one matters: Swagger's default, `csv`
(`ids=1,2`), is not OpenAPI's default (`ids=1&ids=2`), so an array left without a style would be
sent wrongly.
"""

from __future__ import annotations

from typing import Any

from . import jsonpointer
from .errors import Problem
from .walk import HTTP_METHODS, SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES

OPENAPI_VERSION = "3.0.3"

_REFS = {
    "#/definitions/": "#/components/schemas/",
    "#/parameters/": "#/components/parameters/",
    "#/responses/": "#/components/responses/",
}
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# A parameter's own keywords that make up its schema in OpenAPI 3.
_NUMBER_BOUNDS = ("maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "multipleOf")
_LENGTH_BOUNDS = ("maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems")
_BOUNDS = (*_NUMBER_BOUNDS, *_LENGTH_BOUNDS)
_SCHEMA_KEYS = ("type", "format", "items", "default", "enum", "x-nullable", *_BOUNDS)
# collectionFormat -> (style, explode) for query parameters; path and header ones only have csv.
_QUERY_STYLES = {
    "csv": ("form", False),
    "multi": ("form", True),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
}
_OAUTH_FLOWS = {
    "implicit": "implicit",
    "password": "password",
    "application": "clientCredentials",
    "accessCode": "authorizationCode",
}
# Maps of path items: Azure's `x-ms-paths` (overloads told apart by a query string) is written
# in Swagger's words too, and `$ref`s the shared body parameters that become inline bodies.
_PATH_MAPS = ("paths", "x-ms-paths")
_TAG_KEYS = ("x-discriminator-value", "x-ms-discriminator-value")
# Top-level keys kept as written (with `x-` extensions): the rewrite replaces every other one.
_KEPT = ("security", "tags", "externalDocs")


def is_swagger2(document: Any) -> bool:
    return isinstance(document, dict) and str(document.get("swagger")) == "2.0"


def convert(document: dict[str, Any], file: str) -> tuple[dict[str, Any], list[Problem]]:
    """The OpenAPI 3.0 document `document` describes, and notes on what could not be kept."""
    converter = _Converter(document, file)
    converted = converter.document()
    note = Problem("info", "Swagger 2.0 document read as OpenAPI 3.0", file, "/swagger")
    return _rewrite_refs(converted), [note, *converter.problems]


class _Converter:
    def __init__(self, source: dict[str, Any], file: str) -> None:
        self.source, self.file = source, file
        self.problems: list[Problem] = []
        self.consumes = _media_types(source.get("consumes")) or ["application/json"]
        self.produces = _media_types(source.get("produces")) or ["application/json"]
        self.shared = _mapping(source.get("parameters"))

    def document(self) -> dict[str, Any]:
        source = self.source
        converted: dict[str, Any] = {"openapi": OPENAPI_VERSION}
        converted |= {k: v for k, v in source.items() if k == "info"}
        servers = _servers(source)
        if servers:
            converted["servers"] = servers
        converted |= {k: v for k, v in source.items() if k in _KEPT or k.startswith("x-")}
        for key in _PATH_MAPS:
            if key == "paths" or isinstance(source.get(key), dict):
                converted[key] = {
                    path: self._path_item(item, jsonpointer.join("", key, path))
                    for path, item in _mapping(source.get(key)).items()
                }
        components = self._components()
        if components:
            converted["components"] = components
        return converted

    def _components(self) -> dict[str, Any]:
        source = self.source
        schemas = {
            name: schema_v3(schema) for name, schema in _mapping(source.get("definitions")).items()
        }
        _discriminator_mappings(schemas)
        parameters = {
            name: self._parameter(parameter, jsonpointer.join("", "parameters", name))
            for name, parameter in self.shared.items()
            if isinstance(parameter, dict) and parameter.get("in") not in ("body", "formData")
        }
        responses = {
            name: self._response(response, self.produces)
            for name, response in _mapping(source.get("responses")).items()
        }
        schemes = {
            name: _security_scheme(scheme)
            for name, scheme in _mapping(source.get("securityDefinitions")).items()
        }
        sections = {
            "schemas": schemas,
            "parameters": parameters,
            "responses": responses,
            "securitySchemes": schemes,
        }
        return {section: entries for section, entries in sections.items() if entries}

    def _path_item(self, item: Any, pointer: str) -> Any:
        if not isinstance(item, dict):
            return item
        shared = item.get("parameters") or []
        converted: dict[str, Any] = {}
        for key, value in item.items():
            if key in HTTP_METHODS and isinstance(value, dict):
                converted[key] = self._operation(value, shared, jsonpointer.join(pointer, key))
            elif key != "parameters":
                converted[key] = value
        return converted

    def _operation(self, operation: dict[str, Any], shared: list[Any], pointer: str) -> Any:
        moved = ("parameters", "responses", "consumes", "produces", "schemes")
        converted = {k: v for k, v in operation.items() if k not in moved}
        consumes = _media_types(operation.get("consumes")) or self.consumes
        produces = _media_types(operation.get("produces")) or self.produces
        body: list[dict[str, Any]] = []
        form: list[dict[str, Any]] = []
        parameters: list[Any] = []
        for written, resolved in self._parameters(shared, operation.get("parameters") or []):
            where = resolved.get("in")
            if where == "body":
                body.append(resolved)
            elif where == "formData":
                form.append(resolved)
            elif "$ref" in written:
                parameters.append(written)
            else:
                parameters.append(self._parameter(written, pointer))
        if parameters:
            converted["parameters"] = parameters
        if body:
            converted["requestBody"] = _body(body[0], consumes)
            if body[0].get("name"):
                converted.setdefault("x-codegen-request-body-name", body[0]["name"])
        elif form:
            converted["requestBody"] = _form(form, consumes)
        responses = _mapping(operation.get("responses"))
        converted["responses"] = {
            status: self._response(response, produces) for status, response in responses.items()
        }
        return converted

    def _parameters(self, shared: list[Any], own: list[Any]) -> list[tuple[Any, dict[str, Any]]]:
        """(as written, resolved) for the operation's parameters, its own replacing the path
        item's of the same name and location, as both versions define."""
        merged: dict[tuple[Any, Any], tuple[Any, dict[str, Any]]] = {}
        for written in [*shared, *own]:
            resolved = self._resolve(written)
            merged[(resolved.get("name"), resolved.get("in"))] = (written, resolved)
        return list(merged.values())

    def _resolve(self, parameter: Any) -> dict[str, Any]:
        if not isinstance(parameter, dict):
            return {}
        ref = parameter.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/parameters/"):
            target = self.shared.get(jsonpointer.unescape(ref.removeprefix("#/parameters/")))
            return target if isinstance(target, dict) else {}
        return parameter

    def _parameter(self, parameter: Any, pointer: str) -> Any:
        if not isinstance(parameter, dict) or "$ref" in parameter:
            return parameter
        kept = ("name", "in", "description", "required", "deprecated", "allowEmptyValue")
        converted = {k: v for k, v in parameter.items() if k in kept or k.startswith("x-")}
        converted.pop("x-nullable", None)
        converted.pop("x-example", None)
        converted["schema"] = _parameter_schema(parameter)
        if "x-example" in parameter:
            converted["example"] = parameter["x-example"]
        if parameter.get("type") == "array":
            converted |= self._style(parameter, pointer)
        return converted

    def _style(self, parameter: dict[str, Any], pointer: str) -> dict[str, Any]:
        collection = parameter.get("collectionFormat", "csv")
        location = parameter.get("in")
        if location == "query" and collection in _QUERY_STYLES:
            style, explode = _QUERY_STYLES[collection]
            return {"style": style, "explode": explode}
        if collection != "csv":
            name = parameter.get("name")
            message = (
                f"parameter {name!r} uses collectionFormat {collection!r}, which OpenAPI 3 cannot "
                f"express for a {location} parameter; it is sent comma-separated"
            )
            self.problems.append(
                Problem("warning", message, self.file, pointer, "use csv, or multi in a query")
            )
        style = "form" if location == "query" else "simple"
        return {"style": style, "explode": False} if location in ("query", "path", "header") else {}

    def _response(self, response: Any, produces: list[str]) -> Any:
        if not isinstance(response, dict) or "$ref" in response:
            return response
        kept = {k: v for k, v in response.items() if k.startswith("x-")}
        converted: dict[str, Any] = {"description": response.get("description", ""), **kept}
        schema = response.get("schema")
        if isinstance(schema, dict):
            examples = _mapping(response.get("examples"))
            content: dict[str, Any] = {}
            for media_type in produces:
                content[media_type] = {"schema": schema_v3(schema)}
                if media_type in examples:
                    content[media_type]["example"] = examples[media_type]
            converted["content"] = content
        headers = _mapping(response.get("headers"))
        if headers:
            converted["headers"] = {name: _header(header) for name, header in headers.items()}
        return converted


def convert_components(document: dict[str, Any]) -> None:
    """Schemas that bundling joined in from other files, in OpenAPI 3.0 words too."""
    schemas = _mapping(_mapping(document.get("components")).get("schemas"))
    for name, schema in schemas.items():
        schemas[name] = schema_v3(schema)


def schema_v3(schema: Any) -> Any:
    """A Swagger schema in OpenAPI 3.0 words: `x-nullable` is `nullable`, `type: file` is
    binary, and a discriminator names its property in an object. (AutoRest's `format: file`
    stays: OpenAPI 3 documents carry it too, so normalizing reads it, for both.)"""
    if not isinstance(schema, dict) or "$ref" in schema:
        return schema
    converted = dict(schema)
    if "x-nullable" in converted:
        converted["nullable"] = converted.pop("x-nullable")
    if converted.get("type") == "file":
        converted |= {"type": "string", "format": "binary"}
    if isinstance(converted.get("discriminator"), str):
        converted["discriminator"] = {"propertyName": converted["discriminator"]}
    for key in SCHEMA_MAPS:
        if isinstance(converted.get(key), dict):
            converted[key] = {name: schema_v3(child) for name, child in converted[key].items()}
    for key in SCHEMA_LISTS:
        if isinstance(converted.get(key), list):
            converted[key] = [schema_v3(child) for child in converted[key]]
    for key in SCHEMA_SINGLES:
        if key in converted:
            converted[key] = schema_v3(converted[key])
    return converted


def _parameter_schema(parameter: dict[str, Any]) -> Any:
    schema = {key: parameter[key] for key in _SCHEMA_KEYS if key in parameter}
    return schema_v3(schema)


def _header(header: Any) -> Any:
    if not isinstance(header, dict) or "$ref" in header:
        return header
    schema = {k: v for k, v in header.items() if k not in ("description", "collectionFormat")}
    described = {"description": header["description"]} if "description" in header else {}
    return {**described, "schema": schema_v3(schema)}


def _body(parameter: dict[str, Any], consumes: list[str]) -> dict[str, Any]:
    schema = schema_v3(parameter.get("schema") or {})
    media_types = [m for m in consumes if m not in _FORM_TYPES] or ["application/json"]
    examples = _mapping(parameter.get("x-examples"))
    content: dict[str, Any] = {}
    for media_type in media_types:
        content[media_type] = {"schema": schema}
        if media_type in examples:
            content[media_type]["example"] = examples[media_type]
    body: dict[str, Any] = {"content": content, "required": bool(parameter.get("required"))}
    if parameter.get("description"):
        body["description"] = parameter["description"]
    return body


def _form(parameters: list[dict[str, Any]], consumes: list[str]) -> dict[str, Any]:
    """Form parameters as one object schema, sent the way the operation consumes."""
    properties: dict[str, Any] = {}
    encoding: dict[str, Any] = {}
    for parameter in parameters:
        name = str(parameter.get("name"))
        field = _parameter_schema(parameter)
        if parameter.get("description"):
            field["description"] = parameter["description"]
        properties[name] = field
        if parameter.get("type") == "array":
            multi = parameter.get("collectionFormat") == "multi"
            encoding[name] = {"style": "form", "explode": multi}
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [str(p.get("name")) for p in parameters if p.get("required")]
    if required:
        schema["required"] = required
    uploads = any(p.get("type") == "file" for p in parameters)
    media_types = [m for m in consumes if m in _FORM_TYPES]
    if uploads or not media_types:
        media_types = ["multipart/form-data"] if uploads else ["application/x-www-form-urlencoded"]
    content: dict[str, Any] = {}
    for media_type in media_types:
        content[media_type] = {"schema": schema}
        if encoding and media_type == "application/x-www-form-urlencoded":
            content[media_type]["encoding"] = encoding
    return {"content": content, "required": bool(required)}


def _servers(source: dict[str, Any]) -> list[dict[str, str]]:
    host, base = source.get("host"), str(source.get("basePath") or "").rstrip("/")
    if not isinstance(host, str) or not host:
        return [{"url": base}] if base else []
    schemes = [s for s in (source.get("schemes") or ["https"]) if s in ("https", "http")]
    ordered = sorted(schemes or ["https"], key=lambda scheme: scheme != "https")
    return [{"url": f"{scheme}://{host}{base}"} for scheme in ordered]


def _security_scheme(scheme: Any) -> Any:
    if not isinstance(scheme, dict):
        return scheme
    kind = scheme.get("type")
    described = {k: v for k, v in scheme.items() if k == "description" or k.startswith("x-")}
    if kind == "basic":
        return {"type": "http", "scheme": "basic", **described}
    if kind == "oauth2" and scheme.get("flow") in _OAUTH_FLOWS:
        urls = ("authorizationUrl", "tokenUrl")
        flow = {k: scheme[k] for k in urls if k in scheme} | {"scopes": scheme.get("scopes") or {}}
        return {"type": "oauth2", "flows": {_OAUTH_FLOWS[scheme["flow"]]: flow}, **described}
    return scheme


def _discriminator_mappings(schemas: dict[str, Any]) -> None:
    """Swagger's `x-discriminator-value` (AutoRest's `x-ms-discriminator-value`) on a subtype, as
    the mapping of its parent."""
    for name, schema in schemas.items():
        tags = [schema.get(key) for key in _TAG_KEYS] if isinstance(schema, dict) else []
        value = next((tag for tag in tags if tag is not None), None)
        if not isinstance(value, str):
            continue
        for part in schema.get("allOf") or []:
            ref = part.get("$ref") if isinstance(part, dict) else None
            parent = schemas.get(ref.removeprefix("#/definitions/")) if ref else None
            discriminator = parent.get("discriminator") if isinstance(parent, dict) else None
            if isinstance(discriminator, dict):
                mapping = discriminator.setdefault("mapping", {})
                mapping[value] = f"#/definitions/{jsonpointer.escape(name)}"


def _rewrite_refs(node: Any) -> Any:
    """Local references moved with their targets into `components`."""
    if isinstance(node, dict):
        rewritten = {key: _rewrite_refs(value) for key, value in node.items()}
        ref = node.get("$ref")
        if isinstance(ref, str):
            rewritten["$ref"] = _moved(ref)
        discriminator = rewritten.get("discriminator")
        if isinstance(discriminator, dict) and isinstance(discriminator.get("mapping"), dict):
            mapping = discriminator["mapping"]
            discriminator["mapping"] = {
                value: _moved(target) if isinstance(target, str) else target
                for value, target in mapping.items()
            }
        return rewritten
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


def _moved(ref: str) -> str:
    for old, new in _REFS.items():
        if ref.startswith(old):
            return new + ref.removeprefix(old)
    return ref


def _media_types(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
