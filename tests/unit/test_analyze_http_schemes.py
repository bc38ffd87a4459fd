"""HTTP security schemes other than basic and bearer (`scheme: Token` as Django REST Framework
declares it, Sentry's `DSN`): the client takes the credential and sends `Authorization: <scheme>
<credential>` with the scheme as the spec spells it. A scheme that answers a challenge (digest)
is a warning naming how to send it; a name that is not an HTTP token is refused."""

from __future__ import annotations

from typing import Any

import pytest

from generator.analyze import analyze
from generator.config import default_config
from generator.errors import SpecError
from generator.ir import Api
from generator.views import credentials, security_settings

OK = {"200": {"description": "ok"}}


def _api(schemes: dict[str, Any], security: list[dict[str, Any]]) -> Api:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "security": security,
        "paths": {"/things": {"get": {"operationId": "listThings", "responses": OK}}},
        "components": {"securitySchemes": schemes},
    }
    return analyze(document, default_config("Demo", "demo.json"), file="demo.json")


def _schemes(api: Api) -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    return {
        s.name.unsafe_value: (s.kind, s.parameter and s.parameter.unsafe_value, s.credentials)
        for s in api.schemes
    }


def test_an_http_scheme_taking_one_credential_is_sent_with_its_name_as_spelt() -> None:
    schemes = {
        "tokenAuth": {"type": "http", "scheme": "Token"},
        "dsn": {"type": "http", "scheme": "DSN"},
        "jwt": {"type": "http", "scheme": "BEARER"},
    }
    api = _api(schemes, [{"tokenAuth": []}, {"dsn": []}, {"jwt": []}])
    assert _schemes(api) == {
        "tokenAuth": ("http", "Token", ("api_key",)),
        "dsn": ("http", "DSN", ("dsn",)),
        "jwt": ("bearer", None, ("jwt",)),  # bearer and basic stay what they were
    }
    assert api.security == (("tokenAuth",), ("dsn",), ("jwt",))
    assert api.problems == ()
    assert "SecurityScheme('http', 'Token')" in "\n".join(security_settings(api))
    rows = {str(row.name): (str(row.variable), str(row.use)) for row in credentials(api)}
    assert rows["api_key"] == (
        "DEMO_API_KEY",
        "a credential, sent in the `Authorization` header after the authentication scheme",
    )
    assert rows["dsn"][0] == "DEMO_DSN"


def test_two_such_schemes_in_one_alternative_clash_over_the_header() -> None:
    schemes = {"a": {"type": "http", "scheme": "Token"}, "b": {"type": "http", "scheme": "Key"}}
    (warning,) = [str(p) for p in _api(schemes, [{"a": [], "b": []}]).problems]
    assert "a and b both need the Authorization header" in warning


@pytest.mark.parametrize("name", ["digest", "Digest", "Negotiate", "SCRAM-SHA-256"])
def test_a_challenged_scheme_is_a_warning_that_says_why(name: str) -> None:
    api = _api({"login": {"type": "http", "scheme": name}}, [{"login": []}])
    assert api.schemes == ()
    (warning,) = [str(problem) for problem in api.problems]
    assert ": warning: " in warning and "#/components/securitySchemes/login" in warning
    assert f"http ({name})" in warning and "answers a challenge" in warning
    if name.lower() == "digest":
        assert "http_client=httpx.Client(auth=httpx.DigestAuth(...))" in warning


@pytest.mark.parametrize(
    "name",
    ["Token\r\nX-Admin: 1", "Token abc", "Tok:en", "Tökén", "Token\n", "(Token)"],
)
def test_a_scheme_name_that_is_not_an_http_token_is_refused_with_its_pointer(name: str) -> None:
    with pytest.raises(SpecError) as caught:
        _api({"tokenAuth": {"type": "http", "scheme": name}}, [{"tokenAuth": []}])
    message = str(caught.value)
    assert "demo.json#/components/securitySchemes/tokenAuth/scheme: error: " in message
    assert "is not a valid HTTP authentication scheme name" in message
