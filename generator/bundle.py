"""Multi-file specs: relative `$ref`s to files under the root's folder, bundled into one document.

Teams split big specs into files (`paths/menu.yaml`, `components/schemas/MenuItem.yaml`) joined by
relative `$ref`s. Every later stage wants one document with internal references only, so the
files are bundled here, the way `redocly bundle` does: a referenced schema, parameter, response...
becomes a component of its own (named after its file or fragment: `MenuItem`), and path items are
inlined where they are used. Each file is read with the bounds of a single spec (size, depth, YAML
aliases), and together they stay under one spec's size. A reference leaving the root's folder
(symlinks followed), an absolute path and a URL are refused: a spec names its parts, it does not
reach for files elsewhere on the machine or on the network.
"""

from __future__ import annotations

import copy
import hashlib
import re
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import jsonpointer
from .errors import Problem, SpecError
from .grammar import SECTIONS, child_kind, is_ref_site
from .refs import refs_in

if TYPE_CHECKING:
    from .swagger2.origins import Origins

# Reads one file within a single spec's bounds: its bytes and parsed content (or SpecError).
Reader = Callable[[Path], tuple[bytes, Any]]

MAX_FILES = 1000

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FIX_RELATIVE = "refer to a file under the spec's folder by a relative path"


@dataclass(frozen=True)
class Bundle:
    """One document with internal `$ref`s only, and the files it was made of (root first)."""

    document: dict[str, Any]
    files: tuple[Path, ...]
    problems: tuple[Problem, ...]
    sha256: str
    parts: tuple[Part, ...] = ()
    # For a Swagger 2.0 spec, read as OpenAPI 3: where each converted node came from.
    origins: Origins | None = None

    def located(self, problems: Iterable[Problem]) -> list[Problem]:
        """`problems` with their pointers into the files the user wrote."""
        return self.origins.locate(problems) if self.origins else list(problems)


@dataclass(frozen=True)
class Part:
    """A component joined in from another file: where it sits now, and where it was written."""

    pointer: str
    file: str
    document: Any
    fragment: str


def bundle(
    document: dict[str, Any], root: Path, data: bytes, read: Reader, max_bytes: int, label: str
) -> Bundle:
    """`document` (parsed from `data`, read from `root`) with every file it refers to joined in;
    together the files stay under `max_bytes`. Problems in the root file name it `label`."""
    bundler = _Bundler(document, root, data, read, max_bytes, label)
    bundler.run()
    errors = [problem for problem in bundler.problems if problem.level == "error"]
    if errors:
        raise SpecError(sorted(errors, key=lambda problem: (problem.file, problem.pointer)))
    files = tuple(bundler.docs)
    sha256 = files_sha256(files, bundler.data)
    return Bundle(document, files, tuple(bundler.problems), sha256, tuple(bundler.parts))


def files_sha256(files: tuple[Path, ...], data: dict[Path, bytes]) -> str:
    """The sha256 of a one-file spec's bytes; for several files, of each file's path (relative
    to the root's folder) and sha, in path order: the digest `snapshot.SpecFiles` records."""
    if len(files) == 1:
        return hashlib.sha256(data[files[0]]).hexdigest()
    folder = files[0].parent
    digest = hashlib.sha256()
    for name, path in sorted((path.relative_to(folder).as_posix(), path) for path in files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data[path]).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class _Target:
    file: Path
    fragment: str


class _Bundler:
    def __init__(
        self,
        document: dict[str, Any],
        root: Path,
        data: bytes,
        read: Reader,
        max_bytes: int,
        label: str,
    ) -> None:
        self.read = read
        self.label = label
        self.max_bytes = max_bytes
        self.root = root.resolve()
        self.folder = self.root.parent
        self.document = document
        self.docs: dict[Path, Any] = {self.root: document}
        self.data: dict[Path, bytes] = {self.root: data}
        self.placed: dict[tuple[_Target, str], str] = {}
        self.pending: list[tuple[_Target, str, str, str]] = []
        self.inlining: set[_Target] = set()
        self.problems: list[Problem] = []
        self.parts: list[Part] = []

    def run(self) -> None:
        self._claim_component_slots()
        self._walk(self.document, "document", self.root, "")
        while self.pending:
            target, kind, section, name = self.pending.pop(0)
            content = copy.deepcopy(jsonpointer.resolve(self.docs[target.file], target.fragment))
            walked = self._walk(content, kind, target.file, target.fragment)
            self.document["components"][section][name] = walked
            pointer = jsonpointer.join("", "components", section, name)
            written = self.docs[target.file]
            self.parts.append(Part(pointer, self._name(target.file), written, target.fragment))

    def _claim_component_slots(self) -> None:
        """`components.schemas.Pet: {$ref: pet.yaml}` makes pet.yaml *the* Pet component."""
        components = self.document.get("components")
        if not isinstance(components, dict):
            return
        for section, kind in SECTIONS.items():
            slots = components.get(section)
            for name, slot in (slots or {}).items() if isinstance(slots, dict) else ():
                ref = slot.get("$ref") if isinstance(slot, dict) else None
                if not isinstance(ref, str) or ref.startswith("#"):
                    continue
                where = jsonpointer.join("", "components", section, name, "$ref")
                target = self._target(ref, self.root, where)
                if target is not None and (target, section) not in self.placed:
                    location = "#" + jsonpointer.join("", "components", section, name)
                    self.placed[(target, section)] = location
                    self.pending.append((target, kind, section, name))

    # -- walking a file's content, by what each node is -------------------------------------------

    def _walk(self, node: Any, kind: str | None, file: Path, pointer: str) -> Any:
        if kind is None:
            return node
        if kind == "mapping" and isinstance(node, dict):
            return {tag: self._mapped(value, file, pointer) for tag, value in node.items()}
        if isinstance(node, dict) and is_ref_site(kind) and isinstance(node.get("$ref"), str):
            return self._reference(node, kind, file, pointer)
        if isinstance(node, dict):
            for key in list(node):
                where = jsonpointer.join(pointer, key)
                if key.startswith("x-"):
                    self._extension(node, key, file, where)
                else:
                    node[key] = self._walk(node[key], child_kind(kind, key), file, where)
        elif isinstance(node, list):
            item_kind = child_kind(kind, "[]")
            for index, item in enumerate(node):
                node[index] = self._walk(item, item_kind, file, jsonpointer.join(pointer, index))
        return node

    def _extension(self, node: dict[str, Any], key: str, file: Path, pointer: str) -> None:
        """Extensions are not OpenAPI objects: a `$ref` inside one is not followed, and an
        extension whose refs would not hold in the bundle (any ref, outside the root file) is
        left out, so no later stage sees them."""
        if not _has_ref(node[key], internal_too=file != self.root):
            return
        del node[key]
        message = f"extension `{key}` refers to other parts of the spec and is left out"
        self.problems.append(Problem("info", message, self._name(file), pointer))

    def _mapped(self, value: Any, file: Path, pointer: str) -> Any:
        """A discriminator mapping value: a schema name, or a reference to a schema. Only one
        into another file is followed here; the discriminator check judges the rest (a mapping
        that leads nowhere loses its discriminator, not the spec)."""
        if not isinstance(value, str) or (file == self.root and value.startswith("#")):
            return value
        if not value.startswith("#") and "/" not in value and "." not in value:
            return value
        before = len(self.problems)
        walked = self._reference({"$ref": value}, "schema", file, pointer)
        if len(self.problems) > before:
            del self.problems[before:]
            return value
        return walked.get("$ref", value) if isinstance(walked, dict) else value

    def _reference(self, node: dict[str, Any], kind: str, file: Path, pointer: str) -> Any:
        where = jsonpointer.join(pointer, "$ref")
        target = self._target(node["$ref"], file, where)
        if target is None:
            return node
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        section = next((s for s, k in SECTIONS.items() if k == kind), None)
        if section is not None:
            return {"$ref": self._location(target, kind, section), **siblings}
        if target.file == self.root and kind != "pathItem":
            return {"$ref": "#" + target.fragment, **siblings}
        return self._inline(target, kind, siblings, where)

    def _inline(self, target: _Target, kind: str, siblings: dict[str, Any], where: str) -> Any:
        """Path items (and other objects without a components section) are copied in place."""
        if target in self.inlining:
            message = "circular $ref between path items"
            hint = "path items cannot include themselves"
            self.problems.append(Problem("error", message, self._name(target.file), where, hint))
            return {}
        self.inlining.add(target)
        content = copy.deepcopy(jsonpointer.resolve(self.docs[target.file], target.fragment))
        walked = self._walk(content, kind, target.file, target.fragment)
        self.inlining.discard(target)
        return {**walked, **siblings} if isinstance(walked, dict) else walked

    def _location(self, target: _Target, kind: str, section: str) -> str:
        if target.file == self.root:
            return "#" + target.fragment
        location = self.placed.get((target, section))
        if location is None:
            components = self.document.setdefault("components", {})
            slots = components.setdefault(section, {})
            name = self._free_name(slots, target)
            slots[name] = {}
            location = "#" + jsonpointer.join("", "components", section, name)
            self.placed[(target, section)] = location
            self.pending.append((target, kind, section, name))
        return location

    def _free_name(self, slots: dict[str, Any], target: _Target) -> str:
        """`MenuItem` for MenuItem.yaml or `...#/components/schemas/MenuItem`; then qualified by
        its folder (`common_Error`), then numbered."""
        tokens = jsonpointer.split(target.fragment)
        base = tokens[-1] if tokens else target.file.name.split(".")[0]
        folder = target.file.parent.name
        candidates = [base, f"{folder}_{base}"] if folder else [base]
        for candidate in candidates:
            if candidate not in slots:
                return candidate
        counter = 2
        while f"{base}_{counter}" in slots:
            counter += 1
        return f"{base}_{counter}"

    # -- where a reference points -----------------------------------------------------------------

    def _target(self, ref: str, file: Path, where: str) -> _Target | None:
        part, _, fragment = ref.partition("#")
        fragment = urllib.parse.unquote(fragment)
        if fragment and not fragment.startswith("/"):
            message = f"$ref {ref!r} has a fragment that is not a JSON pointer"
            self._refuse(file, where, message, "point at it: #/components/schemas/Name")
            return None
        path = self._file(part, ref, file, where) if part else file
        if path is None:
            return None
        in_root = not part and path != self.root and not _missing(self.document, fragment)
        if in_root and _missing(self.docs[path], fragment):
            message = f"$ref {ref!r} is not in this file; the root spec's is used"
            hint = f"write it as '{self.root.name}#{fragment}', relative to this file"
            self.problems.append(Problem("warning", message, self._name(file), where, hint))
            return _Target(self.root, fragment)
        if _missing(self.docs[path], fragment):
            elsewhere = f" in {path.relative_to(self.folder)}" if path != file else ""
            message = f"dangling $ref {ref!r}: nothing at that pointer{elsewhere}"
            self._refuse(file, where, message, "define the target or fix the reference")
            return None
        return _Target(path, fragment)

    def _file(self, part: str, ref: str, file: Path, where: str) -> Path | None:
        if _SCHEME.match(part) or part.startswith("//"):
            message = f"remote $ref {ref!r} refused: generation never touches the network"
            self._refuse(
                file, where, message, "bundle the spec into one file, or save it beside the spec"
            )
            return None
        relative = urllib.parse.unquote(part)
        if relative.startswith(("/", "\\")):
            self._refuse(file, where, f"absolute $ref path {ref!r} refused", _FIX_RELATIVE)
            return None
        path = (file.parent / relative).resolve()
        if not path.is_relative_to(self.folder):
            message = f"$ref {ref!r} leaves the spec's folder {self.folder}"
            self._refuse(file, where, message, "move the file under the spec's folder")
            return None
        if path not in self.docs and not path.is_file():
            message = f"$ref {ref!r} names no file ({path.relative_to(self.folder)} is missing)"
            self._refuse(file, where, message, "fix the path, relative to this file")
            return None
        if path not in self.docs and not self._read(path, file, where):
            return None
        return path

    def _read(self, path: Path, file: Path, where: str) -> bool:
        if len(self.docs) >= MAX_FILES:
            message = f"spec refers to more than {MAX_FILES} files"
            self._refuse(file, where, message, "bundle some of the files")
            return False
        try:
            data, content = self.read(path)
        except SpecError as error:
            self.problems.extend(error.problems)
            return False
        total = sum(map(len, self.data.values())) + len(data)
        if total > self.max_bytes:
            message = f"the spec's files add up to {total:,} bytes, over {self.max_bytes:,}"
            self._refuse(file, where, message, "split the API into smaller specs")
            return False
        self.docs[path] = content
        self.data[path] = data
        return True

    def _refuse(self, file: Path, where: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem("error", message, self._name(file), where, hint))

    def _name(self, path: Path) -> str:
        return self.label if path == self.root else str(path)


def _missing(document: Any, fragment: str) -> bool:
    try:
        jsonpointer.resolve(document, fragment)
    except (KeyError, ValueError):
        return True
    return False


def _has_ref(node: Any, *, internal_too: bool) -> bool:
    return any(internal_too or not ref.startswith("#") for ref in refs_in(node))
