"""AutoRest's extensions in Azure's Swagger 2.0 specs: what each one makes of the operations.

`x-ms-paths` (operations told apart by a fixed query) joins `paths`; `x-ms-pageable` declares
how a list pages, in place of detection. Each rule is checked on a small spec in Azure's style.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.analyze import analyze
from generator.config import default_config
from generator.errors import Problem, SpecError
from generator.ir import Operation
from generator.load import parse_spec, read_bundle
from generator.normalize import normalize

NAME = {"name": "containerName", "in": "path", "required": True, "type": "string"}
CONTAINER = {"type": "object", "properties": {"name": {"type": "string"}}}
OK = {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Container"}}}


def _swagger(paths: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "swagger": "2.0",
        "info": {"title": "Blobs", "version": "1"},
        "paths": paths,
        "definitions": {"Container": CONTAINER, **extra.pop("definitions", {})},
        **extra,
    }


def _get(operation_id: str, **extra: Any) -> dict[str, Any]:
    return {"operationId": operation_id, "parameters": [NAME], "responses": OK, **extra}


def _operations(document: dict[str, Any]) -> tuple[dict[str, Operation], list[Problem]]:
    """The operations of `document` by operationId, and what normalizing it warned about."""
    converted = parse_spec(json.dumps(document).encode(), "blobs.json")
    normalized, problems = normalize(converted, "blobs.json")
    api = analyze(normalized, default_config("Blobs", "blobs.json"), file="blobs.json")
    operations = {str(o.operation_id.unsafe_value): o for o in api.operations}
    return operations, [p for p in problems if p.level == "warning"]


# -- x-ms-paths -----------------------------------------------------------------------------


def test_x_ms_paths_operations_get_methods_with_their_fixed_query() -> None:
    """Two GETs of one path, told apart by their query, are two methods, each sending its own
    query; the path part is templated as usual."""
    document = _swagger(
        {"/{containerName}": {"delete": _get("Container_Delete")}},
        **{
            "x-ms-paths": {
                "/{containerName}?restype=container": {"get": _get("Container_Get")},
                "/{containerName}?restype=container&comp=metadata": {
                    "get": _get("Container_GetMetadata")
                },
            }
        },
    )
    operations, _ = _operations(document)
    assert set(operations) == {"Container_Delete", "Container_Get", "Container_GetMetadata"}
    get, metadata = operations["Container_Get"], operations["Container_GetMetadata"]
    assert get.name != metadata.name
    queries = {
        name: tuple((k.unsafe_value, v.unsafe_value) for k, v in operation.fixed_query)
        for name, operation in operations.items()
    }
    assert queries["Container_Get"] == (("restype", "container"),)
    assert queries["Container_GetMetadata"] == (("restype", "container"), ("comp", "metadata"))
    assert queries["Container_Delete"] == ()
    for operation in operations.values():
        assert operation.request_path is not None
        assert operation.request_path.unsafe_value == "/{containerName}"
        assert [p.wire_name.unsafe_value for p in operation.path_parameters] == ["containerName"]


def test_x_ms_paths_are_converted_and_located_where_they_were_written() -> None:
    """A problem found later in an `x-ms-paths` operation names the place the user wrote."""
    key = "/{containerName}?comp=list"
    document = _swagger({}, **{"x-ms-paths": {key: {"get": _get("Blobs_List")}}})
    bundle = read_bundle(json.dumps(document).encode(), "blobs.json")
    assert "x-ms-paths" not in bundle.document
    operation = bundle.document["paths"][key]["get"]
    assert operation["parameters"][0]["schema"] == {"type": "string"}
    escaped = "/~1{containerName}?comp=list/get"
    found = [
        Problem("warning", "w", "blobs.json", f"/paths{escaped}/responses/200/content"),
        Problem("warning", "w", "blobs.json", f"/paths{escaped}/parameters/0/schema"),
        Problem("warning", "w", "blobs.json", f"/paths{escaped}/operationId"),
    ]
    assert [p.pointer for p in bundle.located(found)] == [
        f"/x-ms-paths{escaped}/responses/200",
        f"/x-ms-paths{escaped}/parameters/0",
        f"/x-ms-paths{escaped}/operationId",
    ]


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("/{containerName}", "is not a path plus a query"),
        ("/{containerName}?", "is not a path plus a query"),
        ("{containerName}?comp=list", "is not a path plus a query"),
        ("/{containerName}?comp={kind}", "placeholder in its query"),
        ("/{containerName}?comp=list#x", "a fragment"),
        ("/list?comp=list", "is a key of `paths` too"),
    ],
)
def test_an_x_ms_paths_key_that_cannot_be_honoured_is_refused(key: str, message: str) -> None:
    document = _swagger(
        {"/list?comp=list": {"get": _get("List")}},
        **{"x-ms-paths": {key: {"get": _get("Other")}}},
    )
    with pytest.raises(SpecError) as refused:
        parse_spec(json.dumps(document).encode(), "blobs.json")
    (problem,) = refused.value.problems
    assert message in problem.message
    assert (problem.file, problem.level) == ("blobs.json", "error")
    assert problem.pointer == "/x-ms-paths/" + key.replace("~", "~0").replace("/", "~1")
    assert problem.hint


def test_x_ms_paths_that_is_not_a_map_is_refused() -> None:
    document = _swagger({}, **{"x-ms-paths": ["/a?b=c"]})
    with pytest.raises(SpecError, match=r"blobs.json#/x-ms-paths: error: .*\(fix: "):
        parse_spec(json.dumps(document).encode(), "blobs.json")


# -- x-ms-pageable --------------------------------------------------------------------------

ITEMS = {"type": "array", "items": {"$ref": "#/definitions/Container"}}


def _list(pageable: Any, properties: dict[str, Any], method: str = "get", **extra: Any) -> Any:
    """A list operation answering an object of `properties`, declared `pageable`."""
    operation = {
        "operationId": "Containers_List",
        "parameters": [{"name": "limit", "in": "query", "type": "integer"}],
        "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Page"}}},
        "x-ms-pageable": pageable,
    }
    page = {"type": "object", "properties": properties}
    paths = {"/containers": {method: operation}, **extra}
    return _operations(_swagger(paths, definitions={"Page": page}))


def _described(operation: Operation) -> tuple[Any, ...] | None:
    paging = operation.pagination
    if paging is None:
        return None
    next_link = tuple(part.unsafe_value for part in paging.next)
    return (
        paging.style,
        ".".join(part.unsafe_value for part in paging.items_path),
        next_link,
        paging.item_type.output,
    )


def test_a_declared_next_link_pages_with_items_under_value_by_default() -> None:
    """Nothing in this shape would be detected (no `next`, no paging parameter name known for
    `nextLink`), but the spec says it outright."""
    operations, warnings = _list(
        {"nextLinkName": "nextLink"}, {"value": ITEMS, "nextLink": {"type": "string"}}
    )
    assert _described(operations["Containers_List"]) == (
        "next_link",
        "value",
        ("nextLink",),
        "Container",
    )
    assert warnings == []


def test_declared_names_are_single_fields_even_with_a_dot() -> None:
    properties = {"blobs": ITEMS, "@odata.nextLink": {"type": "string"}}
    pageable = {"nextLinkName": "@odata.nextLink", "itemName": "blobs"}
    operations, _ = _list(pageable, properties)
    assert _described(operations["Containers_List"]) == (
        "next_link",
        "blobs",
        ("@odata.nextLink",),
        "Container",
    )


def test_a_null_next_link_name_means_one_page_even_where_detection_would_page() -> None:
    """`limit` with `items` and a `next` link is what detection pages; the declaration wins."""
    properties = {"items": ITEMS, "next": {"type": "string"}}
    detected, _ = _list({"nextLinkName": "next", "itemName": "items"}, properties)
    assert detected["Containers_List"].pagination is not None
    operations, warnings = _list({"nextLinkName": None}, properties)
    assert operations["Containers_List"].pagination is None
    assert warnings == []


def test_declared_fields_the_reply_lacks_do_not_page() -> None:
    operations, _ = _list({"nextLinkName": "nextLink"}, {"items": ITEMS})
    assert operations["Containers_List"].pagination is None


def test_a_next_page_operation_of_the_spec_is_refused_with_a_warning() -> None:
    """AutoRest would call `Containers_ListNext` for page two; the client cannot, so the method
    returns the first page, and the user is told at the declaration."""
    following = {"get": _get("Containers_ListNext")}
    pageable = {"nextLinkName": "nextLink", "operationName": "Containers_ListNext"}
    properties = {"value": ITEMS, "nextLink": {"type": "string"}}
    operations, warnings = _list(pageable, properties, **{"/next/{containerName}": following})
    assert operations["Containers_List"].pagination is None
    (warning,) = warnings
    assert "'Containers_ListNext'" in warning.message and "first page only" in warning.message
    assert warning.pointer == "/paths/~1containers/get/x-ms-pageable"
    assert warning.hint


def test_a_next_page_operation_the_spec_lacks_is_a_get_of_the_link() -> None:
    """AutoRest's `<operation>Next` that no operation defines is a GET of the next link."""
    pageable = {"nextLinkName": "nextLink", "operationName": "Containers_ListNext"}
    properties = {"value": ITEMS, "nextLink": {"type": "string"}}
    operations, warnings = _list(pageable, properties)
    assert _described(operations["Containers_List"]) == (
        "next_link",
        "value",
        ("nextLink",),
        "Container",
    )
    assert warnings == []


@pytest.mark.parametrize(
    ("pageable", "method", "reason"),
    [
        ({"nextLinkName": "nextLink"}, "post", "on a POST"),
        ("nextLink", "get", "is not a map"),
        ({"nextLinkName": 3}, "get", "as text"),
        ({"nextLinkName": "nextLink", "itemName": None}, "get", "as text"),
    ],
)
def test_a_declaration_that_cannot_be_honoured_warns_and_does_not_page(
    pageable: Any, method: str, reason: str
) -> None:
    properties = {"value": ITEMS, "nextLink": {"type": "string"}}
    operations, warnings = _list(pageable, properties, method)
    assert operations["Containers_List"].pagination is None
    (warning,) = warnings
    assert reason in warning.message


# -- x-ms-parameterized-host ----------------------------------------------------------------

ACCOUNT = {"name": "accountName", "in": "path", "required": True, "type": "string"}
SUFFIX = {"name": "dnsSuffix", "in": "path", "type": "string", "default": "core.windows.net"}


def _hosted(host: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return _swagger(
        {"/{containerName}": {"get": _get("Container_Get")}},
        parameters={"AccountName": ACCOUNT},
        **{"x-ms-parameterized-host": host},
        **extra,
    )


def test_a_parameterized_host_becomes_a_server_with_variables() -> None:
    host = {
        "hostTemplate": "{accountName}.blob.{dnsSuffix}",
        "parameters": [{"$ref": "#/parameters/AccountName"}, SUFFIX],
    }
    converted = parse_spec(json.dumps(_hosted(host, basePath="/v1/")).encode(), "blobs.json")
    assert converted["servers"] == [
        {
            "url": "https://{accountName}.blob.{dnsSuffix}/v1",
            "variables": {
                "accountName": {"default": ""},
                "dnsSuffix": {"default": "core.windows.net"},
            },
        }
    ]
    assert "x-ms-parameterized-host" not in converted


def test_a_host_without_scheme_prefix_is_the_url_as_written() -> None:
    """`{endpoint}` is the whole origin: the caller's URL, its scheme included."""
    endpoint = {"name": "endpoint", "in": "path", "type": "string", "description": "Endpoint."}
    host = {"hostTemplate": "{endpoint}/language", "useSchemePrefix": False}
    host["parameters"] = [endpoint]
    converted = parse_spec(json.dumps(_hosted(host, schemes=["http"])).encode(), "blobs.json")
    variable = {"default": "", "description": "Endpoint."}
    assert converted["servers"] == [
        {"url": "{endpoint}/language", "variables": {"endpoint": variable}}
    ]


def test_the_client_takes_each_host_variable_and_has_no_default_url_without_a_value() -> None:
    host = {
        "hostTemplate": "{accountName}.blob.{dnsSuffix}",
        "parameters": [{"$ref": "#/parameters/AccountName"}, SUFFIX],
    }
    converted = parse_spec(json.dumps(_hosted(host)).encode(), "blobs.json")
    api = analyze(converted, default_config("Blobs", "blobs.json"), file="blobs.json")
    assert api.base_url.unsafe_value == ""
    assert api.server is not None
    assert api.server.url.unsafe_value == "https://{accountName}.blob.{dnsSuffix}"
    described = [
        (v.name.unsafe_value, str(v.argument), v.default and v.default.unsafe_value)
        for v in api.server.variables
    ]
    assert described == [
        ("accountName", "account_name", None),
        ("dnsSuffix", "dns_suffix", "core.windows.net"),
    ]


def test_openapi_server_variables_with_defaults_keep_their_default_url() -> None:
    """The one implementation of server variables: an OpenAPI 3 server's too, whose every
    variable has a default, so the default base URL is as before; an argument may not take
    the name of a client option."""
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "servers": [
            {
                "url": "https://{region}.api.example/{timeout}",
                "variables": {"region": {"default": "eu"}, "timeout": {"default": "v1"}},
            }
        ],
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}},
    }
    api = analyze(document, default_config("T", "t.json"), file="t.json")
    assert api.base_url.unsafe_value == "https://eu.api.example/v1"
    assert api.server is not None
    assert [str(v.argument) for v in api.server.variables] == ["region", "timeout_"]


def test_a_server_template_of_the_wrong_shape_is_left_out_with_a_warning() -> None:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://{name}@evil.example", "variables": {"name": {"default": ""}}}],
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}},
    }
    api = analyze(document, default_config("T", "t.json"), file="t.json")
    assert api.server is None and api.base_url.unsafe_value == ""
    (problem,) = [p for p in api.problems if p.pointer == "/servers/0"]
    assert "credentials" in problem.message


@pytest.mark.parametrize(
    ("host", "pointer", "message"),
    [
        ({"parameters": []}, "/hostTemplate", "has no hostTemplate"),
        ({"hostTemplate": "{accountName}.blob.{dnsSuffix}"}, "/hostTemplate", "{accountName}"),
        (
            {"hostTemplate": "blob.example", "parameters": [{"$ref": "#/parameters/AccountName"}]},
            "/parameters/0",
            "'accountName' names no placeholder",
        ),
    ],
)
def test_a_host_that_cannot_be_a_server_is_refused(
    host: dict[str, Any], pointer: str, message: str
) -> None:
    with pytest.raises(SpecError) as refused:
        parse_spec(json.dumps(_hosted(host)).encode(), "blobs.json")
    (problem,) = refused.value.problems
    assert problem.pointer == "/x-ms-parameterized-host" + pointer
    assert message in problem.message and problem.hint and problem.file == "blobs.json"


# -- x-ms-enum, x-ms-client-name ------------------------------------------------------------


def test_an_enum_modelled_as_string_is_open_and_a_closed_one_stays_closed() -> None:
    open_enum = {"name": "PublicAccessType", "modelAsString": True}
    closed_enum = {"name": "Tier", "modelAsString": False}
    properties = {
        "access": {"type": "string", "enum": ["container", "blob"], "x-ms-enum": open_enum},
        "tier": {"type": "string", "enum": ["hot", "cool"], "x-ms-enum": closed_enum},
    }
    header = {"name": "x-ms-access", "in": "header", "type": "string", "enum": ["a"]}
    header["x-ms-enum"] = open_enum
    get = _get("Container_Get")
    get["parameters"] = [NAME, header]
    definitions = {"Container": {"type": "object", "properties": properties}}
    document = _swagger({"/{containerName}": {"get": get}}, definitions=definitions)
    converted = parse_spec(json.dumps(document).encode(), "blobs.json")
    schema = converted["components"]["schemas"]["Container"]["properties"]
    assert schema["access"]["anyOf"] == [
        {"type": "string", "enum": ["container", "blob"]},
        {"type": "string"},
    ]
    assert schema["tier"]["enum"] == ["hot", "cool"]
    parameter = converted["paths"]["/{containerName}"]["get"]["parameters"][1]
    assert parameter["schema"]["anyOf"] == [{"type": "string", "enum": ["a"]}, {"type": "string"}]
    operations, _ = _operations(document)
    (argument,) = operations["Container_Get"].located("header")
    assert argument.type.output == "Literal['a'] | str"


def test_a_parameter_takes_its_client_name_and_keeps_its_wire_name() -> None:
    header = {"name": "x-ms-blob-public-access", "in": "header", "type": "string"}
    header["x-ms-client-name"] = "PublicAccess"
    get = _get("Container_Get")
    get["parameters"] = [NAME, header]
    operations, _ = _operations(_swagger({"/{containerName}": {"get": get}}))
    (argument,) = operations["Container_Get"].located("header")
    assert (str(argument.name), argument.wire_name.unsafe_value) == (
        "public_access",
        "x-ms-blob-public-access",
    )
