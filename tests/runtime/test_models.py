"""Models and response parsing: lenient by default, strict on request, secrets masked."""

from __future__ import annotations

import logging
import uuid
from typing import Annotated, Literal, Union

import pytest
from pydantic import Field
from sdkrt._exceptions import APIResponseValidationError
from sdkrt._models import BaseModel
from sdkrt._parsing import parse_response
from typing_extensions import TypeAliasType

from tests.support.fault_server import FaultServer, Reply

from .demo_sdk import API_KEY, Credentials, NoWaitAsyncDemo, NoWaitDemo, Owner, Widget

OWNER = {"id": "12345678-1234-5678-1234-567812345678", "name": "Ada"}


def warnings_from(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]


def fresh(prefix: str) -> str:
    """A name no earlier test has warned about (warnings are once per process)."""
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def test_an_unknown_field_is_kept_and_warned_about_once(caplog: pytest.LogCaptureFixture) -> None:
    field = fresh("newField")
    for _ in range(3):
        widget = parse_response(Widget, {"id": "w1", field: {"a": 1}}, strict=False)
        assert isinstance(widget, Widget)
        assert widget.model_extra == {field: {"a": 1}}
    assert [message for message in warnings_from(caplog) if field in message] == [
        f"Response did not match the SDK's types: unknown field at Widget.{field}; kept as "
        "received (the API may be newer than this SDK)"
    ]


def test_an_unknown_literal_value_is_kept_and_warned_about_once_per_value(
    caplog: pytest.LogCaptureFixture,
) -> None:
    huge, tiny = fresh("huge"), fresh("tiny")
    for kind in (huge, huge, tiny):
        widget = parse_response(Widget, {"id": "w1", "kind": kind, "owner": OWNER}, strict=False)
        assert isinstance(widget, Widget)
        assert widget.kind == kind
        assert isinstance(widget.owner, Owner)  # the rest of the model is still built
        assert widget.owner.id == uuid.UUID(OWNER["id"])
    messages = warnings_from(caplog)
    assert len([message for message in messages if huge in message]) == 1
    assert len([message for message in messages if tiny in message]) == 1
    assert all("Widget.kind" in message for message in messages if huge in message)


def test_an_unknown_value_of_a_named_alias_is_kept() -> None:
    size = fresh("xxl")
    widget = parse_response(Widget, {"id": "w1", "size": size}, strict=False)
    assert isinstance(widget, Widget)
    assert widget.size == size


def test_nested_models_are_built_even_when_their_parent_does_not_validate() -> None:
    body = [
        {"id": "w1", "owner": {"id": "not-a-uuid", "name": "Bob"}},
        {"id": "w2", "owner": OWNER, "kind": "small"},
    ]
    widgets = parse_response(list[Widget], body, strict=False)
    assert isinstance(widgets, list)
    first, second = widgets
    assert isinstance(first.owner, Owner)
    assert first.owner.id == "not-a-uuid"  # kept as received
    assert first.owner.name == "Bob"
    assert isinstance(second, Widget)
    assert second.kind == "small"


def test_models_in_an_optional_list_or_mapping_are_built_when_one_does_not_validate() -> None:
    """An optional array of models (`list[Widget] | None`) is the common shape of a list field;
    one bad value inside must not turn every item back into a plain dict."""

    class Crate(BaseModel):
        widgets: list[Widget] | None = None
        owners: dict[str, Owner] | None = None

    bad_owner = {**OWNER, "id": "not-a-uuid"}
    body = {
        "widgets": [{"id": "w1", "owner": bad_owner}, {"id": "w2", "kind": "small"}],
        "owners": {"first": bad_owner, "second": OWNER},
    }
    crate = parse_response(Crate, body, strict=False)
    assert isinstance(crate, Crate)
    assert crate.widgets is not None and crate.owners is not None
    first, second = crate.widgets
    assert isinstance(first, Widget) and isinstance(first.owner, Owner)
    assert first.owner.id == "not-a-uuid"  # kept as received
    assert isinstance(second, Widget) and second.kind == "small"
    assert isinstance(crate.owners["first"], Owner) and crate.owners["first"].name == "Ada"
    assert isinstance(crate.owners["second"], Owner)


def test_a_missing_required_field_is_tolerated(caplog: pytest.LogCaptureFixture) -> None:
    class Gizmo(BaseModel):
        serial: str
        label: str | None = None

    gizmo = parse_response(Gizmo, {"label": "x"}, strict=False)
    assert isinstance(gizmo, Gizmo)
    assert vars(gizmo) == {"serial": None, "label": "x"}
    assert gizmo.model_fields_set == {"label"}
    assert any("missing required field at Gizmo.serial" in m for m in warnings_from(caplog))


def test_union_and_alias_types_are_parsed_leniently(caplog: pytest.LogCaptureFixture) -> None:
    Shade = TypeAliasType("Shade", Literal["light", "dark"])

    class Lamp(BaseModel):
        shade: Shade
        owner: Owner | Credentials | None = None

    neon = fresh("neon")
    lamp = parse_response(Lamp, {"shade": neon, "owner": {**OWNER, "id": "bad"}}, strict=False)
    assert isinstance(lamp, Lamp)
    assert vars(lamp)["shade"] == neon
    assert isinstance(lamp.owner, Owner)  # the union member whose fields match best
    assert f"unknown value '{neon}' at Lamp.shade" in "\n".join(warnings_from(caplog))


# An alias naming classes defined after it, as datamodel-code-generator writes the unions of
# models that refer to each other (Stripe's expandable fields): the names stay quoted in it.
Part = TypeAliasType("Part", Annotated[Union["Sprocket", "Cog"], Field(title="Part")])


class Machine(BaseModel):
    part: Part


class Sprocket(BaseModel):
    teeth: int


class Cog(BaseModel):
    size: int


Machine.model_rebuild()


def test_an_alias_quoting_classes_defined_after_it_is_parsed_leniently() -> None:
    machine = parse_response(Machine, {"part": {"teeth": "many"}}, strict=False)
    assert isinstance(machine, Machine) and isinstance(machine.part, Sprocket)
    assert machine.part.teeth == "many"  # kept as received


def test_strict_mode_raises_with_a_summary_but_no_values(
    server: FaultServer, client: NoWaitDemo
) -> None:
    secret_looking = fresh("value")
    server.enqueue(Reply.json({"id": "w1", "kind": secret_looking}))
    with pytest.raises(APIResponseValidationError) as caught:
        client.with_options(strict_response_validation=True).widgets.get("w1")
    message = str(caught.value)
    assert "kind" in message
    assert "GET /v1/widgets/w1" in message
    assert secret_looking not in message
    assert caught.value.body == {"id": "w1", "kind": secret_looking}
    assert caught.value.status_code == 200


@pytest.mark.anyio
async def test_strict_mode_raises_async(server: FaultServer) -> None:
    server.enqueue(Reply.json({"kind": "small"}))
    strict = NoWaitAsyncDemo(api_key=API_KEY, base_url=server.url, strict_response_validation=True)
    async with strict:
        with pytest.raises(APIResponseValidationError, match="id"):
            await strict.widgets.get("w1")


def test_lenient_mode_returns_the_model_end_to_end(server: FaultServer, client: NoWaitDemo) -> None:
    kind = fresh("enormous")
    server.enqueue(Reply.json({"id": "w1", "kind": kind, "owner": OWNER}))
    widget = client.widgets.get("w1")
    assert widget.kind == kind
    assert isinstance(widget.owner, Owner)


def test_strict_mode_still_accepts_unknown_fields() -> None:
    widget = parse_response(Widget, {"id": "w1", fresh("added"): True}, strict=True)
    assert isinstance(widget, Widget)


def test_secret_fields_are_masked_in_repr_and_str_but_not_in_dumps() -> None:
    credentials = Credentials(username="ada", password="hunter2")
    assert "hunter2" not in repr(credentials)
    assert "hunter2" not in str(credentials)
    assert "password='**********'" in repr(credentials)
    assert "username='ada'" in repr(credentials)
    assert credentials.password == "hunter2"
    assert credentials.model_dump() == {"username": "ada", "password": "hunter2"}
    assert "hunter2" in credentials.model_dump_json()


def test_a_secret_inside_another_model_is_masked_too() -> None:
    class Account(BaseModel):
        login: Credentials

    account = Account(login=Credentials(username="ada", password="hunter2"))
    assert "hunter2" not in repr(account)


def test_models_accept_python_and_json_names() -> None:
    assert Widget(id="w1", display_name="A").display_name == "A"
    assert Widget.model_validate({"id": "w1", "displayName": "B"}).display_name == "B"
    assert Widget(id="w1", display_name="A").model_dump(by_alias=True, exclude_unset=True) == {
        "id": "w1",
        "displayName": "A",
    }


def test_fields_starting_with_model_are_allowed() -> None:
    class Inference(BaseModel):
        model_name: str

    assert Inference(model_name="m").model_name == "m"


def test_only_fields_marked_secret_are_masked() -> None:
    class Note(BaseModel):
        text: Annotated[str, Field(json_schema_extra={"x-other": True})]

    assert "plain" in repr(Note(text="plain"))


def test_type_adapters_are_built_once_per_type() -> None:
    from sdkrt._parsing import _adapter

    assert _adapter(list[Widget]) is _adapter(list[Widget])
    assert _adapter(Widget | None) is _adapter(Widget | None)
