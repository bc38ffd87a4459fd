"""An Azure-style Swagger 2.0 spec becomes a client that sends what AutoRest's extensions say.

`fixtures/azure/swagger.json` is a reduced data-plane API written the way Azure's specs are:
operations told apart by a fixed query (`x-ms-paths`), lists that declare their paging
(`x-ms-pageable`, one with a dotted next-link field, one declared as a single page). The package
is generated from it and called against a recording server on loopback.
"""

from __future__ import annotations

import importlib
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.pipeline import generate_package
from generator.verify import verify_spec
from tests.support.fault_server import FaultServer, Reply

SPEC = Path(__file__).resolve().parent / "fixtures" / "azure" / "swagger.json"
PACKAGE = "blob_containers_client"
VERSION = "api-version=2021-08-06"


@pytest.fixture(scope="module")
def package() -> Iterator[ModuleType]:
    root = Path(tempfile.mkdtemp(prefix="azure-"))
    try:
        generate_package(SPEC.read_bytes(), str(SPEC), root)
        sys.path.insert(0, str(root / "src"))
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root / "src"))
        for name in [n for n in sys.modules if n.partition(".")[0] == PACKAGE]:
            del sys.modules[name]
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def client(package: ModuleType, server: FaultServer) -> Iterator[Any]:
    with package.BlobContainers(base_url=server.url, max_retries=0, timeout=5.0) as blobs:
        yield blobs


def _targets(server: FaultServer) -> list[str]:
    return [request.raw_path for request in server.requests]


def test_operations_told_apart_by_a_fixed_query_send_it_as_written(
    client: Any, server: FaultServer
) -> None:
    server.enqueue(
        Reply.json({"name": "photos"}),
        Reply.json({"owner": "ana"}),
        Reply(201, {"content-type": "application/json"}, b'{"name": "photos"}'),
    )
    container = client.container.get_properties("photos", api_version="2021-08-06")
    metadata = client.container.get_metadata("photos", api_version="2021-08-06")
    created = client.container.create("photos", api_version="2021-08-06", access="blob")
    assert _targets(server) == [
        f"/photos?restype=container&{VERSION}",
        f"/photos?restype=container&comp=metadata&{VERSION}",
        f"/photos?restype=container&{VERSION}",
    ]
    assert [request.method for request in server.requests] == ["GET", "GET", "PUT"]
    assert (container.name, created.name) == ("photos", "photos")
    assert metadata == {"owner": "ana"}


def test_the_path_part_of_an_x_ms_paths_key_is_templated_and_encoded(
    client: Any, server: FaultServer
) -> None:
    server.enqueue(Reply.json({"name": "a b/c"}))
    client.container.get_properties("a b/c", api_version="2021-08-06")
    assert _targets(server) == [f"/a%20b%2Fc?restype=container&{VERSION}"]


def test_a_declared_next_link_pages_over_two_pages(client: Any, server: FaultServer) -> None:
    server.enqueue(
        Reply.json(
            {
                "value": [{"name": "a"}, {"name": "b"}],
                "nextLink": f"{server.url}/containers?marker=b&{VERSION}",
            }
        ),
        Reply.json({"value": [{"name": "c"}]}),
    )
    names = [c.name for c in client.containers.list(api_version="2021-08-06", prefix="x")]
    assert names == ["a", "b", "c"]
    # the link as given, then what the first request sent that the link does not set
    first, second = _targets(server)
    assert first == f"/containers?prefix=x&{VERSION}"
    assert second == f"/containers?marker=b&{VERSION}&prefix=x"


def test_a_dotted_next_link_field_and_item_name_are_read_as_declared(
    client: Any, server: FaultServer
) -> None:
    server.enqueue(
        Reply.json({"blobs": [{"name": "1"}], "@odata.nextLink": "/containers/c/blobs?page=2"}),
        Reply.json({"blobs": [{"name": "2"}], "@odata.nextLink": None}),
    )
    blobs = list(client.blobs.list("c", api_version="2021-08-06"))
    assert [blob.name for blob in blobs] == ["1", "2"]
    assert _targets(server)[1] == f"/containers/c/blobs?page=2&{VERSION}"


def test_a_list_declared_as_one_page_returns_the_reply(client: Any, server: FaultServer) -> None:
    """`nextLinkName: null`: the reply is returned whole, its `next` not followed, although
    detection alone would page this shape (`limit`, `items`, `next`)."""
    server.enqueue(Reply.json({"items": [{"name": "blob", "current": 3}], "next": "/usages?x"}))
    usages = client.usages.list(api_version="2021-08-06", limit=1)
    assert usages.next == "/usages?x"
    assert [usage.current for usage in usages.items] == [3]
    assert len(server.requests) == 1


def test_verify_proves_every_operation_of_the_azure_spec() -> None:
    verified = verify_spec(SPEC.read_bytes(), str(SPEC))
    failures = "\n".join(failure.line() for failure in verified.result.failures)
    assert verified.result.passed, failures
    assert verified.result.line() == "contract: blob_containers 6/6 operations"
