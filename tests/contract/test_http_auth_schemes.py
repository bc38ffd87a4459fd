"""An API that signs in with an HTTP scheme other than basic or bearer (Django REST Framework's
`Authorization: Token <key>`, Sentry's `DSN`): the client takes the credential as an argument or
from the environment, sends it after the scheme as the spec spells it, the fake client sends it
too, and `sdkgen verify` proves every operation that needs it."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.pipeline import generate_package
from generator.verify import verify_spec
from generator.verify.security import SECRET, security_violations
from generator.verify.wire import WireRequest
from tests.support.fault_server import FaultServer, Reply
from tests.support.packages import importable

ENTRY = {"type": "object", "properties": {"id": {"type": "string"}}}
OK = {
    "200": {
        "description": "the entry",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Entry"}}},
    }
}
SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Ledger", "version": "1"},
    "servers": [{"url": "https://api.ledger.example"}],
    "security": [{"tokenAuth": []}],
    "paths": {
        "/entries": {"get": {"operationId": "getEntry", "tags": ["entries"], "responses": OK}},
        "/events": {
            "post": {
                "operationId": "sendEvent",
                "tags": ["events"],
                "security": [{"sentryDsn": []}],
                "responses": {"204": {"description": "stored"}},
            }
        },
    },
    "components": {
        "schemas": {"Entry": ENTRY},
        "securitySchemes": {
            "tokenAuth": {"type": "http", "scheme": "Token"},
            "sentryDsn": {"type": "http", "scheme": "DSN"},
        },
    },
}
DATA = json.dumps(SPEC).encode()
PACKAGE = "ledger_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, Path]]:
    out = tmp_path_factory.mktemp("ledger") / "out"
    generate_package(DATA, "openapi.json", out)
    with importable(out, PACKAGE):
        yield importlib.import_module(PACKAGE), out


def test_each_call_sends_its_schemes_credential_after_the_scheme_as_spelt(
    generated: tuple[ModuleType, Path],
) -> None:
    ledger, _out = generated
    reply = Reply.json({"id": "e1"})
    with FaultServer() as server:
        server.enqueue(reply, Reply(status=204))
        client = ledger.Ledger(
            base_url=server.url, api_key="k-123", credentials={"sentry_dsn": "d-456"}
        )
        assert client.entries.get().id == "e1"
        client.events.send()
        sent = [request.headers.get("authorization") for request in server.requests]
    assert sent == ["Token k-123", "DSN d-456"]


def test_the_credential_is_read_from_the_environment(
    generated: tuple[ModuleType, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger, _out = generated
    monkeypatch.setenv("LEDGER_API_KEY", "from-env")
    with FaultServer() as server:
        server.enqueue(Reply.json({"id": "e1"}))
        ledger.Ledger(base_url=server.url).entries.get()
        (request,) = server.requests
    assert request.headers["authorization"] == "Token from-env"


def test_a_call_without_the_credential_is_refused_before_it_is_sent(
    generated: tuple[ModuleType, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger, _out = generated
    monkeypatch.delenv("LEDGER_API_KEY", raising=False)
    with FaultServer() as server:
        with pytest.raises(ledger.SDKError, match=r"api_key \(LEDGER_API_KEY\)"):
            ledger.Ledger(base_url=server.url, max_retries=0).entries.get()
        assert server.count == 0


def test_the_readme_names_each_credential_and_its_variable(
    generated: tuple[ModuleType, Path],
) -> None:
    _ledger, out = generated
    readme = (out / "README.md").read_text(encoding="utf-8")
    after = "a credential, sent in the `Authorization` header after the authentication scheme"
    assert f"| `api_key` | `LEDGER_API_KEY` | {after} Token (scheme tokenAuth) |" in readme
    assert f"| `sentry_dsn` | `LEDGER_SENTRY_DSN` | {after} DSN (scheme sentryDsn) |" in readme


def test_the_fake_client_sends_the_credential_it_makes_up(
    generated: tuple[ModuleType, Path],
) -> None:
    testing = importlib.import_module(f"{PACKAGE}.testing")
    client = testing.FakeLedger()
    client.entries.get()
    client.events.send()
    sent = [call.headers.get("authorization") for call in client.fake.calls]
    assert sent == ["Token fake-api-key", "DSN fake-sentry-dsn"]


def test_verify_proves_the_operations_that_need_the_scheme() -> None:
    result = verify_spec(DATA, "openapi.json", workers=1).result
    assert result.line() == "contract: ledger 2/2 operations", [f.line() for f in result.failures]


@pytest.mark.parametrize(
    ("authorization", "violations"),
    [
        (f"Token {SECRET}", []),
        (f"token {SECRET}", []),  # RFC 9110: the scheme name is case-insensitive
        (
            "Token someone-elses-key",
            ["the operation requires tokenAuth (an 'Authorization: Token ...' header)"],
        ),
        (
            f"Bearer {SECRET}",
            ["the operation requires tokenAuth (an 'Authorization: Token ...' header)"],
        ),
        (None, ["the operation requires tokenAuth (an 'Authorization: Token ...' header)"]),
    ],
)
def test_verify_wants_the_clients_own_credential_after_the_scheme(
    authorization: str | None, violations: list[str]
) -> None:
    """A client that sends another credential, or the right one under another scheme, fails."""
    headers = {} if authorization is None else {"authorization": authorization}
    request = WireRequest("GET", "/entries", headers, b"")
    operation = SPEC["paths"]["/entries"]["get"]
    found = security_violations(SPEC, operation, "/paths/~1entries/get", request)
    assert [violation.message for violation in found] == violations
