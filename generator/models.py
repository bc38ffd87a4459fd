"""Pydantic v2 models through datamodel-code-generator, checked before anything imports them.

We give datamodel-code-generator the flat named schemas from `hoist` and our own field names (as
scoped aliases), so class and field names are ours and match the keyword arguments of the
resource methods. Its output is then parsed and held to an allowlist of syntax: imports, classes,
annotated fields, docstrings and calls to `Field`/`ConfigDict`/`TypeAliasType`/`model_rebuild` with
literal arguments; from the package itself, only its `_models` and the bytes type `Octets`.
Whatever a spec string does to that library, nothing else reaches a package.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from . import cache, jsonpointer
from .errors import GenerationError, Problem
from .hoist import KEPT_FORMATS
from .ir import ModelSet
from .model_groups import join_modules
from .model_source import BUG_HINT, HEADER, ModelsRequest, model_source
from .octets import octets_module, with_octets
from .open_maps import as_open_maps
from .split import ModelsPart, cut_part
from .statements import defined_name
from .syntax import Descendants
from .walk import iter_subschemas

if TYPE_CHECKING:
    from .models_child import ModelsChild

_ALLOWED_CALLS = frozenset({"Field", "ConfigDict", "TypeAliasType", "model_rebuild"})
_ALLOWED_MODULES = frozenset(
    {"__future__", "datetime", "uuid", "typing", "typing_extensions", "pydantic", "enum"}
)


def generate_models(models: ModelSet, package: str, file: str = "") -> str:
    """The models as one module (split into `types/` later by `split.py`), checked against the
    allowlist."""
    return start_models(models, package, file).result().source


@dataclass(frozen=True)
class CheckedModels:
    """The models module, as the parts it was made in: each part's source, and the part cut
    into definitions for `split.py`."""

    sources: tuple[str, ...]
    parts: tuple[ModelsPart, ...]

    @property
    def source(self) -> str:
        """The parts as one module (what the cache keeps)."""
        return join_modules(list(self.sources))


class PendingModels:
    """The models module on its way: from the cache, from child processes (`models_child.py`)
    working while the caller renders the rest, or made in this process when asked for."""

    def __init__(
        self,
        models: ModelSet,
        package: str,
        file: str,
        made: Callable[[], Iterable[tuple[int, str]]],
        cache_key: str = "",
    ) -> None:
        self._models, self._package, self._file = models, package, file
        self._made = made  # each part's index and module, the first made first
        self._cache_key = cache_key

    def result(self) -> CheckedModels:
        """The parts, held to the allowlist (cached once checked). Each part is parsed, checked
        and cut as soon as it is made: a part made early is ready while the last one is still
        being made. (Here, not on threads of their own: their memory allocators would keep the
        trees' memory, a tenth more at the peak of a big spec.)"""
        by_index = {index: self._parsed(source) for index, source in self._made()}
        parsed = [by_index[index] for index in sorted(by_index)]
        _raise_problems(
            [problem for part in parsed for problem in part.violations],
            [part.tree for part in parsed],
            self._models,
            self._file,
        )
        checked = CheckedModels(
            tuple(part.source for part in parsed), tuple(part.cut for part in parsed)
        )
        if self._cache_key:
            cache.write("models", self._cache_key, checked.source)
        return checked

    def _parsed(self, source: str) -> _Parsed:
        tree = _parse(source, self._file)
        nodes = Descendants(tree)  # one walk of the tree, for the allowlist and the cut
        violations = _violations(tree, self._package, nodes)
        return _Parsed(source, tree, violations, cut_part(source, tree, nodes))


@dataclass(frozen=True)
class _Parsed:
    source: str
    tree: ast.Module
    violations: list[tuple[str, str]]
    cut: ModelsPart


def start_models(
    models: ModelSet, package: str, file: str = "", child: ModelsChild | None = None
) -> PendingModels:
    """Begin making the models module; `child`, if given, makes it unless it is already known
    (no schemas, or in the cache), and is closed then."""
    key = ""
    known: str | None = None
    if not models.schemas:
        known = f'{HEADER}\n"""The spec defines no schemas, so there are no models."""\n'
    elif cache.enabled():
        key = cache.key([models.schemas, models.field_names, package])
        known = cache.read("models", key)
    if known is not None:
        if child is not None:
            child.close()
        return PendingModels(models, package, file, partial(_one, known))
    request = models_request(models, package, file)
    if child is None:
        return PendingModels(models, package, file, partial(_made_here, request), key)
    child.submit(request)
    return PendingModels(models, package, file, partial(child.made, file), key)


def _one(source: str) -> list[tuple[int, str]]:
    return [(0, source)]


def _made_here(request: ModelsRequest) -> list[tuple[int, str]]:
    return [(0, model_source(request))]


def models_request(models: ModelSet, package: str, file: str) -> ModelsRequest:
    """What datamodel-code-generator is given: the schemas as responses see them, without the
    text defaults of parsed formats, bytes typed `Octets`, named objects of any keys as maps,
    and our field names as its aliases."""
    aliases = {
        f"{cls}.{wire}": name
        for cls, names in sorted(models.field_names.items())
        for wire, name in names.items()
        if name != wire
    }
    schemas = as_open_maps(_without_untypable_defaults(_response_view(models)))
    schemas = with_octets(schemas, package)
    return ModelsRequest(schemas, aliases, package, file)


def _response_view(models: ModelSet) -> dict[str, Any]:
    """The schemas as responses see them: a `writeOnly` property is never returned, so it is
    not required there (requests still require it: bodies read the spec's `required`)."""
    view: dict[str, Any] = {}
    for name, schema in models.schemas.items():
        properties, _required = models.properties(name)
        hidden = {wire for wire, prop in properties.items() if _write_only(prop)}
        view[name] = _without_required(schema, hidden) if hidden else schema
    return view


def _without_untypable_defaults(schemas: dict[str, Any]) -> dict[str, Any]:
    """The schemas without the defaults datamodel-code-generator cannot write as typed values.

    It writes the text `default` of a field typed `date`, `datetime`, `UUID` or bytes (the
    formats `hoist` keeps) as the text (`day: date | None = "2024-01-01"`), and a default holding
    JSON objects where the field holds models as those objects (`runtimes: dict[str, Runtime] |
    None = {"runc": {...}}`): `mypy --strict` rejects both, and pydantic would hand the text to
    the caller as the field's value. Without it the field is None until set, a request leaves it
    out, and the server applies the default the docs still name. Only the schemas that hold such
    a default are copied; the keyword is looked for where schemas have keywords (a property may
    be named `default`).
    """
    out = dict(schemas)
    for name, schema in schemas.items():
        found = [pointer for pointer, node in iter_subschemas(schema, "") if _untypable(node)]
        if found:
            out[name] = copy.deepcopy(schema)
            for pointer in found:
                del jsonpointer.resolve(out[name], pointer)["default"]
    return out


def _untypable(schema: dict[str, Any]) -> bool:
    default = schema.get("default")
    if isinstance(default, str):
        return _parsed_format(schema)
    return _holds_objects(default) and _refers(schema)


def _parsed_format(schema: dict[str, Any]) -> bool:
    branches = [schema, *(schema.get("anyOf") or []), *(schema.get("oneOf") or [])]
    return any(isinstance(b, dict) and b.get("format") in KEPT_FORMATS for b in branches)


def _holds_objects(value: Any) -> bool:
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and any(_holds_objects(item) for item in value)


def _refers(schema: dict[str, Any]) -> bool:
    """Whether `schema` names another schema (a model, where its default holds an object)."""
    return any("$ref" in node for _pointer, node in iter_subschemas(schema, ""))


def _write_only(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("writeOnly") is True


def _without_required(schema: dict[str, Any], names: set[str]) -> dict[str, Any]:
    out = dict(schema)
    if isinstance(out.get("required"), list):
        out["required"] = [name for name in out["required"] if name not in names]
    if isinstance(out.get("allOf"), list):
        out["allOf"] = [
            _without_required(member, names) if isinstance(member, dict) else member
            for member in out["allOf"]
        ]
    return out


def check_models(source: str, models: ModelSet, package: str, file: str = "") -> ast.Module:
    """Refuse model code outside the allowlist, or whose names are not the ones we chose.

    datamodel-code-generator must define exactly our classes: a class or alias it names itself
    can take one of our names and push our class aside (`CustomerModel`, leaving `Customer` an
    alias of `str`), so any name beyond ours is an error, not a curiosity.
    """
    tree = _parse(source, file)
    _raise_problems(_violations(tree, package, Descendants(tree)), [tree], models, file)
    return tree


def _parse(source: str, file: str) -> ast.Module:
    try:
        return ast.parse(source)
    except SyntaxError as error:
        message = f"generated models do not parse: {error}"
        raise GenerationError(Problem("error", message, file, hint=BUG_HINT)) from None


def _raise_problems(
    violations: list[tuple[str, str]], trees: list[ast.Module], models: ModelSet, file: str
) -> None:
    """The allowlist's `violations` and the name checks over the module made of `trees`."""
    body = [node for tree in trees for node in tree.body]
    where = _pointers(models)
    problems = [
        Problem("error", message, file, where.get(owner, ""), BUG_HINT)
        for owner, message in [*violations, *_name_mismatches(body, models)]
    ]
    if problems:
        raise GenerationError(problems)


def _pointers(models: ModelSet) -> dict[str, str]:
    """Class name -> the first spec pointer it was made from."""
    found: dict[str, str] = {}
    for pointer, name in sorted(models.pointers.items()):
        found.setdefault(name, pointer)
    return found


def _violations(tree: ast.Module, package: str, nodes: Descendants) -> list[tuple[str, str]]:
    """(class the code belongs to, what is wrong) for code outside the allowlist."""
    found = []
    for node in tree.body:
        owner = defined_name(node) or ""
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if not _allowed_import(node, package):
                found.append((owner, f"unexpected import from {module!r}"))
        elif isinstance(node, ast.ClassDef):
            found += [(owner, message) for message in _class_violations(node, nodes)]
        elif isinstance(node, ast.Assign | ast.Expr):
            found += [(owner, message) for message in _expression_violations(nodes.of(node))]
        else:
            found.append((owner, f"unexpected {type(node).__name__} at line {node.lineno}"))
    return found


def _allowed_import(node: ast.ImportFrom, package: str) -> bool:
    """A library module, the package's models base, or exactly `Octets` from its types."""
    module = node.module or ""
    if module in _ALLOWED_MODULES or module == f"{package}._models":
        return True
    names = [(alias.name, alias.asname) for alias in node.names]
    return module == octets_module(package) and names == [("Octets", None)]


def _class_violations(node: ast.ClassDef, nodes: Descendants) -> list[str]:
    found = [f"decorator on class {node.name}" for _ in node.decorator_list]
    for item in node.body:
        if isinstance(item, ast.AnnAssign | ast.Assign | ast.Expr | ast.Pass):
            found += _expression_violations(nodes.of(item), node.name)
        else:
            found.append(f"unexpected {type(item).__name__} in class {node.name}")
    return found


def _expression_violations(walked: list[ast.AST], owner: str = "") -> list[str]:
    """Only names, attributes, literals, subscripts, `|` and allowlisted calls, in the nodes
    `walked` of a statement."""
    found = []
    inside = f" in {owner}" if owner else ""
    for child in walked:
        if isinstance(child, ast.Call):
            callee = child.func
            name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
            if name not in _ALLOWED_CALLS:
                found.append(f"unexpected call to {name or '?'}{inside}")
        elif isinstance(child, _FORBIDDEN):
            found.append(f"unexpected {type(child).__name__}{inside}")
    return found


_FORBIDDEN = (
    ast.Lambda,
    ast.NamedExpr,
    ast.JoinedStr,
    ast.Await,
    ast.Yield,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def _name_mismatches(body: list[ast.stmt], models: ModelSet) -> list[tuple[str, str]]:
    classes = {node.name: node for node in body if isinstance(node, ast.ClassDef)}
    defined = set(classes) | {
        target.id
        for node in body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    ours = set(models.class_names)
    found = [(name, f"model {name} was not generated") for name in sorted(ours - defined)]
    found += [
        (_user_of(body, name, ours), f"datamodel-code-generator named a type {name} itself")
        for name in sorted(defined - ours)
    ]
    for name, node in classes.items():
        expected = set(models.field_names.get(name, {}).values())
        fields = {
            item.target.id
            for item in node.body
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
        }
        unexpected = sorted(fields - expected - {"model_config"})
        if unexpected and name in models.schemas:
            message = f"model {name} has fields {unexpected} that the generator did not name"
            found.append((name, message))
    return found


def _user_of(body: list[ast.stmt], name: str, ours: set[str]) -> str:
    """The first of our classes whose code mentions `name` (where the stray type came from)."""
    for node in body:
        owner = defined_name(node) or ""
        if owner in ours and any(
            isinstance(child, ast.Name) and child.id == name for child in ast.walk(node)
        ):
            return owner
    return ""
