"""RFC 6901 JSON pointers: how every problem, change and name lock entry says where it is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def escape(token: str) -> str:
    if "~" not in token and "/" not in token:
        return token  # most tokens: a pointer is built for every schema of every pass
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: str | int) -> str:
    """Extend `pointer` by raw (unescaped) tokens."""
    for token in tokens:
        pointer = f"{pointer}/{escape(token if isinstance(token, str) else str(token))}"
    return pointer


def split(pointer: str) -> list[str]:
    """Raw tokens of a pointer; accepts the `#/...` fragment form used by `$ref`."""
    body = pointer[1:] if pointer.startswith("#") else pointer
    if not body:
        return []
    if not body.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [unescape(token) for token in body[1:].split("/")]


def resolve(document: Any, pointer: str) -> Any:
    """The node at `pointer`, or raise KeyError naming the first token that does not exist."""
    node = document
    for token in split(pointer):
        node = _step(node, token)
    return node


def _step(node: Any, token: str) -> Any:
    if isinstance(node, dict) and token in node:
        return node[token]
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    raise KeyError(token)


def from_tokens(tokens: Iterable[str | int]) -> str:
    return join("", *tokens)


# Where a value sits in a walk over every value of a document: (the parent's place, the key or
# index under it); None for the root. Walks carry these and spell a pointer out only for a
# problem, instead of joining one for each of a big spec's million values.
Place = tuple[Any, Any] | None


def of_place(place: Place) -> str:
    """The pointer of a `Place`."""
    tokens: list[str] = []
    while place is not None:
        place, key = place
        tokens.append(str(key))
    return from_tokens(reversed(tokens))
