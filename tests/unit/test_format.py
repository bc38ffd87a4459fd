"""ruff fixes, formats and lints a staged tree in the background; its verdict reaches the caller."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import GenerationError
from generator.format import format_tree


def test_the_tree_is_fixed_and_formatted_by_the_time_the_verdict_returns(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import os\nx=[1,2]\n")
    format_tree(tmp_path)()
    assert (tmp_path / "a.py").read_text() == "x = [1, 2]\n"


def test_a_lint_error_left_after_fixing_is_raised_by_the_verdict(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = undefined_name\n")
    verdict = format_tree(tmp_path)
    with pytest.raises(GenerationError, match="fails ruff check"):
        verdict()


def test_a_file_ruff_cannot_parse_is_raised_by_the_verdict(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("def (:\n")
    verdict = format_tree(tmp_path)
    with pytest.raises(GenerationError, match="ruff failed"):
        verdict()
