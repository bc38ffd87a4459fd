"""The generated models parse every example the specs publish, with full validation.

Examples are the one place a spec shows real payloads; a model that rejects them would reject the
real API. Request examples must validate against the body model, response examples against the
declared return type, through the same annotations the generated methods declare.
"""

from __future__ import annotations

import importlib
import sys
import typing
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pydantic
import pytest

from generator import jsonpointer
from generator.config import parse_config
from generator.ir import Api
from generator.load import parse_spec
from generator.normalize import normalize
from generator.pipeline import generate_package
from tests import shared

SPECS = {
    "anam": ("specs/anam/swagger.json", 3),
    "actualize": ("specs/actualize/openapi.yaml", 1),
    "newer": ("../shared/upstream/anam/swagger.newer.json", 61),
    "older": ("../shared/upstream/anam/swagger.older.json", 0),
}


def _examples(media: dict[str, Any], document: dict[str, Any]) -> Iterator[Any]:
    if "example" in media:
        yield media["example"]
    for example in (media.get("examples") or {}).values():
        if isinstance(example, dict) and "$ref" in example:
            example = jsonpointer.resolve(document, example["$ref"])
        if isinstance(example, dict) and "value" in example:
            yield example["value"]


def _cases(api: Api, document: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(where, annotation, example) for every request and success-response example."""
    for operation in api.operations:
        method, path = operation.key.split(" ", 1)
        raw = document["paths"][path][method.lower()]
        body = operation.body
        if body is not None and body.model is not None:
            content = raw["requestBody"]["content"][body.media_type.unsafe_value]
            for example in _examples(content, document):
                yield f"{operation.key} request", str(body.model), example
        response = operation.response
        if response.type is not None and response.media_type is not None:
            content = raw["responses"][response.status]["content"][response.media_type.unsafe_value]
            for example in _examples(content, document):
                yield f"{operation.key} {response.status}", str(response.type.output), example


@pytest.mark.parametrize("name", sorted(SPECS))
def test_models_parse_the_specs_examples(name: str, repo: Path, tmp_path: Path) -> None:
    relative, minimum = SPECS[name]
    spec = shared.require((repo / relative).resolve())
    package = f"examples_{name}_client"
    config = parse_config(
        {
            "name": name,
            "title": name,
            "package": package,
            "distribution": package.replace("_", "-"),
            "client_class": "Client",
            "env_prefix": "EXAMPLES",
            "spec": spec.name,
        },
        "<test>",
    )
    generated = generate_package(spec.read_bytes(), str(spec), tmp_path / package, config)
    document, _ = normalize(parse_spec(spec.read_bytes(), str(spec)))
    sys.path.insert(0, str(tmp_path / package / "src"))
    try:
        types = importlib.import_module(f"{package}.types")
        models = {name: getattr(types, name) for name in types.__all__}
        namespace = {**vars(typing), **models, "datetime": datetime, "date": date}
        namespace["UUID"] = UUID
        cases = list(_cases(generated.api, document))
        for where, annotation, example in cases:
            adapter: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(eval(annotation, namespace))
            try:
                adapter.validate_python(example)
            except pydantic.ValidationError as error:
                pytest.fail(f"{name}: {where} example does not parse into {annotation}: {error}")
    finally:
        sys.path.remove(str(tmp_path / package / "src"))
    assert len(cases) >= minimum, len(cases)
