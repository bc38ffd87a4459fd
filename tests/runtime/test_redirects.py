"""Redirects to another origin: a download answered with 302 to a CDN or a pre-signed storage
URL is followed, bare. The target sees the Location URL as the server gave it and a few headers
that say what to send back, never a credential, a caller's header or a body; what cannot be
followed safely (https to http, a POST, a loop, a broken Location) still raises RedirectError.
All of it over real sockets: "localhost" and "127.0.0.1" are different origins."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sdkrt._auth import SecurityScheme
from sdkrt._base_client import AsyncAPIClient, SyncAPIClient
from sdkrt._binary import AsyncBinaryResponse, BinaryResponse
from sdkrt._exceptions import APITimeoutError, RedirectError, ResponseTooLargeError
from sdkrt._types import RequestOptions

from tests.support.fault_server import FaultServer, RecordedRequest, Reply

from . import custom

KEY = "k-cross-origin-secret-4242"
PASSWORD = "pw-cross-origin-secret-77"
BLOB = bytes(range(256)) * 64
# Every way the client can carry a credential, all required at once.
SCHEMES = {
    "basic": SecurityScheme("basic", credentials=("username", "password")),
    "header": SecurityScheme("header", "X-Api-Key", credentials=("api_key",)),
    "query": SecurityScheme("query", "api_key", credentials=("api_key",)),
    "cookie": SecurityScheme("cookie", "session", credentials=("api_key",)),
}
ALL_AUTH = custom.settings(SCHEMES, (tuple(SCHEMES),))
BEARER = custom.settings({"bearer": SecurityScheme("bearer")}, (("bearer",),))
CREDENTIALS = {"api_key": KEY, "username": "user", "password": PASSWORD}
DEFAULTS = {"X-Tenant-Secret": "tenant-secret-9"}
# What a bare request may carry: how to answer, never who asks.
BARE = {"host", "accept", "accept-encoding", "user-agent", "range", "if-range"}


@pytest.fixture
def cdn() -> Iterator[FaultServer]:
    """Another origin than ``server``: the same machine under the name "localhost"."""
    with FaultServer(fallback=Reply(200, {"Content-Type": "application/octet-stream"}, BLOB)) as up:
        yield up


def on_localhost(server: FaultServer) -> str:
    return server.url.replace("127.0.0.1", "localhost")


def redirect_to(url: str, status: int = 302) -> Reply:
    return Reply(status, {"Location": url})


def assert_bare(request: RecordedRequest, raw_path: str) -> None:
    """No credential of any kind, no caller's header, exactly the Location's path and query."""
    assert request.raw_path == raw_path
    assert set(request.headers) <= BARE, request.headers
    for secret in (KEY, PASSWORD, "tenant-secret-9", "pool-secret", "dXNlcjpw"):
        assert secret not in repr(request)
    assert request.body == b""


def _sync(server: FaultServer, **options: object) -> SyncAPIClient:
    return custom.sync_client(
        ALL_AUTH, credentials=CREDENTIALS, base_url=server.url, default_headers=DEFAULTS, **options
    )


def _async(server: FaultServer, **options: object) -> AsyncAPIClient:
    return custom.async_client(
        ALL_AUTH, credentials=CREDENTIALS, base_url=server.url, default_headers=DEFAULTS, **options
    )


def _download(client: SyncAPIClient) -> BinaryResponse:
    return client._request(
        "get",
        "/files/f1/content",
        headers={"Range": "bytes=0-", "X-Call-Secret": "tenant-secret-9"},
        query={"version": "2"},
        cast_to=BinaryResponse,
    )


def test_a_download_redirected_elsewhere_returns_the_bytes_and_no_credential(
    server: FaultServer, cdn: FaultServer
) -> None:
    location = f"{on_localhost(cdn)}/bucket/f1?X-Amz-Signature=abc%2Fdef&X-Amz-Expires=60"
    server.enqueue(redirect_to(location))
    with _sync(server) as client, _download(client) as download:
        assert download.read() == BLOB
    sent = server.requests[0]
    assert sent.headers["x-api-key"] == KEY and "session=" in sent.headers["cookie"]
    assert sent.headers["authorization"].startswith("Basic ")
    assert_bare(cdn.requests[0], "/bucket/f1?X-Amz-Signature=abc%2Fdef&X-Amz-Expires=60")
    assert cdn.requests[0].headers["range"] == "bytes=0-"


@pytest.mark.anyio
async def test_a_download_redirected_elsewhere_returns_the_bytes_async(
    server: FaultServer, cdn: FaultServer, tmp_path: Path
) -> None:
    server.enqueue(redirect_to(f"{on_localhost(cdn)}/blob", 307))
    async with _async(server) as client:
        download = await client._request(
            "get", "/files/f1/content", query={"v": "1"}, cast_to=AsyncBinaryResponse
        )
        await download.write_to_file(tmp_path / "blob.bin")
    assert (tmp_path / "blob.bin").read_bytes() == BLOB
    assert_bare(cdn.requests[0], "/blob")


@pytest.mark.parametrize("asynchronous", [False, True])
@pytest.mark.anyio
async def test_a_bearer_token_and_the_http_clients_own_credentials_stay_home(
    server: FaultServer, cdn: FaultServer, asynchronous: bool
) -> None:
    """What the caller's own httpx client adds (auth, headers, query, cookies) goes only where
    the SDK's own credentials go."""
    server.enqueue(redirect_to(f"{on_localhost(cdn)}/blob"))
    pool = {
        "auth": ("pool", "pool-secret"),
        "headers": {"X-Pool": "pool-secret"},
        "params": {"pool": "pool-secret"},
        "cookies": {"pool": "pool-secret"},
    }
    if asynchronous:
        async with httpx.AsyncClient(**pool) as http:  # type: ignore[arg-type]
            client = custom.async_client(BEARER, api_key=KEY, base_url=server.url, http_client=http)
            assert await client._request("get", "/blob", cast_to=Any) == BLOB
    else:
        with httpx.Client(**pool) as http:  # type: ignore[arg-type]
            client = custom.sync_client(BEARER, api_key=KEY, base_url=server.url, http_client=http)
            assert client._request("get", "/blob", cast_to=Any) == BLOB
    sent = server.requests[0]
    assert sent.headers["x-pool"] == "pool-secret" and "authorization" in sent.headers
    assert_bare(cdn.requests[0], "/blob")


def test_a_chain_drops_credentials_from_its_first_hop_elsewhere_on(
    server: FaultServer, cdn: FaultServer
) -> None:
    """Same origin (credentials kept), then another (dropped), then within that one and back
    home: dropped to the end, as the chain's later hops are chosen by the other origin."""
    server.enqueue(
        redirect_to("/files/f1/moved", 301),
        redirect_to(f"{on_localhost(cdn)}/a"),
        Reply(200, {"Content-Type": "application/octet-stream"}, b"home"),
    )
    cdn.enqueue(redirect_to("/b", 307), redirect_to(f"{server.url}/files/f1/back", 308))
    with _sync(server) as client:
        assert client._request("get", "/files/f1", cast_to=Any) == b"home"
    first, moved, back = server.requests
    assert first.headers["x-api-key"] == KEY and moved.headers["x-api-key"] == KEY
    assert moved.raw_path.startswith("/files/f1/moved")
    assert_bare(cdn.requests[0], "/a")
    assert_bare(cdn.requests[1], "/b")
    assert_bare(back, "/files/f1/back")


def test_https_to_http_is_refused(cdn: FaultServer) -> None:
    def api(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": f"{cdn.url}/blob"})

    mounts = {"https://": httpx.MockTransport(api)}
    with (
        httpx.Client(mounts=mounts) as http,
        _sync_https(http) as client,
        pytest.raises(RedirectError, match="from https to plain http") as caught,
    ):
        client._request("get", "/files/f1/content", cast_to=Any)
    assert caught.value.location == f"{cdn.url}/blob"
    assert cdn.count == 0


def _sync_https(http: httpx.Client) -> SyncAPIClient:
    return custom.sync_client(
        ALL_AUTH, credentials=CREDENTIALS, base_url="https://api.test", http_client=http
    )


@pytest.mark.parametrize("asynchronous", [False, True])
@pytest.mark.anyio
async def test_a_post_redirected_elsewhere_still_raises(
    server: FaultServer, cdn: FaultServer, asynchronous: bool
) -> None:
    server.enqueue(redirect_to(f"{on_localhost(cdn)}/collect", 307))
    with pytest.raises(RedirectError, match="POST request is neither repeated") as caught:
        if asynchronous:
            async with _async(server) as async_client:
                await async_client._request("post", "/files", json={"a": 1}, cast_to=object)
        else:
            with _sync(server) as client:
                client._request("post", "/files", json={"a": 1}, cast_to=object)
    assert caught.value.location == f"{on_localhost(cdn)}/collect"
    assert cdn.count == 0


@pytest.mark.parametrize("location", ["ftp://files.test/x", "file:///etc/passwd"])
def test_a_location_that_is_no_http_url_is_refused(server: FaultServer, location: str) -> None:
    server.enqueue(redirect_to(location))
    with _sync(server) as client, pytest.raises(RedirectError, match="not an absolute") as caught:
        client._request("get", "/files/f1/content", cast_to=Any)
    assert caught.value.location == location


def test_hops_back_and_forth_between_origins_stop_after_five(
    server: FaultServer, cdn: FaultServer
) -> None:
    server.fallback = redirect_to(f"{on_localhost(cdn)}/ping")
    cdn.fallback = redirect_to(f"{server.url}/pong")
    with _sync(server) as client, pytest.raises(RedirectError, match="more than 5 redirects"):
        client._request("get", "/files/f1/content", cast_to=Any)
    assert server.count + cdn.count == 6


def test_a_failing_target_is_retried_from_the_start(server: FaultServer, cdn: FaultServer) -> None:
    """A pre-signed URL may have expired by the retry: the API is asked again for a fresh one."""
    server.fallback = redirect_to(f"{on_localhost(cdn)}/blob")
    cdn.enqueue(Reply(503, {"Retry-After": "0"}))
    with _sync(server) as client:
        assert client._request("get", "/files/f1/content", cast_to=Any) == BLOB
    assert (server.count, cdn.count) == (2, 2)
    assert all(request.headers["x-api-key"] == KEY for request in server.requests)


def test_the_deadline_covers_the_whole_chain(server: FaultServer, cdn: FaultServer) -> None:
    server.enqueue(Reply(302, {"Location": f"{on_localhost(cdn)}/blob"}, delay=0.3))
    cdn.enqueue(Reply(200, {}, BLOB, delay=2.0))
    with _sync(server, max_retries=0) as client, pytest.raises(APITimeoutError):
        client._request("get", "/x", cast_to=Any, options=RequestOptions(deadline=0.8))


def test_the_size_limit_applies_to_the_followed_reply(
    server: FaultServer, cdn: FaultServer
) -> None:
    server.enqueue(redirect_to(f"{on_localhost(cdn)}/blob"))
    with _sync(server, max_response_size=1024) as client, pytest.raises(ResponseTooLargeError):
        client._request("get", "/files/f1/content", cast_to=Any)


def test_a_debug_log_of_the_chain_shows_no_credential(
    server: FaultServer, cdn: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.enqueue(redirect_to(f"{on_localhost(cdn)}/blob"))
    with caplog.at_level(logging.DEBUG, logger="sdkrt"), _sync(server) as client:
        assert client._request("get", "/files/f1/content", cast_to=Any) == BLOB
    logged = "\n".join(record.getMessage() for record in caplog.records if record.name == "sdkrt")
    assert logged.count("Request: GET") == 2
    assert f"Request: GET {on_localhost(cdn)}/blob headers=" in logged
    for secret in (KEY, PASSWORD, "tenant-secret-9"):
        assert secret not in logged


def test_a_pre_signed_location_is_followed_whole_but_logged_without_its_signature(
    server: FaultServer, cdn: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    signed = (
        "/bucket/f1?X-Amz-Credential=AKIAEXAMPLE%2F20260101&X-Amz-Signature=sig-5150"
        "&X-Amz-Security-Token=tok-6160&X-Amz-Expires=60&sig=az-7170&key=g-8180"
    )
    server.enqueue(redirect_to(f"{on_localhost(cdn)}{signed}"))
    with caplog.at_level(logging.DEBUG), _sync(server) as client:
        assert client._request("get", "/files/f1/content", cast_to=Any) == BLOB
    assert cdn.requests[0].raw_path == signed  # the target still gets every parameter
    own = [r.getMessage() for r in caplog.records if r.name == "sdkrt" and "cdn" not in r.name]
    from_httpx = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert any(on_localhost(cdn) in line for line in own)
    assert any(on_localhost(cdn) in line for line in from_httpx)
    logged = "\n".join(own + from_httpx)
    for secret in ("AKIAEXAMPLE", "sig-5150", "tok-6160", "az-7170", "g-8180"):
        assert secret not in logged
    assert "X-Amz-Expires=60" in logged  # what is no secret stays readable
