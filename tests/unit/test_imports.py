"""Import blocks come out as ruff's import sorting would leave them, so ruff has nothing to fix."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

from generator.imports import import_block

_IMPORTS = {
    ".": ["_version"],
    "._model_v10": ["ModelV10"],
    "._model_v2": ["ModelV2"],
    "._a_very_long_module_name_for_a_model_that_wraps_past_the_limit": [
        "AVeryLongModuleNameForAModelThatWrapsPastTheLimit"
    ],
    "pkg._models": ["BaseModel"],
    "pydantic": ["field_validator", "Field", "ConfigDict", "AwareDatetime"],
    "typing_extensions": ["TypeAliasType", "NotRequired", "TypedDict"],
    "typing": ["Union", "TYPE_CHECKING", "Annotated", "Literal", "cast"],
    "datetime": ["datetime", "date"],
    "collections.abc": ["Mapping as Map", "Sequence"],
    "__future__": ["annotations"],
    "uuid": [],
}


def _unsorted(source: str, folder: Path) -> str:
    """What ruff's import rules would change in `source`, as a diff ("" when nothing)."""
    package = folder / "src" / "pkg"  # the layout of a generated package: `pkg` is first-party
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    module = package / "module.py"
    module.write_text(source, encoding="utf-8")
    common = ["--isolated", "--no-cache", "--target-version", "py310", "--line-length", "100"]
    check = [find_ruff_bin(), "check", *common, "--select", "I", "--diff", str(module)]
    return subprocess.run(check, capture_output=True, text=True, cwd=folder, check=False).stdout


def test_a_block_is_sorted_sectioned_and_wrapped_as_ruff_leaves_it(tmp_path: Path) -> None:
    block = import_block(_IMPORTS, "pkg")
    source = f"{block}\n\nclass Model(BaseModel):\n    at: datetime\n"

    assert _unsorted(source, tmp_path) == ""
    assert block.index("._model_v2") < block.index("._model_v10")  # numbers compare as numbers
    assert "import (\n    AVeryLongModuleNameForAModelThatWrapsPastTheLimit,\n)\n" in block
    assert "uuid" not in block  # a module with no names is not imported


def test_an_indented_block_wraps_at_the_same_limit(tmp_path: Path) -> None:
    block = import_block({k: v for k, v in _IMPORTS.items() if k.startswith(".")}, "pkg", "    ")
    source = f"from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n{block}"

    assert _unsorted(source, tmp_path) == ""
    assert all(line.startswith("    ") for line in block.splitlines())
