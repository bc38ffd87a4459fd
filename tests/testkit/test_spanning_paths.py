"""The fake routes a path parameter that holds a path across the segments it names, and records
the value with its slashes; an id stays one segment."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.config import load_config
from generator.pipeline import generate_package
from tests.support.packages import importable

FIXTURE = Path(__file__).resolve().parents[1] / "wire" / "fixtures" / "spans"
PACKAGE = "spans_kit_client"


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    spec = FIXTURE / "openapi.yaml"
    config = load_config(FIXTURE / "config.yaml").model_copy(
        update={"package": PACKAGE, "distribution": "spans-kit-client"}
    )
    out = tmp_path_factory.mktemp("spans") / "spans-kit-client"
    generate_package(spec.read_bytes(), str(spec), out, config)
    with importable(out, PACKAGE):
        yield importlib.import_module(f"{PACKAGE}.testing").FakeSpans


def test_a_value_holding_a_path_reaches_its_operation_whole(fake: Any) -> None:
    client = fake()
    client.files.get_folder("marketing/2024/q 1")
    client.resources.get("projects/p1/locations/l1")
    client.resources.delete_instance("projects/p1/locations/l1", "i1")
    client.blobs.put("2024/report.pdf")
    assert [(call.operation, call.path_params) for call in client.fake.calls] == [
        ("files.get_folder", {"folderPath": "marketing/2024/q 1"}),
        ("resources.get", {"name": "projects/p1/locations/l1"}),
        ("resources.delete_instance", {"name": "projects/p1/locations/l1", "instanceId": "i1"}),
        ("blobs.put", {"key": "2024/report.pdf"}),
    ]


def test_an_id_with_a_slash_is_still_one_segment_of_its_operation(fake: Any) -> None:
    client = fake()
    client.items.get("a/b")
    assert [(call.operation, call.path_params) for call in client.fake.calls] == [
        ("items.get", {"id": "a/b"}),
    ]
