"""Import blocks spelt the way ruff's import sorting leaves them.

ruff sorts and checks every generated module afterwards and keeps the last word, so nothing here
decides a byte of the package. But a block ruff has to rewrite costs it a fix pass per file, and
a Stripe-sized package has four thousand model modules: written already sorted, in sections, and
wrapped, they cost ruff a read instead.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Collection, Mapping
from functools import lru_cache

LINE_LENGTH = 100  # ruff's `--line-length` for generated code (see format.py)
_DIGITS = re.compile(r"(\d+)")
# The same names and modules are sorted in module after module (`Field`, `BaseModel`, the
# shared models): their sort keys are remembered.
_REMEMBERED = 1 << 15


def import_block(imports: Mapping[str, Collection[str]], first_party: str, indent: str = "") -> str:
    """`from module import names` for each module (a name may be `name as other`), in ruff's
    sections (future, standard library, third party, `first_party`, relative) with a blank line
    between them; empty when there is nothing to import."""
    statements = []
    for module, names in imports.items():
        plain = sorted({name for name in names if " as " not in name}, key=_member_key)
        renamed = sorted({name for name in names if " as " in name}, key=_member_key)
        # ruff keeps each `name as other` in a statement of its own
        statements += [(module, [name]) for name in renamed] + ([(module, plain)] if plain else [])
    sections: dict[int, list[str]] = {}
    for module, names in sorted(
        statements, key=lambda s: (_module_key(s[0]), _member_key(s[1][0]))
    ):
        line = _spelt(module, names, indent)
        sections.setdefault(_section(module, first_party), []).append(line)
    return "\n".join("".join(lines) for _, lines in sorted(sections.items()))


def _spelt(module: str, names: list[str], indent: str) -> str:
    line = f"{indent}from {module} import {', '.join(names)}\n"
    if len(line) - 1 <= LINE_LENGTH:
        return line
    wrapped = "".join(f"{indent}    {name},\n" for name in names)
    return f"{indent}from {module} import (\n{wrapped}{indent})\n"


def _section(module: str, first_party: str) -> int:
    top = module.partition(".")[0]
    if module == "__future__":
        return 0
    if not top:
        return 4  # relative
    if top == first_party:
        return 3
    return 1 if top in sys.stdlib_module_names else 2


@lru_cache(maxsize=_REMEMBERED)
def _module_key(module: str) -> tuple[object, ...]:
    bare = module.lstrip(".")
    return (-(len(module) - len(bare)), _natural(bare.lower()), _natural(bare))


@lru_cache(maxsize=_REMEMBERED)
def _member_key(spelt: str) -> tuple[object, ...]:
    name = spelt.partition(" as ")[0]
    if len(name) > 1 and name.isupper():
        kind = 0  # a constant
    elif name[:1].isupper():
        kind = 1  # a class
    else:
        kind = 2
    return (kind, _natural(name.lower()), _natural(name), spelt)


def _natural(text: str) -> tuple[object, ...]:
    """Digits compared as numbers (`v2` before `v10`), as ruff compares names."""
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(text))
