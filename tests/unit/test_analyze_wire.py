"""The analysis keeps what the wire needs: paths, serialization, body forms, replies, security."""

from __future__ import annotations

from typing import Any

import pytest

from generator.analyze import analyze
from generator.calls import request_arguments
from generator.config import default_config
from generator.errors import SpecError
from generator.ir import Api, Operation, Serialization
from generator.strings import SpecText

OK = {"204": {"description": "ok"}}


def _api(paths: dict[str, Any], **extra: Any) -> Api:
    document = {"openapi": "3.1.0", "info": {"title": "Demo", "version": "1"}, "paths": paths}
    return analyze({**document, **extra}, default_config("Demo", "demo.json"), file="demo.json")


def _operation(paths: dict[str, Any], name: str, **extra: Any) -> Operation:
    return {str(op.name): op for op in _api(paths, **extra).operations}[name]


def _only(paths: dict[str, Any]) -> Operation:
    (operation,) = _api(paths).operations
    return operation


def _get(operation: dict[str, Any], path: str = "/things") -> dict[str, Any]:
    return {path: {"get": {"operationId": "getThings", "responses": OK, **operation}}}


# -- paths ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "complaint"),
    [
        ("things", "must begin with a single '/'"),
        ("@evil.example/x", "must begin with a single '/'"),
        ("//evil.example/x", "must begin with a single '/'"),
        ("/things/{id", "unbalanced braces"),
        ("/things/id}", "unbalanced braces"),
        ("/things/{}", "unbalanced braces"),
        ("/a/../admin", "'.' or '..' segment"),
        ("/a/%2e%2E/admin", "'.' or '..' segment"),
        ("/a%2Fb", "escaped '/' (%2F)"),
    ],
)
def test_a_path_that_could_leave_the_base_url_is_refused_with_its_pointer(
    path: str, complaint: str
) -> None:
    parameter = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    with pytest.raises(SpecError) as caught:
        _api(_get({"parameters": [parameter]} if "{id" in path else {}, path))
    message = str(caught.value)
    assert complaint in message
    assert "demo.json#/paths/" in message and "(fix: " in message


def test_literal_path_text_is_percent_encoded_and_placeholders_kept() -> None:
    parameter = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    path = "/docs/{id}/a b/100%25/é:@!$&'()*+,;=/x\\y\n"
    (operation,) = _api(_get({"parameters": [parameter]}, path)).operations
    assert operation.path.unsafe_value == path
    assert operation.request_path is not None
    assert operation.request_path.unsafe_value == (
        "/docs/{id}/a%20b/100%25/%C3%A9:@!$&'()*+,;=/x%5Cy%0A"
    )


@pytest.mark.parametrize(
    ("path", "request_path", "fixed_query"),
    [
        ("/cookies#formExploded", "/cookies", ()),
        (
            "/search?type=user&tag=a&tag=b#x",
            "/search",
            (("type", "user"), ("tag", "a"), ("tag", "b")),
        ),
        ("/flag?on", "/flag", (("on", ""),)),
    ],
)
def test_what_a_fragment_or_query_in_a_path_key_means(
    path: str, request_path: str, fixed_query: tuple[tuple[str, str], ...]
) -> None:
    (operation,) = _api(_get({}, path)).operations
    assert operation.request_path is not None
    assert operation.request_path.unsafe_value == request_path
    assert tuple((k.unsafe_value, v.unsafe_value) for k, v in operation.fixed_query) == fixed_query


def test_a_placeholder_after_a_question_mark_is_refused() -> None:
    parameter = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    with pytest.raises(SpecError, match="placeholder after"):
        _api(_get({"parameters": [parameter]}, "/search?id={id}"))


# -- parameters -------------------------------------------------------------------------------


def _serialization(parameter: dict[str, Any]) -> Serialization | None:
    operation = _only(_get({"parameters": [parameter]}))
    (found,) = operation.parameters
    return found.serialization


@pytest.mark.parametrize(
    ("parameter", "expected"),
    [
        ({"in": "query", "schema": {"type": "array"}}, None),
        ({"in": "query", "explode": True, "schema": {"type": "array"}}, None),
        ({"in": "query", "explode": False}, Serialization("form", explode=False)),
        ({"in": "query", "style": "deepObject", "explode": True}, Serialization("deepObject")),
        ({"in": "query", "style": "pipeDelimited"}, Serialization("pipeDelimited")),
        ({"in": "query", "allowReserved": True}, Serialization("form", allow_reserved=True)),
        ({"in": "header", "explode": True}, Serialization("simple", explode=True)),
        ({"in": "header", "explode": False}, None),
        ({"in": "cookie", "explode": False}, Serialization("form", explode=False)),
        (
            {"in": "query", "content": {"application/json": {"schema": {"type": "object"}}}},
            Serialization(content_type="application/json"),  # type: ignore[arg-type]
        ),
    ],
)
def test_parameters_keep_how_they_depart_from_their_locations_default(
    parameter: dict[str, Any], expected: Serialization | None
) -> None:
    schema = {} if "content" in parameter else {"schema": {"type": "string"}}
    found = _serialization({"name": "p", **schema, **parameter})
    if expected is None or expected.content_type is None:
        assert found == expected
    else:
        assert found is not None and found.content_type is not None
        assert found.content_type.unsafe_value == expected.content_type


def test_a_path_parameter_style_is_kept() -> None:
    parameter = {"name": "id", "in": "path", "required": True, "style": "matrix", "explode": True}
    operation = _only(_get({"parameters": [parameter]}, "/things/{id}"))
    assert operation.parameters[0].serialization == Serialization("matrix", explode=True)


def test_a_style_the_location_does_not_define_is_refused_with_its_pointer() -> None:
    with pytest.raises(SpecError) as caught:
        _serialization({"name": "p", "in": "query", "style": "matrix"})
    assert "#/paths/~1things/get/parameters/0/style" in str(caught.value)
    assert "deepObject" in str(caught.value)


def test_cookie_parameters_are_arguments_and_reserved_headers_are_not() -> None:
    parameters = [
        {"name": "session", "in": "cookie", "schema": {"type": "string"}},
        {"name": "Content-Type", "in": "header", "schema": {"type": "string"}},
        {"name": "authorization", "in": "header", "schema": {"type": "string"}},
        {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
    ]
    operation = _only(_get({"parameters": parameters}))
    located = [(p.location, str(p.name)) for p in operation.parameters]
    assert located == [("header", "x_trace"), ("cookie", "session")]


def _default(schema: dict[str, Any], **parameter: Any) -> str | None:
    """The signature default of a required query parameter `v` with `schema`."""
    parameter = {"name": "v", "in": "query", "required": True, "schema": schema, **parameter}
    (found,) = _only(_get({"parameters": [parameter]})).parameters
    assert found.required  # sent whether the caller passes it or not
    return None if found.default is None else str(found.default)


@pytest.mark.parametrize(
    ("schema", "default"),
    [
        ({"type": "string", "enum": ["artist"]}, "'artist'"),
        ({"const": 'x"y'}, "'x\"y'"),
        ({"type": "integer", "enum": [2]}, "2"),
        ({"type": "string", "enum": ["asc", "desc"], "default": "desc"}, "'desc'"),
        ({"type": "integer", "default": 20}, "20"),
        ({"type": "number", "default": 20}, "20"),
        ({"type": "boolean", "default": True}, "True"),
        ({"type": "string", "default": "a\nb"}, "'a\\nb'"),
        ({"type": "string", "enum": ["asc", "desc"]}, None),
        ({"type": "string"}, None),
        ({"type": "integer", "default": "20"}, None),  # the annotation would not hold it
        ({"type": "integer", "default": True}, None),
        ({"type": "string", "default": 7}, None),
        ({"type": "array", "items": {"type": "string"}, "default": ["a"]}, None),
    ],
)
def test_a_required_parameter_offers_its_one_value_or_its_default(
    schema: dict[str, Any], default: str | None
) -> None:
    assert _default(schema) == default


def test_an_optional_parameter_keeps_its_default_to_the_server() -> None:
    parameter = {"name": "v", "in": "query", "schema": {"type": "integer", "default": 20}}
    (found,) = _only(_get({"parameters": [parameter]})).parameters
    assert (found.required, found.default) == (False, None)


@pytest.mark.parametrize(
    ("version", "name", "default"),
    [
        ("2021-08-06", "api-version", "'2021-08-06'"),
        ("2023-05-01-preview", "api-version", "'2023-05-01-preview'"),
        ("1.0", "api-version", None),  # not the dated version AutoRest names
        ("2021-08-06", "apiVersion", None),
    ],
)
def test_an_autorest_api_version_defaults_to_the_specs_own(
    version: str, name: str, default: str | None
) -> None:
    parameter = {"name": name, "in": "query", "required": True, "schema": {"type": "string"}}
    document = {"openapi": "3.0.3", "info": {"title": "Demo", "version": version}}
    paths = _get({"parameters": [parameter]})
    api = analyze({**document, "paths": paths}, default_config("Demo", "demo.json"))
    (found,) = api.operations[0].parameters
    assert (None if found.default is None else str(found.default)) == default


# -- bodies -----------------------------------------------------------------------------------

NAMED = {"type": "object", "properties": {"name": {"type": "string"}}}
WITH_FILE = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "file": {"type": "string", "format": "binary"}},
}


def _post(content: dict[str, Any], operation_id: str = "createThing") -> dict[str, Any]:
    body = {"content": {media: {"schema": schema} for media, schema in content.items()}}
    return {"operationId": operation_id, "requestBody": body, "responses": OK}


def test_every_media_type_has_a_method_and_a_file_makes_multipart_the_own_one() -> None:
    content = {
        "application/json": NAMED,
        "multipart/form-data": WITH_FILE,
        "application/merge-patch+json": NAMED,
        "text/plain": {"type": "string"},
        "text/csv": {"type": "string"},
    }
    operation = _operation({"/things": {"post": _post(content)}}, "create")
    assert operation.body is not None and operation.body.encoding == "multipart"
    forms = [
        (str(body.method), body.encoding, [m.unsafe_value for m in body.media_types])
        for body in operation.alternatives
    ]
    assert forms == [
        ("create_json", "json", ["application/json"]),
        ("create_merge_patch_json", "json", ["application/merge-patch+json"]),
        ("create_text", "text", ["text/plain", "text/csv"]),
    ]


def test_without_a_file_json_is_the_own_method() -> None:
    content = {"multipart/form-data": NAMED, "application/json": NAMED}
    operation = _operation({"/things": {"post": _post(content)}}, "create")
    assert operation.body is not None and operation.body.encoding == "json"
    assert [str(b.method) for b in operation.alternatives] == ["create_multipart"]


def test_an_alternative_methods_name_never_takes_another_methods() -> None:
    paths = {
        "/things": {"post": _post({"application/x-www-form-urlencoded": NAMED, "text/plain": {}})},
        "/things/text": {"post": _post({"application/json": NAMED}, "createThingText")},
    }
    api = _api(paths)
    names = sorted(
        str(body.method or op.name)
        for op in api.operations
        for body in (op.body, *op.alternatives)
        if body is not None
    )
    assert len(names) == len(set(names)) == 3
    assert "create_text_2" in names or "create_thing_text" in names


def test_read_only_properties_are_not_arguments_and_encodings_are_kept() -> None:
    schema = {
        "type": "object",
        "required": ["id", "name"],
        "properties": {
            "id": {"type": "string", "readOnly": True},
            "name": {"type": "string"},
            "meta": {"type": "object"},
        },
    }
    operation = {
        "operationId": "createThing",
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": schema,
                    "encoding": {"meta": {"style": "deepObject", "explode": True}},
                }
            },
        },
        "responses": OK,
    }
    body = _operation({"/things": {"post": operation}}, "create").body
    assert body is not None
    assert [(str(f.name), f.required, f.serialization) for f in body.fields] == [
        ("name", True, None),
        ("meta", False, Serialization("deepObject")),
    ]


@pytest.mark.parametrize(
    ("said", "name_default", "required"),
    [
        ({}, None, True),  # unsaid: a body without `name` is one the server refuses
        ({}, "untitled", False),  # unsaid, but a default completes it: optional
        ({"required": False}, None, False),  # said: as written
        ({"required": True}, "untitled", True),
    ],
)
def test_a_body_whose_required_is_unsaid_is_required_where_its_model_needs_values(
    said: dict[str, Any], name_default: str | None, required: bool
) -> None:
    """PagerDuty leaves `required` unsaid on a hundred bodies whose schemas require fields."""
    name: dict[str, Any] = {"type": "string"}
    if name_default is not None:
        name["default"] = name_default
    schema = {
        "type": "object",
        "required": ["name"],
        "properties": {"name": name, "note": {"type": "string"}},
    }
    content = {"application/json": {"schema": schema}}
    post = {"operationId": "createThing", "requestBody": {**said, "content": content}}
    body = _operation({"/things": {"post": {**post, "responses": OK}}}, "create").body
    assert body is not None and body.required is required
    assert [(str(f.name), f.required) for f in body.fields] == [("name", required), ("note", False)]


# -- replies ----------------------------------------------------------------------------------


def _replies(responses: dict[str, Any]) -> Operation:
    return _only(_get({"responses": responses}))


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": "d", "content": {"application/json": {"schema": schema}}}


def test_error_bodies_are_keyed_as_the_runtime_looks_them_up() -> None:
    operation = _replies(
        {"200": _json(NAMED), "404": _json(NAMED), "4xx": _json(NAMED), "default": _json(NAMED)}
    )
    assert [str(error.status) for error in operation.errors] == ["404", "'4XX'", "'default'"]


@pytest.mark.parametrize(
    ("responses", "kind", "returns"),
    [
        ({"200": {"description": "d", "content": {"text/plain": {}}}}, "text", "str"),
        ({"200": {"description": "d", "content": {"image/png": {}}}}, "binary", None),
        (
            {"200": _json(NAMED), "204": {"description": "none"}},
            "model",
            "GetThingsResponse | None",
        ),
        ({"204": {"description": "none", "content": {"application/json": {}}}}, "none", None),
        # Box's commit: 201 with the file, or an empty 202 until the parts are processed
        (
            {"201": _json(NAMED), "202": {"description": "not yet"}},
            "model",
            "GetThingsResponse | None",
        ),
        (
            {"200": _json(NAMED), "202": {"description": "not yet", "content": {}}},
            "model",
            "GetThingsResponse | None",
        ),
        # Box's download: not ready yet (202), or a 302 to the file store, whose bytes are the reply
        ({"202": {"description": "not yet"}, "302": {"description": "there"}}, "binary", None),
        # an error reply without a body says nothing about the successes
        ({"200": _json(NAMED), "default": {"description": "e"}}, "model", "GetThingsResponse"),
        ({"default": _json(NAMED)}, "model", "GetThingsResponse"),  # the answer, not an error
    ],
)
def test_what_an_operation_returns(
    responses: dict[str, Any], kind: str, returns: str | None
) -> None:
    response = _replies(responses).response
    assert response.kind == kind
    assert (None if response.type is None else str(response.type.output)) == returns


def test_a_redirect_whose_body_is_documented_is_the_reply_not_a_hop() -> None:
    """Twilio's deactivations declare only `307`, with `redirect_to` in its body: that body is
    what the method returns, named as a reply, and the call tells the runtime to return the
    307 rather than follow it. A redirect without a body stays a hop (nothing to return)."""
    operation = _replies({"307": _json(NAMED), "404": _json(NAMED)})
    response = operation.response
    assert (response.kind, response.status) == ("model", "307")
    assert response.type is not None and str(response.type.output) == "GetThingsResponse"
    assert "answer_status=307," in request_arguments(operation, operation.body, False)
    hop = _replies({"302": {"description": "moved"}})
    assert hop.response.status == "200"
    assert not any("answer_status" in line for line in request_arguments(hop, None, False))
    redirect_and_reply = _replies({"200": _json(NAMED), "307": _json(NAMED)})
    assert redirect_and_reply.response.status == "200"


def test_only_a_get_returns_the_bytes_a_bodiless_redirect_points_to() -> None:
    """The client follows a redirect only for GET and HEAD; any other method keeps the reply it
    documents (here none, so whatever JSON comes), and a GET with a success body keeps that."""
    hop = {"200": {"description": "ok"}, "302": {"description": "there"}}
    post = _only({"/things": {"post": {"operationId": "makeThing", "responses": hop}}})
    assert post.response.kind == "model"
    assert _replies(hop).response.kind == "binary"
    assert _replies({"200": _json(NAMED), "302": {"description": "there"}}).response.kind == "model"


def test_a_default_beside_a_success_names_an_error_and_alone_the_answer() -> None:
    both = _replies({"200": _json(NAMED), "default": _json({"properties": {"a": {}}})})
    assert [str(error.type.output) for error in both.errors] == ["GetThingsDefaultError"]
    alone = _replies({"default": _json({"type": "object", "properties": {"a": {}}})})
    assert alone.response.type is not None
    assert str(alone.response.type.output) == "GetThingsResponse"


@pytest.mark.parametrize(
    "responses",
    [
        {"200": {"description": "exists", "headers": {"ETag": {"schema": {"type": "string"}}}}},
        {"200": _json(NAMED)},  # a body no HEAD reply carries
    ],
)
def test_a_head_returns_nothing_whatever_its_reply_declares(responses: dict[str, Any]) -> None:
    paths = {"/things": {"head": {"operationId": "checkThings", "responses": responses}}}
    response = _only(paths).response
    assert (response.kind, response.type, response.status) == ("none", None, "200")


# -- security ---------------------------------------------------------------------------------

SCHEMES = {
    "token": {"type": "http", "scheme": "bearer"},
    "login": {"type": "http", "scheme": "basic"},
    "session": {"type": "apiKey", "in": "cookie", "name": "sid"},
    "oauth": {"type": "oauth2", "flows": {}},
    "tls": {"type": "mutualTLS"},
    "digest": {"type": "http", "scheme": "digest"},
}


def test_schemes_default_and_per_operation_requirements() -> None:
    paths = {
        "/things": {
            "get": {"operationId": "listThings", "responses": OK},
            "post": {"operationId": "createThing", "responses": OK, "security": [{"login": []}]},
            "put": {"operationId": "putThing", "responses": OK, "security": [{}, {"session": []}]},
            "delete": {"operationId": "deleteThing", "responses": OK, "security": []},
        }
    }
    api = _api(
        paths,
        security=[{"token": []}, {"oauth": ["read"]}],
        components={"securitySchemes": SCHEMES},
    )
    schemes = {
        s.name.unsafe_value: (s.kind, s.parameter and s.parameter.unsafe_value, s.credentials)
        for s in api.schemes
    }
    assert schemes == {
        "token": ("bearer", None, ("api_key",)),
        "oauth": ("bearer", None, ("oauth",)),
        "login": ("basic", None, ("username", "password")),
        "session": ("cookie", "sid", ("session",)),
    }
    assert api.security == (("token",), ("oauth",))
    security = {str(op.name): op.security for op in api.operations}
    assert security == {
        "list": None,
        "create": (("login",),),
        "put": (("session",), ()),  # the empty alternative last: a key is sent when held
        "delete": (),
    }


def test_a_scheme_the_client_cannot_send_is_a_warning_not_a_silent_drop() -> None:
    paths = {"/things": {"get": {"operationId": "listThings", "responses": OK}}}
    api = _api(
        paths,
        security=[{"tls": []}, {"digest": [], "token": []}, {"ghost": []}],
        components={"securitySchemes": SCHEMES},
    )
    assert [s.name.unsafe_value for s in api.schemes] == ["token"]
    assert api.security == (("token",), ())
    warnings = [str(problem) for problem in api.problems]
    assert len(warnings) == 3 and all(": warning: " in w for w in warnings)
    assert "mutualTLS" in warnings[0] and "#/components/securitySchemes/tls" in warnings[0]
    assert "http (digest)" in warnings[1] and "http_client=" in warnings[1]
    assert "'ghost'" in warnings[2]


def test_an_alternative_naming_an_undeclared_scheme_never_makes_credentials_optional() -> None:
    """Supabase lists `bearer` or an undeclared `fga_permissions` on most operations: emptied,
    that alternative would send a call without the token instead of asking for it."""
    both = [{"token": []}, {"ghost": ["read"]}]
    paths = {
        "/things": {
            "get": {"operationId": "listThings", "responses": OK, "security": both},
            "post": {"operationId": "makeThing", "responses": OK, "security": [{"ghost": []}]},
        }
    }
    api = _api(paths, components={"securitySchemes": SCHEMES})
    security = {
        str(op.name): api.security if op.security is None else op.security for op in api.operations
    }
    # nothing else will do for `make`: it sends what it can, which is nothing
    assert security == {"list": (("token",),), "make": ()}
    assert any("'ghost'" in str(problem) for problem in api.problems)


def test_a_requirement_every_operation_repeats_is_the_apis_default() -> None:
    own = {"responses": OK, "security": [{"token": ["read"]}]}
    paths = {"/things": {"get": {"operationId": "listThings", **own}}}
    paths["/other"] = {"get": {"operationId": "listOther", **own}}
    api = _api(paths, components={"securitySchemes": SCHEMES})
    assert api.security == (("token",),)
    assert [op.security for op in api.operations] == [None, None]


def test_a_scheme_named_api_key_holds_the_api_key_credential() -> None:
    schemes = {
        "petstore_auth": {"type": "oauth2", "flows": {}},
        "api_key": {"type": "apiKey", "in": "header", "name": "api_key"},
    }
    paths = {
        "/pets": {
            "get": {"operationId": "listPets", "responses": OK},
            "post": {"operationId": "addPet", "responses": OK, "security": [{"api_key": []}]},
        }
    }
    api = _api(paths, security=[{"petstore_auth": []}], components={"securitySchemes": schemes})
    assert {s.name.unsafe_value: s.credentials for s in api.schemes} == {
        "petstore_auth": ("petstore_auth",),
        "api_key": ("api_key",),
    }


def test_a_parameter_that_is_an_api_key_is_left_to_the_credential() -> None:
    # the key declared again as the operation's own parameter: as an argument it would replace
    # the client's key on the wire (a header's name in any case)
    schemes = {
        "query_key": {"type": "apiKey", "in": "query", "name": "api-key"},
        "header_key": {"type": "apiKey", "in": "header", "name": "X-Key"},
    }

    def listing(security: list[dict[str, list[str]]]) -> dict[str, Any]:
        parameters = [
            {"in": "query", "name": "api-key", "schema": {"type": "string"}},
            {"in": "header", "name": "x-key", "schema": {"type": "string"}},
            {"in": "query", "name": "limit", "schema": {"type": "integer"}},
        ]
        return {"responses": OK, "parameters": parameters, "security": security}

    inherited = listing([])
    del inherited["security"]
    paths = {
        "/books": {"get": {**inherited, "operationId": "listBooks"}},
        "/lists": {"get": {**listing([{"header_key": []}]), "operationId": "listLists"}},
        "/open": {"get": {**listing([]), "operationId": "listOpen"}},
    }
    api = _api(paths, security=[{"query_key": []}], components={"securitySchemes": schemes})
    wire = {
        op.operation_id.unsafe_value if op.operation_id else "": [
            p.wire_name.unsafe_value for p in op.parameters
        ]
        for op in api.operations
    }
    assert wire == {
        "listBooks": ["limit", "x-key"],
        "listLists": ["api-key", "limit"],
        "listOpen": ["api-key", "limit", "x-key"],
    }


def test_two_schemes_in_the_one_authorization_header_are_a_warning() -> None:
    secured = {
        "operationId": "listThings",
        "responses": OK,
        "security": [{"token": [], "login": []}],
    }
    api = _api({"/things": {"get": secured}}, components={"securitySchemes": SCHEMES})
    (warning,) = [str(problem) for problem in api.problems]
    assert "token and login both need the Authorization header" in warning
    assert "#/paths/~1things/get/security" in warning


# -- servers ----------------------------------------------------------------------------------


def test_an_operation_server_is_resolved_and_a_bad_one_left_out_with_a_warning() -> None:
    def server(url: str) -> dict[str, Any]:
        return {"responses": OK, "servers": [{"url": url}]}

    paths = {
        "/same": {"get": {**server("https://api.example.com/v1/"), "operationId": "same"}},
        "/relative": {
            "servers": [{"url": "../v2"}],
            "get": {"operationId": "rel", "responses": OK},
        },
        "/creds": {"get": {**server("https://user:pw@files.example.com"), "operationId": "creds"}},
        "/query": {"get": {**server("https://files.example.com/?key=1"), "operationId": "query"}},
        "/ftp": {"get": {**server("ftp://files.example.com"), "operationId": "ftp"}},
        "/port": {"get": {**server("https://files.example.com:99999"), "operationId": "port"}},
    }
    api = _api(paths, servers=[{"url": "https://api.example.com/v1"}])
    servers = {op.path.unsafe_value: op.server for op in api.operations}
    assert servers["/same"] is None  # the base URL itself: nothing to say
    relative = servers["/relative"]
    assert relative is not None and relative.unsafe_value == "https://api.example.com/v2"
    assert [servers[path] for path in ("/creds", "/query", "/ftp", "/port")] == [None] * 4
    warnings = [str(problem) for problem in api.problems]
    assert len(warnings) == 4 and all(": warning: " in w for w in warnings)
    assert "#/paths/~1creds/get/servers/0" in warnings[0] and "credentials" in warnings[0]
    assert "#/paths/~1port/get/servers/0" in warnings[3] and "invalid port" in warnings[3]


def test_an_operation_server_keeps_the_variables_it_declares_as_the_api_url_does() -> None:
    """Datadog's log intake (`https://http-intake.logs.{site}`) takes the `site` the API's URL
    takes: left a variable, the client fills it with its own site, so an EU client's logs go to
    the EU intake. A variable declared otherwise (its own default) is filled with its default."""
    sites = ["datadoghq.com", "datadoghq.eu"]
    site = {"default": "datadoghq.com", "enum": sites}
    api_server = {
        "url": "https://{subdomain}.{site}",
        "variables": {"subdomain": {"default": "api"}, "site": site},
    }
    intake = {
        "url": "https://{subdomain}.{site}",
        "variables": {"subdomain": {"default": "http-intake.logs"}, "site": site},
    }
    other_values = {**intake, "variables": {**intake["variables"], "site": {**site, "enum": []}}}
    paths = {
        "/logs": {"post": {"operationId": "logs", "responses": OK, "servers": [intake]}},
        "/fixed": {"post": {"operationId": "fixed", "responses": OK, "servers": [other_values]}},
    }
    api = _api(paths, servers=[api_server])
    servers = {op.path.unsafe_value: op.server for op in api.operations}
    assert servers["/logs"] == SpecText("https://http-intake.logs.{site}")
    assert servers["/fixed"] == SpecText("https://http-intake.logs.datadoghq.com")
    assert not api.problems


# -- schemas no value satisfies ---------------------------------------------------------------


def test_an_all_of_admitting_no_common_type_is_a_warning_once_where_written() -> None:
    body = {
        "type": "object",
        "properties": {
            "nested": {"allOf": [{"$ref": "#/components/schemas/Clash"}, {"description": "x"}]},
            "fine": {"allOf": [{"type": "number"}, {"type": "integer"}, {"minimum": 1}]},
            "nullable": {"type": ["integer", "null"], "allOf": [{"type": ["number", "null"]}]},
        },
    }
    operation = {"requestBody": {"content": {"application/json": {"schema": body}}}}
    schemas = {
        "Count": {"type": "integer"},
        "Clash": {"allOf": [{"type": "string"}, {"$ref": "#/components/schemas/Count"}]},
    }
    api = _api(_get(operation), components={"schemas": schemas})
    (warning,) = [str(problem) for problem in api.problems]
    assert warning.startswith("demo.json#/components/schemas/Clash: warning: no value satisfies")
    assert "(string and integer)" in warning


def test_a_required_property_the_all_of_members_declare_apart_is_a_warning() -> None:
    """A base reply with `data: object` extended with `data: array`: no reply is valid against
    the spec, which verify then shows; the warning says so where it is written. A property no
    member requires, or declared with types in common, is fine."""
    base = {
        "type": "object",
        "required": ["success", "data"],
        "properties": {"success": {"type": "boolean"}, "data": {"type": "object"}},
    }
    listed = {"type": "object", "properties": {"data": {"type": "array", "items": {}}}}
    optional = {"type": "object", "properties": {"data": {"type": "object"}}}
    schemas = {
        "Response": base,
        "Optional": optional,
        "Listed": {"allOf": [{"$ref": "#/components/schemas/Response"}, listed]},
        "Loose": {"allOf": [{"$ref": "#/components/schemas/Optional"}, listed]},
        "Same": {"allOf": [{"$ref": "#/components/schemas/Response"}, optional]},
    }
    reply = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Listed"}}}}
    api = _api(
        _get({"responses": {"200": {**reply, "description": "ok"}}}),
        components={"schemas": schemas},
    )
    (warning,) = [str(problem) for problem in api.problems]
    assert warning.startswith("demo.json#/components/schemas/Listed: warning: no value satisfies")
    assert "'data'" in warning and "(object and array)" in warning


def test_a_required_property_nested_members_allow_no_common_value_is_one_warning() -> None:
    """Cloudflare's error replies: `allOf` of a success envelope (itself an `allOf` over a base
    whose `success` is `enum: [true]`) and a failure whose `success` is `enum: [false]`. No reply
    is valid; the warning is given once, where the clash is written, not for the envelope."""
    base = {
        "type": "object",
        "required": ["success"],
        "properties": {"success": {"type": "boolean", "enum": [True]}},
    }
    failure = {
        "type": "object",
        "required": ["success"],
        "properties": {"success": {"type": "boolean", "enum": [False]}},
    }
    extra = {"properties": {"result": {"type": "object"}}}
    schemas = {
        "Base": base,
        "Failure": failure,
        "Single": {"allOf": [{"$ref": "#/components/schemas/Base"}, extra]},
        "Error": {
            "allOf": [
                {"$ref": "#/components/schemas/Single"},
                {"$ref": "#/components/schemas/Failure"},
            ]
        },
        "Wrapped": {"allOf": [{"$ref": "#/components/schemas/Error"}, extra]},
    }
    reply = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Wrapped"}}}}
    api = _api(
        _get({"responses": {"4XX": {**reply, "description": "failed"}, **OK}}),
        components={"schemas": schemas},
    )
    (warning,) = [str(problem) for problem in api.problems]
    assert warning.startswith("demo.json#/components/schemas/Error: warning: no value satisfies")
    assert "'success'" in warning and "(enum [true] and enum [false])" in warning


def test_an_http_server_listed_beside_its_https_twin_gives_way_to_it() -> None:
    plain, secure = "http://api.example.com/v2", "https://api.example.com/v2"
    paths = {
        "/a": {"get": {"operationId": "a", "responses": OK}},
        "/b": {
            "get": {"operationId": "b", "responses": OK},
            "servers": [{"url": "http://files.example.com"}, {"url": "https://files.example.com"}],
        },
    }
    api = _api(paths, servers=[{"url": plain}, {"url": secure}])
    assert api.base_url.unsafe_value == secure
    servers = {str(op.name): op.server for op in api.operations}
    assert servers["b"] is not None and servers["b"].unsafe_value == "https://files.example.com"
    # Without a twin the first server stands, as written.
    assert _api(paths, servers=[{"url": plain}]).base_url.unsafe_value == plain


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.com@attacker.invalid/v1",
        "https://api.example.com/v1?key=1",
        "https://api.example.com/v1#x",
        "https://api.example.com:99999",
    ],
)
def test_a_deceptive_first_server_is_no_base_url_and_says_why(url: str) -> None:
    """Held to the rule of an operation's server: the client then needs a base URL given."""
    api = _api(_get({}), servers=[{"url": url}])
    assert api.base_url.unsafe_value == ""
    (warning,) = [str(problem) for problem in api.problems]
    assert warning.startswith("demo.json#/servers/0: warning: server ")
    assert "base_url:" in warning


def test_oauth2_flows_required_together_are_one_access_token() -> None:
    schemes = {**SCHEMES, "implicit": {"type": "oauth2", "flows": {}}}
    secured = {"operationId": "listThings", "responses": OK}
    secured["security"] = [{"oauth": [], "implicit": []}, {"implicit": [], "token": []}]
    api = _api({"/things": {"get": secured}}, components={"securitySchemes": schemes})
    assert api.security == (("oauth",), ("implicit", "token"))
    assert {s.name.unsafe_value for s in api.schemes} == {"oauth", "implicit", "token"}
    (warning,) = [str(problem) for problem in api.problems]
    assert "implicit and token both need the Authorization header" in warning
