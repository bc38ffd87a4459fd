"""YAML without its traps, for specs from the internet.

libyaml composes documents recursively in C: a hundred thousand nested `[` crash the process, and
a few anchors expand into billions of nodes. So the event stream (which libyaml produces without
recursion) is checked for depth and alias count first, and only a bounded document is composed.
YAML 1.1 also reads unquoted `200:` as an integer and `on:` as a boolean; integer keys become the
strings they were written as, and other non-string keys are refused, since OpenAPI keys are text.
Unquoted timestamps (`version: 2022-08-30`, even the impossible `0000-00-00`) stay the text they
were written as, as JSON would hold them, instead of becoming dates or failing to.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_ALIASES = 1000

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


# The safe loader with timestamps read as text; a subclass, so PyYAML's own loader stays as it is.
_Loader: type[yaml.SafeLoader] = type("_TextTimestampLoader", (_BaseLoader,), {})
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


class YAMLLimitError(ValueError):
    """The document is bigger, in one way or another, than we are willing to build."""

    def __init__(self, line: int) -> None:
        super().__init__(f"limit exceeded at line {line}")
        self.line = line


class YAMLDepthError(YAMLLimitError):
    """Nested deeper than the caller's maximum depth."""


class YAMLAliasError(YAMLLimitError):
    """More alias uses than MAX_ALIASES: an alias bomb, or a document not worth the risk."""


class YAMLKeyError(ValueError):
    """A mapping key that is not text (`on:` read as a boolean, say)."""

    def __init__(self, key: object, path: list[str]) -> None:
        super().__init__(f"mapping key {key!r} is not a string")
        self.path = path


def load(text: str, max_depth: int) -> Any:
    """Parse one YAML document within the bounds; raises yaml.YAMLError on bad syntax."""
    _check_events(text, max_depth)
    document = yaml.load(text, Loader=_Loader)  # a safe loader: no Python object tags
    return _string_keys(document)


def _check_events(text: str, max_depth: int) -> None:
    depth = aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > max_depth:
                raise YAMLDepthError(_line(event))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YAMLAliasError(_line(event))


def _line(event: yaml.Event) -> int:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 0


def _string_keys(document: Any) -> Any:
    """Integer keys become text; any other non-string key is refused with its path."""
    stack: list[tuple[Any, list[str]]] = [(document, [])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            for key in list(node):
                if isinstance(key, int) and not isinstance(key, bool):
                    node[str(key)] = node.pop(key)
                elif not isinstance(key, str):
                    raise YAMLKeyError(key, [*path, str(key)])
            stack.extend((child, [*path, key]) for key, child in node.items())
        elif isinstance(node, list):
            stack.extend((child, [*path, str(index)]) for index, child in enumerate(node))
    return document
