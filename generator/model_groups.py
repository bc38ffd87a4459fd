"""A big model set cut into parts for datamodel-code-generator, and the parts' modules joined
back into one.

That library takes milliseconds per class, on one core: a spec of Stripe's size (about three
thousand classes) keeps it busy for longer than everything else a generation does. A class's code
depends only on the classes it reaches, so separate processes can make parts of the set at once,
each given the classes its own reach. Published specs tie most of their classes together through
a few they all use (an error, an address, a currency), so a part borrows those: it makes them
too, for its references to resolve, and drops them, keeping the copy of the one part that owns
them. Most of what a class reaches only lends it a name (a field typed `Address`): a part gets
such a class as a stub, a class without fields, which the library makes in a fraction of the
time, and only the classes whose schemas shape its own code (bases, unions, enums, aliases) in
full.

The parts' modules are then joined: every import any part made, then every part's definitions.
Imports a module ends up not using are dropped by ruff later, and `split.py` cuts the
definitions into modules by dependency, so the joined module yields the same package as one run
over the whole set would.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .graphs import strongly_connected
from .model_source import ModelsRequest
from .refs import SCHEMA_PREFIX
from .walk import iter_subschemas

# The first definition of a models module: its imports are all above it (only they are parsed).
_DEFINITION = re.compile(r"^(class |[A-Za-z_]\w* = )", re.MULTILINE)


@dataclass(frozen=True)
class Partition:
    """The parts, the one needing most classes first. `leading` says that the first part needs
    at least `LEADING_SHARE` of the classes, which reach one another: the library takes about
    1.6 times as long per class on such a web of types as on small groups, so that part finishes
    last whatever else runs, and the others can give it the cores it needs."""

    parts: list[ModelsRequest]
    leading: bool


LEADING_SHARE = 0.4
# How many classes, per class of the set, the parts may need in all (a class that many others
# use is made in each part that uses it): past that, as in a long chain of references, working
# out what each needs would cost more than it saves, and the parts share nothing.
_NEEDS_PER_CLASS = 40
# Keywords beside which a reference lends only its name; the keywords a plain class may have
# (any other, a union, an enum, a base, `nullable`, a default, might change those naming it).
_BARE_REFERENCE = frozenset({"$ref", "description"})
_PLAIN_KEYWORDS = frozenset(
    {"type", "properties", "required", "additionalProperties", "minProperties", "maxProperties"}
    | {"title", "description", "example", "examples", "externalDocs"}
)
# What stands in for a class a part names but does not make: a class without fields.
_STUB: dict[str, Any] = {"type": "object"}


def partition(request: ModelsRequest, parts: int) -> Partition:
    """At most `parts` requests, each making some of the classes and borrowing (making, then
    dropping) the ones those refer to that another part makes; one (the given one) when the
    classes cannot be cut.

    A class's code depends on the classes it refers to, not on those that refer to it, with one
    exception: a discriminated union puts its tags on its members. So a unit to place is a group
    of classes that refer to one another, joined with the unions that tag it, and a part needs
    its units and all that shapes their code, in full, and stubs of the classes these name
    (see `_Graph`). Placed largest first, each where it adds least (see
    `_least_grown`), the units make parts alike in size that share little; the groups that
    share nothing at all, placed the same way, are the other candidate, and the cut that costs
    less (`_cost`) wins.
    """
    if parts < 2:
        return Partition([request], leading=False)
    graph = _Graph(request.schemas)
    cuts = [
        _placed(units, needs, parts, len(request.schemas))
        for units, needs in _cuts(request.schemas, graph)
    ]
    _wanted, made, leading = min(cuts, key=lambda cut: _cost(cut[0], parts))
    if len(made) < 2:
        return Partition([request], leading=False)
    requests = [_subset(request, graph, set(names)) for names in made]
    return Partition(requests, leading)


def _cost(wanted: list[set[str]], parts: int) -> float:
    """How long a cut keeps the cores busy, in classes: its biggest part, which the generation
    waits for, and its share of all the classes made, which compete for the same cores with
    the rendering that goes on meanwhile. Sharing that shrinks the biggest part by less than it
    adds to the others (PagerDuty: 707 classes to 622, for 177 made twice) is slower."""
    sizes = [len(names) for names in wanted]
    return max(sizes) + sum(sizes) / parts


def _placed(
    units: list[list[str]], needs: list[set[str]], parts: int, classes: int
) -> tuple[list[set[str]], list[list[str]], bool]:
    """What each part needs and makes once the units are placed, largest first, and whether
    the first part leads."""
    order = sorted(range(len(units)), key=lambda i: (-len(needs[i]), i))
    leading = len(needs[order[0]]) >= LEADING_SHARE * classes
    wanted: list[set[str]] = [set() for _ in range(min(parts, len(units)))]
    made: list[list[str]] = [[] for _ in wanted]
    for i in order:
        best = _least_grown(wanted, needs[i], leading)
        wanted[best] |= needs[i]
        made[best] += units[i]
    kept = [j for j, names in enumerate(made) if names]
    return [wanted[j] for j in kept], [made[j] for j in kept], leading


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


def _least_grown(wanted: list[set[str]], need: set[str], leading: bool) -> int:
    """The part for a unit needing `need`. A part that needs all of it already makes it at no
    cost; else the part it leaves smallest, so that the parts stay alike. A leading part (the
    first, once it holds its web) is the slowest whatever else it makes: there a unit goes where
    it adds fewest classes, and not to the leading part on a tie."""

    def added(j: int) -> int:
        return len(need - wanted[j])

    if leading and wanted[0]:
        return min(range(len(wanted)), key=lambda j: (added(j), j == 0, len(wanted[j]), j))
    return min(range(len(wanted)), key=lambda j: (added(j) > 0, len(wanted[j]) + added(j), j))


class _Graph:
    """The classes each class refers to (`targets`), and of those, the ones whose schemas shape
    its code (`shaping`): any reached through `allOf` (a base), through a reference with more
    beside it than a description, or that is no plain class. The others lend it their name
    only, and the reach of a part follows the shaping ones alone."""

    def __init__(self, schemas: dict[str, Any]) -> None:
        self.targets: dict[str, list[str]] = {}
        self.shaping: dict[str, list[str]] = {}
        plain = {name for name, schema in schemas.items() if _plain(schema)}
        for name, schema in schemas.items():
            named, shaped = _references(schema)
            self.targets[name] = [t for t in dict.fromkeys(named + shaped) if t in schemas]
            shaping = set(shaped) | {target for target in named if target not in plain}
            self.shaping[name] = [t for t in self.targets[name] if t in shaping]

    def named_by(self, full: set[str]) -> set[str]:
        """The classes that classes made in full refer to and that are not made in full:
        the stubs a part with them needs."""
        return {target for name in full for target in self.targets[name]} - full


def _cuts(
    schemas: dict[str, Any], graph: _Graph
) -> Iterator[tuple[list[list[str]], list[set[str]]]]:
    """The units to place, each with the classes it needs (in full or as stubs): the groups that
    share nothing (the weakly connected ones), then the units of `partition`, unless working
    out what each needs would cost too much."""
    targets = graph.targets
    groups = _joined(targets, targets)
    yield groups, [set(group) for group in groups]
    components = strongly_connected(targets, targets.__getitem__)  # dependencies first
    component_of = {name: i for i, members in enumerate(components) for name in members}
    reach: list[set[str]] = []
    budget = _NEEDS_PER_CLASS * len(targets)
    for members in components:  # what shapes a class, it reaches: those come first
        reached = set(members)
        for target in (target for name in members for target in graph.shaping[name]):
            if target not in reached:  # else all that shapes it is in already
                reached |= reach[component_of[target]]
        budget -= len(reached)
        if budget < 0:
            return
        reach.append(reached)
    tagged = {name: targets[name] for name, schema in schemas.items() if _tags_members(schema)}
    units = _joined(targets, tagged, components)
    full = [set().union(*(reach[component_of[name]] for name in unit)) for unit in units]
    yield units, [needed | graph.named_by(needed) for needed in full]


def _joined(
    schemas: dict[str, Any], links: dict[str, list[str]], groups: Sequence[list[str]] = ()
) -> list[list[str]]:
    """The classes in groups, joined where `links` or `groups` tie them (union-find), each in
    the set's order, the groups in order of their first class."""
    parent = {name: name for name in schemas}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    ties = [(name, target) for name, targets in links.items() for target in targets]
    ties += [(group[0], member) for group in groups for member in group[1:]]
    for name, target in ties:
        parent[root(name)] = root(target)
    grouped: dict[str, list[str]] = {}
    for name in schemas:
        grouped.setdefault(root(name), []).append(name)
    return list(grouped.values())


def _tags_members(schema: Any) -> bool:
    """Whether a discriminator sits anywhere in the schema (its members get its tags)."""
    return any(
        isinstance(node.get("discriminator"), dict)
        for _pointer, node in iter_subschemas(schema, "")
    )


def _references(schema: Any) -> tuple[list[str], list[str]]:
    """The classes a schema refers to by a bare reference (a field, an item, a union member),
    and those it refers to otherwise: as a base (an `allOf` member), or with keywords beside
    the `$ref` (a default, say)."""
    named: list[str] = []
    shaped: list[str] = []
    stack: list[tuple[Any, bool]] = [(schema, False)]
    while stack:
        node, base = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
                bare = not base and node.keys() <= _BARE_REFERENCE
                (named if bare else shaped).append(ref[len(SCHEMA_PREFIX) :])
            stack.extend((value, False) for key, value in node.items() if key != "allOf")
            members = node.get("allOf")
            if isinstance(members, list):
                stack.extend((member, True) for member in members)
        elif isinstance(node, list):
            stack.extend((value, False) for value in node)
    return named, shaped


def _plain(schema: Any) -> bool:
    """Whether the schema makes a class of fields that the classes using it only name."""
    return (
        isinstance(schema, dict)
        and bool(schema.get("properties"))
        and isinstance(schema["properties"], dict)
        and schema.get("type", "object") == "object"
        and all(key in _PLAIN_KEYWORDS or key.startswith("x-") for key in schema)
    )


def _subset(request: ModelsRequest, graph: _Graph, made: set[str]) -> ModelsRequest:
    """The request for a part making `made`: their schemas and those that shape them, in full,
    with their fields' aliases (`Class.wire`); the classes these only name, as stubs."""
    full = set(made)
    stack = list(made)
    while stack:
        for target in graph.shaping[stack.pop()]:
            if target not in full:
                full.add(target)
                stack.append(target)
    named = graph.named_by(full)
    schemas = {
        name: schema if name in full else dict(_STUB)
        for name, schema in request.schemas.items()
        if name in full or name in named
    }
    return ModelsRequest(
        schemas,
        {key: name for key, name in request.aliases.items() if key.split(".", 1)[0] in full},
        request.package,
        request.file,
        frozenset(schemas.keys() - made),
    )
