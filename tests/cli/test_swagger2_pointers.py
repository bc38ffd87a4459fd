"""A Swagger 2.0 spec is read as OpenAPI 3, but every problem names the place in the file the
user wrote: `#/definitions/Pet`, the body parameter, `#/host`, never the converted document's
`#/components/schemas/Pet`, `requestBody` or `servers`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared import REPO

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "swagger2"
FAULTY = "faulty.yaml"

# What generating fixtures/swagger2/faulty.yaml warns about, each where that file has it.
WARNINGS = [
    "faulty.yaml#/host: warning: server 'https://api.example.com@evil.example/v1' has credentials",
    'faulty.yaml#/parameters/limit/default: warning: `default` "ten" does not match',
    "faulty.yaml#/paths/~1pets/get/responses/200/schema/required: warning: required property "
    "'total' is not declared",
    "faulty.yaml#/paths/~1pets/post/parameters/1/schema/properties/kind/enum: warning: empty "
    "`enum`",
    "faulty.yaml#/paths/~1pets~1{petId}~1photo/post/parameters/1/pattern: warning: `pattern` "
    "'(unclosed' does not compile",
]

# The fixture with one line replaced, and the error that refuses it.
ERRORS = {
    "dangling-ref": (
        'items: {$ref: "#/definitions/Pet"}',
        'items: {$ref: "#/definitions/Animal"}',
        "faulty.yaml#/paths/~1pets/get/responses/200/schema/properties/items/items/$ref: "
        "error: dangling $ref '#/definitions/Animal'",
    ),
    "definition": (
        "id: {type: integer, format: int64}",
        "id: {type: integer, format: int64, maximum: abc}",
        "faulty.yaml#/definitions/Pet/properties/id/maximum: error: Input should be a valid number",
    ),
    "query-parameter": (
        "- name: dryRun",
        "- nom: dryRun",
        "faulty.yaml#/paths/~1pets/post/parameters/0/name: error: missing required key 'name'",
    ),
    "security-definition": (
        "name: X-Key",
        "description: the key",
        "faulty.yaml#/securityDefinitions/key/name: error: an apiKey security scheme needs the "
        "name of its header",
    ),
    "response": (
        "description: created",
        "description: [created]",
        "faulty.yaml#/paths/~1pets/post/responses/201/description: error: Input should be a "
        "valid string",
    ),
    "missing-key": (
        "  title: Faulty Shelter\n",
        "",
        "faulty.yaml#/info/title: error: missing required key 'title'",
    ),
}


def _generate(spec: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`generate` as a user runs it, from the spec's folder (problems name the spec `spec`)."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", spec, "--out", "out"],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The fixtures, copied: a test may break one."""
    shutil.copytree(FIXTURES, tmp_path / "specs")
    return tmp_path / "specs"


def test_warnings_name_the_swagger_file_s_pointers(folder: Path) -> None:
    result = _generate(FAULTY, folder)
    assert result.returncode == 0, result.stderr
    lines = sorted(line for line in result.stderr.splitlines() if line)
    assert len(lines) == len(WARNINGS), result.stderr
    for line, expected in zip(lines, WARNINGS, strict=True):
        assert line.startswith(expected), result.stderr
    assert "components" not in result.stderr and "requestBody" not in result.stderr


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_errors_name_the_swagger_file_s_pointers(folder: Path, case: str) -> None:
    written, broken, expected = ERRORS[case]
    spec = folder / FAULTY
    text = spec.read_text()
    assert text.count(written) == 1
    spec.write_text(text.replace(written, broken))
    result = _generate(FAULTY, folder)
    assert result.returncode == 1
    assert result.stderr.startswith(expected), result.stderr
    assert not (folder / "out").exists()


def test_a_multi_file_swagger_spec_names_the_file_a_schema_was_written_in(folder: Path) -> None:
    result = _generate("root.yaml", folder / "split")
    assert result.returncode == 0, result.stderr
    models = folder.resolve() / "split" / "models"
    assert sorted(result.stderr.splitlines()) == [
        f"{models}/owner.yaml#/required: warning: required property 'ghost' is not declared; "
        "it is read as optional (fix: declare `ghost` under `properties`, or remove it from "
        "`required`)",
        f"{models}/pet.yaml#/Pet/properties/name/pattern: warning: `pattern` '(unclosed' does "
        "not compile as a regular expression (missing ), unterminated subpattern at position "
        "0); it is dropped (fix: fix the regex, or remove it)",
    ]


def test_an_openapi_3_spec_keeps_its_own_pointers(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.0.3\n"
        "info: {title: Shelter, version: 1.0.0}\n"
        "servers: [{url: 'https://api.example.com@evil.example'}]\n"
        "paths:\n"
        "  /pets:\n"
        "    post:\n"
        "      requestBody:\n"
        "        content:\n"
        "          application/json:\n"
        "            schema: {type: object, properties: {kind: {type: string, enum: []}}}\n"
        "      responses: {'204': {description: stored}}\n"
    )
    result = _generate("openapi.yaml", tmp_path)
    assert result.returncode == 0, result.stderr
    pointers = sorted(line.split(": ")[0] for line in result.stderr.splitlines())
    assert pointers == [
        "openapi.yaml#/paths/~1pets/post/requestBody/content/application~1json/schema/"
        "properties/kind/enum",
        "openapi.yaml#/servers/0",
    ]


def test_verify_names_a_broken_response_example_where_the_swagger_file_has_it(
    folder: Path,
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "verify", "--spec", "examples.yaml"],
        capture_output=True,
        text=True,
        cwd=folder,
        check=False,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(
        "examples.yaml#/paths/~1pets~1{id}/get/responses/200/examples/application~1json: "
        "warning: example 'example' breaks its own schema"
    ), result.stderr
