"""The validator is strict everywhere except the documented tolerances, and each one is needed.

The contract suite is only as good as its validator: these tests show that the mock server
rejects requests that break a contract (with the validator's message naming the field), that
`validation.OVERLAPPING_ONE_OF` is exactly the set of overlapping `oneOf`s found in the specs
(so a new one is a decision, never an accident), that the validated document differs from the
normalized spec nowhere else, and that the multipart and binary tolerances are needed (openapi-core
alone rejects conformant traffic) yet still catch what they are meant to catch.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from generator import jsonpointer
from tests import shared

from . import validation
from .contracts import API_KEY
from .mock_server import VIOLATION_STATUS, SpecMockServer
from .specs import ContractSpec, contract_specs, load
from .validation import (
    OVERLAPPING_ONE_OF,
    ContractValidator,
    OpenAPIRequest,
    overlapping_one_ofs,
    tolerated_pointers,
    validation_document,
)
from .wire import WireRequest

SERVER = "http://127.0.0.1:9"


def _spec(name: str) -> ContractSpec:
    spec = next(s for s in contract_specs() if s.name == name)
    shared.require(spec.path)
    return spec


# -- tolerance 1: overlapping oneOf -----------------------------------------------------------


def test_tolerated_one_ofs_are_exactly_the_overlapping_ones(contract_spec: ContractSpec) -> None:
    document = load(contract_spec).document
    overlapping = overlapping_one_ofs(document)
    tolerated = set(tolerated_pointers(document))
    unlisted = [
        f"{pointer}: {found.instance!r} (only what branch {found.branch} requires) is valid "
        f"under branches {found.valid_under}"
        for pointer, found in overlapping.items()
        if pointer not in tolerated
    ]
    assert not unlisted, (
        "oneOfs whose branches overlap, so strict validation rejects normal values; decide and "
        "list them in validation.OVERLAPPING_ONE_OF with a reason:\n" + "\n".join(unlisted)
    )
    assert tolerated <= set(overlapping), (
        f"listed as overlapping but their branches exclude each other: "
        f"{sorted(tolerated - set(overlapping))}"
    )


def test_every_listed_tolerance_applies_to_a_spec() -> None:
    specs = contract_specs()
    for spec in specs:
        shared.require(spec.path)  # some listed places live only in ../shared
    used = {pointer for spec in specs for pointer in tolerated_pointers(load(spec).document)}
    assert set(OVERLAPPING_ONE_OF) <= used, f"stale entries: {set(OVERLAPPING_ONE_OF) - used}"


def test_validation_document_differs_only_where_tolerated(contract_spec: ContractSpec) -> None:
    document = load(contract_spec).document
    validated = validation_document(document, SERVER)
    assert validated["servers"] == [{"url": SERVER}]
    restored = copy.deepcopy(validated)
    if "servers" in document:
        restored["servers"] = document["servers"]
    else:
        del restored["servers"]
    for pointer in sorted(tolerated_pointers(document), key=len):  # parents before children
        node = jsonpointer.resolve(restored, pointer)
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
RAG_TOOL = {
    "name": "search_docs",
    "description": "Search the docs",
    "type": "SERVER_RAG",
    "config": {"documentFolderIds": ["67d27a9f-0ce1-4432-848b-8ab2b97f024b"]},
}
NORMAL_REQUESTS = (
    [
        (spec, "/v1/auth/session-token", {"personaConfig": config}, "personaConfig")
        for spec in ("anam", "anam-older", "anam-newer")
        for config in ({}, SEED_PERSONA)
    ]
    + [
        (spec, "/v1/personas", {"voiceGenerationOptions": SEED_VOICE}, "voiceGenerationOptions")
        for spec in ("anam", "anam-newer")
    ]
    + [("anam-newer", "/v1/tools", RAG_TOOL, "config")]
)


@pytest.mark.parametrize(
    ("name", "path", "body", "where"),
    NORMAL_REQUESTS,
    ids=[f"{n}:{p}:{w}:{len(b[w])}" for n, p, b, w in NORMAL_REQUESTS],
)
def test_strict_one_of_rejects_normal_requests(
    name: str, path: str, body: dict[str, Any], where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why tolerance 1 exists: read strictly, these specs forbid what every caller sends."""
    document = load(_spec(name)).document
    tolerant = ContractValidator(document, SERVER, check_spec=False)
    request = _json_request("POST", path, body)
    route = tolerant.route(request)
    assert not isinstance(route, str)
    assert tolerant.request_errors(request, route) == []
    monkeypatch.setattr(validation, "OVERLAPPING_ONE_OF", {})
    strict = ContractValidator(document, SERVER, check_spec=False)
    rejected = strict.request_errors(request, route)
    assert any(f"{where}:" in e and "is valid under each of" in e for e in rejected), rejected


def test_one_ofs_that_exclude_each_other_stay_strict() -> None:
    """`personaId` xor `personaConfig` is a real rule of the meetings API, and is enforced."""
    validator = ContractValidator(load(_spec("anam-newer")).document, SERVER, check_spec=False)
    both = {
        "meetingUrl": "https://meet.google.com/abc",
        "personaConfig": {"name": "Cara"},
        "personaId": "071b0286-4cce-4808-bee2-e642f1062de3",
    }
    request = _json_request("POST", "/v1/meetings/invites", both)
    route = validator.route(request)
    assert not isinstance(route, str)
    assert any("[oneOf]" in error for error in validator.request_errors(request, route))
    del both["personaConfig"]
    assert (
        validator.request_errors(_json_request("POST", "/v1/meetings/invites", both), route) == []
    )


# -- the mock server rejects what breaks the contract -----------------------------------------


@pytest.fixture(scope="module")
def anam_mock() -> Iterator[SpecMockServer]:
    with SpecMockServer(load(_spec("anam")).document) as server:
        yield server


AUTH = {"Authorization": f"Bearer {API_KEY}"}
VALID_TOKEN_REQUEST = {"clientLabel": "web", "personaConfig": {"name": "Cara"}}


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "names"),
    [
        (
            "POST",
            "/v1/auth/session-token",
            {"json": {"clientLabel": 5}, "headers": AUTH},
            ["request body", "clientLabel", "is not of type 'string'"],
        ),
        (
            "POST",
            "/v1/auth/session-token",
            {"json": VALID_TOKEN_REQUEST},
            ["BearerAuth", "Authorization"],
        ),
        (
            "POST",
            "/v1/auth/session-token",
            {"content": b"clientLabel=web", "headers": {**AUTH, "Content-Type": "text/plain"}},
            ["text/plain"],
        ),
        (
            "POST",
            "/v1/auth/session-token?debug=1",
            {"json": VALID_TOKEN_REQUEST, "headers": AUTH},
            ["query parameter 'debug' is not declared"],
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
    ids=["wrong-type", "no-auth", "content-type", "undeclared-query", "enum", "path", "method"],
)
def test_mock_rejects_contract_breaks_with_the_validators_message(
    anam_mock: SpecMockServer, method: str, path: str, kwargs: dict[str, Any], names: list[str]
) -> None:
    anam_mock.clear()
    response = httpx.request(method, anam_mock.url + path, **kwargs)
    assert response.status_code == VIOLATION_STATUS
    (exchange,) = anam_mock.exchanges
    message = "\n".join(exchange.violations)
    assert response.json() == {"contractViolations": list(exchange.violations)}
    for name in names:
        assert name in message, f"{name!r} not in {message!r}"


def test_mock_answers_conformant_requests_with_valid_replies(anam_mock: SpecMockServer) -> None:
    anam_mock.clear()
    response = httpx.post(
        anam_mock.url + "/v1/auth/session-token", json=VALID_TOKEN_REQUEST, headers=AUTH
    )
    assert response.status_code == 200
    (exchange,) = anam_mock.exchanges
    assert exchange.violations == () and exchange.reply_violations == ()
    assert exchange.route is not None and exchange.route.key == "POST /v1/auth/session-token"
    assert exchange.reply is not None and response.json() == exchange.reply.data
    with anam_mock.respond_with(401):
        denied = httpx.post(
            anam_mock.url + "/v1/auth/session-token", json=VALID_TOKEN_REQUEST, headers=AUTH
        )
    assert denied.status_code == 401
    assert anam_mock.exchanges[-1].reply_violations == ()


# -- tolerances 2 and 3: multipart bodies, binary replies -------------------------------------

MINI_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "mini", "version": "1"},
    "paths": {
        "/uploads/{id}": {
            "post": {
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file", "count"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary"},
                                    "count": {"type": "integer"},
                                    "flag": {"type": "boolean"},
                                    "note": {"type": "string"},
                                },
                            }
                        }
                    },
                },
                "responses": {"201": {"description": "stored"}},
            }
        },
        "/uploads/{id}/raw": {
            "put": {
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/octet-stream": {
                            "schema": {"type": "string", "format": "binary"}
                        }
                    },
                },
                "responses": {"204": {"description": "stored"}},
            }
        },
        "/audio": {
            "get": {
                "responses": {
                    "200": {
                        "description": "audio",
                        "content": {
                            "audio/mpeg": {"schema": {"type": "string", "format": "binary"}}
                        },
                    }
                }
            }
        },
    },
}


def _multipart(*parts: tuple[str, str | None, bytes]) -> WireRequest:
    boundary = "b0undary"
    chunks = []
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        chunks.append(
            f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + data + b"\r\n"
        )
    body = b"".join(chunks) + f"--{boundary}--\r\n".encode()
    headers = {"content-type": f"multipart/form-data; boundary={boundary}"}
    return WireRequest("POST", "/uploads/a%2Fb", headers, body)


GOOD_UPLOAD = (
    ("file", "a.bin", b"\x00\xff raw"),
    ("count", None, b"3"),
    ("flag", None, b"true"),
    ("note", None, b"hello"),
)


def test_multipart_tolerance_accepts_what_openapi_core_alone_rejects() -> None:
    validator = ContractValidator(MINI_SPEC, SERVER, check_spec=False)
    request = _multipart(*GOOD_UPLOAD)
    route = validator.route(request)
    assert not isinstance(route, str) and route.variables == {"id": "a/b"}
    assert validator.request_errors(request, route) == []
    alone = [
        str(e.__cause__)
        for e in validator.app.request_validator.iter_errors(
            OpenAPIRequest(request, validator.host_url, route.variables)
        )
    ]
    assert any("is not of type 'string'" in e for e in alone)  # openapi-core issue #854
    assert any("'3' is not of type 'integer'" in e for e in alone)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((("file", None, b"raw"), ("count", None, b"3")), "sent as a plain field"),
        ((("file", "a.bin", b"raw"), ("count", None, b"three")), "'three' is not of type"),
        (
            (("file", "a.bin", b"raw"), ("count", None, b"3"), ("extra", None, b"x")),
            "'extra' is not declared",
        ),
        ((("file", "a.bin", b"raw"), ("count", "c.txt", b"3")), "'count' was sent as a file"),
        ((("count", None, b"3"),), "'file' is a required property"),
    ],
    ids=["file-as-field", "not-an-integer", "undeclared-part", "field-as-file", "missing-file"],
)
def test_multipart_tolerance_still_rejects_broken_bodies(
    parts: tuple[tuple[str, str | None, bytes], ...], expected: str
) -> None:
    validator = ContractValidator(MINI_SPEC, SERVER, check_spec=False)
    request = _multipart(*parts)
    route = validator.route(request)
    assert not isinstance(route, str)
    errors = validator.request_errors(request, route)
    assert any(expected in error for error in errors), errors


def test_raw_binary_bodies_are_checked_for_media_type_only() -> None:
    validator = ContractValidator(MINI_SPEC, SERVER, check_spec=False)
    raw = WireRequest(
        "PUT", "/uploads/x/raw", {"content-type": "application/octet-stream"}, b"\x00\xff raw"
    )
    route = validator.route(raw)
    assert not isinstance(route, str)
    assert validator.request_errors(raw, route) == []
    alone = list(
        validator.app.request_validator.iter_errors(
            OpenAPIRequest(raw, validator.host_url, route.variables)
        )
    )
    assert any("is not of type 'string'" in str(e.__cause__) for e in alone)  # issue #854
    text = WireRequest("PUT", "/uploads/x/raw", {"content-type": "text/plain"}, b"raw")
    assert any("text/plain" in e for e in validator.request_errors(text, route))


def test_binary_replies_are_checked_for_status_and_media_type_only() -> None:
    validator = ContractValidator(MINI_SPEC, SERVER, check_spec=False)
    request = WireRequest("GET", "/audio", {}, b"")
    route = validator.route(request)
    assert not isinstance(route, str)
    audio = b"\xff\xfb\x90\x00mp3"
    assert (
        validator.response_errors(request, route, 200, {"content-type": "audio/mpeg"}, audio) == []
    )
    assert validator.response_errors(request, route, 200, {"content-type": "image/png"}, audio)
    assert validator.response_errors(request, route, 404, {"content-type": "audio/mpeg"}, audio)


def _json_request(method: str, path: str, body: object) -> WireRequest:
    headers = {"content-type": "application/json", "authorization": f"Bearer {API_KEY}"}
    return WireRequest(method, path, headers, json.dumps(body).encode())
