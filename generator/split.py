"""The models module split into one module per group of mutually dependent models.

Importing a hundred pydantic classes costs tens of milliseconds; a program that calls one
resource should pay only for the models that resource uses. So `types.py` from
datamodel-code-generator becomes a `types/` package: every strongly connected group of
definitions (usually one class; a recursive pair shares a module) gets its own module importing
what it needs from the others, and `types/__init__.py` loads a module the first time one of its
names is asked for. The pieces are cut from the checked source by line, so nothing is re-spelt.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .graphs import strongly_connected
from .imports import import_block
from .model_groups import spelt_alias
from .naming import Namer, snake_case
from .statements import owners, rebuilt_name
from .syntax import Descendants

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DATA_CALLS = frozenset({"Field", "ConfigDict"})  # called with values, never with types


@dataclass
class _Definition:
    name: str
    text: str
    rebuild: str = ""
    uses: set[str] = field(default_factory=set)  # names that may be other definitions
    imported: set[str] = field(default_factory=set)  # names of the module's imports


@dataclass(frozen=True)
class ModelModules:
    """`types/` as files: module name (without `.py`) -> source, and model -> its module."""

    modules: dict[str, str]
    homes: dict[str, str]


@dataclass(frozen=True)
class ModelsPart:
    """One part of the models module (see `model_groups.py`), cut into its imports and its
    definitions, each definition with the names it uses."""

    header: list[ast.Import | ast.ImportFrom]
    plain: str  # its `import x` lines, as written (the library writes `from` imports)
    definitions: dict[str, _Definition]


def cut_part(source: str, tree: ast.Module, nodes: Descendants | None = None) -> ModelsPart:
    """The work of `split_models` that one part needs alone, done as soon as that part is
    made (see `models.PendingModels`); `tree` is `source` parsed, `nodes` its walk if made."""
    lines = source.splitlines(keepends=True)
    header = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    imported = {_bound(alias) for node in header for alias in node.names}
    plain = "".join(_text(lines, node) for node in header if isinstance(node, ast.Import))
    walked = Descendants(tree) if nodes is None else nodes
    return ModelsPart(header, plain, _definitions(tree, lines, imported, walked))


def split_models(parts: Sequence[ModelsPart], *, package: str) -> ModelModules:
    """One module per group, from the models module's parts; `package` is the package the
    modules belong to (its imports are first-party)."""
    header = [node for part in parts for node in part.header]
    plain = "".join(part.plain for part in parts)
    definitions = {name: d for part in parts for name, d in part.definitions.items()}
    groups = _groups(definitions)
    namer = Namer({"__init__"})
    homes: dict[str, str] = {}
    for group in groups:
        module = namer.claim("_" + (snake_case(group[0]) or "model"))
        homes.update(dict.fromkeys(group, module))
    modules = {}
    for group in groups:
        module = homes[group[0]]
        imports = _imports_of(header, set().union(*(definitions[name].imported for name in group)))
        for name in group:
            for used in definitions[name].uses & definitions.keys():
                if homes[used] != module:
                    imports.setdefault(f".{homes[used]}", set()).add(used)
        body = "\n\n".join(definitions[name].text for name in group)
        rebuilds = "".join(definitions[name].rebuild for name in group)
        head = plain + import_block(imports, package)
        modules[module] = head + "\n\n" + body + "\n\n" + rebuilds
    return ModelModules(modules, homes)


def _imports_of(header: list[ast.Import | ast.ImportFrom], used: set[str]) -> dict[str, set[str]]:
    """The `from` imports of `header` that `used` needs, and `from __future__` ones, by module.

    Each module would otherwise start with every import of the whole set, for ruff to drop.
    """
    kept: dict[str, set[str]] = {}
    for node in header:
        if isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            for alias in node.names:
                if module == "__future__" or _bound(alias) in used:
                    kept.setdefault(module, set()).add(spelt_alias(alias))
    return kept


def _bound(alias: ast.alias) -> str:
    """The name an import binds: `a` for `import a.b`, `c` for `import a as c`."""
    return alias.asname or alias.name.partition(".")[0]


def _text(lines: list[str], node: ast.stmt, end: ast.stmt | None = None) -> str:
    last = (end or node).end_lineno or node.lineno
    return "".join(lines[node.lineno - 1 : last])


def _definitions(
    tree: ast.Module, lines: list[str], imported: set[str], nodes: Descendants
) -> dict[str, _Definition]:
    """Classes and aliases, each with the docstring that follows it and its `model_rebuild()`,
    which runs only once every member of its group is defined; and the names each uses."""
    definitions: dict[str, _Definition] = {}
    for node, owner in owners(tree.body):
        if owner is None:
            continue
        if owner not in definitions:
            definitions[owner] = _Definition(owner, _text(lines, node))
        elif rebuilt_name(node) == owner:
            definitions[owner].rebuild += _text(lines, node)
        else:
            definitions[owner].text += _text(lines, node)
        used = _used_names(nodes.of(node))
        # other parts' classes count too: which of these are definitions is known once all are
        definitions[owner].uses |= used - imported - {owner}
        definitions[owner].imported |= used & imported
    return definitions


def _used_names(walked: list[ast.AST]) -> set[str]:
    """Names a definition refers to, including forward references written as strings
    (`TypeAliasType("Alias", "Echo")`). Docstrings, `Literal` values and the arguments of
    `Field(...)` and the like are text, not references: an enum value `"Service"` must not tie
    the alias to the class `Service`, which would put both, and what they reach, in one module."""
    text: set[int] = set()
    strings: list[tuple[int, str]] = []
    used: set[str] = set()
    for child in walked:
        if isinstance(child, ast.Name):
            used.add(child.id)
        elif isinstance(child, ast.Constant) and isinstance(child.value, str):
            strings.append((id(child), child.value))
        else:
            for data in _data_in(child):  # mostly one string: no walk needed
                text.update(
                    [id(data)] if isinstance(data, ast.Constant) else map(id, ast.walk(data))
                )
    for key, string in strings:
        if key not in text:
            used.update(_IDENTIFIER.findall(string))
    return used


def _data_in(node: ast.AST) -> list[ast.expr]:
    """The parts of `node` that hold values rather than types: a docstring, the values of a
    `Literal[...]`, a call's keyword arguments and `Field`'s own arguments."""
    if isinstance(node, ast.Expr):
        return [node.value]
    if isinstance(node, ast.Subscript) and _called(node.value) == "Literal":
        return [node.slice]
    if isinstance(node, ast.Call):
        values = [keyword.value for keyword in node.keywords]
        return values + node.args if _called(node.func) in _DATA_CALLS else values
    return []


def _called(node: ast.expr) -> str | None:
    return node.id if isinstance(node, ast.Name) else None


def _groups(definitions: dict[str, _Definition]) -> list[list[str]]:
    """Strongly connected groups, each in source order, dependencies first."""
    order = {name: index for index, name in enumerate(definitions)}

    def uses(name: str) -> list[str]:
        return sorted(definitions[name].uses & definitions.keys(), key=order.__getitem__)

    components = strongly_connected(definitions, uses)
    return [sorted(group, key=order.__getitem__) for group in components]
