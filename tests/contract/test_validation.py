"""The validator is strict everywhere except the listed tolerances, and each one is needed.

The harness is only as good as its validator: these tests show that the mock server rejects
requests that break a contract (with a message naming the field and the spec's pointer), that
overlapping `oneOf`s, and only those, are validated as `anyOf`, that the validated document
differs from the normalized spec nowhere else, and that where the harness reads the wire itself
instead of openapi-core, openapi-core alone would indeed judge conformant traffic wrongly.
"""

from __future__ import annotations

import copy
import json
import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest

from generator import jsonpointer
from generator.verify import document as validation
from generator.verify import tolerances
from generator.verify.closed import ClosedComposition
from generator.verify.document import validation_document
from generator.verify.mock import VIOLATION_STATUS, SpecMockServer
from generator.verify.schemas import SchemaChecker
from generator.verify.security import SECRET
from generator.verify.source import spec_document
from generator.verify.tolerances import UnusableDiscriminator, overlapping_one_ofs
from generator.verify.validation import ContractValidator
from generator.verify.wire import WireRequest
from tests import shared

from .specs import ContractSpec, contract_specs, load

SERVER = "http://127.0.0.1:9"
_SESSION_TOKEN = (
    "/paths/~1v1~1auth~1session-token/post/requestBody/content/application~1json/schema"
)
# The places of the newer Anam capture whose branches overlap, as people read them: four voice
# provider option objects with all-optional, partly shared properties and no discriminator; two
# persona configs that require and forbid nothing; tool configs next to a ClientToolConfig that
# allows anything; a validation error that is another error plus two fields.
ANAM_OVERLAPS = {
    f"{_SESSION_TOKEN}/properties/personaConfig",
    f"{_SESSION_TOKEN}/properties/personaConfig/oneOf/0/properties/voiceGenerationOptions",
    "/paths/~1v1~1personas/post/requestBody/content/application~1json/schema/properties/"
    "voiceGenerationOptions",
    "/paths/~1v1~1personas~1{id}/put/requestBody/content/application~1json/schema/properties/"
    "voiceGenerationOptions",
    "/components/schemas/Persona/properties/voiceGenerationOptions",
    "/components/schemas/MeetingInvitePersonaConfig/properties/voiceGenerationOptions",
    "/paths/~1v1~1tools/post/requestBody/content/application~1json/schema/properties/config",
    "/paths/~1v1~1tools~1{id}/put/requestBody/content/application~1json/schema/properties/config",
    "/paths/~1v1~1meetings~1invites/post/responses/400/content/application~1json/schema",
}


def _spec(name: str) -> ContractSpec:
    spec = next(s for s in contract_specs() if s.name == name)
    shared.require(spec.path)
    return spec


def _validator(document: dict[str, Any]) -> ContractValidator:
    return ContractValidator(validation_document(document, SERVER, SERVER), SERVER)


# -- tolerance 7: overlapping oneOf -----------------------------------------------------------


def test_the_overlapping_one_ofs_of_anam_are_found() -> None:
    found = {place.pointer for place in overlapping_one_ofs(load(_spec("anam-newer")).document)}
    assert found == ANAM_OVERLAPS


def test_only_overlapping_one_ofs_are_relaxed() -> None:
    choice = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}
    document = {
        "openapi": "3.0.3",
        "components": {
            "schemas": {
                "Overlapping": {"oneOf": [{"type": "object"}, {"type": "object"}]},
                "Exclusive": {**choice, "oneOf": [{"required": ["a"]}, {"required": ["b"]}]},
                "Discriminated": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/A"},
                        {"$ref": "#/components/schemas/B"},
                    ],
                    "discriminator": {"propertyName": "kind"},
                },
                "A": {"type": "object", "properties": {"kind": {"type": "string"}}},
                "B": {"type": "object", "properties": {"kind": {"type": "string"}}},
            }
        },
    }
    found = [place.pointer for place in overlapping_one_ofs(document)]
    assert found == ["/components/schemas/Overlapping"]
    relaxed = validation_document(document, SERVER, SERVER).document["components"]["schemas"]
    assert "anyOf" in relaxed["Overlapping"] and "oneOf" not in relaxed["Overlapping"]
    assert "oneOf" in relaxed["Exclusive"] and "oneOf" in relaxed["Discriminated"]


def _tagged(kind: str | dict[str, Any]) -> dict[str, Any]:
    """An object tagged by a required `kind` (a `const`, or any schema)."""
    tag = {"const": kind} if isinstance(kind, str) else kind
    return {"type": "object", "required": ["kind"], "properties": {"kind": tag}}


@pytest.mark.parametrize(
    ("branches", "overlap"),
    [
        ([{"const": "TYPING_START"}, {"const": "INVITE_CREATE"}], False),
        ([{"enum": ["a", "b"]}, {"enum": ["c"]}], False),
        ([{"enum": ["a", "b"]}, {"enum": ["b", "c"]}], True),
        ([{"const": 1}, {"const": 1.0}], True),  # JSON has one number 1
        ([{"const": True}, {"const": 1}], False),  # and `true` is not it
        ([{"type": "string"}, {"type": "object"}], False),
        ([{"type": "integer"}, {"type": "number"}], True),
        ([{"type": ["string", "null"]}, {"type": "null"}], True),
        ([{"$ref": "#/components/schemas/Id"}, {"type": "integer"}], False),
        ([{"$ref": "#/components/schemas/Id"}, {"type": "string", "minLength": 2}], True),
        ([_tagged("a"), _tagged("b")], False),
        ([_tagged("a"), _tagged("a")], True),
        ([_tagged("a"), _tagged({"$ref": "#/components/schemas/Id"})], True),
        ([_tagged("a"), {"type": "object", "properties": {"kind": {"type": "string"}}}], True),
    ],
)
def test_branches_that_share_no_type_or_value_stay_strict(
    branches: list[dict[str, Any]], overlap: bool
) -> None:
    """Disjoint `type`s or `const`/`enum` values, there or in a property both require, are known
    not to overlap without building a value; everything else is still decided by a value."""
    document = {
        "openapi": "3.1.0",
        "components": {"schemas": {"Choice": {"oneOf": branches}, "Id": {"type": "string"}}},
    }
    found = [place.pointer for place in overlapping_one_ofs(document)]
    assert found == (["/components/schemas/Choice"] if overlap else [])


def test_knowing_branches_disjoint_changes_no_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    """Discord's spec has hundreds of `oneOf`s, many of one `const` per name: the places found
    are the same when every branch is tried with a value."""
    path = shared.require(shared.SHARED / "corpus" / "discord.json")
    document = spec_document(path.read_bytes(), str(path))
    quick = overlapping_one_ofs(copy.deepcopy(document))
    monkeypatch.setattr(tolerances._Reach, "disjoint", lambda self, other: False)
    assert overlapping_one_ofs(document) == quick


def test_validation_document_differs_only_where_listed(contract_spec: ContractSpec) -> None:
    document = load(contract_spec).document
    validated = validation_document(document, SERVER, "https://api.example.com/v1")
    assert validated.document["servers"] == [{"url": SERVER + "/__origin/api.example.com/v1"}]
    assert validated.document["openapi"] == "3.1.0"
    restored = copy.deepcopy(validated.document)
    for key in ("servers", "openapi"):
        if key in document:
            restored[key] = document[key]
        else:
            del restored[key]
    for place in sorted(validated.relaxed, key=lambda p: len(p.pointer)):  # parents first
        node = jsonpointer.resolve(restored, place.pointer)
        if isinstance(place, UnusableDiscriminator):
            node["discriminator"] = jsonpointer.resolve(document, place.pointer)["discriminator"]
        elif isinstance(place, ClosedComposition):
            node["allOf"] = list(place.members)
            del node["unevaluatedProperties"]
            if place.closed_itself:
                node["additionalProperties"] = False
        else:
            node["oneOf"] = node.pop("anyOf")
    assert restored == document


# The persona config and voice options of the seed's curl example (../shared/seeds/000_*).
SEED_PERSONA = {
    "name": "Cara",
    "avatarId": "30fa96d0-26c4-4e55-94a0-517025942e18",
    "voiceId": "6bfbe25a-979d-40f3-a92b-5394170af54b",
    "llmId": "7736a22f-2d79-4720-952c-25fdca55ad40",
    "systemPrompt": "You are a helpful assistant",
}
SEED_VOICE = {"stability": 0.5, "similarityBoost": 0, "speed": 1}
NORMAL_REQUESTS = [
    (spec, "/v1/auth/session-token", {"personaConfig": config}, "personaConfig")
    for spec in ("anam", "anam-older", "anam-newer")
    for config in ({}, SEED_PERSONA)
] + [
    (spec, "/v1/personas", {"voiceGenerationOptions": SEED_VOICE}, "voiceGenerationOptions")
    for spec in ("anam", "anam-newer")
]


@pytest.mark.parametrize(
    ("name", "path", "body", "where"),
    NORMAL_REQUESTS,
    ids=[f"{n}:{p}:{w}:{len(b[w])}" for n, p, b, w in NORMAL_REQUESTS],
)
def test_strict_one_of_rejects_normal_requests(
    name: str, path: str, body: dict[str, Any], where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why tolerance 7 exists: read strictly, these specs forbid what every caller sends."""
    document = load(_spec(name)).document
    tolerant = _validator(document)
    request = _json_request("POST", path, body)
    route = tolerant.route(request)
    assert not isinstance(route, str)
    assert tolerant.request_violations(request, route) == []
    monkeypatch.setattr(validation, "overlapping_one_ofs", lambda document: [])
    rejected = [str(v) for v in _validator(document).request_violations(request, route)]
    assert any(f"{where}:" in e and "is valid under each of" in e for e in rejected), rejected


def test_one_ofs_that_exclude_each_other_stay_strict() -> None:
    """`personaId` xor `personaConfig` is a real rule of the meetings API, and is enforced."""
    validator = _validator(load(_spec("anam-newer")).document)
    both = {
        "meetingUrl": "https://meet.google.com/abc",
        "personaConfig": {"name": "Cara"},
        "personaId": "071b0286-4cce-4808-bee2-e642f1062de3",
    }
    request = _json_request("POST", "/v1/meetings/invites", both)
    route = validator.route(request)
    assert not isinstance(route, str)
    violations = validator.request_violations(request, route)
    assert any("[oneOf]" in str(v) for v in violations)
    del both["personaConfig"]
    request = _json_request("POST", "/v1/meetings/invites", both)
    assert validator.request_violations(request, route) == []


# -- the mock server rejects what breaks the contract -----------------------------------------


@pytest.fixture(scope="module")
def anam_mock() -> Iterator[SpecMockServer]:
    spec = _spec("anam")
    with SpecMockServer(load(spec).document, "https://api.anam.ai") as server:
        yield server


AUTH = {"Authorization": f"Bearer {SECRET}"}
VALID_TOKEN_REQUEST = {"clientLabel": "web", "personaConfig": {"name": "Cara"}}
TOKEN_BODY = f"#{_SESSION_TOKEN}"


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "names"),
    [
        (
            "POST",
            "/v1/auth/session-token",
            {"json": {"clientLabel": 5}, "headers": AUTH},
            ["body/clientLabel", "is not of type 'string'", f"{TOKEN_BODY}/properties/clientLabel"],
        ),
        (
            "POST",
            "/v1/auth/session-token",
            {"json": VALID_TOKEN_REQUEST},
            ["BearerAuth", "Authorization", "#/security"],
        ),
        (
            "POST",
            "/v1/auth/session-token",
            {"json": VALID_TOKEN_REQUEST, "headers": {"Authorization": "Bearer someone-else"}},
            ["BearerAuth"],
        ),
        (
            "POST",
            "/v1/auth/session-token",
            {"content": b"clientLabel=web", "headers": {**AUTH, "Content-Type": "text/plain"}},
            ["text/plain", "is not one of"],
        ),
        (
            "POST",
            "/v1/auth/session-token?debug=1",
            {"json": VALID_TOKEN_REQUEST, "headers": AUTH},
            ["query parameter 'debug'", "is not declared"],
        ),
        (
            "POST",
            "/v1/personas",
            {"json": {"avatarModel": "cara-9"}, "headers": AUTH},
            ["avatarModel", "is not one of"],
        ),
        ("POST", "/v1/auth/session-tokens", {"json": {}, "headers": AUTH}, ["PathNotFound"]),
        ("GET", "/v1/auth/session-token", {"headers": AUTH}, ["OperationNotFound"]),
    ],
    ids=[
        "wrong-type",
        "no-auth",
        "wrong-key",
        "content-type",
        "undeclared-query",
        "enum",
        "path",
        "method",
    ],
)
def test_mock_rejects_contract_breaks_naming_field_and_pointer(
    anam_mock: SpecMockServer, method: str, path: str, kwargs: dict[str, Any], names: list[str]
) -> None:
    anam_mock.clear()
    response = httpx.request(method, anam_mock.url + path, **kwargs)
    assert response.status_code == VIOLATION_STATUS
    (exchange,) = anam_mock.exchanges
    message = "\n".join(f"{v} (at #{v.pointer})" for v in exchange.violations)
    assert response.json() == {"contractViolations": [str(v) for v in exchange.violations]}
    for name in names:
        assert name in message, f"{name!r} not in {message!r}"


def test_mock_answers_conformant_requests_with_valid_replies(anam_mock: SpecMockServer) -> None:
    anam_mock.clear()
    url = anam_mock.url + "/v1/auth/session-token"
    response = httpx.post(url, json=VALID_TOKEN_REQUEST, headers=AUTH)
    assert response.status_code == 200
    (exchange,) = anam_mock.exchanges
    assert exchange.violations == () and exchange.reply_violations == ()
    assert exchange.route is not None and exchange.route.key == "POST /v1/auth/session-token"
    assert exchange.reply is not None and response.json() == exchange.reply.data
    with anam_mock.respond_with(401):
        denied = httpx.post(url, json=VALID_TOKEN_REQUEST, headers=AUTH)
    assert denied.status_code == 401
    assert anam_mock.exchanges[-1].reply_violations == ()


# -- where openapi-core alone would judge real traffic wrongly --------------------------------

GAPS: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "gaps", "version": "1"},
    "servers": [{"url": SERVER}],
    "paths": {
        "/things": {
            "post": {
                "security": [{"OAuth": []}],
                "parameters": [
                    {"name": "n", "in": "query", "schema": {"type": ["integer", "null"]}},
                    {
                        "name": "ids",
                        "in": "query",
                        "style": "spaceDelimited",
                        "explode": False,
                        "schema": {"type": "array", "items": {"type": "integer"}},
                    },
                ],
                "requestBody": {
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file", "count"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary"},
                                    "count": {"type": "integer"},
                                },
                            }
                        }
                    }
                },
                "responses": {"204": {"description": "stored"}},
            }
        }
    },
    "components": {
        "securitySchemes": {
            "OAuth": {
                "type": "oauth2",
                "flows": {"clientCredentials": {"tokenUrl": "/token", "scopes": {}}},
            }
        }
    },
}
BOUNDARY = "b0undary"
MULTIPART = (
    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n'
    f'\x00raw\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name="count"\r\n\r\n3\r\n'
    f"--{BOUNDARY}--\r\n"
).encode("latin-1")
MULTIPART_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def _without_type_lists() -> dict[str, Any]:
    """GAPS without the parameter openapi-core cannot read, to see what else it does."""
    document = copy.deepcopy(GAPS)
    del document["paths"]["/things"]["post"]["parameters"][0]
    return document


def _openapi_core_errors(
    query: str, headers: dict[str, str], body: bytes, document: dict[str, Any] = GAPS
) -> list[str]:
    app = OpenAPI.from_dict(document, config=Config(spec_validator_cls=None))
    request = MockRequest(
        SERVER,
        "post",
        "/things",
        args=dict(item.split("=") for item in query.split("&")) if query else None,
        headers=headers,
        data=body,
        content_type=headers.get("content-type", "application/json"),
    )
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        try:
            found = [f"{e} {e.__cause__}" for e in app.request_validator.iter_errors(request)]
        except Exception as crash:  # openapi-core cannot read the request at all
            found = [f"crash: {type(crash).__name__}: {crash}"]
    return found + [f"warning: {warning.message}" for warning in warned]


def _ours(query: str, headers: dict[str, str], body: bytes) -> list[str]:
    request = WireRequest("POST", f"/things?{query}" if query else "/things", headers, body)
    validator = _validator(GAPS)
    route = validator.route(request)
    assert not isinstance(route, str)
    return [str(v) for v in validator.request_violations(request, route)]


CONFORMANT = {"content-type": MULTIPART_TYPE, "authorization": f"Bearer {SECRET}"}


def test_type_list_parameters_crash_openapi_core_and_are_read_here() -> None:
    assert any("crash: TypeError" in e for e in _openapi_core_errors("n=5", CONFORMANT, MULTIPART))
    assert _ours("n=5", CONFORMANT, MULTIPART) == []
    assert any("'x' is not of type" in e for e in _ours("n=x", CONFORMANT, MULTIPART))


def test_space_delimited_arrays_are_read_as_the_spec_writes_them() -> None:
    errors = _openapi_core_errors("ids=1 2", CONFORMANT, MULTIPART, _without_type_lists())
    assert any("Failed to cast value to integer type: 1 2" in e for e in errors)
    assert _ours("ids=1%202", CONFORMANT, MULTIPART) == []
    assert any("'x' is not of type" in e for e in _ours("ids=1%20x", CONFORMANT, MULTIPART))


def test_multipart_files_and_text_parts_are_read_here() -> None:
    core = _openapi_core_errors("", CONFORMANT, MULTIPART, _without_type_lists())
    assert any("is not of type" in e for e in core)  # openapi-core issue #854
    assert _ours("", CONFORMANT, MULTIPART) == []


def test_oauth2_needs_the_token_here_though_openapi_core_accepts_anything() -> None:
    anonymous = {"content-type": MULTIPART_TYPE}
    core = _openapi_core_errors("", anonymous, MULTIPART, _without_type_lists())
    assert "warning: Unsupported scheme type" in core
    assert not any("Security" in e for e in core)
    assert any("OAuth" in e and "Bearer" in e for e in _ours("", anonymous, MULTIPART))


def _json_request(method: str, path: str, body: object) -> WireRequest:
    headers = {"content-type": "application/json", "authorization": f"Bearer {SECRET}"}
    return WireRequest(method, path, headers, json.dumps(body).encode())


def test_a_discriminator_that_cannot_pick_a_branch_is_left_out() -> None:
    """PagerDuty's runners: `runner_type` is `sidecar` or `runbook`, never a schema's name."""
    kinds = {"sidecar": "Sidecar", "runbook": "Runbook"}
    schemas = {
        name: {
            "type": "object",
            "required": ["runner_type"],
            "properties": {"runner_type": {"type": "string", "enum": [kind]}},
        }
        for kind, name in kinds.items()
    }
    runner = {
        "oneOf": [{"$ref": f"#/components/schemas/{name}"} for name in kinds.values()],
        "discriminator": {"propertyName": "runner_type"},
    }
    document = {"openapi": "3.1.0", "components": {"schemas": {**schemas, "Runner": runner}}}
    validated = validation_document(document, SERVER, SERVER)
    (place,) = validated.relaxed
    assert isinstance(place, UnusableDiscriminator)
    assert place.pointer == "/components/schemas/Runner" and place.value == "Sidecar"
    checker = SchemaChecker(validated.document)
    schema = {"$ref": "#/components/schemas/Runner"}
    assert checker.is_valid(schema, {"runner_type": "runbook"})
    assert not checker.is_valid(schema, {"runner_type": "other"})
    assert not SchemaChecker(document).is_valid(schema, {"runner_type": "runbook"})


def test_an_all_of_closed_by_additional_properties_is_closed_over_all_its_members() -> None:
    """AssemblyAI's shapes: a closed composite of a base and an extension, and replies made of
    a closed base and a closed extension. As written no object is valid; as meant, every
    member's property is, and a key no member declares is not."""
    base = {
        "type": "object",
        "additionalProperties": False,
        "required": ["request_id"],
        "properties": {"request_id": {"type": "string"}},
    }
    extension = {
        "type": "object",
        "additionalProperties": False,
        "required": ["response"],
        "properties": {"response": {"type": "string"}},
    }
    params = {
        "type": "object",
        "additionalProperties": False,
        "allOf": [
            {"$ref": "#/components/schemas/Optional"},
            {"required": ["audio_url"], "properties": {"audio_url": {"type": "string"}}},
        ],
    }
    optional = {"type": "object", "properties": {"punctuate": {"type": "boolean"}}}
    schemas = {
        "Base": base,
        "Reply": {"allOf": [{"$ref": "#/components/schemas/Base"}, extension]},
        "Optional": optional,
        "Params": params,
    }
    document = {"openapi": "3.1.0", "components": {"schemas": schemas}}
    validated = validation_document(document, SERVER, SERVER)
    assert {(p.pointer, p.closed_itself) for p in validated.relaxed} == {
        ("/components/schemas/Reply", False),
        ("/components/schemas/Params", True),
    }
    checker, literal = SchemaChecker(validated.document), SchemaChecker(document)
    reply, params_ref = (
        {"$ref": "#/components/schemas/Reply"},
        {"$ref": "#/components/schemas/Params"},
    )
    answer = {"request_id": "r-1", "response": "text"}
    body = {"audio_url": "https://example.org/a.mp3", "punctuate": True}
    assert checker.is_valid(reply, answer) and not literal.is_valid(reply, answer)
    assert checker.is_valid(params_ref, body) and not literal.is_valid(params_ref, body)
    assert not checker.is_valid(reply, {**answer, "reponse": "misspelt"})
    assert not checker.is_valid(params_ref, {**body, "punctuation": True})
    assert not checker.is_valid(params_ref, {"punctuate": True})  # still required
    # the base is still closed where it stands alone
    base_ref = {"$ref": "#/components/schemas/Base"}
    assert not checker.is_valid(base_ref, answer)
    assert checker.is_valid(base_ref, {"request_id": "r-1"})


def test_refs_into_a_relaxed_one_of_follow_its_branches() -> None:
    branches = [{"type": "object"}, {"type": "object", "properties": {"a": {"type": "string"}}}]
    document = {
        "openapi": "3.1.0",
        "components": {
            "schemas": {
                "Either": {"oneOf": branches},
                "Second": {"$ref": "#/components/schemas/Either/oneOf/1"},
            }
        },
    }
    validated = validation_document(document, SERVER, SERVER).document
    second = validated["components"]["schemas"]["Second"]
    assert second == {"$ref": "#/components/schemas/Either/anyOf/1"}
    assert not SchemaChecker(validated).is_valid({"$ref": "#/components/schemas/Second"}, {"a": 1})


def _hierarchy() -> dict[str, Any]:
    """Springdoc's class hierarchy: the subclass repeats the base's discriminator, whose
    mapping names the subclass itself."""
    discriminator = {"propertyName": "kind", "mapping": {"dog": "#/components/schemas/Dog"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Pets", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Pet": {
                    "type": "object",
                    "required": ["kind"],
                    "properties": {"kind": {"type": "string"}},
                    "discriminator": discriminator,
                },
                "Dog": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Pet"},
                        {"type": "object", "properties": {"bark": {"type": "integer"}}},
                    ],
                    "discriminator": discriminator,
                },
            }
        },
    }


@pytest.mark.parametrize("direction", [None, "request", "response"])
def test_a_discriminator_whose_tag_names_the_schema_being_checked_validates_its_members(
    direction: Any,
) -> None:
    checker = SchemaChecker(_hierarchy(), direction)
    dog = {"$ref": "#/components/schemas/Dog"}
    assert checker.violations(dog, {"kind": "dog", "bark": 3}) == []
    [violation] = checker.violations(dog, {"kind": "dog", "bark": "loud"})
    assert violation.where == "bark"


def test_a_remembered_verdict_is_never_given_to_a_value_of_another_type() -> None:
    """Verdicts are kept per (schema, value): values that print or compare alike but that
    JSON Schema's types tell apart still get verdicts of their own, in either order."""
    document: dict[str, Any] = {"components": {"schemas": {"Tags": {"type": "array"}}}}
    tags = {"$ref": "#/components/schemas/Tags"}
    cases = [
        ({"type": "integer"}, 1, True),
        ({"type": "integer"}, True, False),  # a boolean is no integer, though `True == 1`
        ({"type": "string"}, "a", True),
        ({"type": "string"}, b"a", False),
        (tags, ["a"], True),
        (tags, ("a",), False),  # a tuple is no JSON array
    ]
    for order in (cases, cases[::-1]):
        checker = SchemaChecker(copy.deepcopy(document))
        for _ in range(2):  # the second round answers from what the first found
            for schema, value, valid in order:
                assert checker.is_valid(schema, value) is valid, (schema, value)
                assert (checker.violations(schema, value) == []) is valid, (schema, value)


def test_a_value_found_invalid_before_still_gets_its_violations_named() -> None:
    checker = SchemaChecker({})
    schema = {"type": "object", "required": ["id"]}
    assert not checker.is_valid(schema, {})
    assert [str(v) for v in checker.violations(schema, {}, "/components/schemas/X")] == [
        "<root>: 'id' is a required property [required]"
    ]
