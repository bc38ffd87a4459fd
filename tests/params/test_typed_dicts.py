"""Nested request objects are accepted as models or as TypedDicts that mypy checks key by key.

A small spec with the shapes that matter (required keys, a nested object, a list of objects, a
union, keys that are not identifiers, a read-only key) is generated into a real package; consumer
programs are type-checked with `mypy --strict` and the package is imported and called.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import parse_config
from generator.pipeline import generate_package
from tests.support.fault_server import FaultServer, Reply

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Shelf", "version": "1"},
    "servers": [{"url": "https://shelf.example"}],
    "paths": {
        "/books": {
            "post": {
                "operationId": "createBook",
                "tags": ["Books"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/NewBook"}}
                    },
                },
                "responses": {
                    "201": {
                        "description": "created",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Book"}}
                        },
                    }
                },
            }
        },
        "/books/{bookId}": {
            "get": {
                "operationId": "getBook",
                "tags": ["Books"],
                "parameters": [
                    {"name": "bookId", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Book"}}
                        },
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Author": {
                "type": "object",
                "description": "Who wrote it.",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "description": "Full name."},
                    "born": {"type": "string", "format": "date"},
                },
            },
            "Label": {
                "type": "object",
                "properties": {"x-color": {"type": "string"}, "class": {"type": "string"}},
            },
            "Isbn": {"type": "object", "properties": {"isbn": {"type": "string"}}},
            "Title": {"type": "object", "properties": {"title": {"type": "string"}}},
            "NewBook": {
                "type": "object",
                "required": ["title", "author"],
                "properties": {
                    "title": {"type": "string"},
                    "author": {"$ref": "#/components/schemas/Author"},
                    "coAuthors": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Author"},
                    },
                    "label": {"$ref": "#/components/schemas/Label"},
                    "lookup": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/Isbn"},
                            {"$ref": "#/components/schemas/Title"},
                        ]
                    },
                },
            },
            "Book": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "format": "uuid", "readOnly": True},
                    "title": {"type": "string"},
                    "author": {"$ref": "#/components/schemas/Author"},
                },
            },
        }
    },
}

GOOD = """
from uuid import UUID
from shelf_client import Shelf
from shelf_client.types import Author, AuthorParam, Book

client = Shelf(base_url="http://127.0.0.1:1")
author: AuthorParam = {"name": "Ursula", "born": "1929-10-21"}
book: Book = client.books.create(
    title="Earthsea",
    author=author,
    co_authors=[Author(name="Le Guin"), {"name": "Guest"}],
    label={"x-color": "blue", "class": "fiction"},
    lookup={"isbn": "978"},
)
if book.id is not None:
    again: Book = client.books.get(book.id)
client.books.get(UUID(int=1))
client.books.get("plain-string-id")
"""

# Each line must be rejected by mypy; the comment says why.
BAD = {
    'client.books.create(title="T", author={"nmae": "typo"})': "misspelt key",
    'client.books.create(title="T", author={"name": 1})': "wrong value type",
    'client.books.create(title="T", author={"born": "1929-10-21"})': "required key missing",
    'client.books.create(title="T", author={"name": "A"}, label={"x-color": 3})': "odd key",
    'client.books.create(title="T", author={"name": "A"}, co_authors=[{"name": 2}])': "in a list",
    'client.books.create(title="T", author={"name": "A"}, lookup={"nope": "x"})': "in a union",
    "client.books.get(book.id)": "an id that may be None",
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("params")
    config = parse_config(
        {
            "name": "shelf",
            "title": "Shelf",
            "package": "shelf_client",
            "distribution": "shelf-client",
            "client_class": "Shelf",
            "env_prefix": "SHELF",
            "spec": "openapi.json",
        },
        "<params>",
    )
    data = json.dumps(SPEC).encode()
    generate_package(data, "openapi.json", root / "shelf", config)
    return root / "shelf" / "src"


def _mypy(src: Path, program: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    consumer = tmp_path / "consumer.py"
    consumer.write_text(program, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(consumer)],
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(src), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        check=False,
    )


def test_typed_dicts_and_models_type_check(package: Path, tmp_path: Path) -> None:
    result = _mypy(package, GOOD, tmp_path)
    assert result.returncode == 0, result.stdout


def test_wrong_keys_values_and_ids_fail_type_checking(package: Path, tmp_path: Path) -> None:
    header = GOOD.split("author: AuthorParam")[0] + "book = client.books.get('x')\n"
    lines = list(BAD)
    result = _mypy(package, header + "\n".join(lines) + "\n", tmp_path)
    first = header.count("\n") + 1
    failing = {
        int(line.split(":")[1]) - first for line in result.stdout.splitlines() if ": error:" in line
    }
    missed = [f"{BAD[lines[i]]}: {lines[i]}" for i in range(len(lines)) if i not in failing]
    assert not missed, result.stdout


def test_typed_dicts_match_the_schema_at_runtime(package: Path) -> None:
    sys.path.insert(0, str(package))
    try:
        from shelf_client import types  # type: ignore[import-not-found]

        assert types.AuthorParam.__required_keys__ == {"name"}
        assert types.AuthorParam.__optional_keys__ == {"born"}
        assert types.LabelParam.__optional_keys__ == {"x-color", "class"}
        # Only what requests take: the body is keyword arguments, a Book only comes back.
        assert not {"NewBookParam", "BookParam"} & set(types.__all__)
    finally:
        sys.path.remove(str(package))
        for name in [m for m in sys.modules if m.startswith("shelf_client")]:
            del sys.modules[name]


def test_a_typed_dict_goes_on_the_wire_as_written(package: Path) -> None:
    sys.path.insert(0, str(package))
    try:
        from shelf_client import Shelf  # type: ignore[import-not-found]

        reply = Reply.json({"id": "00000000-0000-0000-0000-000000000001", "title": "E"}, status=201)
        with FaultServer(fallback=lambda request: reply) as server:
            with Shelf(base_url=server.url) as client:
                client.books.create(
                    title="E", author={"name": "U"}, label={"x-color": "blue"}, lookup={"isbn": "9"}
                )
            sent = server.requests[0].json()
        assert sent == {
            "title": "E",
            "author": {"name": "U"},
            "label": {"x-color": "blue"},
            "lookup": {"isbn": "9"},
        }
    finally:
        sys.path.remove(str(package))
        for name in [m for m in sys.modules if m.startswith("shelf_client")]:
            del sys.modules[name]
