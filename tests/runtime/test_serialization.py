"""How argument values are written on the wire, checked without a server."""

from __future__ import annotations

import base64
import datetime as dt
import enum
import json
import re
import sys
import types
import uuid
from decimal import Decimal
from typing import Annotated, Literal
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import Field
from sdkrt._models import BaseModel
from sdkrt._parsing import parse_response
from sdkrt._paths import encode_segment, expand_path
from sdkrt._serialization import (
    Style,
    Styled,
    body_fields,
    format_value,
    json_body,
    to_jsonable,
)
from sdkrt._styles import header_params, merge_params, query_params
from sdkrt._types import NOT_GIVEN, Octets

from .demo_sdk import Credentials, Owner, Widget


class Color(enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


OWNER_ID = uuid.UUID("12345678-1234-5678-1234-567812345678")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        ("plain", "plain"),
        (7, "7"),
        (2.5, "2.5"),
        (dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC), "2024-01-02T03:04:05+00:00"),
        (dt.date(2024, 1, 2), "2024-01-02"),
        (Color.RED, "red"),
        (Level.HIGH, "3"),
        (OWNER_ID, "12345678-1234-5678-1234-567812345678"),
        (Decimal("1.10"), "1.10"),
        ([1, "a", True], '[1,"a",true]'),
        ({"k": [None]}, '{"k":[null]}'),
        (
            Owner(id=OWNER_ID, name="Ada"),
            '{"id":"12345678-1234-5678-1234-567812345678","name":"Ada"}',
        ),
    ],
)
def test_format_value(value: object, text: str) -> None:
    assert format_value(value) == text


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2024, 1, 2, 3, 4, 5),
        [dt.datetime(2024, 1, 2)],
        {"since": dt.datetime(2024, 1, 2)},
    ],
)
def test_a_datetime_without_a_timezone_is_refused_wherever_it_travels(value: object) -> None:
    with pytest.raises(ValueError, match="no timezone"):
        format_value(value)
    with pytest.raises(ValueError, match="no timezone"):
        json_body(value, None)


class _Window(BaseModel):
    starts: dt.datetime | None = None
    seen: Annotated[dt.datetime | None, Field(json_schema_extra={"readOnly": True})] = None


class _Filter(BaseModel):
    windows: list[_Window] = Field(default_factory=list)


def test_a_naive_datetime_inside_a_model_is_refused_as_at_the_top() -> None:
    """pydantic would write it without an offset; a read-only one is never sent, so it passes."""
    naive = dt.datetime(2024, 1, 2)
    for body in (
        _Filter(windows=[_Window(starts=naive)]),
        _Filter.model_validate({"windows": [], "extra": {"at": naive}}),
    ):
        with pytest.raises(ValueError, match="no timezone"):
            json_body(body, None)
    aware = naive.replace(tzinfo=dt.UTC)
    sent = _Filter(windows=[_Window(starts=aware, seen=naive)])
    assert json.loads(json_body(sent, None)) == {"windows": [{"starts": "2024-01-02T00:00:00Z"}]}


def test_an_aware_datetime_keeps_its_offset() -> None:
    ahead = dt.timezone(dt.timedelta(hours=5, minutes=30))
    assert to_jsonable(dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=ahead)) == (
        "2024-01-02T03:04:05+05:30"
    )


def test_query_params_drop_absent_values_and_repeat_sequences() -> None:
    params = {
        "a": NOT_GIVEN,
        "b": None,
        "c": [1, None, 2],
        "d": ("x",),
        "e": Color.RED,
        "f": [],
    }
    assert query_params(params) == {
        "c": [("c", "1"), ("c", "2")],
        "d": [("d", "x")],
        "e": [("e", "red")],
        "f": [],
    }


def test_later_query_layers_replace_a_name_entirely() -> None:
    merged = merge_params(
        query_params({"a": [1, 2], "b": "x"}), query_params({"a": 3}), query_params({"c": "y"})
    )
    assert merged == [("a", "3"), ("b", "x"), ("c", "y")]


def test_an_absent_value_leaves_a_lower_layer_in_place() -> None:
    merged = merge_params(query_params({"a": "default"}), query_params({"a": NOT_GIVEN}))
    assert merged == [("a", "default")]


def test_header_params_join_lists_with_commas() -> None:
    assert header_params({"X-Tags": ["a", "b"], "X-Skip": NOT_GIVEN, "X-On": True}) == {
        "X-Tags": "a,b",
        "X-On": "true",
    }


def test_to_jsonable_converts_recursively_and_keeps_secret_values() -> None:
    value = {
        "when": dt.date(2024, 1, 2),
        "items": [Widget(id="w1", display_name="A"), {"nested": Color.RED}],
        "login": Credentials(username="ada", password="hunter2"),
        "skip": NOT_GIVEN,
        "null": None,
        "ids": (OWNER_ID,),
    }
    assert to_jsonable(value) == {
        "when": "2024-01-02",
        "items": [{"id": "w1", "displayName": "A"}, {"nested": "red"}],
        "login": {"username": "ada", "password": "hunter2"},
        "null": None,
        "ids": ["12345678-1234-5678-1234-567812345678"],
    }


def test_a_model_body_only_sends_fields_that_were_set() -> None:
    assert to_jsonable(Widget(id="w1")) == {"id": "w1"}
    assert to_jsonable(Widget(id="w1", kind=None)) == {"id": "w1", "kind": None}


class _ImageInput(BaseModel):
    input: str
    modality: Literal["image"] = "image"
    detail: Literal["low", "high"] = "low"


def test_a_constant_that_names_a_union_variant_is_always_sent() -> None:
    image = _ImageInput(input="a.png")
    assert to_jsonable(image) == {"input": "a.png", "modality": "image"}
    assert body_fields(image) == {"input": "a.png", "modality": "image"}
    assert to_jsonable({"items": [image]}) == {"items": [{"input": "a.png", "modality": "image"}]}


class _IdealDetails(BaseModel):
    issuer: str
    type: Literal["ideal"] | None = "ideal"
    mode: Literal["a", "b"] | None = "a"
    channel: Literal["web"] | None = None


def test_an_optional_constant_with_its_value_as_default_is_always_sent() -> None:
    # A one-value enum with a default on a property that need not be given (a payment method's
    # `type` among `oneOf` branches): the server needs it to tell the branches apart.
    ideal = _IdealDetails(issuer="bank")
    assert to_jsonable(ideal) == {"issuer": "bank", "type": "ideal"}
    assert body_fields(ideal) == {"issuer": "bank", "type": "ideal"}
    assert to_jsonable(_IdealDetails(issuer="bank", type=None)) == {"issuer": "bank", "type": None}


def test_a_response_without_an_optional_constant_does_not_gain_it() -> None:
    # Docker's `ExternalCAs[].Protocol` ({enum: [cfssl], default: cfssl}) is left out of most
    # replies: the result holds what the server sent, and sends back no more than that.
    ideal = parse_response(_IdealDetails, {"issuer": "bank"}, strict=True)
    assert isinstance(ideal, _IdealDetails)
    assert ideal.type == "ideal"
    assert ideal.to_dict() == {"issuer": "bank"}
    assert to_jsonable(ideal) == {"issuer": "bank"}
    sent = parse_response(_IdealDetails, {"issuer": "bank", "type": "ideal"}, strict=True)
    assert to_jsonable(sent) == {"issuer": "bank", "type": "ideal"}


@pytest.mark.parametrize(
    ("body", "extra", "expected"),
    [
        ({"a": 1, "b": NOT_GIVEN}, None, {"a": 1}),
        ({"a": 1}, {"a": 2, "c": 3}, {"a": 2, "c": 3}),
        (NOT_GIVEN, {"c": 3}, {"c": 3}),
        ([1, 2], None, [1, 2]),
        ("text", None, "text"),
        (None, None, None),
    ],
)
def test_json_body(body: object, extra: dict[str, object] | None, expected: object) -> None:
    assert json.loads(json_body(body, extra)) == expected


class _Attachment(BaseModel):
    content: Octets | None = None
    filename: str | None = None
    pages: list[Octets] | None = None
    by_name: Annotated[dict[str, Octets] | None, Field(alias="byName")] = None
    either: Octets | str | None = None


# Not UTF-8, and with the two characters where base64's alphabets differ (`+/` and `-_`).
OCTETS = b"\xfb\xff\x00PNG"
STANDARD = base64.b64encode(OCTETS).decode()


def test_bytes_in_a_json_body_are_sent_as_standard_base64() -> None:
    # Resend's `attachments[].content` (`type: string, format: binary` in a JSON body): bytes
    # given in a dict, as a model, or nested, are base64 text, not an error.
    assert "+" in STANDARD and "/" in STANDARD
    sent = {"attachments": [{"content": OCTETS, "filename": "a.png"}], "raw": bytearray(b"ab")}
    assert json.loads(json_body(sent, None)) == {
        "attachments": [{"content": STANDARD, "filename": "a.png"}],
        "raw": "YWI=",
    }
    model = _Attachment(content=OCTETS, pages=[OCTETS, b"a"], by_name={"x": OCTETS, "y": b"a"})
    expected = {
        "content": STANDARD,
        "pages": [STANDARD, "YQ=="],
        "byName": {"x": STANDARD, "y": "YQ=="},
    }
    assert json.loads(json_body({"attachments": [model]}, None)) == {"attachments": [expected]}
    assert json.loads(model.to_json()) == expected
    assert model.to_dict(mode="json") == expected
    assert model.to_dict()["content"] == OCTETS  # Python mode keeps the bytes


def test_bytes_read_from_json_text_are_sent_back_unchanged() -> None:
    # The API writes octets in JSON as base64: read as the octets, and written back the same.
    data = {"content": STANDARD, "pages": ["YQ==", "plain text"], "byName": {"x": STANDARD}}
    read = parse_response(_Attachment, data, strict=True)
    assert isinstance(read, _Attachment)
    assert read.content == OCTETS
    assert read.pages == [b"a", b"plain text"]  # not base64: its UTF-8, as before
    assert read.by_name == {"x": OCTETS}
    assert to_jsonable(read) == {**data, "pages": ["YQ==", "cGxhaW4gdGV4dA=="]}
    assert _Attachment(content=b"raw").content == b"raw"  # bytes given are never decoded


def test_in_a_union_with_text_only_canonical_base64_becomes_bytes() -> None:
    read = parse_response(_Attachment, {"either": STANDARD}, strict=True)
    assert isinstance(read, _Attachment)
    assert read.either == OCTETS
    assert to_jsonable(read) == {"either": STANDARD}
    for text in ("plain text", "YQ", STANDARD.replace("+", "-")):
        read = _Attachment.model_validate_json(json.dumps({"either": text}))
        assert read.either == text
        assert json.loads(read.to_json()) == {"either": text}


def test_bytes_fields_read_json_text_and_keep_python_bytes() -> None:
    read = _Attachment.model_validate_json(json.dumps({"content": STANDARD, "pages": [STANDARD]}))
    assert (read.content, read.pages) == (OCTETS, [OCTETS])
    assert read.model_dump(mode="json", exclude_unset=True) == {
        "content": STANDARD,
        "pages": [STANDARD],
    }
    assert read.model_dump(exclude_unset=True) == {"content": OCTETS, "pages": [OCTETS]}
    assert _Attachment(content=bytearray(b"ab")).to_dict(mode="json") == {"content": "YWI="}


class _Defaulted(BaseModel):
    content: Octets | None = "YQ=="  # type: ignore[assignment]  # pydantic keeps it unchecked


def test_a_text_default_of_a_bytes_field_is_written_as_it_is() -> None:
    assert _Defaulted().to_dict(mode="json", exclude_unset=False) == {"content": "YQ=="}


class _Refused(Exception):
    pass


def test_a_model_without_bytes_fields_runs_no_base64_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused(*args: object, **kwargs: object) -> bytes:
        raise _Refused

    data = {"id": "w1", "displayName": "Widget", "owner": {"id": str(OWNER_ID), "name": "Ada"}}
    Widget.model_validate(data).to_json()  # built before anything is watched
    called: set[str] = set()

    def watch(frame: types.FrameType, event: str, arg: object) -> None:
        if event == "call":
            called.add(frame.f_code.co_name)

    monkeypatch.setattr(base64, "b64decode", refused)
    monkeypatch.setattr(base64, "b64encode", refused)
    sys.setprofile(watch)
    try:
        widget = parse_response(Widget, data, strict=True)
        written = widget.to_json()
    finally:
        sys.setprofile(None)
    assert json.loads(written) == data
    assert called and not [name for name in called if re.search("base64|octet", name, re.I)]
    with pytest.raises(_Refused):
        _Attachment.model_validate({"content": STANDARD})  # the refusal bites where bytes are


def test_bytes_in_a_form_or_multipart_field_are_kept_for_files() -> None:
    # A model in a multipart body gives its bytes as they are: the part becomes a file.
    assert body_fields(_Attachment(content=OCTETS)) == {"content": OCTETS}


def test_extra_body_cannot_be_merged_into_a_non_object_body() -> None:
    with pytest.raises(TypeError, match="extra_body"):
        json_body([1, 2], {"a": 1})


def test_nan_is_refused_rather_than_sent_as_invalid_json() -> None:
    with pytest.raises(ValueError):
        json_body({"a": float("nan")}, None)


def test_expand_path_encodes_every_parameter() -> None:
    path = expand_path("/v1/{org}/items/{id}", {"org": "a b", "id": 42})
    assert path == "/v1/a%20b/items/42"


@pytest.mark.parametrize("value", ["", None, NOT_GIVEN])
def test_an_empty_path_parameter_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="'id'"):
        expand_path("/v1/items/{id}", {"id": value})


def test_a_missing_path_parameter_is_refused() -> None:
    with pytest.raises(ValueError, match="'id'"):
        expand_path("/v1/items/{id}", {})


@given(st.text(min_size=1))
def test_any_text_becomes_exactly_one_segment_that_decodes_back(text: str) -> None:
    segment = encode_segment(text)
    assert not set(segment) & set("/?#[]@!$&'()*+,;= \\")
    assert segment not in {".", ".."}
    assert segment.isascii()
    assert unquote(segment) == text


@pytest.mark.parametrize(
    ("style", "explode", "value", "text"),
    [
        ("simple", False, [3, 4], "3,4"),
        ("simple", False, {"r": "a", "n": 1}, "r,a,n,1"),
        ("simple", True, {"r": "a", "n": 1}, "r=a,n=1"),
        ("label", False, [3, 4], ".3,4"),
        ("label", True, [3, 4], ".3.4"),
        ("label", False, {"r": "a", "n": 1}, ".r,a,n,1"),
        ("label", True, {"r": "a", "n": 1}, ".r=a.n=1"),
        ("matrix", False, [3, 4], ";id=3,4"),
        ("matrix", True, [3, 4], ";id=3;id=4"),
        ("matrix", False, {"r": "a", "n": 1}, ";id=r,a,n,1"),
        ("matrix", True, {"r": "a", "n": 1}, ";r=a;n=1"),
        ("matrix", False, "a/b", ";id=a%2Fb"),
        ("label", False, "a.b", ".a.b"),
        ("simple", False, ["a,b", "c"], "a%2Cb,c"),
    ],
)
def test_path_styles_write_the_openapi_examples(
    style: Style, explode: bool, value: object, text: str
) -> None:
    assert expand_path("/x/{id}", {"id": Styled(value, style, explode=explode)}) == "/x/" + text


@pytest.mark.parametrize("style", ["simple", "label", "matrix"])
@pytest.mark.parametrize("value", ["", [], {}])
def test_an_empty_value_is_refused_in_every_path_style(style: Style, value: object) -> None:
    with pytest.raises(ValueError, match="'id'"):
        expand_path("/x/{id}", {"id": Styled(value, style)})


def test_a_spanning_value_keeps_its_slashes_and_encodes_the_rest() -> None:
    path = expand_path("/v1/{+name}/files/{id}", {"name": "a b/q?x#y/100%/ü", "id": "c/d"})
    assert path == "/v1/a%20b/q%3Fx%23y/100%25/%C3%BC/files/c%2Fd"


@pytest.mark.parametrize(
    "value", ["..", ".", "../admin", "a/..", "a/./b", "/a", "a/", "a//b", "//evil.example/x", ""]
)
def test_a_spanning_value_with_an_empty_or_dot_segment_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="'name'"):
        expand_path("/v1/{+name}", {"name": value})


def test_a_spanning_placeholder_takes_a_non_text_value_as_one_segment() -> None:
    assert expand_path("/v1/{+name}", {"name": 42}) == "/v1/42"
    with pytest.raises(ValueError, match="'name'"):
        expand_path("/v1/{+name}", {})


@given(st.lists(st.text(min_size=1).filter(lambda s: "/" not in s), min_size=1, max_size=4))
def test_a_spanning_value_arrives_as_exactly_its_segments(segments: list[str]) -> None:
    value = "/".join(segments)
    if any(segment in {".", ".."} for segment in segments):
        with pytest.raises(ValueError):
            expand_path("/v1/{+name}", {"name": value})
        return
    path = expand_path("/v1/{+name}", {"name": value})
    sent = path.removeprefix("/v1/").split("/")
    assert [unquote(segment) for segment in sent] == segments
    assert all(segment not in {".", ".."} for segment in sent)
    assert not set(path) & set("?#[]@!$&'()*+,;= \\") and path.isascii()
