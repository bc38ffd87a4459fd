"""One walk of a document's schemas, shared by the passes of `normalize` while none changes it.

Every pass visits every schema, and on a big spec walking them costs more than the passes' own
work: twenty walks of a Stripe-sized document took half a second. Most passes find nothing to
rewrite in most specs, and a pass that finds nothing changes nothing (each reports every rewrite
as a problem, see `normalize`): the schemas it walked are then still the document's, the same
objects at the same pointers, and the next pass is given them again instead of walking anew.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from ..walk import iter_schemas

Schemas = tuple[tuple[str, dict[str, Any]], ...]


@dataclass
class _Shared:
    document: dict[str, Any]
    schemas: Schemas | None = None


_shared: ContextVar[_Shared | None] = ContextVar("shared_walk", default=None)


def every_schema(document: dict[str, Any]) -> Schemas:
    """(pointer, schema) for every schema of `document`, as `walk.iter_schemas` gives them;
    inside `shared(document)`, the walk of an earlier pass when nothing changed since."""
    shared = _shared.get()
    if shared is None or shared.document is not document:
        return tuple(iter_schemas(document))
    if shared.schemas is None:
        shared.schemas = tuple(iter_schemas(document))
    return shared.schemas


@contextlib.contextmanager
def shared(document: dict[str, Any]) -> Iterator[Callable[[], None]]:
    """Share one walk of `document` between the passes run inside; call the function given
    after a pass that changed the document, so that the next one walks it again."""

    def changed() -> None:
        state.schemas = None

    state = _Shared(document)
    token = _shared.set(state)
    try:
        yield changed
    finally:
        _shared.reset(token)
