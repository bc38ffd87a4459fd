"""YAML without its traps, for specs from the internet.

libyaml composes documents recursively in C: a hundred thousand nested `[` crash the process, and
a few anchors expand into billions of nodes. So the event stream (which libyaml produces without
recursion) is checked for depth and alias count first, and only a bounded document is composed.
Scalars are read as YAML 1.2, the version OpenAPI names, where PyYAML reads YAML 1.1: Shotstack's
`enum: [16:9, 1:1]` is text, not the base-60 integers 969 and 61; `yes`, `on` and `n` are text, not
booleans; `0777` is 777 and `1_000` is text. Integer keys (`200:`) become the strings they were
written as, and other non-string keys are refused, since OpenAPI keys are text. Unquoted
timestamps (`version: 2022-08-30`, even the impossible `0000-00-00`) stay the text they were
written as, as JSON would hold them, instead of becoming dates or failing to.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

MAX_ALIASES = 1000

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


_DECIMAL = re.compile(r"[-+]?[0-9]+")
_HEXADECIMAL = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False}
_BOOLEANS |= {"FALSE": False}


def _core_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | str:
    """YAML 1.2's integers: decimal (a leading zero is no octal) and `0x` hexadecimal; YAML 1.1's
    others (base 60 as in `16:9`, `0b1`, `1_000`) are text."""
    text = loader.construct_scalar(node)
    if _DECIMAL.fullmatch(text):
        return int(text)
    return int(text, 16) if _HEXADECIMAL.fullmatch(text) else text


def _core_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float | str:
    text = loader.construct_scalar(node)
    if not _FLOAT.fullmatch(text):
        return text  # `1:30.5` (base 60), `1_000.5`
    return loader.construct_yaml_float(node)


def _core_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool | str:
    text = loader.construct_scalar(node)
    return _BOOLEANS.get(text, text)  # `yes`, `on`, `n` are text


# The safe loader with timestamps read as text and YAML 1.2's integers, floats and booleans; a
# subclass, so PyYAML's own loader stays as it is.
_Loader: type[yaml.SafeLoader] = type("_YAML12Loader", (_BaseLoader,), {})
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
_Loader.add_constructor("tag:yaml.org,2002:int", _core_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _core_float)
_Loader.add_constructor("tag:yaml.org,2002:bool", _core_bool)


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
    """A mapping key that is not text (`1.5:` read as a number, say)."""

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
        return _Builder(max_depth).build(text)  # its keys are text already
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


class _Builder:
    """The document from one pass over the events (see `load`), as the safe loader builds it:
    an anchored value is one object wherever an alias repeats it."""

    def __init__(self, max_depth: int) -> None:
        self._max_depth = max_depth
        self._loader = _Loader("")
        self._resolved: dict[str, str] = {}  # plain scalars repeat (`type`): resolve each once
        self._anchors: dict[str, Any] = {}
        self._stack: list[_Container] = []
        self._keys: list[Any] = []  # per open mapping: its key awaiting a value, or _NO_KEY
        self._root: list[Any] = []
        self._aliases = 0

    def build(self, text: str) -> Any:
        try:
            for event in yaml.parse(text, Loader=_Loader):
                self._take(event)
        except yaml.YAMLError:
            raise _Unusual from None
        finally:
            self._loader.dispose()
        if not self._root:
            raise _Unusual  # no document at all
        return self._root[0]

    def _take(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            self._stack.pop()
            self._keys.pop()
        elif isinstance(event, yaml.ScalarEvent):
            self._anchored(event, _scalar(self._loader, event, self._resolved), container=False)
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(self._stack) >= self._max_depth:
                raise YAMLDepthError(_line(event))
            is_map = isinstance(event, yaml.MappingStartEvent)
            if event.tag not in (_MAP if is_map else _SEQ):
                raise _Unusual
            value: _Container = {} if is_map else []
            self._anchored(event, value, container=True)
            self._stack.append(value)
            self._keys.append(_NO_KEY)
        # stream and document boundaries need nothing

    def _alias(self, event: yaml.AliasEvent) -> None:
        self._aliases += 1
        if self._aliases > MAX_ALIASES:
            raise YAMLAliasError(_line(event))
        if event.anchor not in self._anchors:
            raise _Unusual
        value = self._anchors[event.anchor]
        self._add(value, isinstance(value, dict | list))

    def _anchored(self, event: yaml.NodeEvent, value: Any, *, container: bool) -> None:
        self._add(value, container)
        if event.anchor is not None:
            if event.anchor in self._anchors:
                raise _Unusual  # let the loader say what it makes of a reused anchor
            self._anchors[event.anchor] = value

    def _add(self, value: Any, container: bool) -> None:
        stack, keys = self._stack, self._keys
        if not stack:
            if self._root:
                raise _Unusual  # a second document
            self._root.append(value)
        elif isinstance(stack[-1], list):
            stack[-1].append(value)
        elif keys[-1] is _NO_KEY:
            if type(value) is int:
                value = str(value)  # `200:` is the status "200", as `_string_keys` makes it
            elif type(value) is not str:
                raise _Unusual  # a mapping, sequence or other scalar as a key: refused there
            keys[-1] = value
        else:
            stack[-1][keys[-1]] = value
            keys[-1] = _NO_KEY


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
    """Integer keys become text, where they were written; any other non-string key is refused
    with its path."""
    stack: list[tuple[Any, list[str]]] = [(document, [])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            if any(type(key) is not str for key in node):
                _keys_as_text(node, path)
            stack.extend((child, [*path, key]) for key, child in node.items())
        elif isinstance(node, list):
            stack.extend((child, [*path, str(index)]) for index, child in enumerate(node))
    return document


def _keys_as_text(node: dict[Any, Any], path: list[str]) -> None:
    items = list(node.items())
    for key, _ in items:
        if type(key) is not str and type(key) is not int:
            raise YAMLKeyError(key, [*path, str(key)])
    node.clear()  # in place: an alias elsewhere holds this same mapping
    node.update((str(key), value) for key, value in items)
