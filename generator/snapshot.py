"""An API's spec as a set of files, and the copy of it that was last released.

A spec is its root file plus every other spec file in the API's folder (a multi-file spec splits
schemas into files its root `$ref`s); its sha256 covers all of them. For a single file it is the
sha256 of that file's bytes, which is what generated packages record.

`specs/<api>/released/` keeps the spec of the last release, all files of it: every version bump
is the diff between that copy and the spec now, whether the spec was fetched or edited by hand.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import Problem, SpecError
from .load import MAX_BYTES
from .output import read_tree, replace_tree, write_file_atomically

RELEASED_DIR = "released"
_SPEC_SUFFIXES = (".json", ".yaml", ".yml")
_OWN_FILES = frozenset({"config.yaml", "state.json", "names.lock.json"})


@dataclass(frozen=True)
class SpecFiles:
    """The files of one spec: `root` (relative path) and every file's bytes, root included.

    `folder` is where they were read from, so the root's relative `$ref`s are followed there
    (`source`); None for a spec that came as bytes (a fetched one), which must be one file.
    """

    root: str
    files: Mapping[str, bytes]
    folder: Path | None = None

    @property
    def data(self) -> bytes:
        return self.files[self.root]

    @property
    def source(self) -> Path | None:
        """The root's path, for reading the files it refers to (None: they are not read)."""
        return None if self.folder is None else self.folder / self.root

    @property
    def sha256(self) -> str:
        if len(self.files) == 1:
            return hashlib.sha256(self.data).hexdigest()
        digest = hashlib.sha256()
        for name in sorted(self.files):
            digest.update(name.encode() + b"\0" + hashlib.sha256(self.files[name]).digest())
        return digest.hexdigest()

    def with_root(self, data: bytes) -> SpecFiles:
        """The same spec with a new root document (a fetched one): bytes from the network, so
        no file beside it is read on their say."""
        return SpecFiles(self.root, {**self.files, self.root: data})


def read_spec(api_dir: Path, root: str, *, skip: tuple[str, ...] = ()) -> SpecFiles:
    """The spec whose root is `api_dir/root`, with the other spec files of the folder.

    `skip` names folders that hold something else (the template overrides).
    """
    root_path = api_dir / root
    files = {root: _read(root_path)}
    ignored = {RELEASED_DIR, *skip}
    for path in sorted(api_dir.rglob("*")):
        relative = path.relative_to(api_dir)
        if (
            path.suffix in _SPEC_SUFFIXES
            and path.is_file()
            and not path.is_symlink()
            and relative.as_posix() not in _OWN_FILES
            and relative.parts[0] not in ignored
            and not any(part.startswith(".") for part in relative.parts)
        ):
            files.setdefault(relative.as_posix(), _read(path))
    total = sum(len(data) for data in files.values())
    if total > MAX_BYTES:
        message = f"the spec's files hold {total:,} bytes, over the {MAX_BYTES:,}-byte limit"
        raise SpecError(Problem("error", message, str(root_path)))
    return SpecFiles(root, files, api_dir)


def read_released(api_dir: Path, root: str) -> SpecFiles | None:
    """The spec of the last release, if it was kept."""
    folder = api_dir / RELEASED_DIR
    tree = read_tree(folder)
    if PurePosixPath(root) not in tree:
        return None
    return SpecFiles(root, {path.as_posix(): data for path, data in tree.items()}, folder)


def write_released(api_dir: Path, spec: SpecFiles) -> None:
    replace_tree(
        {PurePosixPath(name): data for name, data in spec.files.items()}, api_dir / RELEASED_DIR
    )


def write_spec(api_dir: Path, spec: SpecFiles) -> None:
    """Write the spec's files that changed into the API's folder (each one atomically)."""
    for name, data in spec.files.items():
        path = api_dir / name
        if not path.is_file() or path.read_bytes() != data:
            write_file_atomically(path, data)


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise SpecError(
            Problem("error", f"cannot read spec: {error.strerror}", str(path))
        ) from None
    if len(data) > MAX_BYTES:
        message = f"spec is over the {MAX_BYTES:,}-byte limit"
        raise SpecError(Problem("error", message, str(path)))
    return data
