"""Uploads from every kind of source arrive whole, on the first attempt and on every retry, or
are not retried at all; failures while sending them surface inside the SDK's error tree."""

from __future__ import annotations

import io
import os
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
import sdkrt._files
from sdkrt._exceptions import APIConnectionError, RateLimitError
from sdkrt._types import RequestOptions

from tests.support.fault_server import FaultServer, RecordedRequest, Reply

from .demo_sdk import NoWaitAsyncDemo, NoWaitDemo

WIDGET = {"id": "w1"}
SLOW_DOWN = Reply.json({"message": "slow down"}, status=429)
DATA = bytes(range(256)) * 200  # 51,200 bytes, every byte value


def pipe_with(data: bytes) -> IO[bytes]:
    """The read end of a pipe a thread fills with ``data``: readable once, not seekable."""
    read_end, write_end = os.pipe()

    def fill() -> None:
        with open(write_end, "wb") as writer:
            writer.write(data)

    threading.Thread(target=fill, daemon=True).start()
    return open(read_end, "rb")


def chunks_of(data: bytes, size: int = 4096) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def uploaded(request: RecordedRequest) -> bytes:
    _title, file_part = request.form_parts()
    return file_part.data


def test_a_pipe_upload_is_sent_whole_again_after_a_429(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(SLOW_DOWN, Reply.json(WIDGET))
    with pipe_with(DATA) as pipe:
        client.widgets.upload("w1", title="t", file=pipe)
    assert [uploaded(request) for request in server.requests] == [DATA, DATA]


def test_an_urlopen_body_is_sent_whole_again_after_a_429(
    server: FaultServer, client: NoWaitDemo
) -> None:
    with FaultServer(fallback=Reply(200, {}, DATA)) as origin:
        server.enqueue(SLOW_DOWN, Reply.json(WIDGET))
        with urllib.request.urlopen(f"{origin.url}/file") as remote:
            client.widgets.upload("w1", title="t", file=("remote.bin", remote))
    assert [uploaded(request) for request in server.requests] == [DATA, DATA]


def test_a_generator_body_is_sent_whole_again_after_a_429(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(SLOW_DOWN, Reply.json({}))
    client._request("post", "/v1/raw", content=chunks_of(DATA), cast_to=object)
    assert [request.body for request in server.requests] == [DATA, DATA]


def test_a_seekable_file_is_sent_from_where_it_stood_on_every_attempt(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(SLOW_DOWN, Reply.json(WIDGET), SLOW_DOWN, Reply.json({}))
    file = io.BytesIO(b"HEADER" + DATA)
    file.seek(6)
    client.widgets.upload("w1", title="t", file=file)
    file.seek(6)
    client._request("post", "/v1/raw", content=file, cast_to=object)
    first, second, third, fourth = server.requests
    assert uploaded(first) == uploaded(second) == DATA
    assert third.body == fourth.body == DATA
    assert third.headers["content-length"] == str(len(DATA))


def test_a_path_is_streamed_from_disk_and_closed_after_the_call(
    server: FaultServer, client: NoWaitDemo, tmp_path: Path
) -> None:
    path = tmp_path / "clip.bin"
    path.write_bytes(DATA)
    server.enqueue(SLOW_DOWN, Reply.json({}))
    client._request("put", "/v1/raw", content=path, cast_to=object)
    assert [request.body for request in server.requests] == [DATA, DATA]
    assert str(path) not in open_files()


def open_files() -> set[str]:
    """What this process's file descriptors point at."""
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            found.add(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            continue  # closed while listing
    return found


@pytest.fixture
def small_buffer(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sdkrt._files, "MAX_BUFFERED_UPLOAD", 4096)
    return 4096


def test_a_long_one_shot_stream_is_sent_once_chunked_and_not_retried(
    server: FaultServer, client: NoWaitDemo, small_buffer: int
) -> None:
    server.enqueue(SLOW_DOWN, Reply.json(WIDGET))
    with pipe_with(DATA) as pipe, pytest.raises(RateLimitError) as caught:
        client.widgets.upload("w1", title="t", file=pipe)
    assert server.count == 1
    request = server.requests[0]
    assert request.headers.get("transfer-encoding") == "chunked"
    assert uploaded(request) == DATA
    assert caught.value.attempts == 1


def test_a_one_shot_stream_is_not_retried_even_when_marked_idempotent(
    server: FaultServer, client: NoWaitDemo, small_buffer: int
) -> None:
    server.enqueue(Reply.json({"message": "boom"}, status=503), Reply.json({}))
    options = RequestOptions(idempotent=True)
    with pytest.raises(sdkrt._exceptions.InternalServerError):
        client._request("put", "/v1/raw", content=chunks_of(DATA), cast_to=object, options=options)
    assert server.count == 1
    assert server.requests[0].body == DATA


class FailingFile(io.RawIOBase):
    """A seekable file whose disk fails halfway through."""

    def __init__(self) -> None:
        self.position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = len(DATA) + offset if whence == os.SEEK_END else offset
        return self.position

    def tell(self) -> int:
        return self.position

    def read(self, size: int = -1) -> bytes:
        if self.position >= len(DATA) // 2:
            raise OSError(5, "Input/output error")
        self.position += min(size, 4096)
        return b"x" * min(size, 4096)


class ShrunkFile(FailingFile):
    """A file that ends early: shorter than the length it reported."""

    def read(self, size: int = -1) -> bytes:
        if self.position >= 100:
            return b""
        self.position += 100
        return b"y" * 100


@pytest.mark.parametrize("source", [FailingFile, ShrunkFile], ids=["io-error", "shrunk"])
def test_a_body_that_fails_while_sending_is_a_connection_error(
    server: FaultServer, client: NoWaitDemo, source: type[FailingFile]
) -> None:
    server.fallback = Reply.json({})
    with pytest.raises(APIConnectionError):
        client._request("post", "/v1/raw", content=source(), cast_to=object)


@pytest.mark.anyio
async def test_async_uploads_from_a_pipe_and_a_generator_survive_a_429(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(SLOW_DOWN, Reply.json(WIDGET), SLOW_DOWN, Reply.json({}))
    with pipe_with(DATA) as pipe:
        await async_client.widgets.upload("w1", title="t", file=pipe)
    await async_client._request("post", "/v1/raw", content=chunks_of(DATA), cast_to=object)
    first, second, third, fourth = server.requests
    assert uploaded(first) == uploaded(second) == DATA
    assert third.body == fourth.body == DATA


@pytest.mark.anyio
async def test_an_async_one_shot_stream_is_sent_once(
    server: FaultServer, async_client: NoWaitAsyncDemo, small_buffer: int
) -> None:
    server.enqueue(SLOW_DOWN)
    with pytest.raises(RateLimitError):
        await async_client._request("post", "/v1/raw", content=chunks_of(DATA), cast_to=object)
    assert server.count == 1 and server.requests[0].body == DATA


def test_a_raw_upload_is_sent_with_the_type_its_caller_gave(
    server: FaultServer, client: NoWaitDemo
) -> None:
    # GitHub stores a release asset under the Content-Type it is uploaded with, while its spec
    # declares only the generic `application/octet-stream`: the caller's type must win.
    server.enqueue(Reply.json({}), Reply.json({}), Reply.json({}))
    generic = "application/octet-stream"
    client._request(
        "post",
        "/v1/raw",
        content=("app.zip", b"PK\x03\x04", "application/zip"),
        content_type=generic,
        cast_to=object,
    )
    untyped = ("app.zip", b"PK")
    client._request("post", "/v1/raw", content=untyped, content_type=generic, cast_to=object)
    client._request("post", "/v1/raw", content=b"PK", content_type="image/png", cast_to=object)
    sent = [request.headers["content-type"] for request in server.requests]
    assert sent == ["application/zip", generic, "image/png"]
    assert server.requests[0].body == b"PK\x03\x04"
