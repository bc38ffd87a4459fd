"""One small spec pair per rule: each asserts the exact set of rules the edit fires.

Schema rules are exercised at every location (parameter, request body and property, response body
and property) from one table of edits; the other rules have a case each. The last test checks that
together they cover every rule in `RULES`, so a new rule cannot ship untested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from synthetic_specs import Spec, diff, json_body, json_response, obj, operation, rules, spec

from generator.diff import RULES

STRING = {"type": "string"}

# -- schema rules, at every location --------------------------------------------------------------

SCHEMA_EDITS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "type-changed": (STRING, {"type": "boolean"}),
    "type-widened": ({"type": "integer"}, {"type": "number"}),
    "type-narrowed": ({"type": "number"}, {"type": "integer"}),
    "format-added": (STRING, {"type": "string", "format": "uuid"}),
    "format-removed": ({"type": "string", "format": "uuid"}, STRING),
    "format-changed": (
        {"type": "string", "format": "uuid"},
        {"type": "string", "format": "date-time"},
    ),
    "became-enum": (STRING, {"type": "string", "enum": ["a", "b"]}),
    "became-not-enum": ({"type": "string", "enum": ["a", "b"]}, STRING),
    "enum-value-added": ({"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["a", "b"]}),
    "enum-value-removed": (
        {"type": "string", "enum": ["a", "b"]},
        {"type": "string", "enum": ["a"]},
    ),
    "became-nullable": (STRING, {"type": ["string", "null"]}),
    "became-not-nullable": ({"type": "string", "nullable": True}, STRING),
    "constraint-tightened": (
        {"type": "string", "maxLength": 10},
        {"type": "string", "maxLength": 5},
    ),
    "constraint-relaxed": ({"type": "string", "minLength": 3}, STRING),
    "variant-added": (
        {"oneOf": [STRING, {"type": "integer"}]},
        {"oneOf": [STRING, {"type": "integer"}, {"type": "boolean"}]},
    ),
    "variant-removed": (
        {"oneOf": [STRING, {"type": "integer"}, {"type": "boolean"}]},
        {"oneOf": [STRING, {"type": "integer"}]},
    ),
    "default-changed": ({"type": "string", "default": "a"}, {"type": "string", "default": "b"}),
    "deprecated": (STRING, {"type": "string", "deprecated": True}),
    "description-changed": (
        {"type": "string", "description": "A pet."},
        {"type": "string", "description": "A pet, or a plant."},
    ),
}


def _at_parameter(schema: dict[str, Any]) -> Spec:
    parameter = {"name": "q", "in": "query", "schema": schema}
    return spec({"/pets": {"get": operation(parameters=[parameter])}})


def _at_request_body(schema: dict[str, Any]) -> Spec:
    return spec({"/pets": {"post": operation("createPet", requestBody=json_body(schema))}})


def _at_request_property(schema: dict[str, Any]) -> Spec:
    return _at_request_body(obj({"field": schema}))


def _at_response_body(schema: dict[str, Any]) -> Spec:
    return spec({"/pets": {"get": operation(responses={"200": json_response(schema)})}})


def _at_response_property(schema: dict[str, Any]) -> Spec:
    return _at_response_body(obj({"field": schema}))


LOCATIONS = {
    "request-parameter": _at_parameter,
    "request-body": _at_request_body,
    "request-property": _at_request_property,
    "response-body": _at_response_body,
    "response-property": _at_response_property,
}


@pytest.mark.parametrize("location", sorted(LOCATIONS))
@pytest.mark.parametrize("event", sorted(SCHEMA_EDITS))
def test_schema_rule(location: str, event: str) -> None:
    before, after = SCHEMA_EDITS[event]
    place = LOCATIONS[location]
    report = diff(place(before), place(after))
    assert rules(report, "wire") == {f"{location}-{event}"}


# -- every other rule -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    rule: str
    old: Spec
    new: Spec
    also: frozenset[str] = field(default_factory=frozenset)


def _case(rule: str, old: Spec, new: Spec, *also: str) -> Case:
    return Case(rule, old, new, frozenset(also))


def _pets(**fields: Any) -> Spec:
    """GET /pets with the given operation fields."""
    return spec({"/pets": {"get": operation(**fields)}})


def _create(body: dict[str, Any] | None = None, **fields: Any) -> Spec:
    """POST /pets (createPet), with a JSON body when given."""
    if body is not None:
        fields["requestBody"] = body
    return spec({"/pets": {"post": operation("createPet", **fields)}})


def _returns(schema: dict[str, Any]) -> Spec:
    return _pets(responses={"200": json_response(schema)})


def _schemes(**schemes: dict[str, Any]) -> dict[str, Any]:
    return {"securitySchemes": schemes}


API_KEY = {"type": "apiKey", "in": "header", "name": "X-Key"}
OTHER_KEY = {"type": "apiKey", "in": "header", "name": "X-Other"}
OAUTH = {
    "type": "oauth2",
    "flows": {
        "clientCredentials": {
            "tokenUrl": "https://auth.example.com/token",
            "scopes": {"read": "read", "write": "write"},
        }
    },
}
KEYS = _schemes(key=API_KEY, other=OTHER_KEY, oauth=OAUTH)
QUERY = {"name": "q", "in": "query", "schema": STRING}
REQUIRED_QUERY = {**QUERY, "required": True}
NAME_BODY = json_body(obj({"name": STRING}, ["name"]))
KIND_ENUM = {"type": "string", "enum": ["a"]}
KIND_ENUM_GROWN = {"type": "string", "enum": ["a", "b"]}


def _kind_component(values: list[str], where: str) -> Spec:
    """A `Kind` enum component used only by a request body, or only by a response."""
    ref = obj({"kind": {"$ref": "#/components/schemas/Kind"}})
    components = {"schemas": {"Kind": {"type": "string", "enum": values}}}
    if where == "request":
        item = {"post": operation("createPet", requestBody=json_body(ref))}
    else:
        item = {"get": operation(responses={"200": json_response(ref)})}
    return spec({"/pets": item}, components=components)


CASES = [
    # the document
    _case("info-changed", spec(info={"title": "Pets", "version": "1.0", "description": "a"}),
          spec(info={"title": "Pets", "version": "1.0", "description": "b"})),
    _case("server-added", spec(), spec(servers=[{"url": "https://api.example.com"},
                                                {"url": "https://eu.example.com"}])),
    _case("server-removed", spec(servers=[{"url": "https://api.example.com"},
                                          {"url": "https://eu.example.com"}]), spec()),
    _case("security-scheme-added", spec(), spec(components=_schemes(key=API_KEY))),
    _case("security-scheme-removed", spec(components=_schemes(key=API_KEY)), spec()),
    _case("security-scheme-changed", spec(components=_schemes(key=API_KEY)),
          spec(components=_schemes(key=OTHER_KEY))),
    _case("api-global-security-added", spec(components=KEYS, security=[{"key": []}]),
          spec(components=KEYS, security=[{"key": []}, {"other": []}])),
    _case("api-global-security-removed", spec(components=KEYS, security=[{"key": []}]),
          spec(components=KEYS, security=[{"other": []}]), "api-global-security-added"),
    _case("api-global-security-scope-added", spec(components=KEYS, security=[{"oauth": ["read"]}]),
          spec(components=KEYS, security=[{"oauth": ["read", "write"]}])),
    _case("api-global-security-scope-removed",
          spec(components=KEYS, security=[{"oauth": ["read", "write"]}]),
          spec(components=KEYS, security=[{"oauth": ["read"]}])),
    # operations
    _case("api-added", _pets(), spec({"/pets": {"get": operation(),
                                                "post": operation("createPet")}}),
          "sdk-method-added"),
    _case("api-removed", spec({"/pets": {"get": operation(), "post": operation("createPet")}}),
          _pets(), "sdk-method-removed"),
    _case("api-deprecated", _pets(), _pets(deprecated=True)),
    _case("api-reactivated", _pets(deprecated=True), _pets()),
    _case("api-operation-id-changed", _pets(), spec({"/pets": {"get": operation("fetchPets")}}),
          "sdk-method-renamed"),
    _case("api-tag-added", _pets(tags=["pets"]), _pets(tags=["pets", "animals"])),
    _case("api-tag-removed", _pets(tags=["pets", "animals"]), _pets(tags=["pets"])),
    _case("api-summary-changed", _pets(summary="List pets"), _pets(summary="List all pets")),
    _case("api-description-changed", _pets(description="a"), _pets(description="b")),
    _case("api-security-added", spec({"/pets": {"get": operation(security=[{"key": []}])}},
                                     components=KEYS),
          spec({"/pets": {"get": operation(security=[{"key": []}, {"other": []}])}},
               components=KEYS)),
    _case("api-security-removed", spec({"/pets": {"get": operation(security=[])}},
                                       components=KEYS),
          spec({"/pets": {"get": operation(security=[{"key": []}])}}, components=KEYS),
          "api-security-added"),
    _case("api-security-scope-added",
          spec({"/pets": {"get": operation(security=[{"oauth": ["read"]}])}}, components=KEYS),
          spec({"/pets": {"get": operation(security=[{"oauth": ["read", "write"]}])}},
               components=KEYS)),
    _case("api-security-scope-removed",
          spec({"/pets": {"get": operation(security=[{"oauth": ["read", "write"]}])}},
               components=KEYS),
          spec({"/pets": {"get": operation(security=[{"oauth": ["read"]}])}}, components=KEYS)),
    # parameters
    _case("request-parameter-added-required", _pets(), _pets(parameters=[REQUIRED_QUERY]),
          "sdk-argument-added-required"),
    _case("request-parameter-added-optional", _pets(), _pets(parameters=[QUERY]),
          "sdk-argument-added-optional"),
    _case("request-parameter-removed", _pets(parameters=[QUERY]), _pets(),
          "sdk-argument-removed"),
    _case("request-parameter-became-required", _pets(parameters=[QUERY]),
          _pets(parameters=[REQUIRED_QUERY]), "sdk-argument-became-required"),
    _case("request-parameter-became-optional", _pets(parameters=[REQUIRED_QUERY]),
          _pets(parameters=[QUERY]), "sdk-argument-became-optional"),
    # request bodies
    _case("request-body-added-required", _create(), _create(NAME_BODY),
          "sdk-argument-added-required", "sdk-model-added"),
    _case("request-body-added-optional", _create(),
          _create(json_body(obj({"name": STRING}), required=False)),
          "sdk-argument-added-optional", "sdk-model-added"),
    _case("request-body-removed", _create(NAME_BODY), _create(), "sdk-argument-removed",
          "sdk-model-removed"),
    _case("request-body-became-required", _create(json_body(obj({"name": STRING}, ["name"]),
                                                            required=False)),
          _create(NAME_BODY), "sdk-argument-became-required"),
    _case("request-body-became-optional", _create(NAME_BODY),
          _create(json_body(obj({"name": STRING}, ["name"]), required=False)),
          "sdk-argument-became-optional"),
    _case("request-body-media-type-added", _create(NAME_BODY),
          _create({**NAME_BODY, "content": {**NAME_BODY["content"],
                                            "text/plain": {"schema": STRING}}}),
          "sdk-method-added"),
    _case("request-body-media-type-removed",
          _create({**NAME_BODY, "content": {**NAME_BODY["content"],
                                            "text/plain": {"schema": STRING}}}),
          _create(NAME_BODY), "sdk-method-removed"),
    # request properties
    _case("request-property-added-required", _create(NAME_BODY),
          _create(json_body(obj({"name": STRING, "age": {"type": "integer"}}, ["name", "age"]))),
          "sdk-argument-added-required", "sdk-field-added-required"),
    _case("request-property-added-optional", _create(NAME_BODY),
          _create(json_body(obj({"name": STRING, "age": {"type": "integer"}}, ["name"]))),
          "sdk-argument-added-optional", "sdk-field-added"),
    _case("request-property-removed",
          _create(json_body(obj({"name": STRING, "age": {"type": "integer"}}, ["name"]))),
          _create(NAME_BODY), "sdk-argument-removed", "sdk-field-removed"),
    _case("request-property-became-required", _create(json_body(obj({"name": STRING}))),
          _create(NAME_BODY), "sdk-argument-became-required", "sdk-field-became-required"),
    _case("request-property-became-optional", _create(NAME_BODY),
          _create(json_body(obj({"name": STRING}))), "sdk-argument-became-optional",
          "sdk-field-became-optional-in-request"),
    # response properties
    _case("response-property-added", _returns(obj({"id": STRING})),
          _returns(obj({"id": STRING, "name": STRING})), "sdk-field-added"),
    _case("response-property-removed", _returns(obj({"id": STRING, "name": STRING})),
          _returns(obj({"id": STRING})), "sdk-field-removed"),
    _case("response-property-became-optional", _returns(obj({"id": STRING}, ["id"])),
          _returns(obj({"id": STRING})), "sdk-field-became-optional"),
    _case("response-property-became-required", _returns(obj({"id": STRING})),
          _returns(obj({"id": STRING}, ["id"])), "sdk-field-became-required-in-response"),
    # responses
    _case("response-success-status-added", _pets(),
          _pets(responses={"200": {"description": "ok"}, "201": {"description": "made"}})),
    _case("response-success-status-removed",
          _pets(responses={"200": {"description": "ok"}, "201": {"description": "made"}}),
          _pets()),
    _case("response-non-success-status-added", _pets(),
          _pets(responses={"200": {"description": "ok"}, "404": {"description": "gone"}})),
    _case("response-non-success-status-removed",
          _pets(responses={"200": {"description": "ok"}, "404": {"description": "gone"}}),
          _pets()),
    _case("response-media-type-added", _pets(), _returns(STRING), "sdk-return-type-changed"),
    _case("response-media-type-removed", _returns(STRING), _pets(), "sdk-return-type-changed"),
    _case("response-description-changed", _pets(),
          _pets(responses={"200": {"description": "the pets"}})),
    # the generated package
    _case("sdk-package-renamed", spec(info={"title": "Pets", "version": "1.0"}),
          spec(info={"title": "Pet Store", "version": "1.0"}), "info-changed"),
    _case("sdk-resource-added", _pets(),
          spec({"/pets": {"get": operation()}, "/owners": {"get": operation("listOwners")}}),
          "api-added", "sdk-method-added"),
    _case("sdk-resource-removed",
          spec({"/pets": {"get": operation()}, "/owners": {"get": operation("listOwners")}}),
          _pets(), "api-removed", "sdk-method-removed"),
    _case("sdk-method-moved", _pets(), _pets(tags=["animals"]), "api-tag-added",
          "sdk-resource-added", "sdk-resource-removed"),
    _case("sdk-argument-renamed", _create(json_body(obj({"age": STRING})), parameters=[
        {"name": "name", "in": "query", "schema": STRING}]),
          _create(json_body(obj({"age": STRING, "name": STRING})), parameters=[
              {"name": "name", "in": "query", "schema": STRING}]),
          "request-property-added-optional", "sdk-argument-added-optional", "sdk-field-added"),
    _case("sdk-argument-type-changed", _pets(parameters=[QUERY]),
          _pets(parameters=[{**QUERY, "schema": {"type": "integer"}}]),
          "request-parameter-type-changed"),
    _case("sdk-argument-type-widened", _pets(parameters=[QUERY]),
          _pets(parameters=[{**QUERY, "schema": {"type": "string", "format": "uuid"}}]),
          "request-parameter-format-added"),
    _case("sdk-positional-arguments-reordered",
          spec({"/pets/{a}/{b}": {"get": operation(parameters=[
              {"name": "a", "in": "path", "required": True, "schema": STRING},
              {"name": "b", "in": "path", "required": True, "schema": STRING}])}}),
          spec({"/pets/{b}/{a}": {"get": operation(parameters=[
              {"name": "a", "in": "path", "required": True, "schema": STRING},
              {"name": "b", "in": "path", "required": True, "schema": STRING}])}})),
    _case("sdk-return-type-changed", _returns(STRING), _returns({"type": "integer"}),
          "response-body-type-changed"),
    _case("sdk-return-type-narrowed", _returns({"type": ["string", "null"]}), _returns(STRING),
          "response-body-became-not-nullable"),
    _case("sdk-model-added", spec(), spec(components={"schemas": {"Owner": obj({"id": STRING})}})),
    _case("sdk-model-removed", spec(components={"schemas": {"Owner": obj({"id": STRING})}}),
          spec()),
    _case("sdk-model-renamed", _create(NAME_BODY),
          spec({"/pets": {"post": operation("addPet", requestBody=NAME_BODY)}}),
          "api-operation-id-changed", "sdk-method-renamed"),
    # `foo_bar` itself would keep its name: the field Python can spell takes it from `foo-bar`
    _case("sdk-field-renamed", _returns(obj({"foo-bar": STRING})),
          _returns(obj({"fooBar": STRING, "foo-bar": STRING})), "response-property-added",
          "sdk-field-added"),
    _case("sdk-field-type-changed", _returns(obj({"id": STRING})),
          _returns(obj({"id": {"type": "integer"}})), "response-property-type-changed"),
    _case("sdk-field-type-widened", _create(json_body(obj({"kind": KIND_ENUM}))),
          _create(json_body(obj({"kind": KIND_ENUM_GROWN}))), "request-property-enum-value-added",
          "sdk-argument-type-widened"),
    _case("sdk-field-type-narrowed", _returns(obj({"kind": KIND_ENUM_GROWN})),
          _returns(obj({"kind": KIND_ENUM})), "response-property-enum-value-removed"),
    _case("sdk-alias-type-changed", _kind_component(["a"], "response"),
          _kind_component(["a", "b"], "response"), "response-property-enum-value-added"),
    _case("sdk-alias-type-widened", _kind_component(["a"], "request"),
          _kind_component(["a", "b"], "request"), "request-property-enum-value-added",
          "sdk-argument-type-widened"),
    _case("sdk-alias-type-narrowed", _kind_component(["a", "b"], "response"),
          _kind_component(["a"], "response"), "response-property-enum-value-removed"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.rule)
def test_rule(case: Case) -> None:
    report = diff(case.old, case.new)
    assert rules(report) == {case.rule} | case.also
    for change in report.changes:
        assert change.severity == RULES[change.rule].severity
        assert change.level == RULES[change.rule].level


def test_every_rule_is_exercised() -> None:
    schema_rules = {f"{location}-{event}" for location in LOCATIONS for event in SCHEMA_EDITS}
    case_rules = {rule for case in CASES for rule in {case.rule} | case.also}
    assert set(RULES) - schema_rules - case_rules == set()


def test_severity_follows_direction() -> None:
    """Narrowing a request and widening a response break clients; the reverse does not."""
    assert RULES["request-property-enum-value-removed"].severity == "breaking"
    assert RULES["request-property-enum-value-added"].severity == "non-breaking"
    assert RULES["response-property-enum-value-added"].severity == "breaking"
    assert RULES["response-property-enum-value-removed"].severity == "non-breaking"
    assert RULES["request-property-became-not-nullable"].severity == "breaking"
    assert RULES["response-property-became-nullable"].severity == "breaking"
    assert RULES["request-property-type-changed"].severity == "breaking"
    assert RULES["response-property-description-changed"].severity == "docs"


def test_a_names_lock_keeps_the_method_name() -> None:
    """With the lock `regen` applies, an operationId change renames nothing in the package."""
    from generator.lock import NamesLock

    lock = NamesLock(operations={"GET /pets": {"resource": "pets", "method": "list"}})
    report = diff(_pets(), spec({"/pets": {"get": operation("fetchPets")}}), lock=lock)
    assert rules(report) == {"api-operation-id-changed"}
    unlocked = diff(_pets(), spec({"/pets": {"get": operation("fetchPets")}}))
    [renamed] = [c for c in unlocked.changes if c.rule == "sdk-method-renamed"]
    assert renamed.message == "client.pets.list() is now client.pets.fetch()"


def _folders(by_id_query: list[dict[str, Any]]) -> Spec:
    """Two paths of one shape, told apart by their parameter's pattern (as HubSpot writes)."""

    def path(name: str, pattern: str) -> dict[str, Any]:
        return {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "string", "pattern": pattern},
        }

    by_id = operation("getFolderById", parameters=[path("folderId", r"\d+"), *by_id_query])
    by_path = operation("getFolderByPath", parameters=[path("folderPath", ".+")])
    return spec({"/folders/{folderId}": {"get": by_id}, "/folders/{folderPath}": {"get": by_path}})


def test_paths_of_one_shape_are_each_compared_with_their_own_next_version() -> None:
    """A required parameter added to the first of two same-shaped paths is breaking, though the
    two are one URL once their variables' names are blanked."""
    archived = {"name": "archived", "in": "query", "required": True, "schema": {"type": "boolean"}}
    report = diff(_folders([]), _folders([archived]))
    assert rules(report) == {"request-parameter-added-required", "sdk-argument-added-required"}
    assert {c.operation for c in report.changes} == {"GET /folders/{folderId}"}
    assert rules(diff(_folders([]), _folders([]))) == set()


_METHOD_RULES = ("sdk-method-", "sdk-argument-")


def _replies(*media: str) -> Spec:
    answer = obj({"text": {"type": "string"}})
    body = json_body(obj({"prompt": {"type": "string"}, "stream": {"type": "boolean"}}))
    content = {name: {"schema": answer} for name in media}
    reply = operation(
        "reply", requestBody=body, responses={"200": {"description": "ok", "content": content}}
    )
    return spec({"/replies": {"post": reply}})


def test_an_events_twin_coming_and_going_is_a_method_added_and_removed() -> None:
    """A reply that may also be server-sent events gives the operation a `_stream` twin, and
    takes the body's `stream` flag out of its own method: both show in the SDK's changes."""
    json_only, both = (
        _replies("application/json"),
        _replies("application/json", "text/event-stream"),
    )
    added = [c for c in diff(json_only, both).changes if c.rule.startswith(_METHOD_RULES)]
    assert sorted((c.rule, c.message) for c in added) == [
        ("sdk-argument-removed", "client.replies.reply() lost the argument stream"),
        ("sdk-method-added", "client.replies.reply_stream() was added"),
    ]
    removed = [c for c in diff(both, json_only).changes if c.rule.startswith(_METHOD_RULES)]
    assert sorted((c.rule, c.message) for c in removed) == [
        (
            "sdk-argument-added-optional",
            "client.replies.reply() takes a new optional argument stream",
        ),
        ("sdk-method-removed", "client.replies.reply_stream() was removed"),
    ]


def _notes(*media: str, fields: dict[str, Any] | None = None) -> Spec:
    schema = obj(fields or {"text": {"type": "string"}})
    body = {"required": True, "content": {name: {"schema": schema} for name in media}}
    created = {"201": {"description": "created"}}
    return spec({"/notes": {"post": operation("create", requestBody=body, responses=created)}})


def test_a_method_of_an_alternative_body_is_diffed_like_any_other_method() -> None:
    """A form body beside the JSON one gives the operation `create_form`: a caller sees it come
    and go, and sees its own arguments change, apart from the JSON method's."""
    form = "application/x-www-form-urlencoded"
    json_only, both = _notes("application/json"), _notes("application/json", form)
    added = [c for c in diff(json_only, both).changes if c.rule.startswith(_METHOD_RULES)]
    assert [(c.rule, c.message) for c in added] == [
        ("sdk-method-added", "client.notes.create_form() was added")
    ]
    removed = [c for c in diff(both, json_only).changes if c.rule.startswith(_METHOD_RULES)]
    assert [(c.rule, c.message) for c in removed] == [
        ("sdk-method-removed", "client.notes.create_form() was removed")
    ]
    wider = _notes("application/json", form, fields={"text": {}, "tag": {"type": "string"}})
    grown = [c for c in diff(both, wider).changes if c.rule.startswith(_METHOD_RULES)]
    assert sorted((c.rule, c.message) for c in grown) == [
        ("sdk-argument-added-optional", "client.notes.create() takes a new optional argument tag"),
        (
            "sdk-argument-added-optional",
            "client.notes.create_form() takes a new optional argument tag",
        ),
        (
            "sdk-argument-type-widened",
            "client.notes.create() argument text annotation changed from str to Any",
        ),
        (
            "sdk-argument-type-widened",
            "client.notes.create_form() argument text annotation changed from str to Any",
        ),
    ]
