"""A generation that fails at any stage leaves the previous package exactly as it was.

Each test starts from a real previous output, then makes one stage of the real pipeline fail (a
broken spec, or a stage replaced through monkeypatch by one that fails the way it could), and checks
the previous tree byte for byte and that no staging or retired folder is left next to it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from generator import format as formatting
from generator import output, pipeline
from generator.errors import GenerationError, GeneratorError, OutputError, SpecError
from generator.pipeline import generate_package
from generator.render import render_package

from .corpus import CORPUS
from .harness import run_cli, siblings, snapshot

SPEC = CORPUS / "circular_refs.json"


@pytest.fixture(scope="module")
def generated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("template") / "out"
    generate_package(SPEC.read_bytes(), SPEC.name, out)
    return out


@pytest.fixture
def previous(generated_once: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A generated package in `<tmp>/parent/out` (plus a user's file), and its bytes."""
    out = tmp_path / "parent" / "out"
    shutil.copytree(generated_once, out)
    (out / "local-notes.txt").write_text("kept by the user\n")
    return out, snapshot(out)


def _generate(out: Path) -> None:
    generate_package(SPEC.read_bytes(), SPEC.name, out)


def _assert_untouched(out: Path, before: dict[str, bytes]) -> None:
    assert snapshot(out) == before
    assert siblings(out) == [], "staging or retired folders were left next to the output"


def test_failure_at_load_keeps_previous_output(previous: tuple[Path, dict[str, bytes]]) -> None:
    out, before = previous
    with pytest.raises(SpecError):
        generate_package(b'{"openapi": "3.1.0", "info": ', "broken.json", out)
    _assert_untouched(out, before)


@pytest.mark.parametrize(
    ("stage", "error"),
    [
        ("analyze", GenerationError([])),
        ("start_models", GenerationError([])),
        ("render_package", TypeError("template printed unescaped spec text")),
    ],
)
def test_failure_at_a_later_stage_keeps_previous_output(
    previous: tuple[Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    stage: str,
    error: Exception,
) -> None:
    out, before = previous

    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(pipeline, stage, fail)
    with pytest.raises(type(error)):
        _generate(out)
    _assert_untouched(out, before)


def test_ruff_failing_keeps_previous_output(
    previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(command: list[str], root: Path) -> None:
        raise GenerationError([])

    monkeypatch.setattr(formatting, "_run", fail)
    with pytest.raises(GenerationError):
        _generate(out := previous[0])
    _assert_untouched(out, previous[1])


def test_a_write_that_dies_half_way_keeps_previous_output(
    previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even an interrupt (not an Exception) after some staged files were written changes
    nothing."""
    out, before = previous
    real = Path.write_bytes
    written: list[Path] = []

    def interrupted(path: Path, data: bytes) -> int:
        if f".{out.name}.staging-" in str(path):  # not ruff's scratch copies
            if len(written) == 5:
                raise KeyboardInterrupt
            written.append(path)
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _generate(out)
    assert len(written) == 5
    _assert_untouched(out, before)


def _render_with(extra: Mapping[PurePosixPath, str]) -> Callable[..., dict[PurePosixPath, str]]:
    def render(*args: Any, **kwargs: Any) -> dict[PurePosixPath, str]:
        return {**render_package(*args, **kwargs), **extra}

    return render


@pytest.mark.parametrize(
    "path", ["../escape.py", "../../escape.py", "/tmp/escape.py", "src/../../escape.py"]
)
def test_rendered_path_outside_the_output_is_refused(
    previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """Whatever a name turns into, a file can only be written inside the output folder."""
    out, before = previous
    monkeypatch.setattr(pipeline, "render_package", _render_with({PurePosixPath(path): "x = 1\n"}))
    with pytest.raises(OutputError, match="outside the package"):
        _generate(out)
    _assert_untouched(out, before)
    assert (
        not (out.parent / "escape.py").exists() and not (out.parent.parent / "escape.py").exists()
    )


def test_unparsable_python_is_refused_before_the_swap(
    previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = previous
    broken = {PurePosixPath("src/circular_client/evil.py"): '"""\n"""x"""\n'}
    monkeypatch.setattr(pipeline, "render_package", _render_with(broken))
    with pytest.raises(OutputError, match="does not parse"):
        _generate(out)
    _assert_untouched(out, before)


def test_symlink_planted_in_staging_is_refused(
    previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = previous

    real = Path.write_bytes

    def plant(path: Path, data: bytes) -> int:
        if path.name == "py.typed":
            (path.parent / "passwd").symlink_to("/etc/passwd")
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", plant)
    with pytest.raises(OutputError, match="escapes the package"):
        _generate(out)
    _assert_untouched(out, before)


def test_failed_swap_puts_the_previous_output_back(
    previous: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a filesystem without rename-exchange, the second of the two renames fails after the
    old tree was moved aside."""
    out, before = previous
    real_replace = os.replace
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)

    def replace(source: Any, target: Any) -> None:
        if Path(source).name.startswith(f".{out.name}.staging-"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError, match="No space left"):
        _generate(out)
    _assert_untouched(out, before)


def test_success_replaces_the_whole_tree(previous: tuple[Path, dict[str, bytes]]) -> None:
    """The counterpart: a good run swaps in exactly the new package and leaves nothing beside it."""
    out, before = previous
    _generate(out)
    after = snapshot(out)
    assert "local-notes.txt" not in after
    assert set(after) == set(before) - {"local-notes.txt"}
    assert siblings(out) == []


@pytest.mark.parametrize("where", [".", ".."])
def test_output_folder_holding_the_spec_is_refused(tmp_path: Path, where: str) -> None:
    """`--out .` next to the spec would swap the user's folder, spec and all, for the package."""
    folder = tmp_path / "project" / "api"
    folder.mkdir(parents=True)
    spec = folder / "openapi.json"
    spec.write_bytes(SPEC.read_bytes())
    (folder / "notes.txt").write_text("mine\n")
    before = snapshot(tmp_path)
    run = run_cli(["generate", "--spec", spec.name, "--out", where], cwd=folder)
    assert run.returncode == 1, run.stdout + run.stderr
    assert ": error: " in run.stderr and "Traceback" not in run.stderr
    assert snapshot(tmp_path) == before


def test_refused_spec_creates_no_output_folder(tmp_path: Path) -> None:
    """A spec refused before the first write leaves no trace: no folder, no staging."""
    with pytest.raises(GeneratorError):
        generate_package(b"openapi: 3.1.0\ninfo: [\n", "bad.yaml", tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert list(tmp_path.iterdir()) == []
