"""The runtime can be copied verbatim into any package: self-contained, documented, neutral."""

from __future__ import annotations

import ast
import importlib
import re
import sys
from pathlib import Path

import pytest
import sdkrt._exceptions as exceptions_module

from generator import vocabulary

from .conftest import RUNTIME_SOURCE

MODULES = sorted(RUNTIME_SOURCE.glob("*.py"))
ALLOWED_THIRD_PARTY = {"httpx", "pydantic", "typing_extensions", "anyio"}


def test_the_runtime_folder_holds_only_private_modules() -> None:
    assert MODULES, "no runtime modules found"
    present = sorted(path.name for path in RUNTIME_SOURCE.iterdir() if path.name != "__pycache__")
    assert present == [path.name for path in MODULES]
    assert all(path.name.startswith("_") and path.name != "__init__.py" for path in MODULES)


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_each_module_has_a_docstring_and_imports_only_what_a_package_ships(module: Path) -> None:
    tree = ast.parse(module.read_text())
    assert ast.get_docstring(tree), f"{module.name} needs a module docstring saying its role"
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            assert node.level == 1 and (RUNTIME_SOURCE / f"{node.module}.py").exists()
            continue
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        for name in names:
            top = name.partition(".")[0]
            assert top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY, (
                f"{module.name} imports {name}, which a generated package does not depend on"
            )


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_no_module_names_a_particular_api(module: Path) -> None:
    assert not re.search(r"anam|actualize|sdkrt", module.read_text(), re.IGNORECASE)


def test_the_exception_tree_in_the_docstring_matches_the_classes() -> None:
    doc = exceptions_module.__doc__ or ""
    parents: list[tuple[int, type[BaseException]]] = []
    drawn = 0
    for line in doc.splitlines():
        match = re.match(r"^(\s*(?:[│ ]   )*(?:[└├]── )?)([A-Z][A-Za-z]+Error)\b", line)
        if not match:
            continue
        depth, cls = len(match.group(1)), getattr(exceptions_module, match.group(2))
        while parents and parents[-1][0] >= depth:
            parents.pop()
        if parents:
            assert cls.__mro__[1] is parents[-1][1], (
                f"{cls.__name__} is drawn under the wrong parent"
            )
        parents.append((depth, cls))
        drawn += 1
    public = [
        value
        for value in vars(exceptions_module).values()
        if isinstance(value, type)
        and issubclass(value, Exception)
        and value.__module__ == "sdkrt._exceptions"
    ]
    assert drawn == len(public) == 17


def _runtime_imports() -> dict[str, set[str]]:
    """What generated code imports from each runtime module (the contract with the generator)."""
    imports: dict[str, set[str]] = {"_models": {"BaseModel"}}  # model modules
    tables = (vocabulary.PACKAGE_EXPORTS, vocabulary.RESOURCE_IMPORTS, vocabulary.CLIENT_IMPORTS)
    for table in tables:
        for module, names in table.items():
            name = module.lstrip(".")
            if module.startswith(".") and name != "_version":
                imports.setdefault(name, set()).update(names)
    return imports


GENERATED_CODE_IMPORTS = _runtime_imports()


@pytest.mark.parametrize("module_name", sorted(GENERATED_CODE_IMPORTS))
def test_every_name_generated_code_imports_is_exported(module_name: str) -> None:
    module = importlib.import_module(f"sdkrt.{module_name}")
    exported = set(module.__all__)
    for name in GENERATED_CODE_IMPORTS[module_name]:
        assert name in exported and hasattr(module, name), f"{module_name}.{name}"
