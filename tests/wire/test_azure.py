"""An Azure-style Swagger 2.0 spec becomes a client that sends what AutoRest's extensions say.

`fixtures/azure/swagger.json` is a reduced data-plane API written the way Azure's specs are:
a host named by the caller's account (`x-ms-parameterized-host`), operations told apart by a
fixed query (`x-ms-paths`), lists that declare their paging (`x-ms-pageable`, one with a dotted
next-link field, one declared as a single page). The package is generated from it and called
against a recording server on loopback; requests to the account's host reach it through a
transport that connects where DNS would, keeping the URL and Host header the client built.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
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


class _Loopback(httpx.BaseTransport):
    """Connects to the loopback server whatever host a request names, as DNS pointing that
    host there would; the request line and Host header stay as the client wrote them."""

    def __init__(self, server: FaultServer) -> None:
        self._server = httpx.URL(server.url)
        self._inner = httpx.HTTPTransport()
        self.urls: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        request.url = request.url.copy_with(
            scheme="http", host=self._server.host, port=self._server.port
        )
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


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
    # `x-ms-client-name` names the argument; the header keeps its wire name
    assert server.requests[2].headers["x-ms-blob-public-access"] == "blob"
    assert (container.name, created.name) == ("photos", "photos")
    assert metadata == {"owner": "ana"}


def test_the_api_version_is_the_specs_own_unless_the_caller_passes_another(
    client: Any, server: FaultServer
) -> None:
    """AutoRest specs require `api-version` on every operation, and the version they describe
    is their `info.version`: the signature offers it, so a call needs no version."""
    server.enqueue(Reply.json({"name": "photos"}), Reply.json({"name": "photos"}))
    client.container.get_properties("photos")
    client.container.get_properties("photos", api_version="2023-01-03")
    assert _targets(server) == [
        f"/photos?restype=container&{VERSION}",
        "/photos?restype=container&api-version=2023-01-03",
    ]
    signature = inspect.signature(client.container.get_properties)
    assert signature.parameters["api_version"].default == "2021-08-06"


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


def test_the_host_is_built_from_the_account_name_and_the_default_suffix(
    package: ModuleType, server: FaultServer
) -> None:
    loopback = _Loopback(server)
    server.enqueue(Reply.json({"name": "photos"}), Reply.json({"name": "photos"}))
    with httpx.Client(transport=loopback) as http:
        blobs = package.BlobContainers(account_name="acct", http_client=http, max_retries=0)
        assert str(blobs.base_url) == "https://acct.blob.core.windows.net"
        blobs.container.get_properties("photos", api_version="2021-08-06")
        sovereign = package.BlobContainers(
            account_name="acct", dns_suffix="core.chinacloudapi.cn", http_client=http
        )
        sovereign.container.get_properties("photos", api_version="2021-08-06")
    assert loopback.urls == [
        f"https://acct.blob.core.windows.net/photos?restype=container&{VERSION}",
        f"https://acct.blob.core.chinacloudapi.cn/photos?restype=container&{VERSION}",
    ]
    hosts = [request.headers["host"] for request in server.requests]
    assert hosts == ["acct.blob.core.windows.net", "acct.blob.core.chinacloudapi.cn"]


def test_host_values_come_from_the_environment_and_copies_keep_them(
    package: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLOB_CONTAINERS_ACCOUNT_NAME", "fromenv")
    with package.BlobContainers() as blobs:
        assert str(blobs.base_url) == "https://fromenv.blob.core.windows.net"
    monkeypatch.delenv("BLOB_CONTAINERS_ACCOUNT_NAME")
    http = httpx.AsyncClient()  # the async client takes the same arguments
    asynchronous = package.AsyncBlobContainers(account_name="acct", http_client=http)
    assert str(asynchronous.base_url) == "https://acct.blob.core.windows.net"
    asyncio.run(http.aclose())
    with package.BlobContainers(account_name="acct", dns_suffix="example.net") as blobs:
        copy = blobs.with_options(max_retries=5)
        assert str(copy.base_url) == "https://acct.blob.example.net"
        copy.close()


def test_a_base_url_wins_over_the_host_parameters(package: ModuleType) -> None:
    with package.BlobContainers(account_name="acct", base_url="https://proxy.example") as blobs:
        assert str(blobs.base_url) == "https://proxy.example"


def test_a_missing_account_name_is_refused_naming_the_argument(package: ModuleType) -> None:
    with pytest.raises(package.SDKError, match=r"account_name=.*BLOB_CONTAINERS_ACCOUNT_NAME"):
        package.BlobContainers()


@pytest.mark.parametrize(
    "account",
    [
        "evil.example/x",
        "evil.example?",
        "evil.example#",
        "user@evil.example",
        "evil.example:8443",
        "evil.example%2F",
        "a b",
        "acct\\x",
    ],
)
def test_a_host_value_that_would_change_the_url_shape_is_refused(
    package: ModuleType, server: FaultServer, account: str
) -> None:
    with pytest.raises(package.SDKError, match="Refusing account_name="):
        package.BlobContainers(account_name=account, base_url=None)
    with pytest.raises(package.SDKError, match="Refusing dns_suffix="):
        package.BlobContainers(account_name="acct", dns_suffix=account)
    assert server.requests == []


@pytest.mark.parametrize(
    ("endpoint", "refused"),
    [
        ("https://my.cognitiveservices.azure.com/", None),
        ("http://127.0.0.1:8080", None),
        ("https://user:pw@my.example", "credentials"),
        ("https://my.example?x=1", "query"),
        ("https://my.example#x", "fragment"),
        ("ftp://my.example", "an absolute http"),
        ("my.example", "an absolute http"),
        ("https://my.example/a b", "characters"),
    ],
)
def test_a_variable_standing_for_the_whole_origin_takes_an_http_url_only(
    package: ModuleType, endpoint: str, refused: str | None
) -> None:
    """Azure's `{endpoint}` hosts (`useSchemePrefix: false`): the value is the origin, held to
    what a base URL may be."""
    servers = importlib.import_module(f"{PACKAGE}._servers")
    template = servers.ServerTemplate(
        "{endpoint}/language", {"endpoint": servers.ServerVariable("endpoint")}
    )
    if refused is None:
        assert template.base_url({"endpoint": endpoint}, "X") == endpoint.rstrip("/") + "/language"
    else:
        with pytest.raises(package.SDKError, match=refused):
            template.base_url({"endpoint": endpoint}, "X")


def test_a_variable_with_listed_values_takes_one_of_them(package: ModuleType) -> None:
    servers = importlib.import_module(f"{PACKAGE}._servers")
    scheme = servers.ServerVariable("scheme", default="https", enum=("https", "http"))
    template = servers.ServerTemplate("{scheme}://api.example/v1", {"scheme": scheme})
    assert template.base_url({}, "X") == "https://api.example/v1"
    assert template.base_url({"scheme": "http"}, "X") == "http://api.example/v1"
    with pytest.raises(package.SDKError, match="one of https, http"):
        template.base_url({"scheme": "gopher"}, "X")


def test_an_open_enum_takes_and_parses_values_beyond_those_listed(
    package: ModuleType, server: FaultServer
) -> None:
    """`x-ms-enum` with `modelAsString: true`: a value the spec does not list yet is sent, and
    parses even under strict response validation."""
    server.enqueue(Reply(201, {"content-type": "application/json"}, b'{"name": "p"}'))
    server.enqueue(Reply.json({"name": "p", "publicAccess": "private"}))
    with package.BlobContainers(
        base_url=server.url, max_retries=0, strict_response_validation=True
    ) as blobs:
        blobs.container.create("p", api_version="2021-08-06", access="private")
        container = blobs.container.get_properties("p", api_version="2021-08-06")
    assert server.requests[0].headers["x-ms-blob-public-access"] == "private"
    assert container.public_access == "private"


def test_verify_proves_every_operation_of_the_azure_spec() -> None:
    verified = verify_spec(SPEC.read_bytes(), str(SPEC))
    failures = "\n".join(failure.line() for failure in verified.result.failures)
    assert verified.result.passed, failures
    assert verified.result.line() == "contract: blob_containers 6/6 operations"
