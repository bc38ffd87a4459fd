"""Credentials: every kind of scheme, checked when the client is built, and never shown anywhere
a person could read them (messages, tracebacks, error bodies, our logs and httpx's)."""

from __future__ import annotations

import base64
import logging
import traceback

import pytest
from sdkrt._auth import Authenticator, SecurityScheme
from sdkrt._exceptions import SDKError, UnprocessableEntityError

from tests.support.fault_server import FaultServer, RecordedRequest, Reply

from . import custom
from .demo_sdk import API_KEY, Credentials, Demo, NoWaitDemo

KEY = "sk-live-0123456789abcdef"
BEARER = custom.settings({"token": SecurityScheme("bearer")}, (("token",),))


@pytest.mark.parametrize(
    "scheme",
    [
        SecurityScheme("bearer"),
        SecurityScheme("http", "Token"),
        SecurityScheme("header", "X-Api-Key"),
        SecurityScheme("query", "api_key"),
        SecurityScheme("cookie", "session"),
    ],
    ids=lambda scheme: scheme.kind,
)
@pytest.mark.parametrize(
    "bad", [KEY + "\n", KEY + "\r\n", "sk-a\r\nX-Evil: 1", "sk-\x00", " " + KEY]
)
def test_a_key_with_a_line_break_fails_at_build_time_without_showing_it(
    server: FaultServer, scheme: SecurityScheme, bad: str
) -> None:
    client_settings = custom.settings({"s": scheme}, (("s",),))
    with pytest.raises(SDKError) as caught:
        custom.sync_client(client_settings, api_key=bad, base_url=server.url)
    message = "".join(traceback.format_exception(caught.value))
    assert "CUSTOM_API_KEY" in message
    assert bad.strip() not in message and "sk-a" not in message
    assert server.count == 0


def test_a_key_read_from_the_environment_with_a_trailing_newline_fails_clearly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEMO_API_KEY", KEY + "\n")
    with pytest.raises(SDKError, match="newline") as caught:
        Demo()
    assert KEY not in str(caught.value)


@pytest.mark.parametrize(
    "name", ["Host", "content-length", "Transfer-Encoding", "X-Key\r\nEvil", "X Key", "Cookie", ""]
)
def test_a_header_scheme_that_could_reroute_or_smuggle_is_refused(name: str) -> None:
    with pytest.raises(SDKError, match="SecurityScheme"):
        SecurityScheme("header", name)


@pytest.mark.parametrize(
    "headers",
    [{"X-Trace": "a\r\nHost: evil"}, {"Host": "evil.example"}, {"X Bad": "1"}, {"X-Ok": "ü"}],
)
def test_bad_default_headers_fail_when_the_client_is_built(
    server: FaultServer, headers: dict[str, str]
) -> None:
    with pytest.raises(SDKError):
        NoWaitDemo(api_key=API_KEY, base_url=server.url, default_headers=headers)


def test_a_bad_header_value_per_call_fails_before_sending_and_is_not_retried(
    server: FaultServer, client: NoWaitDemo
) -> None:
    with pytest.raises(SDKError, match="X-Trace") as caught:
        client.widgets.get("w1", x_trace="t\r\nX-Injected: 1")
    assert "Injected" not in str(caught.value)
    with pytest.raises(SDKError):
        client.widgets.get("w1", extra_headers={"content-length": "0"})
    assert server.count == 0


def test_a_cookie_scheme_sends_the_key_as_a_cookie(server: FaultServer) -> None:
    server.enqueue(Reply.json({}))
    client_settings = custom.settings({"c": SecurityScheme("cookie", "session")}, (("c",),))
    with custom.sync_client(client_settings, api_key=KEY, base_url=server.url) as client:
        client._request("get", "/me", cast_to=object, headers={"Cookie": "theme=dark"})
    assert server.requests[0].headers["cookie"] == f"session={KEY}; theme=dark"


@pytest.mark.parametrize("bad", ["a;b", "a b", 'a"b', "a,b"])
def test_a_cookie_value_that_would_inject_another_cookie_is_refused(bad: str) -> None:
    client_settings = custom.settings({"c": SecurityScheme("cookie", "session")}, (("c",),))
    with pytest.raises(SDKError, match="cookie"):
        custom.sync_client(client_settings, api_key=bad)


def test_another_http_scheme_sends_the_key_after_its_name_as_given(server: FaultServer) -> None:
    server.enqueue(Reply.json({}))
    client_settings = custom.settings({"t": SecurityScheme("http", "Token")}, (("t",),))
    with custom.sync_client(client_settings, api_key=KEY, base_url=server.url) as client:
        client._request("get", "/me", cast_to=object)
    assert server.requests[0].headers["authorization"] == f"Token {KEY}"


@pytest.mark.parametrize("name", [None, "", "Token X-Evil", "Token\r\nX-Evil: 1", "Tök"])
def test_an_http_scheme_name_that_could_add_header_text_is_refused(name: str | None) -> None:
    with pytest.raises(SDKError, match="SecurityScheme"):
        SecurityScheme("http", name)


def basic_settings() -> custom.ClientSettings:
    login = SecurityScheme("basic", credentials=("username", "password"))
    return custom.settings({"login": login}, (("login",),))


def test_basic_auth_sends_both_credentials(server: FaultServer) -> None:
    server.enqueue(Reply.json({}))
    credentials = {"username": "ann", "password": "p:ss wörd"}
    with custom.sync_client(basic_settings(), credentials=credentials, base_url=server.url) as c:
        c._request("get", "/me", cast_to=object)
    token = base64.b64encode("ann:p:ss wörd".encode()).decode()
    assert server.requests[0].headers["authorization"] == f"Basic {token}"


def test_a_short_basic_user_name_is_hidden_where_it_stands_alone_not_inside_words(
    server: FaultServer,
) -> None:
    """Mailgun's user name is "api": hidden inside `api_version`, it would garble the body."""
    echoed = {"message": "invalid api key pw-4242", "api_version": "v3", "user": "api"}
    server.enqueue(Reply.json(echoed, status=422))
    credentials = {"username": "api", "password": "pw-4242"}
    with (
        custom.sync_client(basic_settings(), credentials=credentials, base_url=server.url) as c,
        pytest.raises(UnprocessableEntityError) as caught,
    ):
        c._request("get", "/me", cast_to=object)
    assert caught.value.body == {
        "message": "invalid <redacted> key <redacted>",
        "api_version": "v3",
        "user": "<redacted>",
    }


def test_a_very_short_key_is_hidden_where_it_stands_alone_not_inside_words(
    server: FaultServer,
) -> None:
    settings = custom.settings({"k": SecurityScheme("header", "X-Key")}, (("k",),))
    server.enqueue(Reply.json({"message": "key x is unknown", "echo": "x", "box": 1}, status=422))
    with (
        custom.sync_client(settings, api_key="x", base_url=server.url) as client,
        pytest.raises(UnprocessableEntityError) as caught,
    ):
        client._request("get", "/me", cast_to=object)
    assert caught.value.body == {
        "message": "key <redacted> is unknown",
        "echo": "<redacted>",
        "box": 1,
    }


def test_basic_credentials_come_from_the_environment(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUSTOM_USERNAME", "ann")
    monkeypatch.setenv("CUSTOM_PASSWORD", "secret")
    server.enqueue(Reply.json({}))
    with custom.sync_client(basic_settings(), base_url=server.url) as client:
        client._request("get", "/me", cast_to=object)
    assert server.requests[0].headers["authorization"].startswith("Basic ")


def test_a_basic_user_name_with_a_colon_is_refused() -> None:
    with pytest.raises(SDKError, match="':'"):
        custom.sync_client(basic_settings(), credentials={"username": "a:b", "password": "p"})


def test_missing_basic_credentials_name_both_variables() -> None:
    with pytest.raises(SDKError, match=r"CUSTOM_USERNAME.*CUSTOM_PASSWORD"):
        custom.sync_client(basic_settings(), credentials={"username": "ann"})


def test_a_basic_password_given_as_empty_is_sent_blank(server: FaultServer) -> None:
    """Lob and Stripe take the API key as the user name and no password: `""` says so,
    where an empty value otherwise means the credential is absent."""
    server.enqueue(Reply.json({}))
    credentials = {"username": "test_key", "password": ""}
    with custom.sync_client(basic_settings(), credentials=credentials, base_url=server.url) as c:
        c._request("get", "/me", cast_to=object)
    token = base64.b64encode(b"test_key:").decode()
    assert server.requests[0].headers["authorization"] == f"Basic {token}"


def test_a_missing_basic_password_says_how_to_send_a_blank_one() -> None:
    with pytest.raises(SDKError, match='takes "password": ""'):
        custom.sync_client(basic_settings(), credentials={"username": "ann"})


def test_an_empty_basic_password_in_the_environment_is_still_absent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CUSTOM_USERNAME", "ann")
    monkeypatch.setenv("CUSTOM_PASSWORD", "")
    with pytest.raises(SDKError, match="CUSTOM_PASSWORD"):
        custom.sync_client(basic_settings())


def test_an_unknown_credential_name_is_refused() -> None:
    with pytest.raises(SDKError, match="'usrname'"):
        custom.sync_client(basic_settings(), credentials={"usrname": "ann", "password": "p"})


@pytest.mark.parametrize("how", ["argument", "credentials"])
def test_an_api_key_is_refused_where_no_scheme_takes_one(how: str) -> None:
    """HTTP basic (Twilio's) takes a username and a password: `api_key=` named there would be
    dropped, and the first call would fail for want of credentials."""
    passed = {"api_key": KEY} if how == "argument" else {"credentials": {"api_key": KEY}}
    with pytest.raises(SDKError, match="no credential named 'api_key'; it uses password, username"):
        custom.sync_client(basic_settings(), **passed)


def several_schemes() -> custom.ClientSettings:
    return custom.settings(
        {
            "token": SecurityScheme("bearer", credentials=("token",)),
            "key": SecurityScheme("header", "X-Api-Key"),
            "tenant": SecurityScheme("query", "tenant", credentials=("tenant",)),
        },
        # Either a token, or a key together with a tenant.
        (("token",), ("key", "tenant")),
    )


def test_the_first_satisfiable_alternative_is_used(server: FaultServer) -> None:
    server.enqueue(Reply.json({}), Reply.json({}))
    given = {"api_key": KEY, "tenant": "t1"}
    with custom.sync_client(several_schemes(), credentials=given, base_url=server.url) as client:
        client._request("get", "/a", cast_to=object)
        with client.with_options(credentials={"token": "tok"}) as preferred:
            preferred._request("get", "/b", cast_to=object)
    first, second = server.requests
    assert first.headers["x-api-key"] == KEY and first.query["tenant"] == ["t1"]
    assert "authorization" not in first.headers
    assert second.headers["authorization"] == "Bearer tok"
    assert "x-api-key" not in second.headers and "tenant" not in second.query


def test_an_alternative_needs_all_of_its_schemes() -> None:
    with pytest.raises(SDKError, match=r"No credentials.*CUSTOM_TOKEN.*CUSTOM_TENANT"):
        custom.sync_client(several_schemes(), api_key=KEY)


def _key_and_app() -> custom.ClientSettings:
    """Two keys by default; ingestion takes the API key alone (Datadog's log intake)."""
    return custom.settings(
        {
            "key": SecurityScheme("header", "DD-API-KEY"),
            "app": SecurityScheme("header", "DD-APPLICATION-KEY", credentials=("app_key",)),
        },
        (("key", "app"),),
        operation_security=((("key",),),),
    )


def test_credentials_that_meet_only_an_operations_requirement_build_a_client(
    server: FaultServer,
) -> None:
    server.enqueue(Reply.json({}))
    with custom.sync_client(_key_and_app(), api_key=KEY, base_url=server.url) as client:
        client._request("post", "/logs", cast_to=object, security=(("key",),))
        with pytest.raises(SDKError, match=r"No credentials.*app_key \(CUSTOM_APP_KEY\)"):
            client._request("get", "/dashboards", cast_to=object)
    assert server.count == 1
    assert server.requests[0].headers["dd-api-key"] == KEY
    assert "dd-application-key" not in server.requests[0].headers


@pytest.mark.parametrize("given", [{}, {"app_key": "app-0123"}], ids=["none", "only-the-other"])
def test_credentials_that_meet_no_requirement_still_fail_at_build_time(
    given: dict[str, str],
) -> None:
    with pytest.raises(SDKError, match="No credentials"):
        custom.sync_client(_key_and_app(), credentials=given)


def test_an_operation_requirement_met_without_credentials_does_not_excuse_the_default() -> None:
    public = custom.settings(
        {"token": SecurityScheme("bearer")}, (("token",),), operation_security=(((),),)
    )
    with pytest.raises(SDKError, match="No credentials"):
        custom.sync_client(public)


def test_an_operation_can_require_other_schemes_or_none(server: FaultServer) -> None:
    server.enqueue(Reply.json({}), Reply.json({}))
    with custom.sync_client(several_schemes(), credentials={"token": "tok"}) as client:
        client = client.with_options(base_url=server.url)
        client._request("get", "/public", cast_to=object, security=((),))
        with pytest.raises(SDKError, match="No credentials"):
            client._request("get", "/keyed", cast_to=object, security=(("key",),))
        client._request("get", "/either", cast_to=object, security=(("key",), ()))
    assert server.count == 2
    assert all("authorization" not in request.headers for request in server.requests)


def test_an_api_whose_default_allows_anonymous_calls_needs_no_credentials(
    server: FaultServer,
) -> None:
    server.enqueue(Reply.json({}))
    optional = custom.settings({"token": SecurityScheme("bearer")}, (("token",), ()))
    with custom.sync_client(optional, base_url=server.url) as client:
        client._request("get", "/x", cast_to=object)
    assert "authorization" not in server.requests[0].headers


def test_security_naming_an_undeclared_scheme_is_refused() -> None:
    with pytest.raises(SDKError, match="'missing'"):
        custom.settings({"token": SecurityScheme("bearer")}, (("missing",),))


def test_httpx_info_logs_never_show_a_query_key(
    server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.enqueue(Reply.json({}))
    query_key = custom.settings({"k": SecurityScheme("query", "api_key")}, (("k",),))
    with (
        caplog.at_level(logging.INFO, logger="httpx"),
        custom.sync_client(query_key, api_key=KEY, base_url=server.url) as client,
    ):
        client._request("get", "/x", cast_to=object)
    shown = [record.getMessage() for record in caplog.records if record.name == "httpx"]
    assert shown and "HTTP Request" in shown[0]
    assert all(KEY not in line for line in shown)
    assert "api_key=" in shown[0]


def fastapi_422(request: RecordedRequest) -> Reply:
    """What FastAPI answers to a body it rejects: the whole input, echoed."""
    detail = [
        {"type": "missing", "loc": ["body", "x"], "msg": "Field required", "input": request.json()}
    ]
    return Reply.json({"detail": detail}, status=422)


def test_a_422_echoing_the_request_shows_no_secret_field_or_key(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(fastapi_422)
    credentials = Credentials(username="ann", password="pw-from-a-model")
    provider = {
        "name": "llm",
        "api_key": "provider-key-from-a-dict",
        "nested": {"clientSecret": "cs-1"},
    }
    with pytest.raises(UnprocessableEntityError) as caught:
        client.widgets.create(
            credentials=credentials, extra_body={"provider": provider, "echo": API_KEY}
        )
    error = caught.value
    visible = [
        str(error),
        repr(error.body),
        error.response.text,
        "".join(traceback.format_exception(error)),
    ]
    for secret in ("pw-from-a-model", "provider-key-from-a-dict", "cs-1", API_KEY):
        assert all(secret not in text for text in visible), secret
    assert "ann" in str(error) and "llm" in error.response.text
    assert server.requests[0].json()["credentials"]["password"] == "pw-from-a-model"


def test_a_key_for_an_api_that_declares_no_credentials_is_refused_not_dropped() -> None:
    with pytest.raises(SDKError, match=r"no credential named 'api_key'.*default_headers") as caught:
        custom.sync_client(custom.settings(), api_key=KEY)
    assert KEY not in str(caught.value)
    named = custom.settings({"s": SecurityScheme("bearer", credentials=("token",))}, (("s",),))
    with pytest.raises(SDKError, match=r"no credential named 'api_key'; it uses token$"):
        custom.sync_client(named, api_key=KEY)
    custom.sync_client(custom.settings(), default_headers={"Authorization": f"Bearer {KEY}"})


def test_a_missing_credential_message_names_every_way_to_pass_one() -> None:
    """ORY Hydra's token endpoint takes basic auth or an OAuth token: the message must show how
    to pass the user name and password too, not only `api_key=` (there is no `username=`)."""
    schemes = {
        "basic": SecurityScheme("basic", credentials=("username", "password")),
        "oauth2": SecurityScheme("bearer"),
    }
    auth = Authenticator(schemes, {}, env_prefix="HYDRA", client_name="Hydra")
    with pytest.raises(SDKError) as caught:
        auth.parts((("basic",), ("oauth2",)))
    message = str(caught.value)
    assert 'credentials={"username": ..., "password": ...}' in message
    assert "api_key=" in message
