"""Credentials stay with the configured origin: request paths cannot leave it, and redirects
are followed only where the runtime's policy allows, never by httpx's rules (a redirect to
another origin is followed without any credential: test_redirects)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sdkrt._auth import SecurityScheme
from sdkrt._base_client import SyncAPIClient
from sdkrt._exceptions import RedirectError, SDKError
from sdkrt._paths import check_path
from sdkrt._servers import ServerTemplate, ServerVariable

from tests.support.fault_server import FaultServer, Reply

from . import custom
from .demo_sdk import API_KEY, Credentials, NoWaitAsyncDemo, NoWaitDemo

WIDGET = {"id": "w1"}
KEY = "k-header-secret-4242"
HEADER_KEY = custom.settings({"key": SecurityScheme("header", "X-Api-Key")}, (("key",),))


@pytest.fixture
def evil() -> Iterator[FaultServer]:
    """Another origin (same host, another port), answering everything with 200."""
    with FaultServer(fallback=Reply.json(WIDGET)) as running:
        yield running


def evil_authority(evil: FaultServer) -> str:
    return evil.url.removeprefix("http://")


# Paths that, joined as text to the base URL, would move the request elsewhere.
def hostile_paths(evil: FaultServer) -> list[str]:
    authority = evil_authority(evil)
    port = authority.rpartition(":")[2]
    return [
        f"@{authority}/x",
        f":{port}/x",
        f"//{authority}/x",
        f"/\\{authority}/x",
        f"\\\\{authority}/x",
        ".evil.example/x",
        "x",
        "",
        "/v1/../../admin",
        "/v1/%2e%2e/admin",
        "/v1/%2E%2e/admin",
        "/v1/a%2Fb",
        "/v1/a%5cb",
        "/v1/x?api_key=stolen",
        "/v1/x#fragment",
        "/v1/x y",
        "/v1/x\r\nHost: evil",
        "/v1/\u00fcber",
        "/v1/{id",
        "/v1/id}",
    ]


def test_hostile_paths_are_refused_before_any_request(evil: FaultServer) -> None:
    # No port in the base URL, so ":<port>/x" would otherwise pick one.
    client = custom.sync_client(HEADER_KEY, api_key=KEY, base_url="http://127.0.0.1")
    for path in hostile_paths(evil):
        with pytest.raises(SDKError, match="Refusing the request path"):
            client._request("get", path, cast_to=object)
    assert evil.count == 0


@pytest.mark.anyio
async def test_hostile_paths_are_refused_before_any_request_async(evil: FaultServer) -> None:
    client = custom.async_client(HEADER_KEY, api_key=KEY, base_url="http://127.0.0.1")
    for path in hostile_paths(evil):
        with pytest.raises(SDKError, match="Refusing the request path"):
            await client._request("get", path, cast_to=object)
    assert evil.count == 0


def test_a_refused_path_message_never_shows_credentials(evil: FaultServer) -> None:
    client = custom.sync_client(HEADER_KEY, api_key=KEY, base_url="http://127.0.0.1")
    with pytest.raises(SDKError) as caught:
        client._request("get", f"@{evil_authority(evil)}/x", cast_to=object)
    assert KEY not in str(caught.value)


@pytest.mark.parametrize(
    "path", ["/v1/widgets", "/v1/users/@me", "/v1/a:b/c;d=e", "/v1/files/{id}.json", "/v1/%7Euser"]
)
def test_ordinary_paths_are_accepted(path: str) -> None:
    assert check_path(path) == path


PATH_PIECES = st.sampled_from(
    ["/", "//", "@", ":", ".", "..", "\\", "%2e", "%2f", "%5c", "?", "#", "{id}", "v1", "x", "%"]
)


def test_no_path_reaches_another_origin_or_leaves_the_base_path(
    server: FaultServer, evil: FaultServer
) -> None:
    server.fallback = Reply.json(WIDGET)
    base_url = f"{server.url}/base"
    with custom.sync_client(HEADER_KEY, api_key=KEY, base_url=base_url) as client:

        @settings(max_examples=200, deadline=None)
        @given(pieces=st.lists(st.one_of(PATH_PIECES, st.just("EVIL")), max_size=8))
        def send(pieces: list[str]) -> None:
            path = "".join(evil_authority(evil) if piece == "EVIL" else piece for piece in pieces)
            before = server.count
            try:
                client._request("get", path, cast_to=object, path_params={"id": "1"})
            except (SDKError, ValueError):
                assert server.count == before
            else:
                assert server.requests[-1].path.startswith("/base/")

        send()
    assert evil.count == 0


def redirect_to(url: str, status: int = 302) -> Reply:
    return Reply(status, {"Location": url})


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_get_redirected_to_another_origin_is_followed_without_the_key(
    server: FaultServer, evil: FaultServer, status: int
) -> None:
    server.enqueue(redirect_to(f"{evil.url}/collect", status))
    with custom.sync_client(HEADER_KEY, api_key=KEY, base_url=server.url) as client:
        assert client._request("get", "/v1/widgets/w1", cast_to=dict) == WIDGET
    assert [request.raw_path for request in evil.requests] == ["/collect"]
    assert "x-api-key" not in evil.requests[0].headers
    assert server.requests[0].headers["x-api-key"] == KEY


@pytest.mark.anyio
async def test_a_get_redirected_to_another_origin_is_followed_without_the_key_async(
    server: FaultServer, evil: FaultServer
) -> None:
    server.enqueue(redirect_to(f"{evil.url}/collect", 307))
    async with custom.async_client(HEADER_KEY, api_key=KEY, base_url=server.url) as client:
        assert await client._request("get", "/v1/widgets/w1", cast_to=dict) == WIDGET
    assert evil.count == 1
    assert "x-api-key" not in evil.requests[0].headers


@pytest.mark.parametrize("where", ["elsewhere", "same origin"])
def test_a_redirect_declared_as_the_reply_is_returned_not_followed(
    server: FaultServer, evil: FaultServer, where: str
) -> None:
    """An operation whose spec answers `307` with a body (Twilio's `redirect_to`) gets that
    body back, wherever `Location` points; nothing is followed."""
    target = f"{evil.url}/file" if where == "elsewhere" else "/v1/file"
    reply = Reply.json({"redirect_to": target}, status=307, headers={"Location": target})
    server.enqueue(reply)
    with custom.sync_client(HEADER_KEY, api_key=KEY, base_url=server.url) as client:
        answer = client._request("get", "/v1/deactivations", cast_to=dict, answer_status=307)
    assert answer == {"redirect_to": target}
    assert (server.count, evil.count) == (1, 0)


@pytest.mark.anyio
async def test_a_redirect_declared_as_the_reply_is_returned_async(
    server: FaultServer, evil: FaultServer
) -> None:
    target = f"{evil.url}/file"
    server.enqueue(Reply.json({"redirect_to": target}, status=307, headers={"Location": target}))
    async with custom.async_client(HEADER_KEY, api_key=KEY, base_url=server.url) as client:
        answer = await client._request("get", "/v1/x", cast_to=dict, answer_status=307)
    assert answer == {"redirect_to": target}
    assert evil.count == 0


@pytest.mark.parametrize(
    ("scheme", "where"),
    [
        (SecurityScheme("query", "api_key"), "query"),
        (SecurityScheme("cookie", "session"), "cookie"),
        (SecurityScheme("bearer"), "authorization"),
    ],
)
def test_no_kind_of_credential_follows_a_redirect_elsewhere(
    server: FaultServer, evil: FaultServer, scheme: SecurityScheme, where: str
) -> None:
    # "localhost" and "127.0.0.1" are the same machine but different origins.
    elsewhere = evil.url.replace("127.0.0.1", "localhost")
    server.enqueue(redirect_to(f"{elsewhere}/x"))
    client_settings = custom.settings({"s": scheme}, (("s",),))
    with custom.sync_client(client_settings, api_key=KEY, base_url=server.url) as client:
        client._request("get", "/v1/widgets", cast_to=object)
    first, followed = server.requests[0], evil.requests[0]
    assert KEY in (first.raw_path if where == "query" else first.headers[where])
    assert followed.raw_path == "/x"
    assert KEY not in repr(followed)


def test_a_same_origin_get_redirect_is_followed_with_credentials(server: FaultServer) -> None:
    server.enqueue(redirect_to("/v1/widgets/w2", 301), Reply.json({"id": "w2"}))
    with custom.sync_client(HEADER_KEY, api_key=KEY, base_url=server.url) as client:
        assert client._request("get", "/v1/widgets/w1", cast_to=dict) == {"id": "w2"}
    assert [request.path for request in server.requests] == ["/v1/widgets/w1", "/v1/widgets/w2"]
    assert server.requests[1].headers["x-api-key"] == KEY


@pytest.mark.anyio
async def test_a_same_origin_get_redirect_is_followed_async(server: FaultServer) -> None:
    server.enqueue(redirect_to(f"{server.url}/v1/widgets/w2", 308), Reply.json({"id": "w2"}))
    async with custom.async_client(HEADER_KEY, api_key=KEY, base_url=server.url) as client:
        assert await client._request("get", "/v1/widgets/w1", cast_to=dict) == {"id": "w2"}


def test_a_redirect_loop_stops_with_a_clear_error(server: FaultServer) -> None:
    server.fallback = redirect_to("/v1/loop")
    with (
        custom.sync_client(HEADER_KEY, api_key=KEY, base_url=server.url) as client,
        pytest.raises(RedirectError, match="more than 5 redirects"),
    ):
        client._request("get", "/v1/loop", cast_to=object)
    assert server.count == 6


@pytest.mark.parametrize("status", [301, 302, 303])
def test_a_post_answered_with_a_redirect_is_an_error_not_a_get(
    server: FaultServer, client: NoWaitDemo, status: int
) -> None:
    server.enqueue(redirect_to("/v1/widgets/elsewhere", status))
    with pytest.raises(RedirectError, match="POST request is neither repeated nor turned"):
        client.widgets.create(display_name="w")
    assert [request.method for request in server.requests] == ["POST"]


@pytest.mark.parametrize("status", [307, 308])
def test_a_post_body_with_secrets_is_never_sent_again_on_307_or_308(
    server: FaultServer, client: NoWaitDemo, status: int
) -> None:
    server.enqueue(redirect_to("/v1/widgets/elsewhere", status))
    secret = Credentials(username="u", password="pw-never-twice")
    with pytest.raises(RedirectError) as caught:
        client.widgets.create(credentials=secret)
    assert server.count == 1
    assert caught.value.location == "/v1/widgets/elsewhere"


@pytest.mark.anyio
async def test_a_post_answered_with_a_redirect_is_an_error_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(redirect_to("/v1/widgets/elsewhere", 302))
    with pytest.raises(RedirectError):
        await async_client.widgets.create(display_name="w")
    assert server.count == 1


def test_a_redirect_error_is_not_retried(server: FaultServer) -> None:
    server.fallback = redirect_to("/v1/loop")
    with (
        NoWaitDemo(api_key=API_KEY, base_url=server.url, max_retries=3) as client,
        pytest.raises(RedirectError),
    ):
        client.widgets.get("w1")
    assert server.count == 6  # one attempt: the first request and five redirects


def _with_default(default_base_url: str, **options: object) -> SyncAPIClient:
    client_settings = dataclasses.replace(HEADER_KEY, default_base_url=default_base_url)
    return custom.sync_client(client_settings, api_key=KEY, **options)


def test_a_spec_without_servers_asks_for_a_base_url_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Supabase's spec has `servers: []`: the user learns how to name the URL, not that an
    empty one is not absolute."""
    monkeypatch.delenv("CUSTOM_BASE_URL", raising=False)
    with pytest.raises(SDKError) as raised:
        _with_default("")
    assert str(raised.value) == (
        "No base_url for Custom: its API's spec names no server. "
        "Pass base_url=... or set CUSTOM_BASE_URL"
    )
    monkeypatch.setenv("CUSTOM_BASE_URL", "https://env.invalid/v1")
    with _with_default("") as client:
        assert client.base_url == "https://env.invalid/v1"


def test_an_operation_with_a_server_of_its_own_is_sent_there_by_default(
    server: FaultServer, evil: FaultServer
) -> None:
    server.fallback = Reply.json(WIDGET)
    with _with_default(server.url) as client:
        client._request("get", "/widgets", server=f"{evil.url}/own/", cast_to=object)
        client.with_options(max_retries=0)._request(
            "get", "/widgets", server=f"{evil.url}/own", cast_to=object
        )
        client._request("get", "/widgets", cast_to=object)
    assert [r.path for r in evil.requests] == ["/own/widgets", "/own/widgets"]
    assert [r.path for r in server.requests] == ["/widgets"]


@pytest.mark.parametrize("configured", ["argument", "environment"])
def test_a_configured_base_url_wins_over_every_operation_server(
    server: FaultServer, evil: FaultServer, monkeypatch: pytest.MonkeyPatch, configured: str
) -> None:
    """The spec's servers never take a request, or the key it carries, away from the origin the
    caller chose, nor does a copy of the client forget that choice."""
    server.fallback = Reply.json(WIDGET)
    options: dict[str, object] = {}
    if configured == "argument":
        options["base_url"] = f"{server.url}/mine"
    else:
        monkeypatch.setenv("CUSTOM_BASE_URL", f"{server.url}/mine")
    with _with_default(f"{evil.url}/default", **options) as client:
        client._request("get", "/widgets", server=f"{evil.url}/own", cast_to=object)
        copy = client.with_options(max_retries=0)
        monkeypatch.delenv("CUSTOM_BASE_URL", raising=False)
        copy._request("get", "/widgets", server=f"{evil.url}/own", cast_to=object)
    assert evil.count == 0
    assert [r.path for r in server.requests] == ["/mine/widgets", "/mine/widgets"]
    assert all(r.headers["x-api-key"] == KEY for r in server.requests)


def test_a_same_origin_redirect_on_an_operation_server_is_followed(
    server: FaultServer, evil: FaultServer
) -> None:
    evil.fallback = Reply.json(WIDGET)
    evil.enqueue(redirect_to(f"{evil.url}/own/moved"))
    with _with_default(server.url) as client:
        client._request("get", "/widgets", server=f"{evil.url}/own", cast_to=object)
    assert [r.path for r in evil.requests] == ["/own/widgets", "/own/moved"]
    assert server.count == 0


def _regional(server: FaultServer, **options: object) -> SyncAPIClient:
    """A client whose URL takes a `site` (Datadog's `https://{subdomain}.{site}`), here the
    loopback host spelt two ways."""
    port = server.url.rsplit(":", 1)[1]
    sites = ServerVariable("site", default="localhost", enum=("localhost", "127.0.0.1"))
    template = ServerTemplate(f"http://{{site}}:{port}/api", {"site": sites})
    client_settings = dataclasses.replace(HEADER_KEY, server=template)
    return custom.sync_client(client_settings, api_key=KEY, **options)


def test_an_operation_server_sharing_a_url_variable_follows_the_clients_value(
    server: FaultServer,
) -> None:
    """Datadog's log intake is `https://http-intake.logs.{site}`: a client built for another
    site sends its logs, and the key, to that site's intake, not to the spec's default."""
    server.fallback = Reply.json(WIDGET)
    port = server.url.rsplit(":", 1)[1]
    intake = f"http://{{site}}:{port}/intake"
    with _regional(server, server_variables={"site": "127.0.0.1"}) as client:
        client._request("get", "/widgets", cast_to=object)
        client._request("post", "/logs", server=intake, json=[], cast_to=object)
    assert [r.path for r in server.requests] == ["/api/widgets", "/intake/logs"]
    assert {r.headers["host"] for r in server.requests} == {f"127.0.0.1:{port}"}


def test_an_operation_server_variable_the_client_lacks_is_refused(server: FaultServer) -> None:
    with _regional(server) as client, pytest.raises(SDKError, match="takes region"):
        client._request("get", "/x", server="http://{region}.example.com", cast_to=object)
    assert server.count == 0
