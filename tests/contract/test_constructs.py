"""The mock judges what specs written by others use, as those specs say, over real HTTP.

`fixtures/constructs/openapi.yaml` is an OpenAPI 3.0 document with `nullable`, `deepObject`,
`form` with `explode: false`, `spaceDelimited` and `pipeDelimited` parameters, header and cookie
parameters, form-encoded, multipart, raw and text bodies, `4XX` and `default` replies, text and
binary replies, an `int32` bound and a server on a path item. For each, a conformant request is
accepted and answered with a reply valid for the spec, and a request that breaks it is refused
with a message naming the parameter or field and the spec's JSON pointer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.verify.mock import VIOLATION_STATUS, SpecMockServer
from generator.verify.routing import Route
from generator.verify.security import SECRET
from generator.verify.source import spec_document
from generator.verify.transport import MockTransport

SPEC = Path(__file__).resolve().parent / "fixtures" / "constructs" / "openapi.yaml"
AUTH = {"Authorization": f"Bearer {SECRET}"}
ITEM = "/items/7"
GOOD_QUERY = "filter[status]=open&filter[min]=2&tags=a,b&ids=1%202&codes=x|y&note=hi"
GOOD_HEADERS = {**AUTH, "X-Trace": "1, 2", "Cookie": "session=s-1"}
ITEM_PARAMETERS = "#/paths/~1items~1{id}/get/parameters"


@pytest.fixture(scope="module")
def mock() -> Iterator[SpecMockServer]:
    document = spec_document(SPEC.read_bytes(), str(SPEC))
    with SpecMockServer(document, "https://api.example.com/v1") as server:
        yield server


def _send(mock: SpecMockServer, method: str, path: str, **kwargs: Any) -> tuple[int, str]:
    """The reply's status and, for a refused request, every violation with its pointer."""
    mock.clear()
    response = httpx.request(method, mock.url + path, **kwargs)
    (exchange,) = mock.exchanges
    assert exchange.reply_violations == (), exchange.reply_violations
    found = "\n".join(f"{v} (at #{v.pointer})" for v in exchange.violations)
    return response.status_code, found


def test_parameters_in_every_style_are_accepted(mock: SpecMockServer) -> None:
    status, violations = _send(mock, "GET", f"{ITEM}?{GOOD_QUERY}", headers=GOOD_HEADERS)
    assert (status, violations) == (200, "")


@pytest.mark.parametrize(
    ("path", "headers", "expected"),
    [
        ("/items/0", {}, ["path parameter 'id'", "minimum", f"{ITEM_PARAMETERS}/0/schema/minimum"]),
        (
            "/items/3000000000",
            {},
            ["path parameter 'id'", "'int32'", f"{ITEM_PARAMETERS}/0/schema"],
        ),
        (f"{ITEM}?filter[status]=pending", {}, ["query parameter 'filter'", "is not one of"]),
        (f"{ITEM}?ids=1%20x", {}, ["query parameter 'ids'", "'x' is not of type 'integer'"]),
        (f"{ITEM}?tags=a&tags=b", {}, ["query parameter 'tags'", "sent 2 times"]),
        (f"{ITEM}?debug=1", {}, ["query parameter 'debug'", "is not declared"]),
        (ITEM, {"X-Trace": "1, x"}, ["header parameter 'X-Trace'", "'x' is not of type"]),
        (ITEM, {"Cookie": "other=1"}, ["cookie parameter 'session'", "required, not sent"]),
        (ITEM, {"Cookie": "session=bad"}, ["cookie parameter 'session'", "does not match"]),
        (ITEM, {"Authorization": "Basic eDp5"}, ["Bearer", "#/security"]),
    ],
    ids=[
        "minimum",
        "int32",
        "deep-object-enum",
        "space-delimited",
        "form-not-exploded-repeated",
        "undeclared",
        "header-array",
        "cookie-missing",
        "cookie-pattern",
        "credentials",
    ],
)
def test_parameters_that_break_the_spec_are_refused(
    mock: SpecMockServer, path: str, headers: dict[str, str], expected: list[str]
) -> None:
    status, violations = _send(mock, "GET", path, headers={**GOOD_HEADERS, **headers})
    assert status == VIOLATION_STATUS
    for text in expected:
        assert text in violations, f"{text!r} not in {violations!r}"


BOUNDARY = "b0undary"


def _multipart(*parts: tuple[str, str | None, bytes]) -> dict[str, Any]:
    chunks = []
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        chunks.append(f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n".encode())
        chunks.append(data + b"\r\n")
    body = b"".join(chunks) + f"--{BOUNDARY}--\r\n".encode()
    content_type = f"multipart/form-data; boundary={BOUNDARY}"
    return {"content": body, "headers": {**AUTH, "Content-Type": content_type}}


def _form(text: str) -> dict[str, Any]:
    return {
        "content": text.encode(),
        "headers": {**AUTH, "Content-Type": "application/x-www-form-urlencoded"},
    }


def _raw(content_type: str, cookie: str = f"key={SECRET}") -> dict[str, Any]:
    return {"content": b"\x00\xffraw", "headers": {"Content-Type": content_type, "Cookie": cookie}}


def _text(text: str) -> dict[str, Any]:
    return {"content": text.encode(), "headers": {**AUTH, "Content-Type": "text/plain"}}


FILE = ("file", "a.bin", b"\x00\xff")
BODIES = [
    (
        "/uploads",
        _multipart(FILE, ("count", None, b"3"), ("pages", "1.pdf", b"%"), ("pages", "2.pdf", b"%")),
        201,
        [],
    ),
    (
        "/uploads",
        _multipart(("file", None, b"\x00"), ("count", None, b"3")),
        400,
        ["sent as a plain field"],
    ),
    (
        "/uploads",
        _multipart(FILE, ("count", None, b"three")),
        400,
        ["'three' is not of type 'integer'"],
    ),
    ("/uploads", _multipart(FILE), 400, ["'count' is a required property", "/schema/required"]),
    ("/forms", _form("name=a&tags=x&tags=y&address[city]=Paris"), 204, []),
    ("/forms", _form("name=a&address=Paris"), 400, ["body/address", "is not of type 'object'"]),
    ("/forms", _form("tags=x"), 400, ["'name' is a required property"]),
]


@pytest.mark.parametrize(
    ("path", "request_", "status", "expected"),
    BODIES,
    ids=[
        "multipart",
        "multipart-file-as-field",
        "multipart-text-part-type",
        "multipart-missing-part",
        "form",
        "form-deep-object",
        "form-required",
    ],
)
def test_form_bodies_are_read_with_their_encoding(
    mock: SpecMockServer, path: str, request_: dict[str, Any], status: int, expected: list[str]
) -> None:
    got, violations = _send(mock, "POST", path, **request_)
    assert got == status, violations
    for text in expected:
        assert text in violations, f"{text!r} not in {violations!r}"


@pytest.mark.parametrize(
    ("method", "path", "request_", "status", "expected"),
    [
        ("PUT", "/raw", _raw("application/octet-stream"), 200, []),
        ("PUT", "/raw", _raw("text/plain"), 400, ["'text/plain' is not one of"]),
        ("PUT", "/raw", _raw("application/octet-stream", "key=wrong"), 400, ["cookie 'key'"]),
        ("POST", "/notes", _text("a short note"), 200, []),
        ("POST", "/notes", _text("a note far too long for it"), 400, ["is too long", "maxLength"]),
    ],
    ids=["raw", "raw-media-type", "raw-cookie-key", "text", "text-too-long"],
)
def test_raw_and_text_bodies(
    mock: SpecMockServer,
    method: str,
    path: str,
    request_: dict[str, Any],
    status: int,
    expected: list[str],
) -> None:
    got, violations = _send(mock, method, path, **request_)
    assert got == status, violations
    for text in expected:
        assert text in violations, f"{text!r} not in {violations!r}"


def test_replies_for_ranges_defaults_text_and_binary_are_what_the_spec_says(
    mock: SpecMockServer,
) -> None:
    with mock.respond_with(404):
        problem = httpx.get(mock.url + ITEM, headers=GOOD_HEADERS)
    assert problem.status_code == 404 and "title" in problem.json()
    with mock.respond_with(503):
        page = httpx.get(mock.url + ITEM, headers=GOOD_HEADERS)
    assert page.status_code == 503 and page.headers["content-type"] == "text/html"
    picture = httpx.put(mock.url + "/raw", **_raw("application/octet-stream"))
    assert picture.headers["content-type"] == "image/png" and b"\xff" in picture.content
    assert all(exchange.reply_violations == () for exchange in mock.exchanges)


def test_replies_are_judged_with_nullable_and_formats(mock: SpecMockServer) -> None:
    route = Route("post", "/notes", {})
    json_type = {"content-type": "application/json"}
    judge = mock.validator.response_violations
    assert judge(route, 200, json_type, b'{"id": 1, "reviewedAt": null}') == []
    wrong = judge(route, 200, json_type, b'{"id": 1, "reviewedAt": "yesterday"}')
    assert any("date-time" in str(v) for v in wrong)
    item = Route("get", "/items/{id}", {"id": "7"})
    reply = b'{"id": 1, "name": "a", "parent": null}'
    assert judge(item, 200, json_type, reply) == []
    assert judge(item, 200, json_type, b'{"id": 1, "name": null, "parent": null}')
    assert judge(item, 201, json_type, reply)  # no 201 documented


def test_a_path_item_server_is_served_where_the_client_would_send_it(
    mock: SpecMockServer,
) -> None:
    mock.clear()
    with httpx.Client(transport=MockTransport(mock.url)) as client:
        label = client.get("https://labels.example.com/v2/items/7/label", headers=AUTH)
    assert label.status_code == 200 and label.headers["content-type"] == "text/plain"
    status, violations = _send(mock, "GET", "/items/7/label", headers=AUTH)
    assert status == VIOLATION_STATUS and "route" in violations
