"""A media type `$ref`d from `components.mediaTypes` (OpenAPI 3.2) is written where it is used.

Every stage reads a body's or response's `content` entries as media type objects (`schema`,
`itemSchema`, `encoding`): a `$ref` in their place would read as a media type with no schema,
and a typed body or stream would become `Any` without a word. Joining the target in, as a
bundler would, lets every stage read it once; the schemas inside keep their own `$ref`s, so a
component schema is still one class. A chain of references is followed (`refs.resolve`, the one
resolver); one that loops is refused at the entry that holds it.
"""

from __future__ import annotations

import copy
from typing import Any

from .. import jsonpointer, refs
from ..errors import Problem, SpecError
from ..walk import iter_messages

_PREFIX = "#/components/mediaTypes/"
_CYCLE = "the media type $refs form a cycle"


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems: list[Problem] = []
    for pointer, message in iter_messages(document):
        content = message.get("content")
        if not isinstance(content, dict):
            continue
        for media, entry in list(content.items()):
            if _ref(entry) is None:
                continue
            where = jsonpointer.join(pointer, "content", media, "$ref")
            target = refs.resolve(document, entry, where).node
            if target is None:  # a cycle: `load` has refused references that lead nowhere
                hint = "end the chain at a media type object of `components.mediaTypes`"
                problems.append(Problem("error", _CYCLE, file, where, hint))
            else:
                content[media] = copy.deepcopy(target) if isinstance(target, dict) else {}
    if problems:
        raise SpecError(problems)
    return []


def _ref(node: Any) -> str | None:
    """The `components.mediaTypes` entry `node` refers to; other `$ref`s are left as they are
    (a schema `$ref` written as a media type is a slip older stages already read their way)."""
    ref = node.get("$ref") if isinstance(node, dict) else None
    return ref if isinstance(ref, str) and ref.startswith(_PREFIX) else None
