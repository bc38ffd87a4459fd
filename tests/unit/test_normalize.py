from __future__ import annotations

import copy
from typing import Any

import pytest

from generator.normalize import normalize
from generator.placement import place_operations
from generator.structure import check_structure


def _schema(schema: dict[str, Any]) -> dict[str, Any]:
    document = {"openapi": "3.1.0", "components": {"schemas": {"S": schema}}}
    normalized, _problems = normalize(document)
    result: dict[str, Any] = normalized["components"]["schemas"]["S"]
    return result


def test_nullable_becomes_a_null_type_and_joins_enums() -> None:
    assert _schema({"type": "string", "nullable": True}) == {"type": ["string", "null"]}
    assert _schema({"type": "string", "enum": ["a"], "nullable": True}) == {
        "type": ["string", "null"],
        "enum": ["a", None],
    }
    assert _schema({"type": "string", "nullable": False}) == {"type": "string"}


def test_nullable_ref_keeps_its_docs_outside_the_union() -> None:
    schema = _schema({"$ref": "#/components/schemas/T", "nullable": True, "description": "d"})
    assert schema == {
        "description": "d",
        "anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}],
    }


def test_a_union_branch_that_is_only_nullable_is_the_null_of_the_union() -> None:
    """Rust's schemars writes `Option<Filter>` as `anyOf: [{$ref}, {nullable: true}]` (every
    optional field of Qdrant's API): the branch is the union's null, so `None` may be passed.
    Alone, outside a union, `nullable` without a type still adds nothing."""
    ref = {"$ref": "#/components/schemas/T"}
    schema = _schema({"description": "d", "anyOf": [ref, {"nullable": True}]})
    assert schema == {"description": "d", "anyOf": [ref, {"type": "null"}]}
    told = _schema({"oneOf": [ref, {"nullable": True, "description": "none"}]})
    assert told == {"oneOf": [ref, {"type": "null", "description": "none"}]}
    kept = _schema({"anyOf": [ref, {"nullable": True, "minLength": 1}]})
    assert kept["anyOf"][1] == {"minLength": 1}
    assert _schema({"nullable": True}) == {}


def test_an_all_of_member_that_is_only_nullable_makes_the_whole_nullable() -> None:
    """Together writes a nullable reference as `allOf: [{$ref: UsageData}, {nullable: true}]`
    (every stream chunk's `usage` is `null` but the last): `None` is a value of the field. A
    `nullable: false` beside it wins, as the intersection says."""
    ref = {"$ref": "#/components/schemas/T"}
    schema = _schema({"description": "d", "allOf": [ref, {"nullable": True}]})
    assert schema == {"description": "d", "anyOf": [{"allOf": [ref]}, {"type": "null"}]}
    assert _schema({"allOf": [{"nullable": True}, ref]})["anyOf"][1] == {"type": "null"}
    assert "anyOf" not in _schema({"allOf": [ref, {"nullable": True}], "nullable": False})


def test_nullable_and_type_list_spellings_normalize_to_the_same_schema() -> None:
    assert _schema({"type": "integer", "nullable": True}) == _schema({"type": ["integer", "null"]})


def test_optional_keyword_is_dropped_and_releases_required() -> None:
    schema = _schema(
        {
            "type": "object",
            "required": ["a"],
            "properties": {"a": {"type": "string", "optional": True}},
        }
    )
    assert schema == {"type": "object", "required": [], "properties": {"a": {"type": "string"}}}


def test_a_property_called_optional_is_not_a_keyword() -> None:
    schema = {
        "type": "object",
        "properties": {"o": {"type": "object", "properties": {"optional": {"type": "boolean"}}}},
    }
    assert _schema(schema) == schema


def test_boolean_exclusive_bounds_become_numbers() -> None:
    assert _schema({"type": "number", "minimum": 0, "exclusiveMinimum": True}) == {
        "type": "number",
        "exclusiveMinimum": 0,
    }
    assert _schema({"type": "number", "maximum": 5, "exclusiveMaximum": False}) == {
        "type": "number",
        "maximum": 5,
    }


def test_single_branch_one_of_is_merged_but_refs_and_conflicts_are_kept() -> None:
    assert _schema({"type": "string", "oneOf": [{"type": "string", "enum": ["a", "b"]}]}) == {
        "type": "string",
        "enum": ["a", "b"],
    }
    ref = {"oneOf": [{"$ref": "#/components/schemas/T"}]}
    assert _schema(ref) == ref
    conflict = {"type": "string", "oneOf": [{"type": "integer"}]}
    assert _schema(conflict) == conflict


def test_normalize_rewrites_in_place_and_reports_each_change() -> None:
    schemas = {
        "A": {"type": "string", "nullable": True},
        "B": {"type": "integer", "nullable": True},
    }
    document = {"openapi": "3.1.0", "components": {"schemas": schemas}}
    normalized, problems = normalize(document, "spec.json")
    assert normalized is document
    assert [(p.level, p.file, p.pointer) for p in problems] == [
        ("info", "spec.json", "/components/schemas/A"),
        ("info", "spec.json", "/components/schemas/B"),
    ]


def _normalized(document: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    normalized, problems = normalize(document, "spec.json")
    return normalized, [str(problem) for problem in problems if problem.level == "warning"]


def _components(**schemas: Any) -> dict[str, Any]:
    return {"openapi": "3.1.0", "components": {"schemas": schemas}}


def test_an_empty_enum_is_the_plain_type_with_a_warning() -> None:
    document, warnings = _normalized(_components(S={"type": "integer", "enum": []}))
    assert document["components"]["schemas"]["S"] == {"type": "integer"}
    assert warnings == [
        "spec.json#/components/schemas/S/enum: warning: empty `enum` allows no value; read as "
        "the plain type (fix: list the values or drop it)"
    ]


def test_a_number_where_openapi_wants_text_is_read_as_its_text() -> None:
    """YAML reads `version: 1.0` and `default: 443` as numbers; the structural check refuses
    them where OpenAPI wants strings."""
    port = {"default": 443, "enum": [443, 8443]}
    spec: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": 1.0},
        "servers": [{"url": "https://{host}:{port}", "variables": {"port": port}}],
        "paths": {
            "/a": {
                "get": {
                    "servers": [{"url": "https://x:{p}", "variables": {"p": {"default": 1}}}],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
    }
    assert check_structure(copy.deepcopy(spec), "spec.json")  # refused as written
    document, warnings = _normalized(spec)
    assert document["info"]["version"] == "1.0"
    assert document["servers"][0]["variables"]["port"] == {
        "default": "443",
        "enum": ["443", "8443"],
    }
    assert document["paths"]["/a"]["get"]["servers"][0]["variables"]["p"] == {"default": "1"}
    assert warnings[0] == (
        "spec.json#/info/version: warning: a number where OpenAPI wants text; read as '1.0' "
        "(fix: write it quoted: '1.0')"
    )
    assert len(warnings) == 5
    assert check_structure(document, "spec.json") == []


def test_a_const_holding_an_object_or_array_is_its_one_value_enum() -> None:
    """JSON Schema allows any value in `const`; the structural check's model only scalars."""
    kind = {"const": {"type": "text", "tags": ["a"]}}
    pair = {"type": "array", "const": [1, 2]}
    plain = {"type": "string", "const": "text"}
    spec = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}}
    spec["components"] = {"schemas": {"Kind": kind, "Pair": pair, "Plain": plain}}
    assert check_structure(copy.deepcopy(spec), "spec.json")  # refused as written
    document, problems = normalize(spec, "spec.json")
    schemas = document["components"]["schemas"]
    assert schemas["Kind"] == {"enum": [{"type": "text", "tags": ["a"]}]}
    assert schemas["Pair"] == {"type": "array", "enum": [[1, 2]]}
    assert schemas["Plain"] == plain
    assert [p.pointer for p in problems] == [
        "/components/schemas/Kind/const",
        "/components/schemas/Pair/const",
    ]
    assert check_structure(document, "spec.json") == []


def test_an_enum_of_plain_values_on_an_array_moves_onto_its_items() -> None:
    """Box's `allowed_shared_link_access_levels`: no array is one of three strings."""
    levels = {"type": "array", "items": {"type": "string"}, "enum": ["open", "company"]}
    pairs = {"type": "array", "items": {"type": "string"}, "enum": [["a", "b"]]}
    nullable = {"type": "array", "items": {"type": "string"}, "enum": ["x"], "nullable": True}
    document, warnings = _normalized(_components(Levels=levels, Pairs=pairs, Maybe=nullable))
    schemas = document["components"]["schemas"]
    assert schemas["Levels"] == {
        "type": "array",
        "items": {"type": "string", "enum": ["open", "company"]},
    }
    assert schemas["Pairs"] == pairs  # an enum of arrays constrains the array itself
    assert schemas["Maybe"] == {
        "type": ["array", "null"],
        "items": {"type": "string", "enum": ["x"]},
    }
    assert warnings == [
        f"spec.json#/components/schemas/{name}/enum: warning: `enum` of plain values on an "
        "array; read as the enum of its items (fix: put the enum on `items`)"
        for name in ("Levels", "Maybe")
    ]


def test_a_pattern_that_does_not_compile_is_dropped_with_a_warning() -> None:
    broken = {"type": "string", "pattern": "^[w-.]+$", "maxLength": 9}
    fine = {"type": "string", "pattern": r"^[\w.-]+$"}
    document, warnings = _normalized(_components(Broken=broken, Fine=fine))
    assert document["components"]["schemas"] == {
        "Broken": {"type": "string", "maxLength": 9},
        "Fine": {"type": "string", "pattern": r"^[\w.-]+$"},
    }
    assert warnings == [
        "spec.json#/components/schemas/Broken/pattern: warning: `pattern` '^[w-.]+$' does not "
        "compile as a regular expression (bad character range w-. at position 2); it is dropped "
        "(fix: fix the regex, or remove it)"
    ]


def test_a_pattern_python_may_one_day_read_differently_is_kept_without_noise(
    recwarn: pytest.WarningsRecorder,
) -> None:
    nested = {"type": "string", "pattern": "[[A-Z0-9]{1,18}"}
    document, warnings = _normalized(_components(Code=nested))
    assert document["components"]["schemas"]["Code"] == nested
    assert warnings == []
    assert [str(w.message) for w in recwarn] == []


def test_required_names_nothing_declares_are_released_with_a_warning() -> None:
    parent = {"type": "object", "properties": {"id": {"type": "string"}}}
    child = {
        "allOf": [
            {"$ref": "#/components/schemas/P"},
            {"type": "object", "required": ["id", "ghost"], "properties": {"x": {}}},
        ]
    }
    document, warnings = _normalized(_components(P=parent, C=child))
    assert document["components"]["schemas"]["C"]["allOf"][1]["required"] == ["id"]
    (warning,) = warnings
    assert warning.startswith("spec.json#/components/schemas/C/allOf/1/required: warning: ")
    assert "'ghost' is not declared" in warning


def test_a_constraint_only_mixin_keeps_its_required_names() -> None:
    mixin = {"required": ["a", "b"]}
    document, warnings = _normalized(_components(M=mixin))
    assert document["components"]["schemas"]["M"] == mixin and warnings == []


def _pets(discriminator: dict[str, Any], **extra: Any) -> dict[str, Any]:
    def member(tag: Any) -> dict[str, Any]:
        return {"type": "object", "properties": {"kind": tag}, "required": ["kind"]}

    union = {
        "oneOf": [{"$ref": "#/components/schemas/dog"}, {"$ref": "#/components/schemas/Cat"}],
        "discriminator": discriminator,
    }
    return _components(
        dog=member({"type": "string"}), Cat=member({"const": "cat"}), Pet=union, **extra
    )


def test_discriminator_mapping_is_written_out_with_the_tags_the_spec_implies() -> None:
    document, warnings = _normalized(_pets({"propertyName": "kind"}))
    assert document["components"]["schemas"]["Pet"]["discriminator"] == {
        "propertyName": "kind",
        "mapping": {"dog": "#/components/schemas/dog", "cat": "#/components/schemas/Cat"},
    }
    assert warnings == []


@pytest.mark.parametrize(
    ("discriminator", "extra", "reason"),
    [
        ({"propertyName": "name"}, {}, "member 'dog' does not declare 'name'"),
        (
            {"propertyName": "kind", "mapping": {"x": "#/components/schemas/Other"}},
            {},
            "mapping 'x' names no member of the union",
        ),
        (
            {"propertyName": "kind"},
            {
                "Again": {
                    "oneOf": [{"$ref": "#/components/schemas/dog"}],
                    "discriminator": {
                        "propertyName": "kind",
                        "mapping": {"hound": "#/components/schemas/dog"},
                    },
                }
            },
            "has other tags in another discriminated union",
        ),
    ],
)
def test_a_discriminator_that_cannot_be_honoured_is_dropped_with_a_warning(
    discriminator: dict[str, Any], extra: dict[str, Any], reason: str
) -> None:
    document, warnings = _normalized(_pets(discriminator, **extra))
    assert "discriminator" not in document["components"]["schemas"]["Pet"]
    assert any(
        w.startswith("spec.json#/components/schemas/Pet/discriminator: warning: ") and reason in w
        for w in warnings
    )


def _runners(kind: dict[str, Any], **extra: Any) -> dict[str, Any]:
    member = {"type": "object", "properties": {"kind": kind}, "required": ["kind"]}
    union = {
        "oneOf": [{"$ref": "#/components/schemas/Sidecar"}, {"$ref": "#/components/schemas/Book"}],
        "discriminator": {"propertyName": "kind"},
    }
    return _components(Sidecar=member, Book=member, Runner=union, **extra)


def test_a_tag_the_members_property_cannot_hold_drops_the_discriminator() -> None:
    """No mapping: the implied tags are the component names, which the property's shared
    `enum` leaves out, so no message the API sends could carry them."""
    kinds = {"type": "string", "enum": ["sidecar", "runbook"]}
    document, warnings = _normalized(_runners({"$ref": "#/components/schemas/Kind"}, Kind=kinds))
    assert "discriminator" not in document["components"]["schemas"]["Runner"]
    assert any("member 'Sidecar' cannot carry the tag 'Sidecar' in 'kind'" in w for w in warnings)


def test_a_one_value_enum_behind_a_ref_is_the_members_tag() -> None:
    document = _runners({"const": "runbook"}, Only={"type": "string", "enum": ["sidecar"]})
    sidecar = {"$ref": "#/components/schemas/Only"}
    document["components"]["schemas"]["Sidecar"] = {
        "type": "object",
        "properties": {"kind": sidecar},
        "required": ["kind"],
    }
    document, warnings = _normalized(document)
    assert document["components"]["schemas"]["Runner"]["discriminator"]["mapping"] == {
        "sidecar": "#/components/schemas/Sidecar",
        "runbook": "#/components/schemas/Book",
    }
    assert warnings == []


def _paths(paths: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "paths": paths}


def _op(operation_id: str, *parameters: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": operation_id, "responses": {}}
    if parameters:
        operation["parameters"] = list(parameters)
    return operation


def test_an_undeclared_path_variable_borrows_a_sibling_declaration() -> None:
    pet_id = {"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}}
    document, warnings = _normalized(
        _paths({"/pets/{petId}": {"get": _op("getPet", pet_id), "delete": _op("deletePet")}})
    )
    assert document["paths"]["/pets/{petId}"]["delete"]["parameters"] == [pet_id]
    (warning,) = warnings
    assert warning.startswith("spec.json#/paths/~1pets~1{petId}/delete/parameters: warning: ")
    assert "path variable {petId} is not declared here" in warning


def test_a_path_variable_nobody_declares_is_a_string_and_a_stray_one_goes() -> None:
    stray = {"name": "old", "in": "path", "required": True, "schema": {"type": "string"}}
    document, warnings = _normalized(_paths({"/a/{id}": {"get": _op("getA", stray)}}))
    assert document["paths"]["/a/{id}"]["get"]["parameters"] == [
        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    assert len(warnings) == 2


def test_an_express_style_segment_is_a_path_variable_with_a_warning() -> None:
    todo_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
    paths = {
        "/todos/:id": {"get": _op("getTodo", todo_id), "delete": _op("deleteTodo")},
        "/v1/things:batchGet": {"post": _op("batchGet")},
    }
    document, warnings = _normalized(_paths(paths))
    assert list(document["paths"]) == ["/todos/{id}", "/v1/things:batchGet"]
    assert document["paths"]["/todos/{id}"]["delete"]["parameters"] == [todo_id]
    assert warnings[0] == (
        "spec.json#/paths/~1todos~1:id: warning: path segment ':id' read as the path variable "
        "{id} (fix: write the path as '/todos/{id}')"
    )


def test_a_colon_segment_is_kept_where_the_variable_path_exists_or_a_ref_points_in() -> None:
    paths = {
        "/a/:id": {"get": _op("getA")},
        "/a/{id}": {"get": _op("getA2", {"name": "id", "in": "path", "required": True})},
        "/b/:id": {"get": _op("getB")},
        "/c": {"get": {"$ref": "#/paths/~1b~1:id/get"}},
    }
    document, _ = _normalized(_paths(paths))
    assert list(document["paths"]) == ["/a/:id", "/a/{id}", "/b/:id", "/c"]


def test_a_duplicated_operation_id_is_reported_and_named_apart_by_path() -> None:
    paths = {"/pets": {"get": _op("list")}, "/pets/archived": {"get": _op("list")}}
    document, warnings = _normalized(_paths(paths))
    assert document["paths"]["/pets/archived"]["get"]["operationId"] == "list"
    assert warnings == [
        "spec.json#/paths/~1pets~1archived/get/operationId: warning: operationId 'list' is also "
        "GET /pets's; where their names clash, they are named from their paths "
        "(fix: give each operation its own id)"
    ]
    names = {p.method for p in place_operations(document).values()}
    assert names == {"list_pets", "list_pets_archived"}


def test_a_base_keeps_the_required_names_its_subclasses_declare() -> None:
    paging = {"type": "object", "required": ["href", "items"], "properties": {"href": {}}}
    tracks = {
        "allOf": [
            {"$ref": "#/components/schemas/Paging"},
            {"type": "object", "properties": {"items": {"type": "array"}}},
        ]
    }
    document, warnings = _normalized(_components(Paging=paging, PagingTracks=tracks))
    assert document["components"]["schemas"]["Paging"]["required"] == ["href", "items"]
    assert warnings == []


def test_a_base_keeps_the_required_names_an_inline_body_declares_beside_it() -> None:
    """`allOf: [Text, SmsChannel]` as a request body: `Text`'s base requires the `to` that only
    the sibling mixin declares, and no component includes both."""
    base = {"type": "object", "required": ["to", "ghost"], "properties": {"ref": {}}}
    text = {
        "allOf": [
            {"$ref": "#/components/schemas/Base"},
            {"properties": {"text": {"type": "string"}}},
        ]
    }
    channel = {"type": "object", "properties": {"to": {"type": "string"}}}
    body = {"allOf": [{"$ref": "#/components/schemas/Text"}, {"$ref": "#/components/schemas/Sms"}]}
    document = _components(Base=base, Text=text, Sms=channel)
    document["paths"] = {
        "/messages": {
            "post": {
                "requestBody": {"content": {"application/json": {"schema": body}}},
                "responses": {"202": {"description": "ok"}},
            }
        }
    }
    normalized, warnings = _normalized(document)
    assert normalized["components"]["schemas"]["Base"]["required"] == ["to"]
    (warning,) = warnings
    assert "'ghost' is not declared" in warning


def test_a_31_binary_string_reads_as_format_binary_and_base64_stays_text() -> None:
    """3.1 spells a file as `contentMediaType` (no `format: binary`); base64 text is not a file."""
    image = {"type": "string", "contentMediaType": "image/png"}
    encoded = {"type": "string", "contentMediaType": "image/png", "contentEncoding": "base64"}
    document, _warnings = _normalized(_components(Image=image, Encoded=encoded))
    assert document["components"]["schemas"]["Image"]["format"] == "binary"
    assert "format" not in document["components"]["schemas"]["Encoded"]


def test_a_default_its_schema_rejects_is_dropped_with_a_warning() -> None:
    """Server-generated specs write `default: "true"` for a boolean and `default: right` beside
    `enum: [Left, Right]`; kept, each becomes a mypy error and a wrong value in the model."""
    direction = {"type": "string", "enum": ["Left", "Right"]}
    request = {
        "type": "object",
        "properties": {
            "normalize": {"type": "boolean", "default": "true"},
            "direction": {"allOf": [{"$ref": "#/components/schemas/D"}], "default": "right"},
            "kept": {"allOf": [{"$ref": "#/components/schemas/D"}], "default": "Left"},
            "limit": {"type": "integer", "nullable": True, "default": None},
        },
    }
    document, warnings = _normalized(_components(D=direction, R=request))
    properties = document["components"]["schemas"]["R"]["properties"]
    assert "default" not in properties["normalize"]
    assert "default" not in properties["direction"]
    assert (properties["kept"]["default"], properties["limit"]["default"]) == ("Left", None)
    assert [warning.split(": warning: ")[0] for warning in warnings] == [
        "spec.json#/components/schemas/R/properties/normalize/default",
        "spec.json#/components/schemas/R/properties/direction/default",
    ]
    assert "'true' is not of type 'boolean'" in warnings[0]


def test_extension_keys_in_security_requirements_are_ignored_with_a_warning() -> None:
    """Apidog exports write `x-apidog: {...}` beside the scheme names of a requirement."""
    vendor = {"schemeGroups": [{"id": "g1", "schemeIds": ["Bearer"]}], "required": True}
    operation = {"security": [{"Bearer": [], "x-apidog": vendor}, {}, {"x-apidog": vendor}]}
    document: dict[str, Any] = {
        "openapi": "3.0.1",
        "security": [{"Bearer": [], "x-apidog": vendor}],
        "paths": {"/jobs": {"post": operation}},
    }
    normalized, warnings = _normalized(document)
    assert normalized["security"] == [{"Bearer": []}]
    # the `{}` the spec wrote stays; the alternative that held only the extension goes
    assert normalized["paths"]["/jobs"]["post"]["security"] == [{"Bearer": []}, {}]
    assert [warning.split(": warning: ")[0] for warning in warnings] == [
        "spec.json#/security/0/x-apidog",
        "spec.json#/paths/~1jobs/post/security/0/x-apidog",
        "spec.json#/paths/~1jobs/post/security/2/x-apidog",
    ]


def test_a_bare_bearer_scheme_type_is_read_as_http_bearer_with_a_warning() -> None:
    schemes = {"Token": {"type": "bearer", "bearerFormat": "API Key"}, "Key": {"type": "apiKey"}}
    document = {"openapi": "3.0.1", "components": {"securitySchemes": schemes}}
    normalized, warnings = _normalized(document)
    assert normalized["components"]["securitySchemes"] == {
        "Token": {"type": "http", "scheme": "bearer", "bearerFormat": "API Key"},
        "Key": {"type": "apiKey"},
    }
    assert warnings == [
        "spec.json#/components/securitySchemes/Token/type: warning: security scheme type "
        "'bearer' is read as HTTP bearer authentication (fix: write `type: http` with "
        "`scheme: bearer`)"
    ]


def test_an_authorization_key_with_a_fern_prefix_is_read_as_that_http_scheme() -> None:
    """`Authorization: Token <key>` (Deepgram): the caller passes the key, the client the word."""
    fern = {"prefix": "Token", "env": "API_KEY"}
    schemes = {
        "Key": {"type": "apiKey", "in": "header", "name": "Authorization", "x-fern-header": fern},
        "Other": {"type": "apiKey", "in": "header", "name": "X-Key", "x-fern-header": fern},
        "Spaced": {
            "type": "apiKey",
            "in": "header",
            "name": "authorization",
            "x-fern-header": {"prefix": "Api Key"},
        },
    }
    document = {"openapi": "3.1.0", "components": {"securitySchemes": schemes}}
    normalized, warnings = _normalized(document)
    found = normalized["components"]["securitySchemes"]
    assert found["Key"] == {"type": "http", "scheme": "Token", "x-fern-header": fern}
    assert found["Other"]["type"] == found["Spaced"]["type"] == "apiKey"
    assert warnings == []


def test_a_boolean_required_on_a_property_joins_the_objects_list() -> None:
    """Swagger 1's `required: true` beside the property's type; OpenAPI lists names instead."""
    thing = {
        "type": "object",
        "required": ["name", "note"],
        "properties": {
            "id": {"type": "string", "required": True},
            "name": {"type": "string"},
            "note": {"type": "string", "required": False},
        },
    }
    plain = {"type": "object", "properties": {"tag": {"type": "string", "required": False}}}
    spec = {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}}
    spec["components"] = {"schemas": {"Thing": thing, "Plain": plain}}
    assert check_structure(copy.deepcopy(spec), "spec.json")  # refused as written
    normalized, warnings = _normalized(spec)
    assert thing["required"] == ["name", "id"]
    assert thing["properties"]["id"] == {"type": "string"}
    assert thing["properties"]["note"] == {"type": "string"}
    assert plain == {"type": "object", "properties": {"tag": {"type": "string"}}}
    assert warnings[0] == (
        "spec.json#/components/schemas/Thing/properties/id/required: warning: `required: true` "
        "on a property; read as the object's list (fix: list it in the object's `required`: [id])"
    )
    assert len(warnings) == 3
    assert check_structure(normalized, "spec.json") == []


def test_an_oauth2_flow_without_scopes_has_none_with_a_warning() -> None:
    flows = {"clientCredentials": {"tokenUrl": "https://auth.example.com/token"}}
    schemes = {"OAuth": {"type": "oauth2", "flows": flows}}
    spec = {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}}
    spec["components"] = {"securitySchemes": schemes}
    assert check_structure(copy.deepcopy(spec), "spec.json")  # refused as written
    normalized, warnings = _normalized(spec)
    assert flows["clientCredentials"]["scopes"] == {}
    assert warnings == [
        "spec.json#/components/securitySchemes/OAuth/flows/clientCredentials/scopes: warning: "
        "an OAuth2 flow without `scopes` is read as having none (fix: write `scopes: {}`)"
    ]
    assert check_structure(normalized, "spec.json") == []


def test_responses_without_description_get_an_empty_one_with_one_warning() -> None:
    """OpenAPI 3.2 made a response's `description` optional; 3.0 and 3.1 refuse it missing."""
    listed = {"content": {"application/json": {"schema": {"type": "string"}}}}
    operation = {"responses": {"200": listed, "404": {"$ref": "#/components/responses/Gone"}}}
    spec = {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}}
    spec["paths"] = {"/a": {"get": operation}}
    spec["components"] = {"responses": {"Gone": {}, "Kept": {"description": "kept"}}}
    assert check_structure(copy.deepcopy(spec), "spec.json")  # refused as written
    normalized, warnings = _normalized(spec)
    assert listed["description"] == ""
    assert operation["responses"]["404"] == {"$ref": "#/components/responses/Gone"}
    assert normalized["components"]["responses"] == {
        "Gone": {"description": ""},
        "Kept": {"description": "kept"},
    }
    assert warnings == [
        "spec.json#/components/responses/Gone: warning: a response without `description` "
        "(and 1 more); read as an empty one, as OpenAPI 3.2 does (fix: describe each response)"
    ]
    assert check_structure(normalized, "spec.json") == []


def test_a_media_type_without_its_subtype_is_the_full_type_with_a_warning() -> None:
    text = {"schema": {"type": "string"}}
    paths = {
        "/notes": {
            "post": {
                "requestBody": {"content": {"text": text}},
                "responses": {"200": {"description": "ok", "content": {"Json": text}}},
            }
        },
        "/both": {"put": {"requestBody": {"content": {"text": text, "text/plain": text}}}},
    }
    document, warnings = _normalized(_paths(paths))
    operation = document["paths"]["/notes"]["post"]
    assert list(operation["requestBody"]["content"]) == ["text/plain"]
    assert list(operation["responses"]["200"]["content"]) == ["application/json"]
    # beside its full spelling, the short name is a leftover: no media type, ignored
    assert list(document["paths"]["/both"]["put"]["requestBody"]["content"]) == ["text/plain"]
    assert warnings[0] == (
        "spec.json#/paths/~1notes/post/requestBody/content/text: warning: media type 'text' "
        "read as 'text/plain' (fix: write the media type as 'text/plain')"
    )
    assert warnings[-1].startswith(
        "spec.json#/paths/~1both/put/requestBody/content/text: warning: content key 'text' is "
        "no media type; it is ignored"
    )


def test_a_content_key_that_is_no_media_type_is_ignored_with_a_warning() -> None:
    """An `examples: {}` written beside `application/json` under `content` would otherwise be
    a media type of its own: a method sending raw bytes."""
    body = {"schema": {"type": "object"}}
    content = {"application/json": body, "examples": {}}
    paths = {"/get": {"post": {"requestBody": {"required": True, "content": content}}}}
    document, warnings = _normalized(_paths(paths))
    assert document["paths"]["/get"]["post"]["requestBody"]["content"] == {"application/json": body}
    assert warnings == [
        "spec.json#/paths/~1get/post/requestBody/content/examples: warning: content key "
        "'examples' is no media type; it is ignored (fix: key `content` by media types "
        "(`application/json`); move what it holds under one)"
    ]


def test_a_schema_with_properties_but_no_type_is_an_object_and_with_items_an_array() -> None:
    document = _components(
        Props={"properties": {"on": {"type": "boolean"}}},
        Map={"additionalProperties": {"type": "string"}},
        Either={"oneOf": [{"type": "string"}, {"type": "integer"}], "properties": {"a": {}}},
        Typed={"type": ["object", "null"], "properties": {"a": {}}},
        Nullable={"nullable": True, "properties": {"a": {}}},
        Targets={"items": {"type": "string"}},  # PagerDuty's `responder_request_targets`
        Both={"items": {}, "properties": {"a": {}}},
    )
    normalized, _ = normalize(document, "spec.json")
    schemas = normalized["components"]["schemas"]
    assert schemas["Props"]["type"] == "object"
    assert schemas["Map"]["type"] == "object"
    assert schemas["Targets"] == {"type": "array", "items": {"type": "string"}}
    assert "type" not in schemas["Both"]  # an object or an array: left as written
    assert "type" not in schemas["Either"]  # may be a string: left as written
    assert schemas["Typed"]["type"] == ["object", "null"]
    assert schemas["Nullable"]["type"] == ["object", "null"]  # and still admits null


def test_format_file_is_a_binary_string() -> None:
    document = _components(
        Stream={"type": "object", "format": "file"},
        Maybe={"type": ["object", "null"], "format": "file"},
    )
    schemas = normalize(document, "spec.json")[0]["components"]["schemas"]
    assert schemas["Stream"] == {"type": "string", "format": "binary"}
    assert schemas["Maybe"] == {"type": ["string", "null"], "format": "binary"}


def test_a_type_object_beside_an_allof_wrapping_an_enum_is_dropped_with_a_warning() -> None:
    """Swagger-era wrappers give a described `$ref` to a string enum `type: object` too."""
    wrapped = {"allOf": [{"$ref": "#/components/schemas/Kind"}], "type": "object"}
    document, warnings = _normalized(
        _components(
            Kind={"type": "string", "enum": ["personal", "business"]},
            Ride={"type": "object", "properties": {"kind": {**wrapped, "description": "d"}}},
            Kept={**wrapped, "minProperties": 1},  # object keywords of its own: as written
            Merged={"allOf": [{"$ref": "#/components/schemas/Ride"}], "type": "object"},
        )
    )
    schemas = document["components"]["schemas"]
    assert schemas["Ride"]["properties"]["kind"] == {
        "allOf": [{"$ref": "#/components/schemas/Kind"}],
        "description": "d",
    }
    assert schemas["Kept"]["type"] == "object"
    assert schemas["Merged"]["type"] == "object"
    assert warnings == [
        "spec.json#/components/schemas/Ride/properties/kind/type: warning: `type: object` "
        "contradicts the `string` its `allOf` wraps; it is dropped (fix: remove `type: object` "
        "beside the `allOf`)"
    ]


def _hierarchy(base_extra: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """A Springdoc-style base (discriminator on the class itself) with two subclasses."""

    def child(name: str) -> dict[str, Any]:
        own = {"type": "object", "properties": {name.lower(): {"type": "boolean"}}}
        return {"allOf": [{"$ref": "#/components/schemas/Pet"}, own]}

    base = {
        "type": "object",
        "required": ["petType"],
        "properties": {"petType": {"type": "string"}},
        "discriminator": {"propertyName": "petType"},
        **(base_extra or {}),
    }
    owner = {
        "type": "object",
        "properties": {
            "pet": {"$ref": "#/components/schemas/Pet"},
            "first": {"allOf": [{"$ref": "#/components/schemas/Pet"}], "description": "1st"},
        },
    }
    return _components(Pet=base, Dog=child("Dog"), Cat=child("Cat"), Owner=owner, **extra)


def test_a_discriminator_on_a_base_becomes_a_union_of_its_subclasses() -> None:
    document, warnings = _normalized(_hierarchy(PetUnion={"type": "string"}))
    schemas = document["components"]["schemas"]
    assert schemas["PetUnion2"] == {  # the spec's own PetUnion keeps its name
        "oneOf": [{"$ref": "#/components/schemas/Dog"}, {"$ref": "#/components/schemas/Cat"}],
        "discriminator": {
            "propertyName": "petType",
            "mapping": {"Dog": "#/components/schemas/Dog", "Cat": "#/components/schemas/Cat"},
        },
    }
    assert "discriminator" not in schemas["Pet"]
    assert schemas["Dog"]["allOf"][0] == {"$ref": "#/components/schemas/Pet"}  # still a subclass
    pet, first = schemas["Owner"]["properties"]["pet"], schemas["Owner"]["properties"]["first"]
    assert pet == {"$ref": "#/components/schemas/PetUnion2"}
    assert first["allOf"] == [{"$ref": "#/components/schemas/PetUnion2"}]
    assert warnings == []


@pytest.mark.parametrize(
    ("base_extra", "reason"),
    [
        (
            {"discriminator": {"propertyName": "petType", "mapping": {"pet": "Pet"}}},
            "mapping 'pet' names no member of the union",
        ),
        (
            {
                "oneOf": [
                    {"$ref": "#/components/schemas/Dog"},
                    {"$ref": "#/components/schemas/Owner"},
                ]
            },
            "member 'Owner' does not extend it through `allOf`",
        ),
    ],
)
def test_a_base_that_is_no_plain_hierarchy_keeps_its_discriminator(
    base_extra: dict[str, Any], reason: str
) -> None:
    document, problems = normalize(_hierarchy(base_extra), "spec.json")
    schemas = document["components"]["schemas"]
    assert "PetUnion" not in schemas
    assert schemas["Owner"]["properties"]["pet"] == {"$ref": "#/components/schemas/Pet"}
    assert any(
        str(problem).startswith("spec.json#/components/schemas/Pet/discriminator: info: ")
        and reason in str(problem)
        for problem in problems
    )


def test_tags_no_subclass_carries_are_the_bases_own_member_of_the_union() -> None:
    # Okta's TokenRequest: `grant_type` may be `implicit`, which has no subclass
    tag = {"type": "string", "enum": ["Dog", "Pet", "Cat", "Wolf"]}
    base_extra = {"properties": {"petType": tag, "name": {"type": "string"}}}
    document, problems = normalize(_hierarchy(base_extra), "spec.json")
    schemas = document["components"]["schemas"]
    other = "#/components/schemas/PetOther"
    assert schemas["PetUnion"]["oneOf"][-1] == {"$ref": other}
    mapping = schemas["PetUnion"]["discriminator"]["mapping"]
    assert mapping == {
        "Dog": "#/components/schemas/Dog",
        "Cat": "#/components/schemas/Cat",
        "Pet": other,
        "Wolf": other,
    }
    assert schemas["PetOther"]["allOf"][0] == {"$ref": "#/components/schemas/Pet"}
    narrowed = schemas["PetOther"]["allOf"][1]["properties"]["petType"]
    assert narrowed == {"type": "string", "enum": ["Pet", "Wolf"]}
    assert schemas["Owner"]["properties"]["pet"] == {"$ref": "#/components/schemas/PetUnion"}
    assert any("PetOther carries the tags no subclass has (Pet, Wolf)" in str(p) for p in problems)


def _header(name: str, required: bool = True, **schema: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "header",
        "required": required,
        "schema": {"type": "string", **schema},
    }


def _keyed(*headers: dict[str, Any], shared: dict[str, Any] | None = None) -> dict[str, Any]:
    """Two paths whose operations all declare `headers`; the second path declares `shared` at
    path level, for its operations."""
    item: dict[str, Any] = {"get": {"parameters": [*headers]}, "delete": {"parameters": []}}
    if shared is not None:
        item["parameters"] = [shared]
    else:
        item["delete"]["parameters"] = [*headers]
    return {
        "openapi": "3.0.1",
        "components": {"parameters": {"Account": _header("X-Account-Token")}},
        "paths": {"/domains": {"get": {"parameters": [*headers]}}, "/domains/verified": item},
    }


def test_a_credential_header_of_every_operation_is_read_as_an_api_key() -> None:
    """Swagger 2.0 exports pass the key as a header parameter of every operation: it becomes
    the client's credential instead of an argument of each method."""
    account = {"$ref": "#/components/parameters/Account"}
    document = _keyed(account, _header("X-Trace"), shared=_header("x-account-token"))
    normalized, warnings = _normalized(document)
    assert normalized["security"] == [{"X-Account-Token": []}]
    assert normalized["components"]["securitySchemes"] == {
        "X-Account-Token": {"type": "apiKey", "in": "header", "name": "X-Account-Token"}
    }
    paths = normalized["paths"]
    assert paths["/domains"]["get"]["parameters"] == [_header("X-Trace")]
    assert paths["/domains/verified"]["parameters"] == []
    assert [w.split(" (fix: ")[0] for w in warnings] == [
        "spec.json#/paths/~1domains/get/parameters: warning: every operation requires the "
        "header 'X-Account-Token', a credential: read as an API key the client holds, not as "
        "an argument of each method"
    ]


@pytest.mark.parametrize(
    "document",
    [
        # one operation without it
        _keyed(_header("X-Account-Token"), shared=_header("X-Other")),
        # not a credential's name, though every operation requires it
        _keyed(_header("Notion-Version")),
        _keyed(_header("Idempotency-Key")),
        # optional, or a value the spec gives
        _keyed(_header("X-Api-Key", required=False)),
        _keyed(_header("X-Api-Key", enum=["public"])),
        _keyed(_header("X-Api-Key", default="demo")),
        # the spec declares its security: the header is what it says it is
        {**_keyed(_header("X-Api-Key")), "security": [{"Bearer": []}]},
    ],
)
def test_other_headers_stay_parameters(document: dict[str, Any]) -> None:
    before = copy.deepcopy(document)
    normalized, warnings = _normalized(document)
    assert normalized == before
    assert not [w for w in warnings if "credential" in w]


def test_allof_member_naming_an_alias_includes_what_the_alias_names() -> None:
    ref = "#/components/schemas/"
    schemas: dict[str, Any] = {
        "Compact": {"type": "object", "properties": {"gid": {"type": "string"}}},
        "Base": {"$ref": ref + "Compact", "description": "only a name"},
        "Again": {"$ref": ref + "Base"},
        "Response": {"allOf": [{"$ref": ref + "Again"}, {"properties": {"at": {}}}]},
        "Loop": {"$ref": ref + "Loop"},
        "Looped": {"allOf": [{"$ref": ref + "Loop"}]},
        "Narrowed": {"$ref": ref + "Compact", "required": ["gid"]},
        "Kept": {"allOf": [{"$ref": ref + "Narrowed"}]},
    }
    document = {"openapi": "3.1.0", "components": {"schemas": schemas}}
    normalized, problems = normalize(document)
    out = normalized["components"]["schemas"]
    assert out["Response"]["allOf"][0] == {"$ref": ref + "Compact"}
    assert out["Base"] == {"$ref": ref + "Compact", "description": "only a name"}
    assert out["Looped"]["allOf"][0] == {"$ref": ref + "Loop"}
    assert out["Kept"]["allOf"][0]["$ref"] != ref + "Compact"
    assert any("`Again` only names `Compact`" in p.message for p in problems)


def test_a_string_format_on_an_integer_is_dropped_with_a_warning() -> None:
    """Unix timestamps typed `integer, format: date-time` stay integers on the wire."""
    document, warnings = _normalized(
        _components(
            Stamp={"type": "integer", "format": "date-time"},
            Maybe={"type": ["number", "null"], "format": "date"},
            Text={"type": "string", "format": "date-time"},
            Untyped={"format": "uuid"},
        )
    )
    schemas = document["components"]["schemas"]
    assert schemas["Stamp"] == {"type": "integer"}
    assert schemas["Maybe"] == {"type": ["number", "null"]}
    assert schemas["Text"] == {"type": "string", "format": "date-time"}
    assert schemas["Untyped"] == {"format": "uuid"}
    assert warnings == [
        "spec.json#/components/schemas/Stamp/format: warning: `format: date-time` describes "
        "strings; read as a plain integer (fix: drop the format, or type it a string)",
        "spec.json#/components/schemas/Maybe/format: warning: `format: date` describes "
        "strings; read as a plain number (fix: drop the format, or type it a string)",
    ]


def test_a_uuid_format_beside_lengths_no_uuid_has_is_dropped_with_a_warning() -> None:
    """Intercom's 24-digit contact ids are marked `format: uuid`; the lengths are meant."""
    document, warnings = _normalized(
        _components(
            Short={"type": "string", "format": "uuid", "minLength": 24, "maxLength": 24},
            Fits={"type": "string", "format": "uuid", "maxLength": 36},
        )
    )
    schemas = document["components"]["schemas"]
    assert schemas["Short"] == {"type": "string", "minLength": 24, "maxLength": 24}
    assert schemas["Fits"] == {"type": "string", "format": "uuid", "maxLength": 36}
    assert warnings == [
        "spec.json#/components/schemas/Short/format: warning: `format: uuid` beside lengths no "
        "UUID has (36 characters); read as a string (fix: drop the format or the lengths)"
    ]


def test_an_integer_format_on_a_number_reads_as_an_integer() -> None:
    """Weaviate's counts are `type: number, format: int64`: integers on the wire, not floats
    (as floats, `1000` came back `1000.0` and a count past 2**53 came back rounded)."""
    document, warnings = _normalized(
        _components(
            Count={"type": "number", "format": "int64", "default": 0.0},
            Maybe={"type": ["number", "null"], "format": "int"},
            Level={"type": "number", "format": "uint8", "enum": [1.0, 2]},
            Half={"type": "number", "format": "int32", "enum": [0.5, 1]},
            Ratio={"type": "number", "format": "float"},
        )
    )
    schemas = document["components"]["schemas"]
    assert schemas["Count"] == {"type": "integer", "format": "int64", "default": 0}
    assert isinstance(schemas["Count"]["default"], int)
    assert schemas["Maybe"] == {"type": ["integer", "null"], "format": "int"}
    assert schemas["Level"]["type"] == "integer"
    assert all(isinstance(value, int) for value in schemas["Level"]["enum"])
    assert schemas["Half"]["type"] == "number"
    assert schemas["Ratio"] == {"type": "number", "format": "float"}
    assert warnings == []


def test_a_json_type_written_as_the_format_of_an_untyped_schema_is_its_type() -> None:
    """Weaviate's node status says `compressed: {format: boolean}`: a boolean, not any value."""
    document, warnings = _normalized(
        _components(
            Flag={"format": "boolean", "description": "compressed"},
            Status={"format": "string"},
            Stamp={"format": "date-time"},
            Typed={"type": "string", "format": "string"},
            Parts={"allOf": [{"type": "string"}], "format": "string"},
        )
    )
    schemas = document["components"]["schemas"]
    assert schemas["Flag"] == {"type": "boolean", "description": "compressed"}
    assert schemas["Status"] == {"type": "string"}
    assert schemas["Stamp"] == {"format": "date-time"}
    assert schemas["Typed"] == {"type": "string", "format": "string"}
    assert schemas["Parts"]["format"] == "string"
    assert warnings == []


def test_items_spelt_as_a_list_is_read_as_prefix_items() -> None:
    """Mistral's `EmbeddingResponse.data`: `items: [$ref]`, a tuple before JSON Schema 2020-12,
    was refused outright by the structural check; read as `prefixItems`, it is a list of them."""
    data = {"type": "array", "items": [{"$ref": "#/components/schemas/Datum"}]}
    pair = {"type": "array", "items": [{"type": "string"}, {"items": [{"type": "integer"}]}]}
    pair["additionalItems"] = False
    datum = {"type": "object", "properties": {"index": {"type": "integer"}}}
    document, warnings = _normalized(_components(Data=data, Pair=pair, Datum=datum))
    schemas = document["components"]["schemas"]
    assert schemas["Data"] == {
        "type": "array",
        "prefixItems": [{"$ref": "#/components/schemas/Datum"}],
    }
    assert schemas["Pair"] == {
        "type": "array",
        "prefixItems": [{"type": "string"}, {"prefixItems": [{"type": "integer"}]}],
        "items": False,
    }
    whole = {**document, "info": {"title": "T", "version": "1"}, "paths": {}}
    assert check_structure(whole, "spec.json") == []
    assert [warning.split(": warning")[0] for warning in warnings] == [
        "spec.json#/components/schemas/Data/items",
        "spec.json#/components/schemas/Pair/items",
        "spec.json#/components/schemas/Pair/prefixItems/1/items",
    ]
