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
    """Parse one YAML document within the bounds; raises yaml.YAMLError on bad syntax.

    The common document (plain mappings, sequences and scalars) is built in one pass over the
    event stream, bounds checked on the way; anything rarer (merge keys, explicit collection
    tags, complex keys, a second document, an error) is read again by PyYAML's safe loader,
    whose result and errors are the reference the one pass reproduces.
    """
    try:
        document = _build(text, max_depth)
    except _Unusual:
        _check_events(text, max_depth)
        document = yaml.load(text, Loader=_Loader)  # a safe loader: no Python object tags
    return _string_keys(document)


class _Unusual(Exception):
    """The document needs the safe loader itself (see `load`)."""


_STR = "tag:yaml.org,2002:str"
_MAP = frozenset({None, "!", "tag:yaml.org,2002:map"})
_SEQ = frozenset({None, "!", "tag:yaml.org,2002:seq"})
_SCALARS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("null", "bool", "int", "float", "timestamp")
)
_Container = dict[Any, Any] | list[Any]


def _build(text: str, max_depth: int) -> Any:
    """The document from one pass over the events (see `load`), as the safe loader builds it:
    an anchored value is one object wherever an alias repeats it."""
    loader = _Loader("")
    resolved: dict[str, str] = {}  # plain scalars repeat (`type`, `string`): resolve each once
    anchors: dict[str, Any] = {}
    stack: list[_Container] = []
    keys: list[Any] = []  # per open mapping: its key awaiting a value, or _NO_KEY
    root: list[Any] = []
    aliases = 0

    def add(value: Any, container: bool) -> None:
        if not stack:
            if root:
                raise _Unusual  # a second document
            root.append(value)
        elif isinstance(stack[-1], list):
            stack[-1].append(value)
        elif keys[-1] is _NO_KEY:
            if container:
                raise _Unusual  # a mapping or sequence as a key
            keys[-1] = value
        else:
            stack[-1][keys[-1]] = value
            keys[-1] = _NO_KEY

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise YAMLAliasError(_line(event))
                if event.anchor not in anchors:
                    raise _Unusual
                value = anchors[event.anchor]
                add(value, isinstance(value, dict | list))
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                keys.pop()
                continue
            if isinstance(event, yaml.ScalarEvent):
                value = _scalar(loader, event, resolved)
                add(value, False)
            elif isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= max_depth:
                    raise YAMLDepthError(_line(event))
                is_map = isinstance(event, yaml.MappingStartEvent)
                if event.tag not in (_MAP if is_map else _SEQ):
                    raise _Unusual
                value = {} if is_map else []
                add(value, True)
                stack.append(value)
                keys.append(_NO_KEY)
            else:
                continue  # stream and document boundaries
            if event.anchor is not None:
                if event.anchor in anchors:
                    raise _Unusual  # let the loader say what it makes of a reused anchor
                anchors[event.anchor] = value
    except yaml.YAMLError:
        raise _Unusual from None
    finally:
        loader.dispose()
    if not root:
        raise _Unusual  # no document at all
    return root[0]


_NO_KEY = object()


def _scalar(loader: yaml.SafeLoader, event: yaml.ScalarEvent, resolved: dict[str, str]) -> Any:
    tag = event.tag
    value = event.value
    if tag is None or tag == "!":
        if not event.implicit[0]:
            tag = _STR
        elif value in resolved:
            tag = resolved[value]
        else:
            tag = resolved[value] = loader.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, value, event.implicit
            )
    if tag == _STR:
        return value
    if tag not in _SCALARS:
        raise _Unusual  # a merge key, `!!binary`, an unknown tag: the loader decides
    node = yaml.ScalarNode(tag, value, style=event.style)
    return loader.yaml_constructors[tag](loader, node)


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
