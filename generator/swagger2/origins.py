"""Where each node of a converted Swagger 2.0 document came from in the files the user wrote.

Every stage after loading reads the OpenAPI 3 document the converter wrote, so its problems name
pointers into that document (`/components/schemas/Pet`, `.../requestBody/content/...`), which
the user's file does not have. The converter records a source for each node it moved or
rebuilt; any other node sits where it sat in the source, relative to its nearest recorded
ancestor (a schema copied into `components/schemas` keeps its keys). A pointer is translated by
that rule, and where a step has no counterpart in the source (`nullable` written for
`x-nullable`, a server written for `host`) it stops at the nearest node that has one. A
reference quoted in a message is spelt as the file spells it too (`#/definitions/Pet`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import jsonpointer
from ..errors import Problem
from .schemas import written_ref

# A reference quoted in a message (`dangling $ref '#/components/schemas/Pet'`).
_QUOTED_REF = re.compile(r"'(#/components/[^/']+/)")


@dataclass(frozen=True)
class Source:
    """A node of a file the user wrote: the file's name, its parsed content, the pointer."""

    file: str
    document: Any
    pointer: str


@dataclass
class Origins:
    """Converted pointer -> its source; the root is the root file's root."""

    file: str
    document: Any
    sources: dict[str, Source] = field(default_factory=dict)
    # The converted document, once made: a problem may point at a key it lacks (a required one).
    converted: Any = None

    def __post_init__(self) -> None:
        self.sources.setdefault("", Source(self.file, self.document, ""))

    def record(self, converted: str, pointer: str) -> None:
        """The converted node at `converted` was made from the root file's node at `pointer`."""
        self.sources[converted] = Source(self.file, self.document, pointer)

    def record_part(self, converted: str, source: Source) -> None:
        """The converted node at `converted` was joined in from another file."""
        self.sources[converted] = source

    def locate(self, problems: Iterable[Problem]) -> list[Problem]:
        """`problems` with the pointers into the converted document turned into pointers into
        the files the user wrote; problems about other files are kept as they are."""
        return [self._located(problem) for problem in problems]

    def _located(self, problem: Problem) -> Problem:
        if problem.file != self.file:
            return problem
        try:
            tokens = jsonpointer.split(problem.pointer)
        except ValueError:
            return problem
        source = self._source(tokens, missing=not _exists(self.converted, tokens))
        message = _QUOTED_REF.sub(lambda ref: "'" + written_ref(ref.group(1)), problem.message)
        return dataclasses.replace(
            problem, file=source.file, pointer=source.pointer, message=message
        )

    def _source(self, tokens: list[str], *, missing: bool) -> Source:
        for depth in range(len(tokens), -1, -1):
            ancestor = self.sources.get(jsonpointer.from_tokens(tokens[:depth]))
            if ancestor is not None:
                return _descend(ancestor, tokens[depth:], missing=missing)
        raise AssertionError("the root always has a source")  # pragma: no cover


def _descend(source: Source, tokens: list[str], *, missing: bool) -> Source:
    """`source` followed by `tokens` as far as the source has them; a key that neither document
    has (a required one left out) is named as the converted pointer names it."""
    node, pointer = jsonpointer.resolve(source.document, source.pointer), source.pointer
    for index, token in enumerate(tokens):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif missing and isinstance(node, dict) and index == len(tokens) - 1:
            return dataclasses.replace(source, pointer=jsonpointer.join(pointer, token))
        else:
            break
        pointer = jsonpointer.join(pointer, token)
    return dataclasses.replace(source, pointer=pointer)


def _exists(document: Any, tokens: list[str]) -> bool:
    try:
        jsonpointer.resolve(document, jsonpointer.from_tokens(tokens))
    except KeyError:
        return False
    return True
