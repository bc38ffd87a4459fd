"""Multipart uploads: every accepted file form arrives intact, decoded by a parser of our own."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sdkrt._files import multipart_parts
from sdkrt._types import FileTypes

from tests.support.fault_server import FaultServer, FormPart, RecordedRequest, Reply

from .demo_sdk import NoWaitAsyncDemo, NoWaitDemo

# Bytes that break naive multipart handling: CRLFs, a fake boundary, NUL and non-UTF-8.
PAYLOAD = b"\x89PNG\r\n\x1a\n\x00\xff\xfe--boundary\r\n\r\nline\nend\r"
WIDGET = {"id": "w1"}

# name -> (builds the file argument from a path holding PAYLOAD, expected filename, content type)
FileForm = Callable[[Path], FileTypes]
FORMS: dict[str, tuple[FileForm, str, str]] = {
    "bytes": (lambda path: PAYLOAD, "upload", "application/octet-stream"),
    "path": (lambda path: path, "photo.png", "image/png"),
    "open-file": (lambda path: path.open("rb"), "photo.png", "image/png"),
    "name-and-bytes": (lambda path: ("scan.pdf", PAYLOAD), "scan.pdf", "application/pdf"),
    "name-file-type": (
        lambda path: ("raw.bin", io.BytesIO(PAYLOAD), "application/x-demo"),
        "raw.bin",
        "application/x-demo",
    ),
}


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "photo.png"
    path.write_bytes(PAYLOAD)
    return path


@contextlib.contextmanager
def file_argument(form: str, photo: Path) -> Iterator[FileTypes]:
    """The file argument for ``form``, closed afterwards if it is an open file."""
    value = FORMS[form][0](photo)
    try:
        yield value
    finally:
        if isinstance(value, io.IOBase):
            value.close()


def file_part(request: RecordedRequest) -> tuple[FormPart, FormPart]:
    title, upload = request.form_parts()
    return title, upload


def assert_upload_intact(request: RecordedRequest, filename: str, content_type: str) -> None:
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert request.raw_path == "/v1/widgets/w1/files"
    title, upload = file_part(request)
    assert (title.name, title.filename, title.content_type, title.data) == (
        "title",
        None,
        None,
        b"Holiday",
    )
    assert (upload.name, upload.filename, upload.content_type) == ("file", filename, content_type)
    assert upload.data == PAYLOAD


@pytest.mark.parametrize("form", FORMS, ids=list(FORMS))
def test_each_file_form_arrives_intact(
    server: FaultServer, client: NoWaitDemo, photo: Path, form: str
) -> None:
    _, filename, content_type = FORMS[form]
    server.enqueue(Reply.json(WIDGET))
    with file_argument(form, photo) as file:
        client.widgets.upload("w1", title="Holiday", file=file)
    assert_upload_intact(server.requests[0], filename, content_type)


@pytest.mark.anyio
@pytest.mark.parametrize("form", FORMS, ids=list(FORMS))
async def test_each_file_form_arrives_intact_async(
    server: FaultServer, async_client: NoWaitAsyncDemo, photo: Path, form: str
) -> None:
    _, filename, content_type = FORMS[form]
    server.enqueue(Reply.json(WIDGET))
    with file_argument(form, photo) as file:
        await async_client.widgets.upload("w1", title="Holiday", file=file)
    assert_upload_intact(server.requests[0], filename, content_type)


def test_a_retried_upload_sends_the_whole_file_again(
    server: FaultServer, client: NoWaitDemo, photo: Path
) -> None:
    server.enqueue(Reply.json({}, status=503, headers={"Retry-After": "1"}), Reply.json(WIDGET))
    with photo.open("rb") as file:
        client.widgets.upload("w1", title="Holiday", file=file)
    assert server.count == 2
    for request in server.requests:
        assert_upload_intact(request, "photo.png", "image/png")


def test_an_optional_file_left_out_still_sends_multipart(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json(WIDGET))
    client.widgets.upload("w1", title="Holiday", file=("a.txt", b"hello"))
    names = [part.name for part in server.requests[0].form_parts()]
    assert names == ["title", "file"]  # no "thumbnail" part


@pytest.mark.parametrize(
    ("value", "complaint"),
    [
        ("photo.png", "got str"),
        (12, "got int"),
        (("a.txt", "text content"), "got str"),
        ((b"name-is-bytes", b"data"), "filename must be a str"),
        (io.StringIO("text"), "binary mode"),
    ],
)
def test_unsupported_file_values_are_refused_with_the_accepted_forms(
    server: FaultServer, client: NoWaitDemo, value: object, complaint: str
) -> None:
    with pytest.raises(TypeError, match=complaint) as caught:
        client.widgets.upload("w1", title="x", file=value)  # type: ignore[arg-type]
    assert "file" in str(caught.value)
    assert server.count == 0


def test_a_str_is_refused_with_a_message_listing_what_is_accepted() -> None:
    with pytest.raises(TypeError) as caught:
        multipart_parts({}, {"avatar": "me.png"})
    message = str(caught.value)
    for accepted in ("bytes", "os.PathLike", "binary file object", "(filename, content)"):
        assert accepted in message


def test_form_values_follow_openapi_default_content_types() -> None:
    """A scalar is a text part, an array one part per item, an object a JSON part."""
    parts = multipart_parts(
        {"flag": True, "tags": ["a", "b"], "meta": {"k": 1}, "skip": None, "count": 3},
        {},
    )
    assert [(name, part[1], part[2]) for name, part in parts] == [
        ("flag", b"true", None),
        ("tags", b"a", None),
        ("tags", b"b", None),
        ("meta", b'{"k":1}', "application/json"),
        ("count", b"3", None),
    ]
