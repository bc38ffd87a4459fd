"""A failed write leaves the previous output exactly as it was; nothing escapes the folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from generator.errors import OutputError
from generator.output import (
    check_contained,
    check_python,
    read_tree,
    recover,
    replace_tree,
    write_file_atomically,
    write_tree,
)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_tree_is_replaced_as_a_whole(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    write_tree({PurePosixPath("a.py"): b"x = 1\n", PurePosixPath("sub/b.txt"): b"b"}, out)
    write_tree({PurePosixPath("c.py"): b"y = 2\n"}, out)
    assert _snapshot(out) == {"c.py": b"y = 2\n"}
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]  # no staging or retired folders left


@pytest.mark.parametrize("bad", ["../escape.py", "/abs.py", "a/../../x.py"])
def test_paths_outside_the_output_are_refused(tmp_path: Path, bad: str) -> None:
    out = tmp_path / "pkg"
    write_tree({PurePosixPath("keep.py"): b"k = 1\n"}, out)
    with pytest.raises(OutputError, match="outside the package"):
        write_tree({PurePosixPath(bad): b"x = 1\n"}, out)
    assert _snapshot(out) == {"keep.py": b"k = 1\n"}
    assert not (tmp_path / "escape.py").exists()


def test_unparsable_python_is_reported_by_file_with_every_other_problem() -> None:
    files = {PurePosixPath("pkg/bad.py"): "def (:\n", PurePosixPath("pkg/worse.py"): "x = (\n"}
    files[PurePosixPath("notes.md")] = "def (:\n"  # not Python: not parsed
    with pytest.raises(OutputError) as raised:
        check_python(files)
    assert [problem.message.split(" does not parse")[0] for problem in raised.value.problems] == [
        "generated pkg/bad.py",
        "generated pkg/worse.py",
    ]


@pytest.mark.parametrize("depth", ["link", "a/b/link.py"])
def test_symlinks_anywhere_in_a_staged_tree_are_refused_even_pointing_inside(
    tmp_path: Path, depth: str
) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c.py").write_text("c = 1\n")
    (tmp_path / depth).symlink_to(tmp_path / "a" / "b" / "c.py")
    with pytest.raises(OutputError, match="escapes"):
        check_contained(tmp_path)


def test_a_failed_write_leaves_the_previous_output_and_nothing_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "pkg"
    write_tree({PurePosixPath("ok.py"): b"ok = 1\n"}, out)
    real = Path.write_bytes

    def full(path: Path, data: bytes) -> int:
        if path.name == "second.py":
            raise OSError(28, "No space left on device", str(path))
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OutputError, match="No space left"):
        write_tree({PurePosixPath("first.py"): b"1\n", PurePosixPath("second.py"): b"2\n"}, out)
    assert _snapshot(out) == {"ok.py": b"ok = 1\n"}
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]


def test_single_file_is_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "snap.json"
    write_file_atomically(target, b"one")
    write_file_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["snap.json"]


def test_replacing_a_tree_is_one_exchange_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    replace_tree({PurePosixPath("a.txt"): b"old"}, out)
    replace_tree({PurePosixPath("b/c.txt"): b"new"}, out)
    assert read_tree(out) == {PurePosixPath("b/c.txt"): b"new"}
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]


def test_recover_restores_a_tree_retired_by_an_interrupted_fallback_swap(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    retired = tmp_path / ".pkg.old-x1" / "tree"
    retired.mkdir(parents=True)
    (retired / "a.txt").write_text("old")
    (tmp_path / ".pkg.staging-y2").mkdir()
    recover(out)
    assert (out / "a.txt").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]
