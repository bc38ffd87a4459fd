"""A Swagger 2.0 spec becomes a client that writes requests the way Swagger 2.0 defines them.

The fixture uses what Swagger 2.0 says differently from OpenAPI 3: `collectionFormat` (csv by
default, `multi`), body and `formData` parameters, a file upload, `consumes`/`produces`, a
shared parameter, `host`/`basePath`/`schemes` and `securityDefinitions`. The package is generated
from it and called against a recording server on loopback.
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

SPEC = Path(__file__).resolve().parent / "fixtures" / "swagger2" / "swagger.yaml"
PET = {"id": 1, "name": "Rex", "photoUrls": []}


@pytest.fixture(scope="module")
def package() -> Iterator[ModuleType]:
    root = Path(tempfile.mkdtemp(prefix="swagger2-"))
    try:
        generate_package(SPEC.read_bytes(), str(SPEC), root)
        sys.path.insert(0, str(root / "src"))
        yield importlib.import_module("pet_shelter_client")
    finally:
        sys.path.remove(str(root / "src"))
        for name in [n for n in sys.modules if n.partition(".")[0] == "pet_shelter_client"]:
            del sys.modules[name]
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def client(package: ModuleType, server: FaultServer) -> Iterator[Any]:
    with package.PetShelter(
        base_url=server.url,
        api_key="k",
        credentials={"petstore_auth": "t"},
        max_retries=0,
        timeout=5.0,
    ) as shelter:
        yield shelter


def test_the_server_comes_from_host_base_path_and_the_https_scheme(package: ModuleType) -> None:
    with package.PetShelter(api_key="k") as shelter:
        assert str(shelter.base_url) == "https://petstore.swagger.io/v2"


def test_arrays_in_the_query_follow_collection_format(client: Any, server: FaultServer) -> None:
    """`multi` repeats the name; no collectionFormat means Swagger's default, csv."""
    server.enqueue(Reply.json([PET]))
    pets = client.pet.find_by_status(status=["available", "sold"], tags=["a", "b"], limit=5)
    query = server.requests[-1].raw_path.partition("?")[2]
    assert query == "status=available&status=sold&tags=a,b&limit=5"
    assert pets[0].name == "Rex"


def test_a_body_parameter_is_the_json_body(client: Any, server: FaultServer) -> None:
    server.enqueue(Reply.json(PET))
    client.pet.add(name="Rex", photo_urls=["https://example.com/rex.png"])
    request = server.requests[-1]
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {"name": "Rex", "photoUrls": ["https://example.com/rex.png"]}
    assert request.headers["authorization"] == "Bearer t"


def test_form_data_parameters_are_a_url_encoded_form(
    package: ModuleType, client: Any, server: FaultServer
) -> None:
    server.enqueue(Reply(405))
    with pytest.raises(package.APIStatusError):
        client.pet.update_with_form(1, name="Rex", nicknames=["a", "b"])
    request = server.requests[-1]
    assert request.path == "/pet/1"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.body == b"name=Rex&nicknames=a,b"


def test_a_file_parameter_is_a_multipart_upload(client: Any, server: FaultServer) -> None:
    server.enqueue(Reply.json({"code": 200, "message": "ok"}))
    answer = client.pet.upload_file(
        7, additional_metadata="front", file=("rex.png", b"\x89PNG", "image/png")
    )
    parts = {part.name: part for part in server.requests[-1].form_parts()}
    assert parts["additionalMetadata"].data == b"front"
    assert (parts["file"].filename, parts["file"].data) == ("rex.png", b"\x89PNG")
    assert answer.message == "ok"


def test_headers_keys_and_basic_auth_go_where_declared(
    package: ModuleType, server: FaultServer
) -> None:
    server.enqueue(Reply(400), Reply.json("token"))
    with package.PetShelter(
        base_url=server.url,
        api_key="k",
        credentials={"username": "u", "password": "p"},
        max_retries=0,
    ) as shelter:
        with pytest.raises(package.BadRequestError):
            shelter.pet.delete(3, api_key="header-value")
        assert shelter.user.login(username="u") == "token"
    deleted, login = server.requests[-2:]
    assert deleted.headers["api_key"] == "header-value"
    assert login.headers["authorization"] == "Basic dTpw"


def test_a_file_response_is_binary(client: Any, server: FaultServer) -> None:
    server.enqueue(Reply(200, {"content-type": "application/octet-stream"}, b"%PDF"))
    report = client.store.download_report()
    assert report.read() == b"%PDF"


def test_verify_proves_every_operation_of_the_swagger_spec() -> None:
    verified = verify_spec(SPEC.read_bytes(), str(SPEC))
    failures = "\n".join(failure.line() for failure in verified.result.failures)
    assert verified.result.passed, failures
    assert verified.result.line() == "contract: pet_shelter 9/9 operations"
