"""A big model set cut into independent parts for datamodel-code-generator, and the parts'
modules joined back into one.

That library takes milliseconds per class, on one core: a spec of Stripe's size (about three
thousand classes) keeps it busy for longer than everything else a generation does. Classes that
never refer to one another, directly or through others, cannot affect one another's code, so
the set splits along those lines (the weakly connected groups of the `$ref` graph) into parts
of about equal size that separate processes make at once. The parts' modules are then joined:
every import any part made, then every part's definitions. Imports a module ends up not using
are dropped by ruff later, and `split.py` cuts the definitions into modules by dependency, so
the joined module yields the same package as one run over the whole set would.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .model_source import ModelsRequest
from .refs import SCHEMA_PREFIX, refs_in

# The first definition of a models module: its imports are all above it (only they are parsed).
_DEFINITION = re.compile(r"^(class |[A-Za-z_]\w* = )", re.MULTILINE)


@dataclass(frozen=True)
class Partition:
    """The parts, largest group first. `leading` says that the first part is one group of at
    least `LEADING_SHARE` of the classes, alone: the library takes about 1.6 times as long per
    class on such a group (a web of types that all reach one another) as on small groups, so
    that part finishes last whatever else runs, and the others can give it the cores it needs."""

    parts: list[ModelsRequest]
    leading: bool


LEADING_SHARE = 0.4


def partition(request: ModelsRequest, parts: int) -> Partition:
    """At most `parts` requests, none referring to another's classes; one (the given one) when
    the classes are a single group."""
    groups = sorted(_groups(request.schemas), key=lambda names: (-len(names), names[0]))
    if parts < 2 or len(groups) < 2:
        return Partition([request], leading=False)
    leading = len(groups[0]) >= LEADING_SHARE * len(request.schemas)
    first: list[str] = []
    buckets: list[list[str]] = [first] + [[] for _ in range(min(parts, len(groups)) - 1)]
    for group in groups:
        # a leading group is the slowest part alone: what else it took would only add to it
        open_buckets = buckets[1:] if leading and first else buckets
        min(open_buckets, key=len).extend(group)
    return Partition([_subset(request, names) for names in buckets if names], leading)


def join_modules(sources: list[str]) -> str:
    """One module from the parts' modules: the first one's leading comments, the imports of all
    (one `from` line per module, names sorted, modules in order of first use), then every
    part's definitions."""
    if len(sources) == 1:
        return sources[0]
    preamble = ""
    imported: dict[str, set[str]] = {}
    bodies: list[str] = []
    for source in sources:
        lines = source.splitlines(keepends=True)
        definition = _DEFINITION.search(source)
        tree = ast.parse(source[: definition.start() if definition else len(source)])
        imports = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
        if len(imports) != sum(isinstance(node, ast.Import | ast.ImportFrom) for node in tree.body):
            raise ValueError("a models module with a plain `import`: cannot be joined")
        for node in imports:
            names = imported.setdefault(node.module or "", set())
            names.update(spelt_alias(alias) for alias in node.names)
        first = min((node.lineno for node in imports), default=1)
        last = max((node.end_lineno or node.lineno for node in imports), default=0)
        preamble = preamble or "".join(lines[: first - 1])
        bodies.append("".join(lines[last:]).strip("\n"))
    head = "".join(
        f"from {module} import {', '.join(sorted(names))}\n" for module, names in imported.items()
    )
    end = "\n" if sources[-1].endswith("\n") else ""
    return f"{preamble}{head}\n\n" + "\n\n\n".join(bodies) + end


def spelt_alias(alias: ast.alias) -> str:
    """`name` or `name as other`, as an import line names it."""
    return f"{alias.name} as {alias.asname}" if alias.asname else alias.name


def _groups(schemas: dict[str, Any]) -> list[list[str]]:
    """Names of the weakly connected groups, each in the set's order (union-find)."""
    parent = {name: name for name in schemas}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for name, schema in schemas.items():
        for target in _references(schema):
            if target in parent:
                parent[root(name)] = root(target)
    grouped: dict[str, list[str]] = {}
    for name in schemas:
        grouped.setdefault(root(name), []).append(name)
    return list(grouped.values())


def _references(node: Any) -> Iterator[str]:
    return (ref[len(SCHEMA_PREFIX) :] for ref in refs_in(node) if ref.startswith(SCHEMA_PREFIX))


def _subset(request: ModelsRequest, names: list[str]) -> ModelsRequest:
    """The request for some of its classes: their schemas and their fields' aliases
    (`Class.wire`)."""
    wanted = set(names)
    return ModelsRequest(
        {name: schema for name, schema in request.schemas.items() if name in wanted},
        {key: name for key, name in request.aliases.items() if key.split(".", 1)[0] in wanted},
        request.package,
        request.file,
    )
