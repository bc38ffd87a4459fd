"""Replies are read as declared: error bodies by status, range and `default`; text, bytes, none."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.support.fault_server import FaultServer, Reply

if TYPE_CHECKING:
    from sdkwire import Wire


@pytest.mark.parametrize(
    ("status", "body", "model", "field"),
    [
        (404, {"missing": "thing"}, "NotFound", "missing"),
        (409, {"reason": "taken"}, "ClientError", "reason"),
        (503, {"title": "down"}, "Problem", "title"),
    ],
)
def test_error_bodies_are_parsed_by_status_range_and_default(
    server: FaultServer, client: Wire, status: int, body: dict[str, str], model: str, field: str
) -> None:
    from sdkwire import APIStatusError, types

    server.enqueue(Reply.json(body, status=status))
    with pytest.raises(APIStatusError) as caught:
        client.replies.failing()
    assert isinstance(caught.value.body, getattr(types, model))
    assert getattr(caught.value.body, field) == body[field]


def test_an_operation_declaring_only_default_returns_its_model(
    server: FaultServer, client: Wire
) -> None:
    from sdkwire import APIStatusError
    from sdkwire.types import Thing

    server.enqueue(Reply.json({"id": "t1"}), Reply.json({"id": "e1"}, status=500))
    assert client.replies.only_default() == Thing(id="t1")
    with pytest.raises(APIStatusError) as caught:
        client.replies.only_default()
    assert caught.value.body == Thing(id="e1")


def test_a_text_reply_is_a_str_and_text_is_what_the_call_accepts(
    server: FaultServer, client: Wire
) -> None:
    server.enqueue(Reply.text("plain words"))
    assert client.replies.read_text() == "plain words"
    assert server.requests[0].headers["accept"] == "text/plain"


def test_a_binary_reply_is_streamed_and_asked_for_by_its_type(
    server: FaultServer, client: Wire
) -> None:
    server.enqueue(Reply(200, {"Content-Type": "image/png"}, b"\x89PNG"))
    with client.replies.read_picture() as picture:
        assert picture.read() == b"\x89PNG"
    assert server.requests[0].headers["accept"] == "image/png"


def test_of_several_reply_types_json_is_asked_for_and_parsed(
    server: FaultServer, client: Wire
) -> None:
    from sdkwire.types import Thing

    server.enqueue(Reply.json({"id": "t1", "name": "n"}))
    assert client.replies.several_types() == Thing(id="t1", name="n")
    assert server.requests[0].headers["accept"] == "application/json"


def test_a_declared_204_makes_the_result_optional(server: FaultServer, client: Wire) -> None:
    from sdkwire.types import Thing

    server.enqueue(Reply.json({"id": "t1"}), Reply(204))
    assert client.replies.maybe_thing() == Thing(id="t1")
    assert client.replies.maybe_thing() is None


def test_a_204_is_none_even_where_the_spec_gives_it_content(
    server: FaultServer, client: Wire
) -> None:
    server.enqueue(Reply(204))
    assert client.replies.remove_all() is None
