"""Hand-written code in a generated package survives regeneration.

Three trees meet at every regen: the tree the generator wrote last time (the base, kept in
`generated/.sdkgen-base/<dist>/`), the maintainer's tree (`generated/<dist>/`, possibly edited)
and the tree the generator writes now. Like Speakeasy's persistent edits, the result is a
three-way merge per file:

- a file the generator never wrote (a `lib/` helper, notes) is the maintainer's and left alone;
- a generated file nobody edited becomes the new generated one;
- an edited generated file keeps the edit, merged line by line (`merge3`) with the new version;
- edits that overlap a change of the generator stop regen with the file and the lines, before
  anything is written, so that both trees stay as they were.

Without a base (a package generated before this existed) edits cannot be told apart from
generated text, so the new tree replaces the old one, as it always did.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import cast

import merge3

from .errors import GeneratorError, Problem

BASE_DIR = ".sdkgen-base"
CONFLICT_DIR = ".sdkgen-conflict"

Tree = Mapping[PurePosixPath, bytes]


class MergeConflict(GeneratorError):
    """Hand edits overlap what the generator changed; nothing was written."""


def base_path(out: Path) -> Path:
    """Where the last generated tree of the package at `out` is kept."""
    return out.parent / BASE_DIR / out.name


def conflict_path(out: Path) -> Path:
    """Where a regen that stopped on a conflict leaves the new generated tree for comparison."""
    return out.parent / CONFLICT_DIR / out.name


def merge_trees(base: Tree | None, mine: Tree, new: Tree, out: Path) -> dict[PurePosixPath, bytes]:
    """The maintainer's tree carried over onto the new generated one; raise MergeConflict."""
    if base is None or not mine:
        return dict(new)
    merged: dict[PurePosixPath, bytes] = {}
    problems: list[Problem] = []
    for path in sorted(set(base) | set(mine) | set(new)):
        where = str(out / Path(*path.parts))
        result = _merge_file(base.get(path), mine.get(path), new.get(path), where, problems)
        if result is not None:
            merged[path] = result
    if problems:
        raise MergeConflict(problems)
    return merged


def _merge_file(
    base: bytes | None, mine: bytes | None, new: bytes | None, where: str, problems: list[Problem]
) -> bytes | None:
    if base is None:  # not written by the generator last time: the maintainer's, if anyone's
        if mine is not None and new is not None and mine != new:
            problems.append(_conflict(where, "a hand-written file the generator now writes too"))
        return mine if mine is not None else new
    if mine == base:
        return new
    if new == base or mine == new:
        return mine
    if mine is None or new is None:
        what = "deleted by hand" if mine is None else "edited by hand"
        problems.append(_conflict(where, f"{what}, and changed by the generator"))
        return None
    return _merge_lines(base, mine, new, where, problems)


def _merge_lines(
    base: bytes, mine: bytes, new: bytes, where: str, problems: list[Problem]
) -> bytes | None:
    merger = merge3.Merge3(
        base.splitlines(keepends=True),
        mine.splitlines(keepends=True),
        new.splitlines(keepends=True),
    )
    lines: list[bytes] = []
    for region in merger.merge_regions():
        kind, numbers = region[0], cast("tuple[int, ...]", region[1:])
        if kind == "conflict":
            start, end = numbers[2], numbers[3]
            problems.append(
                _conflict(where, f"the edit at lines {start + 1}-{max(end, start + 1)}")
            )
            continue
        source = {"unchanged": merger.base, "same": merger.a, "a": merger.a, "b": merger.b}[kind]
        lines.extend(source[numbers[0] : numbers[1]])
    return b"".join(lines)


def _conflict(where: str, what: str) -> Problem:
    return Problem(
        "error",
        f"conflict: {what} overlaps a change of the generator",
        where,
        hint="carry the edit over by hand (the new generated tree is under "
        f"{CONFLICT_DIR}/), or move it into a template override",
    )


def changed_files(old: Tree, new: Tree) -> tuple[str, ...]:
    """Paths added, removed or modified between two trees."""
    paths = set(old) | set(new)
    return tuple(p.as_posix() for p in sorted(paths) if old.get(p) != new.get(p))
