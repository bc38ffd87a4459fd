"""A path parameter whose value is itself a path reaches the server as the segments it names:
its slashes are separators, everything else in a segment is encoded, and no value can climb
out of the operation's path or leave the server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.support.fault_server import FaultServer, Reply

if TYPE_CHECKING:
    from sdkspans import Spans

NO_CONTENT = Reply(204)


@pytest.fixture
def spans(server: FaultServer) -> Iterator[Spans]:
    from sdkspans import Spans

    with Spans(base_url=server.url + "/api", max_retries=0) as client:
        yield client


def test_a_folder_path_arrives_as_its_segments(server: FaultServer, spans: Spans) -> None:
    server.enqueue(NO_CONTENT)
    spans.files.get_folder("marketing/2024/q1")
    assert server.requests[0].raw_path == "/api/files/v3/folders/marketing/2024/q1"


def test_each_way_a_spec_declares_it_spans(server: FaultServer, spans: Spans) -> None:
    server.enqueue(NO_CONTENT, NO_CONTENT, NO_CONTENT)
    spans.resources.get("projects/p1/locations/l1/instances/i1")
    spans.resources.delete_instance("projects/p1/locations/l1", "i1")
    spans.blobs.put("2024/report.pdf")
    assert [request.raw_path for request in server.requests] == [
        "/api/v1/projects/p1/locations/l1/instances/i1",
        "/api/v1/projects/p1/locations/l1/instances/i1",
        "/api/blobs/2024/report.pdf",
    ]


def test_other_characters_are_still_encoded_within_each_segment(
    server: FaultServer, spans: Spans
) -> None:
    server.enqueue(NO_CONTENT)
    spans.files.get_folder("a b/q?x=1/frag#ment/100%/%2F/ünï/a+b/..x/@evil.example")
    assert server.requests[0].raw_path == (
        "/api/files/v3/folders/a%20b/q%3Fx%3D1/frag%23ment/100%25/%252F/%C3%BCn%C3%AF/a%2Bb"
        "/..x/%40evil.example"
    )


@pytest.mark.parametrize(
    "value",
    ["..", ".", "../admin", "a/../../admin", "a/./b", "/etc/passwd", "a//b", "a/", "", "//evil"],
)
def test_a_value_that_would_climb_out_or_blur_the_path_is_refused_before_sending(
    server: FaultServer, spans: Spans, value: str
) -> None:
    with pytest.raises(ValueError, match="folderPath"):
        spans.files.get_folder(value)
    assert server.count == 0


def test_an_id_whose_pattern_admits_no_slash_stays_one_segment(
    server: FaultServer, spans: Spans
) -> None:
    server.enqueue(NO_CONTENT, NO_CONTENT)
    spans.items.get("a/b")  # the pattern would refuse it; the client still sends it safely
    spans.resources.delete_instance("projects/p/locations/l", "i/../x")
    assert [request.raw_path for request in server.requests] == [
        "/api/items/a%2Fb",
        "/api/v1/projects/p/locations/l/instances/i%2F..%2Fx",
    ]


def test_the_docs_say_the_value_may_hold_slashes() -> None:
    from sdkspans.resources.files import Files

    assert "may hold slashes" in (Files.get_folder.__doc__ or "")
