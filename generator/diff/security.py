"""Security requirements compared as the alternatives a client may satisfy.

A requirement list is a choice: the client meets any one entry, and each entry needs all of its
schemes (with their scopes). An empty list, or an empty entry, lets anonymous clients in. So a
client breaks when the alternative it used disappears or asks for more scopes; an added alternative
only offers another way in.
"""

from __future__ import annotations

from typing import Any

from .model import Change
from .rules import change

Alternatives = dict[frozenset[str], dict[str, frozenset[str]]]


def security_changes(
    old: Any, new: Any, prefix: str, operation: str | None, pointer: str
) -> list[Change]:
    """Changes between requirement lists; `prefix` is `api-security` or `api-global-security`."""
    before, after = _alternatives(old), _alternatives(new)
    changes = []
    for key in sorted(before.keys() - after.keys(), key=sorted):
        message = f"security option {_name(key)} was removed"
        changes.append(change(f"{prefix}-removed", operation, pointer, message))
    for key in sorted(after.keys() - before.keys(), key=sorted):
        message = f"security option {_name(key)} was added"
        changes.append(change(f"{prefix}-added", operation, pointer, message))
    for key in sorted(before.keys() & after.keys(), key=sorted):
        for scheme in sorted(key):
            for event, scopes in (
                ("scope-added", after[key][scheme] - before[key][scheme]),
                ("scope-removed", before[key][scheme] - after[key][scheme]),
            ):
                if scopes:
                    listed = ", ".join(sorted(scopes))
                    message = f"security scheme {scheme}: {event.replace('-', ' ')} {listed}"
                    changes.append(change(f"{prefix}-{event}", operation, pointer, message))
    return changes


def _alternatives(requirements: Any) -> Alternatives:
    listed = requirements if isinstance(requirements, list) else []
    entries = [entry for entry in listed if isinstance(entry, dict)]
    alternatives: Alternatives = {}
    for entry in entries or [{}]:
        scopes = {
            str(name): frozenset(str(s) for s in value) if isinstance(value, list) else frozenset()
            for name, value in entry.items()
        }
        alternatives[frozenset(scopes)] = scopes
    return alternatives


def _name(key: frozenset[str]) -> str:
    return " + ".join(sorted(key)) if key else "anonymous access"
