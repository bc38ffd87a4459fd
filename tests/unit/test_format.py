"""ruff fixes, formats and lints a package's files in batches, on copies; its verdict reaches the
caller, and a batch formats exactly as it would with the rest of the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from generator import format as formatting
from generator.errors import GenerationError, OutputError
from generator.format import Formatter

_PACKAGE = {
    PurePosixPath("src/pkg/__init__.py"): "",
    PurePosixPath("src/pkg/_client.py"): "from pkg.types import Thing\nimport os\nT=Thing\n",
    PurePosixPath("src/pkg/_models.py"): "from pydantic import BaseModel as _B\nBaseModel=_B\n",
    PurePosixPath("README.md"): '# pkg\n\n```python\nprint( "hi" )\n```\n',
}
_TYPES = {
    PurePosixPath("src/pkg/types/__init__.py"): "from ._thing import Thing\n__all__=['Thing']\n",
    PurePosixPath("src/pkg/types/_thing.py"): (
        "from typing import Any\nfrom pkg._models import BaseModel\nimport uuid\n"
        "from pydantic import Field\n\nclass Thing(BaseModel):\n  id: uuid.UUID=Field(...)\n"
    ),
}


def _formatted(*batches: dict[PurePosixPath, str]) -> dict[PurePosixPath, bytes]:
    formatter = Formatter()
    try:
        for batch in batches:
            formatter.add(batch)
        return formatter.result()
    finally:
        formatter.close()


def test_every_file_is_fixed_and_formatted_and_returned() -> None:
    result = _formatted(_PACKAGE)
    assert (
        result[PurePosixPath("src/pkg/_client.py")] == b"from pkg.types import Thing\n\nT = Thing\n"
    )
    assert result[PurePosixPath("README.md")] == b'# pkg\n\n```python\nprint("hi")\n```\n'
    assert set(result) == set(_PACKAGE)


def test_a_later_batch_formats_as_it_would_have_in_one_run_and_keeps_the_earlier() -> None:
    """Import sorting sees the package a module belongs to: the model modules, formatted after
    the rest, must come out as they would in one run over the whole tree."""
    whole = _formatted({**_PACKAGE, **_TYPES})
    assert _formatted(_PACKAGE, _TYPES) == whole
    assert (
        b"import uuid\n\nfrom pydantic import Field\n\nfrom pkg._models import BaseModel"
        in (whole[PurePosixPath("src/pkg/types/_thing.py")])
    )


def test_a_file_added_twice_is_formatted_once() -> None:
    assert _formatted(_PACKAGE, {**_PACKAGE, **_TYPES}) == _formatted({**_PACKAGE, **_TYPES})


def test_the_scratch_copies_are_removed_when_closed() -> None:
    formatter = Formatter()
    formatter.add(_PACKAGE)
    scratch = formatter._root
    assert scratch is not None and scratch.is_dir()
    formatter.close()
    assert not scratch.exists()


def test_a_lint_error_left_after_fixing_is_raised_by_the_result() -> None:
    formatter = Formatter()
    formatter.add({PurePosixPath("a.py"): "x = undefined_name\n"})
    with pytest.raises(GenerationError, match=r"(?s)fails ruff check:\nF821.* a\.py:1:5"):
        formatter.result()
    formatter.close()


def test_unparsable_python_is_reported_as_such_once_ruff_refuses_it() -> None:
    formatter = Formatter()
    formatter.add({PurePosixPath("pkg/bad.py"): "def (:\n", PurePosixPath("pkg/ok.py"): "x = 1\n"})
    with pytest.raises(OutputError, match=r"generated pkg/bad\.py does not parse") as raised:
        formatter.result()
    assert len(raised.value.problems) == 1  # the file that parses is not named
    formatter.close()
    assert not formatter._workers


def test_python_is_not_parsed_here_when_ruff_formats_it(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[object] = []
    monkeypatch.setattr(formatting, "check_python", parsed.append)
    formatter = Formatter()
    formatter.add({PurePosixPath("a.py"): "x=1\n"})
    assert formatter.result() == {PurePosixPath("a.py"): b"x = 1\n"}
    formatter.close()
    assert parsed == []


def test_a_file_ruff_cannot_parse_is_raised_by_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formatting, "check_python", lambda files: None)
    formatter = Formatter()
    formatter.add({PurePosixPath("a.py"): "def (:\n"})
    with pytest.raises(GenerationError, match="ruff failed"):
        formatter.result()
    formatter.close()


def test_a_link_left_in_the_scratch_folder_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the package\n")
    formatter = Formatter()
    formatter.add({PurePosixPath("a.txt"): "a\n"})
    assert formatter._root is not None
    (formatter._root / "a.txt").unlink()
    (formatter._root / "a.txt").symlink_to(secret)
    with pytest.raises(OutputError, match="escapes"):
        formatter.result()
    formatter.close()


def test_ruff_is_named_the_folders_of_a_batch_and_the_files_beside_earlier_ones() -> None:
    earlier = [PurePosixPath("src/pkg/__init__.py"), PurePosixPath("README.md")]
    batch = [
        PurePosixPath("src/pkg/types/__init__.py"),
        PurePosixPath("src/pkg/types/deep/_a.py"),
        PurePosixPath("src/pkg/_late.py"),
    ]
    assert formatting._targets(batch, earlier) == [
        PurePosixPath("src/pkg/types"),
        PurePosixPath("src/pkg/_late.py"),
    ]
    assert formatting._targets(batch, []) == [PurePosixPath("src/pkg")]


def test_files_known_to_parse_are_not_parsed_again_but_still_formatted() -> None:
    formatter = Formatter()
    known, other = PurePosixPath("types/_cut.py"), PurePosixPath("types/_rendered.py")
    formatter.add({known: "def (:\n", other: "x=1\n"}, parsed={known})  # no parse error
    with pytest.raises(GenerationError, match=r"ruff failed: .*_cut\.py"):
        formatter.result()  # ruff formats it still, and here cannot
    formatter.close()
    checked = Formatter()
    checked.add({known: "x = 1\n", other: "def (:\n"}, parsed={known})
    with pytest.raises(OutputError, match=r"_rendered\.py does not parse"):
        checked.result()
    checked.close()


def test_scratch_folders_of_killed_runs_are_removed_and_live_runs_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    killed = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        killed.kill()
        killed.wait()
        abandoned = tmp_path / f"sdkgen-ruff-{killed.pid}-abc"
        in_use = tmp_path / f"sdkgen-ruff-{running.pid}-def"
        unrelated = tmp_path / f"other-{killed.pid}-ghi"
        for folder in (abandoned, in_use, unrelated):
            (folder / "src").mkdir(parents=True)
            (folder / "src" / "module.py").write_text("x = 1\n")
        monkeypatch.setattr(formatting, "_memory_backed", lambda: str(tmp_path))
        assert _formatted(_PACKAGE)[PurePosixPath("src/pkg/__init__.py")] == b""
        assert not abandoned.exists()
        assert (in_use / "src" / "module.py").is_file()
        assert (unrelated / "src" / "module.py").is_file()
    finally:
        running.kill()
        running.wait()
