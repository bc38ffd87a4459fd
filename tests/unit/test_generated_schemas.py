"""Packages generated from our own fixture specs, imported and called against a loopback server.

Each fixture holds the constructs real specs use and that once broke generation or, worse,
generated wrong types: names that collide (`Customer` beside an inline `customer` and a list of
constrained strings), discriminated unions, read-only and write-only properties, type arrays,
`const`, `prefixItems`, enums of any type, `$defs`, a multi-file spec and its webhook.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pydantic
import pytest

from generator.load import read_spec_bytes
from generator.pipeline import generate_package
from tests.support.fault_server import FaultServer, Reply

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, ModuleType]]:
    root = tmp_path_factory.mktemp("schemas")
    specs = {
        "collisions": FIXTURES / "collisions.yaml",
        "constructs": FIXTURES / "constructs.yaml",
        "shelter": FIXTURES / "multifile" / "openapi.yaml",
    }
    for name, spec in specs.items():
        generate_package(read_spec_bytes(spec), str(spec), root / name, source=spec)
        sys.path.insert(0, str(root / name / "src"))
    try:
        yield {name: importlib.import_module(f"{name}_client") for name in specs}
    finally:
        for name in specs:
            sys.path.remove(str(root / name / "src"))


def _call(package: ModuleType, client: str, reply: Any, call: str, **arguments: Any) -> Any:
    with FaultServer() as server:
        server.enqueue(Reply.json(reply))
        with getattr(package, client)(base_url=server.url) as api:
            resource, method = call.split(".")
            result = getattr(getattr(api, resource), method)(**arguments)
        return result, server.requests[0]


def test_a_schema_name_another_name_wants_stays_a_model(packages: dict[str, ModuleType]) -> None:
    types = importlib.import_module("collisions_client.types")
    assert issubclass(types.Customer, pydantic.BaseModel)
    assert set(types.Customer.model_fields) == {"id", "name"}
    assert issubclass(types.CreateOrderRequest, pydantic.BaseModel)
    assert set(types.CreateOrderRequest.model_fields) == {"total"}
    assert "customer_id" not in types.__all__ and "CustomerModel" not in types.__all__


def test_a_get_parses_a_live_object_as_the_member_it_is(packages: dict[str, ModuleType]) -> None:
    types = importlib.import_module("collisions_client.types")
    customer, _request = _call(
        packages["collisions"],
        "Collisions",
        {"id": "c1", "name": "Ada"},
        "customers.get",
        customer_id="c1",
    )
    assert isinstance(customer, types.Customer) and customer.name == "Ada"
    status, _request = _call(
        packages["collisions"], "Collisions", {"code": 7}, "customers.get", customer_id="c2"
    )
    assert isinstance(status, types.Status) and status.code == 7


def test_a_discriminated_union_picks_the_member_by_its_tag(
    packages: dict[str, ModuleType],
) -> None:
    types = importlib.import_module("constructs_client.types")
    cat = {"id": "p1", "name": "Tom", "kind": "cat", "barks": True}
    pet, _request = _call(packages["constructs"], "Constructs", cat, "pets.get", pet_id="p1")
    assert isinstance(pet, types.Cat)
    adapter = pydantic.TypeAdapter(types.AnyPet)
    with pytest.raises(pydantic.ValidationError, match="does not match any of the expected tags"):
        adapter.validate_python({**cat, "kind": "cow"})


def test_read_only_is_never_sent_and_write_only_never_required_back(
    packages: dict[str, ModuleType],
) -> None:
    types = importlib.import_module("constructs_client.types")
    stored = {"id": "p1", "name": "Rex", "kind": "dog"}
    pet, request = _call(
        packages["constructs"],
        "Constructs",
        stored,
        "pets.create",
        name="Rex",
        password="s3cret",
        kind="dog",
    )
    assert request.json() == {"name": "Rex", "password": "s3cret", "kind": "dog"}
    assert isinstance(pet, types.Pet) and pet.password is None
    with pytest.raises(TypeError, match="unexpected keyword argument 'id'"):
        _call(packages["constructs"], "Constructs", stored, "pets.create", id="p1", name="x")


def test_constructs_become_the_python_types_they_mean(packages: dict[str, ModuleType]) -> None:
    types = importlib.import_module("constructs_client.types")
    payload = {
        "version": 2,
        "pair": ["a", 1],
        "either": 3,
        "legacy": None,
        "ratio": 0.5,
        "mixed": None,
        "empty": 4,
        "label": "new",
        "status": "active",
        "tags": ["x"],
        "limits": {"cpu": 2},
        "nested": {"id": "n", "name": "N", "kind": "dog", "depth": 1},
    }
    shapes = types.Shapes.model_validate(payload)
    assert (shapes.version, shapes.pair, shapes.either, shapes.ratio) == (2, ["a", 1], 3, 0.5)
    assert isinstance(shapes.nested, types.Pet) and shapes.nested.depth == 1
    for field, wrong in [("version", 3), ("mixed", "two"), ("either", 1.5)]:
        with pytest.raises(pydantic.ValidationError):
            types.Shapes.model_validate({**payload, field: wrong})
    hints = typing.get_type_hints(types.Shapes)
    assert hints["label"] == str | None and hints["ratio"] == float | None


def test_a_subclass_redeclaring_a_property_still_types_and_parses(
    packages: dict[str, ModuleType],
) -> None:
    types = importlib.import_module("constructs_client.types")
    audited = {"type": "audited", "source": {"user": "ada"}}
    assert types.AuditEvent.model_validate(audited).source.user == "ada"
    assert types.Event.model_validate(audited).type == "audited"


def test_a_class_whose_parents_clash_keeps_the_first_and_every_field(
    packages: dict[str, ModuleType],
) -> None:
    """Cloudflare's error replies extend the success envelope and the failure, which declare
    `success` differently: a class of both fails `mypy --strict` (checked below), so the class
    extends the first and declares the other's remaining fields, still required."""
    types = importlib.import_module("constructs_client.types")
    assert issubclass(types.FailedEvent, types.Envelope)
    assert not issubclass(types.FailedEvent, types.Failure)
    failed = types.FailedEvent.model_validate({"success": True, "errors": ["gone"]})
    assert failed.errors == ["gone"]
    with pytest.raises(pydantic.ValidationError, match="errors"):
        types.FailedEvent.model_validate({"success": True})


def test_the_packages_pass_mypy_strict(packages: dict[str, ModuleType]) -> None:
    sources = [Path(package.__file__).parent for package in packages.values()]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *map(str, sources)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_webhook_payloads_are_models_without_methods(packages: dict[str, ModuleType]) -> None:
    types = importlib.import_module("constructs_client.types")
    event = types.PetAdoptedRequest.model_validate(
        {"adoptedAt": "2024-01-02T03:04:05Z", "pet": {"id": "1", "name": "Rex", "kind": "dog"}}
    )
    assert event.pet is not None and event.pet.name == "Rex"
    assert not hasattr(packages["constructs"].Constructs, "pet_adopted")


def test_a_multi_file_spec_generates_one_package(packages: dict[str, ModuleType]) -> None:
    types = importlib.import_module("shelter_client.types")
    assert {"Pet", "Owner", "Tag", "Problem", "PetAdoptedRequest"} <= set(types.__all__)
    pets, request = _call(
        packages["shelter"],
        "Shelter",
        [{"name": "Rex", "tags": [{"label": "good"}], "owner": {"name": "Ada"}}],
        "pets.list",
        limit=5,
    )
    assert request.raw_path == "/pets?limit=5"
    assert pets[0].tags[0].label == "good" and pets[0].owner.name == "Ada"
    assert json.loads(pets[0].model_dump_json(by_alias=True))["name"] == "Rex"
