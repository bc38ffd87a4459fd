"""A failed write leaves the previous output exactly as it was; nothing escapes the folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest

from generator.errors import GenerationError, OutputError
from generator.output import read_tree, recover, replace_tree, write_file_atomically, write_tree


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_tree_is_replaced_as_a_whole(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    write_tree({PurePosixPath("a.py"): "x = 1\n", PurePosixPath("sub/b.txt"): "b"}, out)
    write_tree({PurePosixPath("c.py"): "y = 2\n"}, out)
    assert _snapshot(out) == {"c.py": b"y = 2\n"}
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]  # no staging or retired folders left


@pytest.mark.parametrize("bad", ["../escape.py", "/abs.py", "a/../../x.py"])
def test_paths_outside_the_output_are_refused(tmp_path: Path, bad: str) -> None:
    out = tmp_path / "pkg"
    write_tree({PurePosixPath("keep.py"): "k = 1\n"}, out)
    with pytest.raises(OutputError, match="outside the package"):
        write_tree({PurePosixPath(bad): "x = 1\n"}, out)
    assert _snapshot(out) == {"keep.py": b"k = 1\n"}
    assert not (tmp_path / "escape.py").exists()


def test_unparsable_python_leaves_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    write_tree({PurePosixPath("ok.py"): "ok = 1\n"}, out)
    with pytest.raises(OutputError, match="does not parse"):
        write_tree({PurePosixPath("bad.py"): "def (:\n"}, out)
    assert _snapshot(out) == {"ok.py": b"ok = 1\n"}
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]


def test_failing_prepare_step_leaves_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    write_tree({PurePosixPath("ok.py"): "ok = 1\n"}, out)

    def fail(_root: Path) -> None:
        raise GenerationError([])

    with pytest.raises(GenerationError):
        write_tree({PurePosixPath("new.py"): "n = 1\n"}, out, prepare=fail)
    assert _snapshot(out) == {"ok.py": b"ok = 1\n"}


def test_symlinks_planted_during_preparation_are_refused(tmp_path: Path) -> None:
    def plant(root: Path) -> None:
        (root / "link").symlink_to("/etc")

    with pytest.raises(OutputError, match="escapes"):
        write_tree({PurePosixPath("a.py"): "a = 1\n"}, tmp_path / "pkg", prepare=plant)
    assert not (tmp_path / "pkg").exists()


def test_symlinks_deep_in_the_tree_are_refused_even_when_they_point_inside(
    tmp_path: Path,
) -> None:
    def plant(root: Path) -> None:
        (root / "a" / "b" / "link.py").symlink_to(root / "a" / "b" / "c.py")

    files = {PurePosixPath("a/b/c.py"): "c = 1\n", PurePosixPath("d.py"): "d = 1\n"}
    with pytest.raises(OutputError, match="escapes"):
        write_tree(files, tmp_path / "pkg", prepare=plant)
    assert not (tmp_path / "pkg").exists()


def test_unparsable_python_is_refused_while_the_preparation_still_runs(tmp_path: Path) -> None:
    waited: list[bool] = []

    def prepare(_root: Path) -> Callable[[], None]:
        return lambda: waited.append(True)

    with pytest.raises(OutputError, match=r"pkg/bad\.py does not parse"):
        write_tree({PurePosixPath("pkg/bad.py"): "def (:\n"}, tmp_path / "out", prepare=prepare)
    assert waited == [True]  # the preparation was waited for: nothing is left running
    assert [p.name for p in tmp_path.iterdir()] == []


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
