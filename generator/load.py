"""Bytes -> a validated OpenAPI 3.x document, or every problem with its file and JSON pointer.

A Swagger 2.0 document is read as the OpenAPI 3.0 document it describes (`swagger2/`), and its
problems are reported where the user's file has them (`Bundle.located`).

Input is untrusted: size, nesting depth and YAML alias expansion are bounded before anything walks
the document, and `$ref`s may only point inside the document, or, for a spec read from a file, to
files under that file's folder (`bundle.py` joins them in). The structure is checked against
openapi-python-client's pydantic model of OpenAPI 3, whose error locations become JSON pointers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from . import grammar, jsonpointer, structure, swagger2, yamlsafe
from .bundle import Bundle, bundle
from .errors import Problem, SpecError

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 200
MAX_NODES = 2_000_000
MAX_INT_DIGITS = 40  # int64 and uint64 bounds need 20; anything longer is not a real bound
_MAX_INT = 10**MAX_INT_DIGITS


def load_spec(path: Path) -> dict[str, Any]:
    """Read, parse and validate the spec at `path`, with the files it refers to."""
    return parse_spec(read_spec_bytes(path), str(path), root=path)


def spec_files(root: Path) -> list[Path]:
    """The files a spec consists of: `root` first, then every file its `$ref`s reach (resolved
    paths, each once). What a snapshot must copy and a fingerprint must hash."""
    return list(read_bundle(read_spec_bytes(root), str(root), root).files)


def read_spec_bytes(path: Path) -> bytes:
    """The bytes of a spec file, refusing unreadable and oversized files with a clear error.

    At most one byte over the limit is read: a size from `stat` means nothing for a device or a
    pipe (`/dev/zero` says 0).
    """
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        message = f"cannot read spec: {error.strerror}"
        raise SpecError(Problem("error", message, str(path))) from None
    if len(data) > MAX_BYTES:
        raise SpecError(_too_big(len(data), str(path)))
    return data


def parse_spec(data: bytes, file: str, root: Path | None = None) -> dict[str, Any]:
    """Parse and validate spec bytes; `file` is only used to say where problems are.

    With `root` (the path `data` was read from), `$ref`s to files under its folder are followed.
    """
    result = read_bundle(data, file, root)
    problems = structure.check_structure(result.document, file)
    if problems:
        raise SpecError(result.located(problems))
    return result.document


def read_document(data: bytes, file: str, root: Path | None = None) -> dict[str, Any]:
    """The document `read_bundle` makes (files `$ref`d under `root`'s folder joined in)."""
    return read_bundle(data, file, root).document


def read_bundle(data: bytes, file: str, root: Path | None = None) -> Bundle:
    """Everything `parse_spec` checks except the document's structure (see `structure.py`).

    A Swagger 2.0 document is converted first; the bundle's `located` turns pointers into the
    converted document back into pointers into the files the user wrote.
    """
    parsed = parse_file_bytes(data, file)
    problems = _check_kind(parsed, file)
    if problems:
        raise SpecError(problems)
    document: dict[str, Any] = parsed
    if not swagger2.is_swagger2(document):
        result = _bundled(document, data, file, root)
        _raise_dangling(result, file)
        return result
    converted, notes, origins = swagger2.convert(document, file)
    try:
        result = _bundled(converted, data, file, root)
    except SpecError as error:
        raise SpecError(origins.locate(error.problems)) from None
    for part in result.parts:
        origins.record_part(part.pointer, swagger2.Source(part.file, part.document, part.fragment))
    if len(result.files) > 1:  # schemas joined in from other files are Swagger's too
        swagger2.convert_components(result.document)
    located = (*notes, *origins.locate(result.problems))
    result = dataclasses.replace(result, problems=located, origins=origins)
    _raise_dangling(result, file)
    return result


def _bundled(document: dict[str, Any], data: bytes, file: str, root: Path | None) -> Bundle:
    if root is None:
        return Bundle(document, (), (), hashlib.sha256(data).hexdigest())
    result = bundle(document, root, data, _read_part, MAX_BYTES, file)
    if len(result.files) > 1:
        _check_bounds(result.document, file)
    return result


def _raise_dangling(result: Bundle, file: str) -> None:
    """Refuse `$ref`s that lead nowhere."""
    problems = _check_refs(result.document, file)
    if problems:
        raise SpecError(result.located(problems))


def parse_file_bytes(data: bytes, file: str) -> Any:
    """One JSON or YAML file, within the size, depth and alias-expansion bounds."""
    if len(data) > MAX_BYTES:
        raise SpecError(_too_big(len(data), file))
    parsed = _parse(data, file)
    _check_bounds(parsed, file)
    return parsed


def _read_part(path: Path) -> tuple[bytes, Any]:
    data = read_spec_bytes(path)
    return data, parse_file_bytes(data, str(path))


def _too_big(size: int, file: str) -> Problem:
    return Problem(
        "error",
        f"spec is {size:,} bytes, over the {MAX_BYTES:,}-byte limit",
        file,
        hint="split the spec or raise generator.load.MAX_BYTES if it is genuine",
    )


def _parse(data: bytes, file: str) -> Any:
    text = _decode(data, file)
    if not text.strip():
        raise SpecError(Problem("error", "spec file is empty", file, hint="point at the spec file"))
    try:
        if text.lstrip()[:1] in "{[":
            return json.loads(text)
        return yamlsafe.load(text, MAX_DEPTH)
    except json.JSONDecodeError as error:
        message = f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        raise SpecError(Problem("error", message, file, hint="fix the syntax")) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        message = f"invalid YAML{where}: {error.problem or error}"
        raise SpecError(Problem("error", message, file, hint="fix the syntax")) from None
    except yaml.YAMLError as error:
        raise SpecError(Problem("error", f"invalid YAML: {error}", file)) from None
    except yamlsafe.YAMLDepthError as error:
        raise SpecError(_too_deep(file, "", error.line)) from None
    except yamlsafe.YAMLAliasError as error:
        message = f"more than {yamlsafe.MAX_ALIASES} YAML alias uses (line {error.line})"
        raise SpecError(Problem("error", message, file, hint="remove the alias chains")) from None
    except yamlsafe.YAMLKeyError as error:
        pointer = jsonpointer.from_tokens(error.path)
        hint = "quote the key: every key of an OpenAPI document is text"
        raise SpecError(Problem("error", str(error), file, pointer, hint)) from None
    except RecursionError:
        raise SpecError(_too_deep(file, "")) from None
    except ValueError:  # an integer beyond Python's digit limit for text conversion
        raise SpecError(_huge_number(file, "")) from None


def _decode(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"spec is not UTF-8 text (byte {error.start})"
        raise SpecError(Problem("error", message, file, hint="save the file as UTF-8")) from None


def _check_bounds(document: Any, file: str) -> None:
    """Refuse cyclic YAML anchors, absurd depth and documents that expand beyond MAX_NODES.

    Every value is visited, so each carries only its parent's entry and key: the JSON pointer
    of a refused value is spelt out only when there is a problem to report.
    """
    stack: list[tuple[Any, int, jsonpointer.Place, bool]] = [(document, 0, None, False)]
    on_path: set[int] = set()
    nodes = 0
    while stack:
        node, depth, place, leaving = stack.pop()
        if leaving:
            on_path.discard(id(node))
            continue
        nodes += 1
        if nodes > MAX_NODES:
            message = f"spec expands to more than {MAX_NODES:,} values"
            raise SpecError(Problem("error", message, file, hint="remove YAML alias chains"))
        if depth > MAX_DEPTH:
            raise SpecError(_too_deep(file, jsonpointer.of_place(place)))
        if isinstance(node, int) and not -_MAX_INT < node < _MAX_INT:
            raise SpecError(_huge_number(file, jsonpointer.of_place(place)))
        if not isinstance(node, dict | list):
            continue
        if id(node) in on_path:
            where = jsonpointer.of_place(place)
            message = "YAML anchors form a cycle"
            raise SpecError(Problem("error", message, file, where, "remove the recursive alias"))
        on_path.add(id(node))
        stack.append((node, depth, place, True))
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in children:
            stack.append((child, depth + 1, (place, key), False))


def _huge_number(file: str, pointer: str) -> Problem:
    message = f"spec holds an integer with more than {MAX_INT_DIGITS} digits"
    return Problem("error", message, file, pointer, "use a realistic bound, or a string")


def _too_deep(file: str, pointer: str, line: int = 0) -> Problem:
    message = f"spec nests deeper than {MAX_DEPTH} levels" + (f" (line {line})" if line else "")
    shown = pointer if len(pointer) <= 80 else pointer[:80] + "..."
    return Problem("error", message, file, shown, "flatten the schema with $ref components")


def _check_kind(document: Any, file: str) -> list[Problem]:
    if not isinstance(document, dict):
        return [Problem("error", "spec must be a JSON/YAML object", file, hint="is this a spec?")]
    if swagger2.is_swagger2(document):
        return []
    if "swagger" in document:
        version = document.get("swagger")
        message = f"Swagger {version!r} documents are not supported, only 2.0 and OpenAPI 3.x"
        hint = "publish the spec as Swagger 2.0 or OpenAPI 3"
        return [Problem("error", message, file, "/swagger", hint)]
    version = document.get("openapi")
    if version is None:
        hint = "an OpenAPI document starts with `openapi: 3.1.0`"
        return [Problem("error", "not an OpenAPI document: no 'openapi' key", file, "", hint)]
    if not isinstance(version, str) or not version.startswith(("3.0", "3.1", "3.2")):
        message = f"unsupported OpenAPI version {version!r}: only 3.0.x, 3.1.x and 3.2.x"
        return [Problem("error", message, file, "/openapi", "set `openapi: 3.1.0`")]
    return []


def _check_refs(document: dict[str, Any], file: str) -> list[Problem]:
    """Every `$ref` must resolve inside this document (once other files are bundled in), except
    in literal values: an example, default, enum or const is data, and a `$ref` key in it (an
    example that is itself a JSON Schema or an OpenAPI document) refers to nothing. A node is
    known by the keys that lead to it (`grammar`); below a key the grammar does not know, every
    `$ref` is checked, as a name there may be spelled like a keyword."""
    problems = []
    checked: dict[str, bool] = {}  # a spec names the same target many times: resolve it once
    stack: list[tuple[Any, str | None, jsonpointer.Place]] = [(document, "document", None)]
    while stack:
        node, kind, place = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not _resolves(document, ref, checked):
                pointer = jsonpointer.join(jsonpointer.of_place(place), "$ref")
                problem = _ref_problem(document, ref, file, pointer)
                if problem:
                    problems.append(problem)
            stack.extend(
                (child, _child_kind(kind, key), (place, key))
                for key, child in node.items()
                if not _is_literal(kind, key, child)
            )
        elif isinstance(node, list):
            item = _child_kind(kind, "[]")
            stack.extend((child, item, (place, i)) for i, child in enumerate(node))
    return sorted(problems, key=lambda problem: problem.pointer)


# kind -> the keys whose values are literal data in a node of that kind
_LITERALS = {
    "schema": frozenset({"example", "default", "enum", "const"}),
    "media": frozenset({"example"}),
    "parameter": frozenset({"example"}),
    "header": frozenset({"example"}),
    "example": frozenset({"value"}),
}


def _is_literal(kind: str | None, key: str, value: Any) -> bool:
    if kind is None:
        return False
    if kind == "schema" and key == "examples":  # JSON Schema's list of example values
        return isinstance(value, list)
    return key in _LITERALS.get(kind, frozenset())


def _child_kind(kind: str | None, key: str) -> str | None:
    """The grammar's kind of `key`'s value, None where it does not know (checked in full)."""
    return None if kind is None else grammar.child_kind(kind, key)


def _resolves(document: dict[str, Any], ref: str, checked: dict[str, bool]) -> bool:
    if ref not in checked:
        checked[ref] = _ref_problem(document, ref, "", "") is None
    return checked[ref]


def _ref_problem(document: dict[str, Any], ref: str, file: str, pointer: str) -> Problem | None:
    if ref.startswith(("http://", "https://", "//")) or "://" in ref:
        message = f"remote $ref {ref!r} refused: generation never touches the network"
        return Problem("error", message, file, pointer, "bundle the spec into one file")
    if not ref.startswith("#"):
        message = f"external $ref {ref!r} refused: only a spec read from a file may refer to others"
        return Problem("error", message, file, pointer, "bundle the spec into one file")
    try:
        jsonpointer.resolve(document, ref)
    except (KeyError, ValueError):
        message = f"dangling $ref {ref!r}: nothing at that pointer"
        return Problem("error", message, file, pointer, "define the target or fix the reference")
    return None
