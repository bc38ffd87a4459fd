"""The generator itself as users install it: its own wheel carries the templates as package data,
and `sdkgen` from that wheel generates a package from a spec in an unrelated folder.

The fresh virtualenv gets the wheel alone; its dependencies are reached through a path entry to
this environment's site-packages (placed after its own), so no network is needed and nothing of
the source checkout (editable install, templates/ folder) can be picked up by mistake."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def tool_wheel(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> Path:
    source = tmp_path_factory.mktemp("tool-source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(repo / name, source / name)
    for name in ("generator", "templates"):
        shutil.copytree(repo / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("tool-dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("sdkgen-*.whl")
    return wheel


@pytest.mark.slow
def test_the_wheel_carries_the_templates(tool_wheel: Path, repo: Path) -> None:
    names = set(zipfile.ZipFile(tool_wheel).namelist())
    for template in (repo / "templates").rglob("*"):
        if template.is_file() and "__pycache__" not in template.parts:
            relative = template.relative_to(repo / "templates").as_posix()
            assert f"generator/_templates/{relative}" in names


@pytest.mark.slow
def test_the_installed_tool_generates_from_a_spec_elsewhere(
    tool_wheel: Path, repo: Path, tmp_path: Path
) -> None:
    root = tmp_path / "venv"
    venv.create(root, with_pip=False)
    python = root / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--quiet",
            "--disable-pip-version-check",
            str(tool_wheel),
        ],
        check=True,
    )
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(own, "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(repo / "specs" / "actualize" / "openapi.yaml", elsewhere / "voice.yaml")
    sdkgen = root / "bin" / "sdkgen"
    declared = tomllib.loads((repo / "pyproject.toml").read_text())["project"]["version"]
    version = subprocess.run([str(sdkgen), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout == f"sdkgen {declared}\n"
    where = subprocess.run(
        [str(python), "-c", "import generator.render as r; print(r.TEMPLATES)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=elsewhere,
    ).stdout.strip()
    assert where == str(Path(own) / "generator" / "_templates")

    result = subprocess.run(
        [str(sdkgen), "generate", "--spec", "voice.yaml", "--out", "client", "--version", "2.0.0"],
        capture_output=True,
        text=True,
        check=False,
        cwd=elsewhere,
    )
    assert result.returncode == 0, result.stderr
    package = elsewhere / "client"
    assert 'version = "2.0.0"' in (package / "pyproject.toml").read_text()
    assert f'__generator__ = "sdkgen {declared}"' in next(package.rglob("_version.py")).read_text()
