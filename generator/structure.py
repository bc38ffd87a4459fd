"""The spec's structural check, run in a child process beside generation.

openapi-python-client's schema model validates a spec in milliseconds, but importing it costs about
a third of a second in a fresh process, as much as everything before model generation. `generate`
and `regen` mostly run in fresh processes, so the check runs in a child on another core while this
one normalizes, names and generates; its verdict is awaited before anything is written. In a
process that has already imported the model (the test suite, a long-lived caller) there is nothing
to win, and the check runs in place.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import asdict
from typing import Any

from . import cache, jsonpointer, oas32
from .errors import Problem, SpecError
from .heap import sparse_collections
from .walk import HTTP_METHODS, SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES

_MODEL = "openapi_python_client.schema"
_PASSED = "passed\n"
_TIMEOUT = 300.0


class StructureCheck:
    """A started structural check of one document; `verify()` raises SpecError on problems.

    `data` (the spec's bytes) keys the cache of passed checks: a spec that passed once, with
    the same generator, passes again without a check.
    """

    def __init__(self, document: dict[str, Any], file: str, data: bytes) -> None:
        self._file = file
        self._key = _key(data) if cache.enabled() else ""
        self._problems: list[Problem] | None = None
        self._child: subprocess.Popen[bytes] | None = None
        if structure_passed(data):
            self._problems = []
            return
        if _MODEL in sys.modules:
            self._problems = check_structure(document, file)
            return
        self._child = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        payload = json.dumps({"file": file, "document": document}, default=str).encode()
        assert self._child.stdin is not None
        self._child.stdin.write(payload)
        self._child.stdin.close()

    def problems(self) -> list[Problem]:
        if self._problems is None:
            self._problems = self._collect()
            if not self._problems and self._key:
                cache.write("structure", self._key, _PASSED)
        return self._problems

    def verify(self) -> None:
        problems = self.problems()
        if problems:
            raise SpecError(problems)

    def _collect(self) -> list[Problem]:
        assert self._child is not None and self._child.stdout is not None
        try:
            output = self._child.stdout.read()
            self._child.wait(timeout=_TIMEOUT)
        finally:
            self._child.stdout.close()
            if self._child.stderr is not None:
                self._child.stderr.close()
        if self._child.returncode != 0:
            message = "the structural check of the spec failed to run (exit "
            return [Problem("error", f"{message}{self._child.returncode})", self._file)]
        return [Problem(**item) for item in json.loads(output)]


def structure_passed(data: bytes) -> bool:
    """Whether these spec bytes passed the check before (with this generator)."""
    return cache.enabled() and cache.read("structure", _key(data)) == _PASSED


def _key(data: bytes) -> str:
    return cache.key(["structure", hashlib.sha256(data).hexdigest()])


def check_structure(document: dict[str, Any], file: str) -> list[Problem]:
    """Validate against openapi-python-client's pydantic model of OpenAPI 3 (fast, precise).

    The model predates OpenAPI 3.1, which made `paths` and an operation's `responses` optional,
    added `webhooks` and allowed `true`/`false` as schemas (`items: false` closes a tuple of
    `prefixItems`, as pydantic writes it): a 3.1 document is validated with those defaults
    filled in, each boolean schema as the object it means, and each webhook as a path item.
    A 3.2 document is validated as 3.1 (`oas32.as_31`), less what 3.2 relaxed, with the 3.2
    constructs generation cannot honour refused at their pointers.
    """
    from openapi_python_client.schema import OpenAPI, PathItem
    from pydantic import ValidationError

    errors: list[Any] = []
    validated = oas32.as_31(document) if oas32.is_32(document) else document
    try:
        OpenAPI.model_validate(_with_31_defaults(validated))
    except ValidationError as error:
        errors += error.errors()
    webhooks = validated.get("webhooks")
    for name, item in webhooks.items() if isinstance(webhooks, dict) else ():
        try:
            PathItem.model_validate(_responses_default(item))
        except ValidationError as error:
            errors += [{**e, "loc": ("webhooks", name, *e["loc"])} for e in error.errors()]
    if oas32.is_32(document):
        return _problems_32(document, errors, file)
    return _structure_problems(document, errors, file) if errors else []


def _problems_32(document: dict[str, Any], errors: list[Any], file: str) -> list[Problem]:
    """A 3.2 document's problems: 3.1's, less what 3.2 allows, and the 3.2 constructs
    generation cannot honour (`oas32.unsupported`)."""
    errors = [error for error in errors if not oas32.tolerated(error)]
    problems = _structure_problems(document, errors, file) if errors else []
    refused = [
        Problem("error", message, file, pointer, hint)
        for pointer, message, hint in oas32.unsupported(document)
    ]
    return sorted([*problems, *refused], key=lambda problem: problem.pointer)[:20]


def _with_31_defaults(document: dict[str, Any]) -> dict[str, Any]:
    if not str(document.get("openapi", "")).startswith(("3.1", "3.2")):
        return document
    document = _boolean_schemas_as_objects(document)
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return {**document, "paths": {}} if paths is None else document
    return {**document, "paths": {path: _responses_default(item) for path, item in paths.items()}}


def _responses_default(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    return {
        key: {**value, "responses": {}}
        if key in HTTP_METHODS and isinstance(value, dict) and "responses" not in value
        else value
        for key, value in item.items()
    }


def _boolean_schemas_as_objects(node: Any) -> Any:
    """A copy of `node` where each `true` schema is `{}` and each `false` one `{"not": {}}`.

    Any dict is looked at, examples included: this copy is only validated, never generated.
    """
    if isinstance(node, list):
        return [_boolean_schemas_as_objects(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _boolean_schemas_as_objects(value) for key, value in node.items()}
    for key, value in node.items():
        if key in SCHEMA_SINGLES and key != "additionalProperties":
            out[key] = _schema_object(out[key])
        elif key in SCHEMA_LISTS and isinstance(value, list):
            out[key] = [_schema_object(item) for item in out[key]]
        elif key in SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: _schema_object(item) for name, item in out[key].items()}
    return out


def _schema_object(schema: Any) -> Any:
    if schema is True:
        return {}
    return {"not": {}} if schema is False else schema


def _structure_problems(document: Any, errors: list[Any], file: str) -> list[Problem]:
    """One problem per location; union-branch names in pydantic's `loc` are dropped."""
    version = str(document.get("openapi", ""))[:3]
    version = version if version in ("3.1", "3.2") else "3.0"
    hint = f"see the OpenAPI {version} specification"
    seen: dict[str, Problem] = {}
    for item in errors:
        pointer = _document_pointer(document, item["loc"], missing=item["type"] == "missing")
        if pointer in seen:
            continue
        if item["type"] == "missing":
            message = f"missing required key '{item['loc'][-1]}'"
        else:
            message = str(item["msg"])
        seen[pointer] = Problem("error", message, file, pointer, hint)
    return sorted(seen.values(), key=lambda problem: problem.pointer)[:20]


def _document_pointer(document: Any, location: tuple[Any, ...], *, missing: bool) -> str:
    """The document's own keys along pydantic's `loc`: union-branch names (`Reference`,
    `other`) are not keys and are skipped, and a missing key ends the pointer."""
    tokens: list[str] = []
    node = document
    for index, part in enumerate(location):
        key = str(part)
        if isinstance(node, dict) and key in node:
            node = node[key]
            tokens.append(key)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            tokens.append(key)
        elif missing and index == len(location) - 1 and isinstance(node, dict):
            tokens.append(key)
    return jsonpointer.from_tokens(tokens)


@sparse_collections()
def _main() -> None:
    """Child side: a document on stdin, its problems as JSON on stdout."""
    payload = json.loads(sys.stdin.buffer.read())
    problems = check_structure(payload["document"], payload["file"])
    json.dump([asdict(problem) for problem in problems], sys.stdout)


if __name__ == "__main__":
    _main()
