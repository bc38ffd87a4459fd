"""Limits that hold against hostile servers: decoded body size (compression bombs included) and
a deadline over the whole call that slow-drip servers cannot stretch."""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sdkrt
from sdkrt._exceptions import APITimeoutError, InternalServerError, ResponseTooLargeError
from sdkrt._types import RequestOptions

from tests.support.fault_server import FaultServer, Reply
from tests.support.payloads import gzip_of_zeros, gzip_twice

from .demo_sdk import API_KEY, Demo, NoWaitAsyncDemo, NoWaitDemo

MIB = 1 << 20
DEFAULT_LIMIT = 32 * MIB
PROJECT = Path(__file__).resolve().parents[2]


def gzipped(body: bytes, encoding: str = "gzip") -> Reply:
    return Reply(200, {"Content-Type": "application/json", "Content-Encoding": encoding}, body)


def endless() -> Iterator[bytes]:
    return itertools.repeat(b"x" * 65536)


def drip(pieces: int) -> Iterator[bytes]:
    return itertools.repeat(b" ", pieces)


def test_a_gzip_bomb_stops_at_the_default_limit(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(gzipped(gzip_of_zeros(64 * MIB)))
    with pytest.raises(ResponseTooLargeError, match="max_response_size") as caught:
        client.widgets.get("w1")
    assert caught.value.limit == DEFAULT_LIMIT
    assert server.count == 1


@pytest.mark.anyio
async def test_a_gzip_bomb_stops_at_the_default_limit_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(gzipped(gzip_of_zeros(64 * MIB)))
    with pytest.raises(ResponseTooLargeError):
        await async_client.widgets.get("w1")


def test_an_error_body_is_limited_too(server: FaultServer, client: NoWaitDemo) -> None:
    bomb = gzip_of_zeros(64 * MIB)
    server.enqueue(Reply(400, {"Content-Encoding": "gzip"}, bomb))
    with pytest.raises(ResponseTooLargeError):
        client.widgets.get("w1")


def test_an_endless_body_stops_at_the_limit(server: FaultServer) -> None:
    server.enqueue(Reply.streamed(endless, headers={"Content-Type": "application/json"}))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, max_response_size=2 * MIB) as client:
        started = time.monotonic()
        with pytest.raises(ResponseTooLargeError):
            client.widgets.get("w1")
    assert time.monotonic() - started < 5


def test_a_declared_length_over_the_limit_is_refused_before_reading(server: FaultServer) -> None:
    server.enqueue(Reply(200, {"Content-Length": str(1 << 30)}, b"{}"))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, timeout=30.0) as client:
        started = time.monotonic()
        with pytest.raises(ResponseTooLargeError):
            client.widgets.get("w1")
    assert time.monotonic() - started < 2


def test_the_limit_can_be_set_per_client_and_per_call(server: FaultServer) -> None:
    body = b'{"id": "w1", "pad": "' + b"x" * 4096 + b'"}'
    server.enqueue(Reply(200, {"Content-Type": "application/json"}, body))
    server.enqueue(Reply(200, {"Content-Type": "application/json"}, body))
    server.enqueue(Reply(200, {"Content-Type": "application/json"}, body))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, max_response_size=1024) as client:
        with pytest.raises(ResponseTooLargeError):
            client.widgets.get("w1")
        assert client.with_options(max_response_size=MIB).widgets.get("w1").id == "w1"
        options = RequestOptions(max_response_size=MIB)
        assert client._request("get", "/v1/widgets/w1", cast_to=dict, options=options)["id"]


def test_a_large_download_streams_to_a_file_past_the_limit(
    server: FaultServer, tmp_path: Path
) -> None:
    size = 48 * MIB
    body = gzip_of_zeros(size)
    server.enqueue(gzipped(body), gzipped(body))
    target = tmp_path / "download.bin"
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, max_response_size=MIB) as client:
        client.widgets.download("w1").write_to_file(target)
        with pytest.raises(ResponseTooLargeError), client.widgets.download("w1") as download:
            download.read()
    assert target.stat().st_size == size
    with target.open("rb") as written:
        assert not any(written.read(MIB).strip(b"\0") for _ in range(48))


# Peak RSS from VmHWM, which belongs to this program: getrusage's ru_maxrss also counts the
# memory of the (large) test process this one was forked from before exec.
RSS_PROBE = """
import re, sys
from pathlib import Path
from tests.runtime.demo_sdk import API_KEY, NoWaitDemo
from sdkrt._exceptions import ResponseTooLargeError

with NoWaitDemo(api_key=API_KEY, base_url=sys.argv[1]) as client:
    try:
        client.widgets.get("w1")
    except ResponseTooLargeError:
        status = Path("/proc/self/status").read_text()
        print("refused", int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024)
"""


@pytest.mark.parametrize(
    ("encoding", "body"),
    [("gzip, gzip", lambda: gzip_twice(2048 * MIB)), ("gzip", lambda: gzip_of_zeros(1024 * MIB))],
    ids=["double-gzip-2GiB", "gzip-1GiB"],
)
def test_a_bomb_is_refused_in_bounded_memory(
    server: FaultServer, encoding: str, body: object
) -> None:
    assert callable(body)
    server.enqueue(gzipped(body(), encoding))
    runtime_root = Path(sdkrt.__file__).parents[1]
    probe = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(RSS_PROBE), server.url],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT,
        env={"PYTHONPATH": f"{runtime_root}:{PROJECT}", "PATH": ""},
        check=False,
    )
    verdict, _, megabytes = probe.stdout.strip().partition(" ")
    assert verdict == "refused", probe.stderr[-2000:]
    assert int(megabytes) < 200, f"peak RSS {megabytes} MB while refusing a bomb"


def assert_took(started: float, low: float, high: float) -> None:
    elapsed = time.monotonic() - started
    assert low <= elapsed <= high, f"took {elapsed:.2f} s, expected {low}-{high} s"


def test_a_slow_drip_body_cannot_outlast_the_timeout(server: FaultServer) -> None:
    server.enqueue(Reply.streamed(lambda: drip(40), interval=0.25))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, timeout=1.0, max_retries=0) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.widgets.get("w1")
    assert_took(started, 0.9, 1.6)


@pytest.mark.anyio
async def test_a_slow_drip_body_cannot_outlast_the_timeout_async(server: FaultServer) -> None:
    server.enqueue(Reply.streamed(lambda: drip(40), interval=0.25))
    async with NoWaitAsyncDemo(
        api_key=API_KEY, base_url=server.url, timeout=1.0, max_retries=0
    ) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await client.widgets.get("w1")
    assert_took(started, 0.9, 1.6)


def test_slow_drip_headers_cannot_outlast_the_timeout(server: FaultServer) -> None:
    server.enqueue(Reply(200, {"Content-Type": "application/json"}, b"{}", head_interval=0.1))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, timeout=1.0, max_retries=0) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.widgets.get("w1")
    assert_took(started, 0.9, 1.6)


def test_retries_after_drips_stay_within_the_deadline(server: FaultServer) -> None:
    server.fallback = Reply.streamed(lambda: drip(40), interval=0.25)
    # The first attempt times out at 1 s; the second starts after a real backoff of at most
    # 0.5 s and is cut off by the deadline, not by its own read timeout.
    with Demo(api_key=API_KEY, base_url=server.url, timeout=1.0, deadline=1.8) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match=r"deadline of 1\.8 s") as caught:
            client.widgets.get("w1")
    assert_took(started, 1.7, 2.3)
    assert caught.value.attempts == 2


def test_the_deadline_is_not_spent_waiting_to_retry(server: FaultServer) -> None:
    server.fallback = Reply.json({"message": "busy"}, status=503, headers={"Retry-After": "5"})
    with Demo(api_key=API_KEY, base_url=server.url, deadline=1.0) as client:
        started = time.monotonic()
        with pytest.raises(InternalServerError):
            client.widgets.get("w1")
    assert_took(started, 0.0, 0.8)
    assert server.count == 1


def test_a_per_call_deadline_overrides_the_client(server: FaultServer) -> None:
    server.enqueue(Reply.streamed(lambda: drip(40), interval=0.25))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
        options = RequestOptions(deadline=0.8)
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="deadline"):
            client._request("get", "/v1/widgets/w1", cast_to=object, options=options)
    assert_took(started, 0.7, 1.3)


def test_a_caller_supplied_http_client_still_bounds_a_drip(server: FaultServer) -> None:
    server.enqueue(Reply.streamed(lambda: drip(40), interval=0.25))
    with (
        httpx.Client() as http_client,
        NoWaitDemo(
            api_key=API_KEY,
            base_url=server.url,
            timeout=1.0,
            max_retries=0,
            http_client=http_client,
        ) as client,
    ):
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.widgets.get("w1")
    # Without access to the socket the check happens between chunks: one interval late at most.
    assert_took(started, 0.9, 1.6)


def test_a_streamed_download_outlives_the_deadline_once_its_headers_arrive(
    server: FaultServer, tmp_path: Path
) -> None:
    server.enqueue(Reply.streamed(lambda: drip(8), interval=0.2))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, timeout=1.0, deadline=0.5) as client:
        started = time.monotonic()
        client.widgets.download("w1").write_to_file(tmp_path / "slow.bin")
    assert_took(started, 1.5, 3.0)
    assert (tmp_path / "slow.bin").read_bytes() == b" " * 8
