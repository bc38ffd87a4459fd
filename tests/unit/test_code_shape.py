"""The generator stays easy to change: small modules, short functions, no tangled branching.

Limits: a module under 400 lines, a function under 60, and no function of radon's complexity
grade D or worse (cyclomatic complexity over 20). A change that breaks one should split the code
by job rather than raise the limit.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from radon.complexity import cc_rank, cc_visit

GENERATOR = Path(__file__).resolve().parents[2] / "generator"
MODULES = sorted(GENERATOR.rglob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
WORST_GRADE = "C"


@pytest.mark.parametrize("module", MODULES, ids=lambda path: str(path.relative_to(GENERATOR)))
def test_module_is_small_with_short_simple_functions(module: Path) -> None:
    source = module.read_text()
    assert source.count("\n") <= MAX_MODULE_LINES, f"{module.name} is over {MAX_MODULE_LINES} lines"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"over {MAX_FUNCTION_LINES} lines: {long}"
    tangled = [
        f"{block.name} ({cc_rank(block.complexity)}, {block.complexity})"
        for block in cc_visit(source)
        if cc_rank(block.complexity) > WORST_GRADE
    ]
    assert not tangled, f"complexity worse than grade {WORST_GRADE}: {tangled}"
