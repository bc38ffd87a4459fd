"""Every request media type of an operation is reachable, and each body is written as declared."""

from __future__ import annotations

import inspect
import json
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

import pytest

from tests.support.fault_server import FaultServer, Reply

if TYPE_CHECKING:
    from sdkwire import Wire

THING = Reply.json({"id": "t1", "name": "n"}, status=201)
NO_CONTENT = Reply(204)


def test_a_multipart_body_with_a_file_is_the_operations_own_method(
    server: FaultServer, client: Wire
) -> None:
    server.enqueue(THING)
    client.bodies.create_voice(name="Ada", audio_file=("ada.wav", b"RIFF"), enhance=False)
    request = server.requests[0]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    parts = {part.name: part for part in request.form_parts()}
    assert parts["name"].data == b"Ada"
    assert parts["enhance"].data == b"false"
    assert (parts["audioFile"].filename, parts["audioFile"].data) == ("ada.wav", b"RIFF")


def test_the_json_form_of_the_same_operation_has_its_own_method(
    server: FaultServer, client: Wire
) -> None:
    server.enqueue(THING)
    voice = client.bodies.create_voice_json(name="Ada", audio_key="uploads/ada.wav")
    request = server.requests[0]
    assert (request.method, request.path) == ("POST", "/api/voices")
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {"name": "Ada", "audioKey": "uploads/ada.wav"}
    assert voice.id == "t1"


def test_each_method_takes_only_its_own_forms_arguments() -> None:
    from sdkwire.resources.bodies import Bodies

    multipart = inspect.signature(Bodies.create_voice).parameters
    json_form = inspect.signature(Bodies.create_voice_json).parameters
    assert "audio_file" in multipart and "audio_key" not in multipart
    assert "audio_key" in json_form and "audio_file" not in json_form
    assert "create_voice_json" in (Bodies.create_voice.__doc__ or "")


def test_form_fields_follow_their_encoding(server: FaultServer, client: Wire) -> None:
    server.enqueue(NO_CONTENT)
    client.bodies.submit_form(
        title="a&b=c",
        owner={"name": "Ada", "address": {"city": "Paris"}},
        tags=["x", "y"],
        csv=["1", "2"],
        meta={"k": 1},
        card={"number": "4242"},
    )
    request = server.requests[0]
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.body.decode() == (
        "title=a%26b%3Dc&owner[name]=Ada&owner[address][city]=Paris&tags=x&tags=y&csv=1,2"
        "&meta=%7B%22k%22%3A1%7D&card[number]=4242"
    )
    fields = parse_qsl(request.body.decode())
    assert ("title", "a&b=c") in fields
    assert json.loads(dict(fields)["meta"]) == {"k": 1}


def test_a_read_only_property_is_never_an_argument() -> None:
    from sdkwire.resources.bodies import Bodies

    assert "id" not in inspect.signature(Bodies.submit_form).parameters
    keywords = [
        name
        for name, parameter in inspect.signature(Bodies.patch_thing).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    assert keywords[0] == "name" and "id" not in keywords  # `id` is the path parameter


def test_read_only_fields_of_models_are_not_sent_back(server: FaultServer, client: Wire) -> None:
    """A model read from the API (its read-only `id` set) can be sent back: `id` stays home."""
    from sdkwire.types import Thing

    server.enqueue(NO_CONTENT)
    fetched = Thing(id="t1", name="first")
    client.bodies.replace_thing("t1", thing=fetched, related=[Thing(id="t2"), {"id": "t3"}])
    assert server.requests[0].json() == {
        "thing": {"name": "first"},
        "related": [{}, {"id": "t3"}],  # a plain dict is sent as given
    }
    assert fetched.id == "t1"


def test_multipart_parts_follow_their_encoding(server: FaultServer, client: Wire) -> None:
    server.enqueue(NO_CONTENT)
    client.bodies.upload_parts(
        pictures=[("a.jpg", b"A"), ("b.gif", b"B")],
        cover=b"PNG",
        meta={"k": 1},
        labels=["x", "y"],
        note="# hi",
    )
    parts = [
        (part.name, part.filename, part.content_type, part.data)
        for part in server.requests[0].form_parts()
    ]
    assert parts == [
        ("meta", None, "application/json", b'{"k":1}'),
        ("labels", None, None, b"x"),
        ("labels", None, None, b"y"),
        ("note", None, "text/markdown", b"# hi"),
        ("pictures", "a.jpg", "image/jpeg", b"A"),
        ("pictures", "b.gif", "image/gif", b"B"),
        ("cover", "upload", "image/png", b"PNG"),
    ]


def test_an_optional_array_of_files_left_out_sends_no_part(
    server: FaultServer, client: Wire
) -> None:
    server.enqueue(NO_CONTENT)
    client.bodies.upload_parts(pictures=[], note="n")
    assert [part.name for part in server.requests[0].form_parts()] == ["note"]


def test_a_file_names_its_own_type_over_the_declared_one(server: FaultServer, client: Wire) -> None:
    server.enqueue(NO_CONTENT)
    client.bodies.upload_parts(pictures=[], cover=("c.webp", b"W", "image/webp"))
    (cover,) = server.requests[0].form_parts()
    assert (cover.name, cover.content_type) == ("cover", "image/webp")


@pytest.mark.parametrize(
    ("method", "arguments", "content_type", "body"),
    [
        ("put_raw", {"content": b"\x89PNG"}, "image/png", b"\x89PNG"),
        (
            "put_raw",
            {"content": b"\xff\xd8", "content_type": "image/jpeg"},
            "image/jpeg",
            b"\xff\xd8",
        ),
        ("put_raw_text", {"content": "héllo"}, "text/plain", "héllo".encode()),
    ],
)
def test_raw_and_text_bodies_go_as_declared(
    server: FaultServer,
    client: Wire,
    method: str,
    arguments: dict[str, object],
    content_type: str,
    body: bytes,
) -> None:
    server.enqueue(NO_CONTENT)
    getattr(client.bodies, method)(**arguments)
    request = server.requests[0]
    assert (request.headers["content-type"], request.body) == (content_type, body)


def test_a_json_media_type_is_sent_as_declared(server: FaultServer, client: Wire) -> None:
    server.enqueue(Reply.json({"id": "t1"}))
    client.bodies.patch_thing("t1", name="new")
    request = server.requests[0]
    assert request.headers["content-type"] == "application/merge-patch+json"
    assert request.json() == {"name": "new"}


def test_an_optional_body_left_out_is_not_sent(server: FaultServer, client: Wire) -> None:
    server.enqueue(Reply.json([]), Reply.json([]))
    client.bodies.search_with_body()
    client.bodies.search_with_body(limit=3)
    empty, given = server.requests
    assert (empty.method, empty.body, "content-type" in empty.headers) == ("GET", b"", False)
    assert (given.method, given.json(), given.headers["content-type"]) == (
        "GET",
        {"limit": 3},
        "application/json",
    )


def test_extra_body_is_sent_even_when_no_field_was_given(server: FaultServer, client: Wire) -> None:
    server.enqueue(Reply.json({"id": "t1"}))
    client.bodies.patch_thing("t1", extra_body={"name": None})
    assert server.requests[0].json() == {"name": None}


# An optional body requiring fields that have defaults (USPTO's search form): left out whole, it
# is not sent; sent with some fields, it carries the defaults of the required ones left out.


def test_an_optional_form_body_left_out_is_not_sent(server: FaultServer, client: Wire) -> None:
    server.enqueue(NO_CONTENT)
    client.bodies.search_records()
    request = server.requests[0]
    assert request.body == b""
    assert "content-type" not in request.headers


def test_a_form_body_sent_carries_the_defaults_of_its_required_fields(
    server: FaultServer, client: Wire
) -> None:
    server.enqueue(NO_CONTENT, NO_CONTENT)
    client.bodies.search_records(rows=10)
    client.bodies.search_records(criteria="title:patent", exact=True)
    first, second = (parse_qsl(request.body.decode()) for request in server.requests)
    assert first == [("criteria", "*:*"), ("exact", "false"), ("rows", "10")]
    assert second == [("criteria", "title:patent"), ("exact", "true")]  # given: not replaced


def test_a_json_body_sent_carries_the_defaults_of_its_required_fields(
    server: FaultServer, client: Wire
) -> None:
    server.enqueue(NO_CONTENT, NO_CONTENT)
    client.bodies.add_note(pinned=True)
    client.bodies.add_note()
    assert server.requests[0].json() == {
        "text": "untitled",
        "weight": 0.5,
        "labels": [],
        "pinned": True,
    }
    assert server.requests[1].body == b""


@pytest.mark.anyio
async def test_an_async_form_body_carries_the_defaults_too(server: FaultServer) -> None:
    from sdkwire import AsyncWire

    server.enqueue(NO_CONTENT)
    async with AsyncWire(base_url=server.url + "/api", max_retries=0) as client:
        await client.bodies.search_records(owner="ada")
    assert parse_qsl(server.requests[0].body.decode()) == [
        ("criteria", "*:*"),
        ("exact", "false"),
        ("owner", "ada"),
    ]


def test_a_multipart_body_sent_fills_in_text_fields_but_never_a_file(
    server: FaultServer, client: Wire
) -> None:
    server.enqueue(NO_CONTENT, NO_CONTENT)
    client.bodies.add_attachment(label="a")
    client.bodies.add_attachment(file=("a.txt", b"hello"))
    first, second = (request.form_parts() for request in server.requests)
    assert [(part.name, part.data) for part in first] == [("note", b"none"), ("label", b"a")]
    assert [(part.name, part.filename, part.data) for part in second] == [
        ("note", None, b"none"),
        ("file", "a.txt", b"hello"),
    ]
