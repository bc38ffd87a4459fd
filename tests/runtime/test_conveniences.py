"""Raw HTTP methods for endpoints the SDK does not cover, ``copy()``, ``to_dict()``/``to_json()``,
and numbers that reach the wire as the caller wrote them."""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from typing import Annotated

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import Field
from sdkrt._exceptions import NotFoundError, SDKError
from sdkrt._models import BaseModel
from sdkrt._serialization import json_body

from tests.support.fault_server import FaultServer, Reply

from .demo_sdk import API_KEY, NoWaitAsyncDemo, NoWaitDemo, Owner, Widget

WIDGET = {"id": "w1", "displayName": "Widget"}


def test_raw_methods_send_what_they_are_given_with_the_client_credentials(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(*[Reply.json(WIDGET)] * 5)
    assert client.get("/v1/extra", cast_to=Widget, query={"q": 1}).display_name == "Widget"
    client.post("/v1/extra", cast_to=dict, body={"n": 1})
    client.put("/v1/extra", cast_to=dict, content=b"raw")
    client.patch("/v1/extra", cast_to=dict, body={"x": None})
    client.delete("/v1/extra/1", cast_to=object)
    methods = [(request.method, request.raw_path, request.body) for request in server.requests]
    assert methods == [
        ("GET", "/v1/extra?q=1", b""),
        ("POST", "/v1/extra", b'{"n":1}'),
        ("PUT", "/v1/extra", b"raw"),
        ("PATCH", "/v1/extra", b'{"x":null}'),
        ("DELETE", "/v1/extra/1", b""),
    ]
    assert all(
        request.headers["authorization"] == f"Bearer {API_KEY}" for request in server.requests
    )


def test_a_raw_upload_sends_body_fields_and_files_as_multipart(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json({}))
    client.post("/v1/extra", cast_to=dict, body={"title": "t"}, files={"file": b"data"})
    title, file = server.requests[0].form_parts()
    assert (title.name, title.data, file.name, file.data) == ("title", b"t", "file", b"data")


def test_raw_methods_raise_the_same_errors_and_refuse_other_origins(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json({"message": "gone"}, status=404))
    with pytest.raises(NotFoundError):
        client.get("/v1/gone", cast_to=dict)
    for path in ("https://elsewhere.example/v1", "v1/relative", "/v1/x?api_key=1"):
        with pytest.raises(SDKError, match="Refusing the request path"):
            client.get(path, cast_to=dict)
    assert server.count == 1


@pytest.mark.anyio
async def test_async_raw_methods(server: FaultServer, async_client: NoWaitAsyncDemo) -> None:
    server.enqueue(Reply.json(WIDGET), Reply.json({}))
    assert (await async_client.get("/v1/extra", cast_to=Widget)).id == "w1"
    await async_client.post("/v1/extra", cast_to=dict, body={"n": 1})
    assert [request.method for request in server.requests] == ["GET", "POST"]


def test_copy_is_with_options(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(Reply.json(WIDGET))
    patient = client.copy(max_retries=7, default_headers={"X-Team": "edge"})
    assert type(patient) is type(client) and patient.max_retries == 7
    patient.widgets.get("w1")
    assert server.requests[0].headers["x-team"] == "edge"


def test_to_dict_and_to_json_use_wire_names_by_default() -> None:
    owner = uuid.UUID(int=7)
    widget = Widget(
        id="w1",
        display_name="Widget",
        created_at=dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        owner=Owner(id=owner, name="ann"),
    )
    assert widget.to_dict() == {
        "id": "w1",
        "displayName": "Widget",
        "createdAt": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        "owner": {"id": owner, "name": "ann"},
    }
    assert widget.to_dict(use_api_names=False, mode="json")["created_at"] == "2024-01-02T03:04:05Z"
    assert json.loads(widget.to_json()) == widget.to_dict(mode="json")
    assert widget.to_json(indent=None).startswith('{"id":"w1","displayName":"Widget"')


class Settings(BaseModel):
    """A request model with ``number`` fields, as the generator writes them."""

    max_session_length: Annotated[float | None, Field(alias="maxSessionLength")] = None
    threshold: float = 0.5
    weights: list[float] | None = None
    limits: dict[str, float] | None = None
    count: int | None = None


def test_a_whole_number_given_to_a_number_field_is_sent_as_an_integer() -> None:
    body = Settings(max_session_length=600, threshold=1, weights=[1, 2.5], limits={"a": 3})
    wire = json_body({"settings": body}, None).decode()
    assert wire == (
        '{"settings":{"maxSessionLength":600,"threshold":1,"weights":[1,2.5],"limits":{"a":3}}}'
    )
    assert Settings(threshold=1).to_json(indent=None) == '{"threshold":1}'


NUMBERS = st.one_of(
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
)


@given(
    length=st.none() | NUMBERS,
    threshold=NUMBERS,
    weights=st.none() | st.lists(NUMBERS, max_size=4),
    limits=st.none() | st.dictionaries(st.text(max_size=3), NUMBERS, max_size=3),
    count=st.none() | st.integers(),
)
def test_model_to_wire_json_to_model_round_trips(
    length: float | None,
    threshold: float,
    weights: list[float] | None,
    limits: dict[str, float] | None,
    count: int | None,
) -> None:
    sent = Settings(
        max_session_length=length, threshold=threshold, weights=weights, limits=limits, count=count
    )
    wire = json.loads(json_body(sent, None))
    assert Settings.model_validate(wire) == sent
    given_numbers = [length, threshold, *(weights or []), *(limits or {}).values()]
    sent_numbers = [
        wire["maxSessionLength"],
        wire["threshold"],
        *(wire["weights"] or []),
        *(wire["limits"] or {}).values(),
    ]
    for given_number, on_wire in zip(given_numbers, sent_numbers, strict=True):
        if isinstance(given_number, int):
            assert isinstance(on_wire, int) and on_wire == given_number
        elif given_number is not None:
            assert math.isclose(on_wire, given_number, rel_tol=0, abs_tol=0)
