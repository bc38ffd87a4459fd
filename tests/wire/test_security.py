"""Each operation sends the credentials its own `security` asks for, and nothing it does not."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.fault_server import FaultServer, Reply

from .conftest import PROBLEMS

NO_CONTENT = Reply(204)
CREDENTIALS = {
    "api_key": "tok-1",
    "username": "ada",
    "password": "s3cret",
    "session": "sess-2",
    "oauth": "oauth-3",
    "key": "key-4",
}


@pytest.fixture
def vault(server: FaultServer) -> Iterator[Any]:
    from sdkwiresec import Vault

    with Vault(credentials=CREDENTIALS, base_url=server.url, max_retries=0) as client:
        yield client


def _sent(server: FaultServer, call: Any) -> dict[str, str]:
    server.enqueue(NO_CONTENT)
    call()
    headers = server.requests[-1].headers
    return {name: headers[name] for name in ("authorization", "cookie", "x-key") if name in headers}


def test_an_operation_without_its_own_security_sends_the_apis_default(
    server: FaultServer, vault: Any
) -> None:
    assert _sent(server, vault.calls.by_default) == {"authorization": "Bearer tok-1"}


def test_basic_credentials_are_sent_where_the_operation_asks(
    server: FaultServer, vault: Any
) -> None:
    token = base64.b64encode(b"ada:s3cret").decode()
    assert _sent(server, vault.calls.with_basic) == {"authorization": f"Basic {token}"}


def test_a_cookie_key_joins_the_cookie_parameters(server: FaultServer, vault: Any) -> None:
    sent = _sent(server, lambda: vault.calls.with_cookie(theme="dark"))
    assert sent == {"cookie": "sid=sess-2; theme=dark"}


def test_oauth2_sends_its_access_token_as_a_bearer_token(server: FaultServer, vault: Any) -> None:
    assert _sent(server, vault.calls.with_oauth) == {"authorization": "Bearer oauth-3"}


def test_oauth2_flows_required_together_take_one_access_token(
    server: FaultServer, vault: Any
) -> None:
    from sdkwiresec import Vault

    assert "oauth_implicit" not in Vault.__doc__
    assert _sent(server, vault.calls.with_either_flow) == {"authorization": "Bearer oauth-3"}


def test_an_operation_that_needs_nothing_sends_nothing(server: FaultServer, vault: Any) -> None:
    assert _sent(server, vault.calls.with_nothing) == {}


def test_optional_security_sends_the_key_when_the_client_has_it(
    server: FaultServer, vault: Any
) -> None:
    from sdkwiresec import Vault

    assert _sent(server, vault.calls.key_or_nothing) == {"x-key": "key-4"}
    with Vault(api_key="tok-1", base_url=server.url) as keyless:
        assert _sent(server, keyless.calls.key_or_nothing) == {}


def test_several_schemes_together_are_all_sent(server: FaultServer, vault: Any) -> None:
    sent = _sent(server, vault.calls.key_and_token)
    assert sent == {"authorization": "Bearer tok-1", "x-key": "key-4"}


def test_a_missing_credential_is_named_before_any_request(server: FaultServer) -> None:
    from sdkwiresec import SDKError, Vault

    with (
        Vault(api_key="tok-1", base_url=server.url) as client,
        pytest.raises(SDKError, match="VAULT_USERNAME"),
    ):
        client.calls.with_basic()
    assert server.count == 0


def test_a_scheme_no_client_can_send_is_a_generation_warning() -> None:
    (warning,) = [str(problem) for problem in PROBLEMS["security"]]
    assert ": warning: " in warning and "mutualTLS" in warning
    assert "#/components/securitySchemes/certificate" in warning


def test_credentials_for_one_operation_alone_build_a_client_for_that_operation(
    server: FaultServer,
) -> None:
    from sdkwiresec import SDKError, Vault

    login = {"username": "ada", "password": "s3cret"}
    with Vault(credentials=login, base_url=server.url, max_retries=0) as client:
        token = base64.b64encode(b"ada:s3cret").decode()
        assert _sent(server, client.calls.with_basic) == {"authorization": f"Basic {token}"}
        with pytest.raises(SDKError, match=r"No credentials for Vault: it needs api_key"):
            client.calls.by_default()
    assert server.count == 1
    with pytest.raises(SDKError, match="No credentials"):
        Vault(base_url=server.url)
