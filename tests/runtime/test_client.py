"""Client construction: credentials, environment, timeouts, with_options, logging and secrecy."""

from __future__ import annotations

import logging
import platform
import re

import httpx
import pytest
from sdkrt._base_client import ClientSettings, SyncAPIClient
from sdkrt._config import DEFAULT_TIMEOUT
from sdkrt._exceptions import NotFoundError, SDKError

from tests.support.fault_server import FaultServer, Reply

from .demo_sdk import API_KEY, SETTINGS, AsyncDemo, Demo, NoWaitDemo

WIDGET = {"id": "w1"}


def client_with(settings: ClientSettings, **options: object) -> SyncAPIClient:
    class Custom(SyncAPIClient):
        _settings = settings

    return Custom(**options)  # type: ignore[arg-type]


def test_a_missing_api_key_is_an_sdk_error_naming_the_variable() -> None:
    with pytest.raises(SDKError, match="DEMO_API_KEY"):
        Demo()


@pytest.mark.anyio
async def test_a_missing_api_key_is_an_sdk_error_naming_the_variable_async() -> None:
    with pytest.raises(SDKError, match="DEMO_API_KEY"):
        AsyncDemo()


def test_the_environment_supplies_key_and_base_url(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMO_API_KEY", "from-env")
    monkeypatch.setenv("DEMO_BASE_URL", server.url)
    server.enqueue(Reply.json(WIDGET))
    with Demo() as client:
        client.widgets.get("w1")
    assert server.requests[0].headers["authorization"] == "Bearer from-env"


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMO_API_KEY", "from-env")
    monkeypatch.setenv("DEMO_BASE_URL", "http://env.invalid")
    with Demo(api_key="from-arg", base_url="http://arg.invalid") as client:
        assert client.api_key == "from-arg"
        assert client.base_url == httpx.URL("http://arg.invalid")


def test_without_either_the_default_base_url_is_used() -> None:
    with Demo(api_key=API_KEY) as client:
        assert client.base_url == httpx.URL(SETTINGS.default_base_url)


def test_an_api_without_auth_needs_no_key_and_sends_none(server: FaultServer) -> None:
    settings = ClientSettings(
        distribution="open",
        version="0.1",
        default_base_url=server.url,
        env_prefix="OPEN",
        auth=None,
    )
    server.enqueue(Reply.json({}))
    with client_with(settings) as client:
        client._request("get", "/ping", cast_to=object)
    assert "authorization" not in server.requests[0].headers


def test_an_optional_key_that_is_absent_sends_no_auth_header(server: FaultServer) -> None:
    settings = ClientSettings(
        distribution="opt",
        version="0.1",
        default_base_url=server.url,
        env_prefix="OPT",
        api_key_required=False,
    )
    server.enqueue(Reply.json({}))
    with client_with(settings) as client:
        client._request("get", "/ping", cast_to=object)
    assert "authorization" not in server.requests[0].headers


def test_a_header_auth_scheme_sends_the_key_in_that_header(server: FaultServer) -> None:
    settings = ClientSettings(
        distribution="hdr",
        version="0.1",
        default_base_url=server.url,
        env_prefix="HDR",
        auth="header:X-Api-Key",
    )
    server.enqueue(Reply.json({}))
    with client_with(settings, api_key="k-123") as client:
        client._request("get", "/ping", cast_to=object)
    headers = server.requests[0].headers
    assert headers["x-api-key"] == "k-123"
    assert "authorization" not in headers


def test_a_query_auth_scheme_sends_the_key_as_a_parameter_and_never_logs_it(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    settings = ClientSettings(
        distribution="qry",
        version="0.1",
        default_base_url=server.url,
        env_prefix="QRY",
        auth="query:api_key",
    )
    monkeypatch.setenv("QRY_LOG", "debug")
    caplog.set_level(logging.DEBUG, logger="sdkrt")
    server.enqueue(Reply.json({}, status=404))
    with (
        client_with(settings, api_key="k-query-secret") as client,
        pytest.raises(NotFoundError) as caught,
    ):
        client._request("get", "/ping", query={"q": "x"}, cast_to=object)
    (request,) = server.requests
    assert request.query == {"api_key": ["k-query-secret"], "q": ["x"]}
    assert "authorization" not in request.headers
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "api_key=%3Credacted%3E" in logged or "api_key=<redacted>" in logged
    assert "k-query-secret" not in logged and "k-query-secret" not in str(caught.value)


@pytest.mark.parametrize("auth", ["basic", "header:", "query:", "Bearer"])
def test_an_unknown_auth_scheme_is_rejected_when_settings_are_made(auth: str) -> None:
    with pytest.raises(SDKError, match="auth"):
        ClientSettings(
            distribution="x", version="1", default_base_url="https://x", env_prefix="X", auth=auth
        )


def test_the_user_agent_names_the_package_python_and_httpx(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json(WIDGET))
    client.widgets.get("w1")
    user_agent = server.requests[0].headers["user-agent"]
    assert user_agent == (
        f"demo-sdk/1.2.3 Python/{platform.python_version()} httpx/{httpx.__version__}"
    )
    assert re.fullmatch(r"demo-sdk/1\.2\.3 Python/\d+\.\d+\.\d+\S* httpx/\S+", user_agent)


def test_the_api_key_never_appears_in_the_client_repr() -> None:
    with Demo(api_key=API_KEY, base_url="http://x.invalid") as client:
        assert API_KEY not in repr(client)
        assert API_KEY not in repr(client.with_options(max_retries=5))
        assert "http://x.invalid" in repr(client)


def test_timeouts_default_to_finite_values() -> None:
    with Demo(api_key=API_KEY) as client:
        assert client.timeout == httpx.Timeout(60.0, connect=5.0)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (10, httpx.Timeout(10.0)),
        (httpx.Timeout(None), DEFAULT_TIMEOUT),
        (httpx.Timeout(30.0, read=None), httpx.Timeout(30.0, read=60.0)),
        (httpx.Timeout(None, connect=2.0), httpx.Timeout(60.0, connect=2.0)),
    ],
)
def test_a_timeout_is_never_infinite(given: float | httpx.Timeout, expected: httpx.Timeout) -> None:
    with Demo(api_key=API_KEY, timeout=given) as client:
        assert client.timeout == expected


@pytest.mark.parametrize("given", [float("inf"), float("nan"), 0, -1])
def test_a_timeout_that_could_hang_or_never_start_is_refused(given: float) -> None:
    with pytest.raises(ValueError, match="timeout"):
        Demo(api_key=API_KEY, timeout=given)


def test_the_per_call_timeout_is_what_the_request_carries(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json(WIDGET), Reply.json(WIDGET))
    plain = client.widgets.with_raw_response.get("w1")
    custom = client.widgets.with_raw_response.get("w1", timeout=httpx.Timeout(3.0, read=None))
    assert plain.http_response.request.extensions["timeout"] == httpx.Timeout(5.0).as_dict()
    assert custom.http_response.request.extensions["timeout"] == {
        "connect": 3.0,
        "read": 5.0,  # None is filled from the client, not left infinite
        "write": 3.0,
        "pool": 3.0,
    }


def test_with_options_returns_the_same_subclass_sharing_the_pool(
    server: FaultServer, client: NoWaitDemo
) -> None:
    copy = client.with_options(max_retries=7, timeout=1.5, default_headers={"X-Team": "a"})
    assert type(copy) is NoWaitDemo
    assert (copy.max_retries, copy.timeout, copy.api_key) == (7, httpx.Timeout(1.5), API_KEY)
    assert copy._client is client._client
    assert client.max_retries == 2  # the original is unchanged
    copy.close()
    server.enqueue(Reply.json(WIDGET))
    assert client.widgets.get("w1").id == "w1"  # closing the copy left the shared pool open


def test_closing_a_client_leaves_a_caller_supplied_http_client_open() -> None:
    with httpx.Client() as http_client:
        Demo(api_key=API_KEY, http_client=http_client).close()
        assert not http_client.is_closed
    with Demo(api_key=API_KEY) as owned:
        pass
    assert owned._client.is_closed


def test_a_client_subclass_without_settings_explains_what_is_missing() -> None:
    class Forgotten(SyncAPIClient):
        pass

    with pytest.raises(TypeError, match="_settings"):
        Forgotten(api_key=API_KEY)


def printing_handlers(logger: logging.Logger) -> list[logging.Handler]:
    return [handler for handler in logger.handlers if not isinstance(handler, logging.NullHandler)]


def test_debug_logging_is_opt_in_and_never_shows_the_key(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger("sdkrt")
    with NoWaitDemo(api_key=API_KEY, base_url=server.url):
        assert printing_handlers(logger) == []  # nothing unless asked for

    monkeypatch.setenv("DEMO_LOG", "debug")
    caplog.set_level(logging.DEBUG, logger="sdkrt")
    server.enqueue(
        Reply.json({}, status=503, headers={"Retry-After": "0"}),
        Reply.json({"message": f"bad key {API_KEY}"}, status=404),
    )
    client = NoWaitDemo(api_key=API_KEY, base_url=server.url)
    second_client = NoWaitDemo(api_key=API_KEY)
    with client, second_client, pytest.raises(NotFoundError) as caught:
        client.widgets.get("w1", extra_headers={"Cookie": "session=abc"})
    assert len(printing_handlers(logger)) == 1  # added once, however many clients are made

    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "Request: GET" in text
    assert "Response: GET" in text
    assert "Retrying GET /v1/widgets/w1" in text
    assert "<redacted>" in text
    assert API_KEY not in text
    assert "session=abc" not in text
    assert API_KEY not in str(caught.value)


@pytest.mark.parametrize(
    "base_url", ["api.example.com/v1", "ftp://files.example.com", "http://[::1"]
)
def test_a_base_url_that_is_not_an_absolute_http_url_is_refused(base_url: str) -> None:
    with pytest.raises(SDKError, match="base_url"):
        Demo(api_key=API_KEY, base_url=base_url)
