"""Cutting the models module into one importable module per group of mutually dependent models."""

from __future__ import annotations

import ast
import importlib
import sys
import textwrap
from pathlib import Path

import pytest

from generator.split import ModelModules, cut_part, split_models

_SOURCE = textwrap.dedent(
    '''
    from __future__ import annotations

    from pydantic import BaseModel, RootModel


    class Leaf(BaseModel):
        value: str
        """Not a reference to Tree, even though the word appears: Tree."""


    class Tree(BaseModel):
        children: list[Node]
        leaf: Leaf | None = None


    class Node(BaseModel):
        tree: Tree | None = None


    class Names(RootModel[list["Leaf"]]):
        root: list["Leaf"]


    Tree.model_rebuild()
    '''
)


def _split(source: str) -> ModelModules:
    return split_models([cut_part(source, ast.parse(source))], package="split_models_pkg")


def test_mutually_recursive_models_share_a_module_and_others_get_their_own() -> None:
    split = _split(_SOURCE)

    assert split.homes["Tree"] == split.homes["Node"]
    assert len({split.homes["Leaf"], split.homes["Tree"], split.homes["Names"]}) == 3


def test_each_module_imports_what_it_uses_from_the_others() -> None:
    split = _split(_SOURCE)
    tree_module = split.modules[split.homes["Tree"]]
    names_module = split.modules[split.homes["Names"]]

    assert f"from .{split.homes['Leaf']} import Leaf\n" in tree_module
    assert f"from .{split.homes['Leaf']} import Leaf\n" in names_module
    assert "import Tree" not in split.modules[split.homes["Leaf"]]


def test_values_and_descriptions_that_spell_a_class_name_do_not_tie_modules() -> None:
    source = textwrap.dedent(
        """
        from __future__ import annotations

        from typing import Annotated, Literal

        from pydantic import BaseModel, Field
        from typing_extensions import TypeAliasType

        Category = TypeAliasType("Category", Literal["Service", "Fee"])


        class Service(BaseModel):
            category: Category
            note: Annotated[str, Field(description="Not a Category", examples=["Service"])]
            child: "Service | None" = None
        """
    )
    split = _split(source)

    assert split.homes["Category"] != split.homes["Service"]
    assert "import Service" not in split.modules[split.homes["Category"]]


def test_parts_that_use_one_another_s_classes_import_them() -> None:
    first, second = (
        "from pydantic import BaseModel\n\n\nclass Money(BaseModel):\n    amount: int\n",
        "from pydantic import BaseModel\n\n\nclass Refund(BaseModel):\n    money: Money\n",
    )
    parts = [cut_part(source, ast.parse(source)) for source in (first, second)]
    split = split_models(parts, package="split_models_pkg")

    assert f"from .{split.homes['Money']} import Money\n" in split.modules[split.homes["Refund"]]


def test_a_rebuild_runs_only_after_every_member_of_its_group_is_defined() -> None:
    split = _split(_SOURCE)
    module = split.modules[split.homes["Tree"]]

    assert module.index("Tree.model_rebuild()") > module.index("class Node(")


def test_split_modules_import_and_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    split = _split(_SOURCE)
    package = tmp_path / "split_models_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for module, source in split.modules.items():
        (package / f"{module}.py").write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))

    try:
        node_module = importlib.import_module(f"split_models_pkg.{split.homes['Node']}")
        node = node_module.Node.model_validate({"tree": {"children": [{}], "leaf": {"value": "x"}}})
    finally:
        for name in [name for name in sys.modules if name.startswith("split_models_pkg")]:
            del sys.modules[name]

    assert node.tree.leaf.value == "x"
