"""Staging directory -> parse check -> containment check -> atomic swap.

A generated package replaces the previous one only once every file is written, formatted, parses
as Python and lies inside the output folder. Any failure leaves the previous output exactly as it
was and removes the staging directory.
"""

from __future__ import annotations

import ast
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

from .errors import OutputError, Problem


def write_tree(
    files: Mapping[PurePosixPath, str],
    out: Path,
    *,
    prepare: Callable[[Path], None] | None = None,
) -> None:
    """Write `files` into `out`, replacing it atomically; `prepare` runs on the staged tree."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        for relative, text in sorted(files.items()):
            target = _inside(staging, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        if prepare is not None:
            prepare(staging)
        _check_python(staging)
        _check_contained(staging)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_file_atomically(path: Path, data: bytes) -> None:
    """Replace one file so readers see the old bytes or the new ones, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def tree_digest(root: Path) -> str:
    """sha256 over every file's path and bytes: equal digests mean identical trees."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _inside(root: Path, relative: PurePosixPath) -> Path:
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise OutputError(Problem("error", f"refusing to write outside the package: {relative}"))
    target = (root / Path(*relative.parts)).resolve()
    if not target.is_relative_to(root.resolve()):
        raise OutputError(Problem("error", f"refusing to write outside the package: {relative}"))
    return target


def _check_python(root: Path) -> None:
    problems = []
    for path in sorted(root.rglob("*.py")):
        try:
            ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except SyntaxError as error:
            where = str(path.relative_to(root))
            problems.append(
                Problem(
                    "error",
                    f"generated {where} does not parse: {error.msg}",
                    hint="report a generator bug",
                )
            )
    if problems:
        raise OutputError(problems)


def _check_contained(root: Path) -> None:
    resolved = root.resolve()
    for path in root.rglob("*"):
        if path.is_symlink() or not path.resolve().is_relative_to(resolved):
            raise OutputError(Problem("error", f"staged path escapes the package: {path}"))


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(out, retired / "tree")
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(retired / "tree", out)
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)
