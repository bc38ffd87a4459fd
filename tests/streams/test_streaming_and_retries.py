"""What a generated package does with event streams, downloads, streamed responses and
idempotency keys, against a real server on loopback and against its fake.

The Feed fixture has an event stream, a binary download, a POST that declares an
`Idempotency-Key` header and one that does not (its config says the API honours the header).
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.fault_server import FaultServer, Reply

EVENTS = (
    b'data: {"kind": "started"}\n\n'
    b": keep-alive\n\n"
    b'data: {"kind": "progress", "percent": 40}\n\n'
    b'event: extra\ndata: {"kind": "done", "new": 1}\n\n'
)


def _events() -> Reply:
    return Reply(200, {"Content-Type": "text/event-stream"}, EVENTS)


def test_an_event_stream_returns_typed_events(feed: ModuleType) -> None:
    with FaultServer() as server:
        server.enqueue(_events())
        with feed.Feed(base_url=server.url) as client:
            stream = client.events.watch(topic="t")
            assert isinstance(stream, feed.Stream)
            events = list(stream)
    assert [type(e).__name__ for e in events] == ["Event", "Event", "Event"]
    assert [e.kind for e in events] == ["started", "progress", "done"]
    assert events[1].percent == 40 and events[2].to_dict()["new"] == 1  # unknown fields kept


@pytest.mark.anyio
async def test_the_async_event_stream(feed: ModuleType) -> None:
    with FaultServer() as server:
        server.enqueue(_events())
        async with feed.AsyncFeed(base_url=server.url) as client:
            stream = await client.events.watch()
            assert isinstance(stream, feed.AsyncStream)
            kinds = [event.kind async for event in stream]
    assert kinds == ["started", "progress", "done"]


def test_every_resource_streams_responses_on_request(feed: ModuleType, tmp_path: Path) -> None:
    pdf = b"%PDF-1.7 " + bytes(range(256)) * 64
    with FaultServer() as server:
        server.enqueue(
            Reply(200, {"Content-Type": "application/pdf"}, pdf),
            Reply.json([{"id": "00000000-0000-4000-8000-000000000001", "title": "Q1"}]),
            Reply.json([{"id": "00000000-0000-4000-8000-000000000001", "title": "Q1"}]),
            Reply(200, {"Content-Type": "application/pdf"}, pdf),
        )
        with feed.Feed(base_url=server.url) as client:
            client.reports.download("r1").write_to_file(tmp_path / "r1.pdf")
            with client.reports.with_streaming_response.list() as response:
                assert response.status_code == 200
                lines = list(response.iter_lines())
            with client.reports.with_streaming_response.list() as response:
                assert [r.title for r in response.parse()] == ["Q1"]
            with client.reports.with_streaming_response.download("r1") as raw:
                chunks = list(raw.iter_bytes(1024))
    assert (tmp_path / "r1.pdf").read_bytes() == pdf
    assert json.loads("".join(lines))[0]["title"] == "Q1"
    assert b"".join(chunks) == pdf and len(chunks) > 1


def test_idempotent_is_offered_only_where_it_means_something(feed: ModuleType) -> None:
    client = feed.Feed(base_url="https://feed.invalid")
    offered = {
        name: "idempotent" in inspect.signature(method).parameters
        for name, method in [
            ("reports.list", client.reports.list),
            ("reports.download", client.reports.download),
            ("reports.create", client.reports.create),
            ("notes.create", client.notes.create),
            ("events.watch", client.events.watch),
        ]
    }
    assert offered == {
        "reports.list": False,
        "reports.download": False,
        "reports.create": True,
        "notes.create": True,
        "events.watch": False,
    }
    assert inspect.signature(client.reports.create).parameters["idempotency_key"].default is (
        feed.NOT_GIVEN
    )


@pytest.mark.parametrize("operation", ["reports", "notes"])
def test_a_post_retries_with_one_key_for_all_its_attempts(feed: ModuleType, operation: str) -> None:
    """`reports.create` declares the header; `notes.create` has it from the API's config."""
    with FaultServer() as server:
        server.enqueue(
            Reply.json({"message": "busy"}, status=500),
            Reply.json({"message": "busy"}, status=502),
            Reply.json({"id": "00000000-0000-4000-8000-000000000001"}, status=201),
        )
        with feed.Feed(base_url=server.url, max_retries=2) as client:
            client._sleep = lambda seconds: None  # type: ignore[method-assign]
            if operation == "reports":
                client.reports.create(title="Q1")
            else:
                client.notes.create(text="hi")
        keys = [request.headers.get("idempotency-key") for request in server.requests]
    assert len(keys) == 3 and keys[0] and len(set(keys)) == 1
    assert [r.headers.get("x-retry-count") for r in server.requests] == [None, "1", "2"]


def test_a_key_the_caller_gives_is_sent_as_given(feed: ModuleType) -> None:
    with FaultServer() as server:
        server.enqueue(Reply.json({"id": "00000000-0000-4000-8000-000000000001"}, status=201))
        with feed.Feed(base_url=server.url) as client:
            client.reports.create(title="Q1", idempotency_key="mine-1")
        assert server.requests[0].headers["idempotency-key"] == "mine-1"


NAMED_EVENTS = (
    b'event: progress\ndata: {"percent": 40}\n\n'
    b"event: result\nid: 7\n"
    b'data: {"id": "00000000-0000-4000-8000-000000000001", "percent": 100}\n\n'
)


def test_named_events_are_typed_by_their_name(feed: ModuleType) -> None:
    """A stream described as an array of named events: each event's data is the type its name
    declares, not the array the schema wraps them in, even where the data would fit another
    event's type as well (the result carries a `percent` too)."""
    with FaultServer() as server:
        server.enqueue(Reply(200, {"Content-Type": "text/event-stream"}, NAMED_EVENTS))
        with feed.Feed(base_url=server.url) as client:
            events = list(client.jobs.follow("j1"))
    assert [type(event).__name__ for event in events] == ["Progress", "Report"]
    assert events[0].percent == 40 and str(events[1].id).endswith("0001")


def test_the_fake_streams_one_event_of_each_name(feed: ModuleType) -> None:
    from feed_client.testing import FakeFeed  # type: ignore[import-not-found]

    client = FakeFeed()
    with client.jobs.follow("j1") as stream:
        named = [(event.event, event.json()) for event in stream.events()]
    assert [name for name, _data in named] == ["progress", "result"]
    events = list(client.jobs.follow("j1"))
    assert [type(event).__name__ for event in events] == ["Progress", "Report"]


def test_the_fake_streams_events_and_files(feed: ModuleType) -> None:
    from feed_client.testing import FakeFeed  # type: ignore[import-not-found]

    client = FakeFeed()
    assert [event.kind for event in client.events.watch()] == ["started"]
    client.fake.respond("events.watch", body=[{"kind": "started"}, {"kind": "done"}])
    assert [event.kind for event in client.events.watch()] == ["started", "done"]
    assert client.reports.download("r1").read() == b"fake content"
    client.reports.create(title="Q1")
    assert client.fake.calls[-1].headers["idempotency-key"]
