"""Wire-level rules for operations: what a client sends and receives over HTTP.

Operations are matched by method and path with parameter names blanked (`/v1/x/{id}` and
`/v1/x/{xid}` are the same URL), and path parameters by position, so renaming a path parameter
does not change the wire. A spec may hold several paths of one shape, told apart by their
parameters' patterns (`/folders/{folderId}` and `/folders/{folderPath}`, which OpenAPI forbids but
published specs have): those are matched by their exact path. Schemas inside parameters, bodies
and responses are compared by `schemas.compare_schemas`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from .. import jsonpointer, refs
from ..walk import iter_operations
from .model import Change
from .rules import Direction, change
from .schemas import Site, compare_schemas
from .security import security_changes
from .values import deref, mapping, strings
from .views import Node

_TEMPLATE = re.compile(r"\{[^}/]*\}")
T = TypeVar("T")


@dataclass(frozen=True)
class _Operation:
    path: str
    method: str
    body: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def pointer(self) -> str:
        return jsonpointer.join("", "paths", self.path, self.method)


def diff_operations(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    for old_op, new_op in paired(_operations(old), _operations(new)):
        if old_op is None and new_op is not None:
            message = f"operation {new_op.label} was added"
            changes.append(change("api-added", new_op.label, new_op.pointer, message))
        elif new_op is None and old_op is not None:
            message = f"operation {old_op.label} was removed"
            changes.append(change("api-removed", old_op.label, old_op.pointer, message))
        elif old_op is not None and new_op is not None:
            changes += _OperationPair(old, new, old_op, new_op).changes()
    return changes


def paired(
    old: Iterable[tuple[str, str, T]], new: Iterable[tuple[str, str, T]]
) -> list[tuple[T | None, T | None]]:
    """Each operation `(method, path, item)` of `old` with the one of `new` a client calls the
    same way, or with None where it was removed or added, in a stable order (see the module
    docstring); of several paths of one shape, one left over on each side is one operation."""
    before, after = _by_shape(old), _by_shape(new)
    pairs: list[tuple[T | None, T | None]] = []
    for key in sorted(before.keys() | after.keys()):
        pairs += _paired_paths(before.get(key, {}), after.get(key, {}))
    return pairs


def _by_shape(operations: Iterable[tuple[str, str, T]]) -> dict[tuple[str, str], dict[str, T]]:
    """Operations by method and path with names blanked, then by exact path."""
    found: dict[tuple[str, str], dict[str, T]] = {}
    for method, path, item in operations:
        found.setdefault((_TEMPLATE.sub("{}", path), method.lower()), {})[path] = item
    return found


def _paired_paths(old: Mapping[str, T], new: Mapping[str, T]) -> list[tuple[T | None, T | None]]:
    if len(old) == 1 and len(new) == 1:
        return [(next(iter(old.values())), next(iter(new.values())))]
    pairs: list[tuple[T | None, T | None]] = [
        (old[p], new[p]) for p in sorted(old.keys() & new.keys())
    ]
    gone = [old[path] for path in sorted(old.keys() - new.keys())]
    came = [new[path] for path in sorted(new.keys() - old.keys())]
    if len(gone) == 1 and len(came) == 1:
        return [*pairs, (gone[0], came[0])]
    return [*pairs, *((item, None) for item in gone), *((None, item) for item in came)]


def _operations(document: dict[str, Any]) -> list[tuple[str, str, _Operation]]:
    return [
        (method, path, _Operation(path, method, operation))
        for path, method, operation in iter_operations(document)
    ]


class _OperationPair:
    """One operation in both documents."""

    def __init__(
        self, old_doc: dict[str, Any], new_doc: dict[str, Any], old: _Operation, new: _Operation
    ) -> None:
        self.old_doc, self.new_doc = old_doc, new_doc
        self.old, self.new = old, new
        self.label = new.label
        self.out: list[Change] = []

    def changes(self) -> list[Change]:
        self._metadata()
        self._parameters()
        self._request_body()
        self._responses()
        if "security" in self.old.body or "security" in self.new.body:
            old_security = self.old.body.get("security", self.old_doc.get("security"))
            new_security = self.new.body.get("security", self.new_doc.get("security"))
            pointer = jsonpointer.join(self.new.pointer, "security")
            self.out += security_changes(
                old_security, new_security, "api-security", self.label, pointer
            )
        return self.out

    def _add(self, rule_id: str, pointer: str, message: str) -> None:
        self.out.append(change(rule_id, self.label, pointer, message))

    # -- metadata -----------------------------------------------------------------------------

    def _metadata(self) -> None:
        old, new = self.old.body, self.new.body
        for key, rule_id in (
            ("summary", "api-summary-changed"),
            ("description", "api-description-changed"),
            ("operationId", "api-operation-id-changed"),
        ):
            if old.get(key) != new.get(key):
                message = f"{key} changed from {_shown(old.get(key))} to {_shown(new.get(key))}"
                self._add(rule_id, jsonpointer.join(self.new.pointer, key), message)
        old_tags, new_tags = strings(old.get("tags")), strings(new.get("tags"))
        for tag in sorted(new_tags - old_tags):
            self._add(
                "api-tag-added",
                jsonpointer.join(self.new.pointer, "tags"),
                f"tag {tag!r} was added",
            )
        for tag in sorted(old_tags - new_tags):
            self._add(
                "api-tag-removed",
                jsonpointer.join(self.old.pointer, "tags"),
                f"tag {tag!r} was removed",
            )
        if (old.get("deprecated") is True) != (new.get("deprecated") is True):
            deprecated = new.get("deprecated") is True
            self._add(
                "api-deprecated" if deprecated else "api-reactivated",
                self.new.pointer,
                "operation was deprecated" if deprecated else "operation is no longer deprecated",
            )

    # -- parameters ---------------------------------------------------------------------------

    def _parameters(self) -> None:
        before = _parameters(self.old_doc, self.old)
        after = _parameters(self.new_doc, self.new)
        for key in sorted(before.keys() | after.keys()):
            old, new = before.get(key), after.get(key)
            if new is None and old is not None:
                self._add(
                    "request-parameter-removed", old.pointer, f"{_parameter_name(old)} was removed"
                )
            elif old is None and new is not None:
                kind = "required" if _required(new) else "optional"
                self._add(
                    f"request-parameter-added-{kind}",
                    new.pointer,
                    f"{_parameter_name(new)} was added ({kind})",
                )
            elif old is not None and new is not None:
                self._parameter(old, new)

    def _parameter(self, old: Node, new: Node) -> None:
        name = _parameter_name(new)
        if _required(old) != _required(new):
            kind = "required" if _required(new) else "optional"
            self._add(f"request-parameter-became-{kind}", new.pointer, f"{name} became {kind}")
        if old.schema.get("description") != new.schema.get("description"):
            self._add(
                "request-parameter-description-changed", new.pointer, f"{name} description changed"
            )
        if new.schema.get("deprecated") is True and old.schema.get("deprecated") is not True:
            self._add("request-parameter-deprecated", new.pointer, f"{name} was deprecated")
        site = Site(self.label, "request", "request-parameter", name)
        self.out += compare_schemas(
            self.old_doc, self.new_doc, site, _parameter_schema(old), _parameter_schema(new)
        )

    # -- request body -------------------------------------------------------------------------

    def _request_body(self) -> None:
        old = deref(
            self.old_doc,
            self.old.body.get("requestBody"),
            jsonpointer.join(self.old.pointer, "requestBody"),
        )
        new = deref(
            self.new_doc,
            self.new.body.get("requestBody"),
            jsonpointer.join(self.new.pointer, "requestBody"),
        )
        if old is None or new is None:
            self._request_body_presence(old, new)
            return
        if (old.schema.get("required") is True) != (new.schema.get("required") is True):
            kind = "required" if new.schema.get("required") is True else "optional"
            self._add(f"request-body-became-{kind}", new.pointer, f"the request body became {kind}")
        if old.schema.get("description") != new.schema.get("description"):
            self._add(
                "request-body-description-changed", new.pointer, "request body description changed"
            )
        self._content(old, new, "request", "request body", "request-body")

    def _request_body_presence(self, old: Node | None, new: Node | None) -> None:
        if new is not None:
            kind = "required" if new.schema.get("required") is True else "optional"
            self._add(f"request-body-added-{kind}", new.pointer, f"a {kind} request body was added")
        elif old is not None:
            self._add("request-body-removed", old.pointer, "the request body was removed")

    # -- responses ----------------------------------------------------------------------------

    def _responses(self) -> None:
        old_all = mapping(self.old.body.get("responses"))
        new_all = mapping(self.new.body.get("responses"))
        for status in sorted(old_all.keys() | new_all.keys()):
            kind = "success" if status.startswith("2") else "non-success"
            old_pointer = jsonpointer.join(self.old.pointer, "responses", status)
            new_pointer = jsonpointer.join(self.new.pointer, "responses", status)
            if status not in new_all:
                self._add(
                    f"response-{kind}-status-removed", old_pointer, f"response {status} was removed"
                )
                continue
            if status not in old_all:
                self._add(
                    f"response-{kind}-status-added", new_pointer, f"response {status} was added"
                )
                continue
            old = deref(self.old_doc, old_all[status], old_pointer)
            new = deref(self.new_doc, new_all[status], new_pointer)
            if old is None or new is None:
                continue
            if old.schema.get("description") != new.schema.get("description"):
                self._add(
                    "response-description-changed",
                    new.pointer,
                    f"response {status} description changed",
                )
            self._content(old, new, "response", f"response {status}", "response-body")

    # -- content, shared by bodies and responses ----------------------------------------------

    def _content(self, old: Node, new: Node, direction: Direction, where: str, root: str) -> None:
        before = mapping(old.schema.get("content"))
        after = mapping(new.schema.get("content"))
        media_rule = "request-body-media-type" if direction == "request" else "response-media-type"
        for media in sorted(before.keys() - after.keys()):
            self._add(
                f"{media_rule}-removed",
                jsonpointer.join(old.pointer, "content", media),
                f"{where}: media type {media} was removed",
            )
        for media in sorted(after.keys() - before.keys()):
            self._add(
                f"{media_rule}-added",
                jsonpointer.join(new.pointer, "content", media),
                f"{where}: media type {media} was added",
            )
        common = sorted(before.keys() & after.keys())
        for media in common:
            label = f"{where} ({media})" if len(before) > 1 or len(after) > 1 else where
            site = Site(self.label, direction, root, label)
            self.out += compare_schemas(
                self.old_doc,
                self.new_doc,
                site,
                _media_schema(before[media], jsonpointer.join(old.pointer, "content", media)),
                _media_schema(after[media], jsonpointer.join(new.pointer, "content", media)),
            )


def _parameters(document: dict[str, Any], operation: _Operation) -> dict[tuple[str, str], Node]:
    """Path-item and operation parameters merged (the operation's win), keyed for matching."""
    sites = refs.operation_parameters(document, operation.path, operation.body, operation.pointer)
    return {
        _parameter_key(operation.path, site.parameter): Node(site.parameter, site.pointer)
        for site in sites
    }


def _parameter_key(path: str, parameter: dict[str, Any]) -> tuple[str, str]:
    location, name = str(parameter.get("in")), str(parameter["name"])
    if location == "path":
        names = [match[1:-1] for match in _TEMPLATE.findall(path)]
        return (location, f"#{names.index(name)}" if name in names else name)
    return (location, name.lower() if location == "header" else name)


def _parameter_name(node: Node) -> str:
    return f"{node.schema.get('in')} parameter `{node.schema.get('name')}`"


def _parameter_schema(node: Node) -> Node:
    schema = node.schema.get("schema")
    if isinstance(schema, dict):
        return Node(schema, jsonpointer.join(node.pointer, "schema"))
    for media, content in mapping(node.schema.get("content")).items():
        return _media_schema(content, jsonpointer.join(node.pointer, "content", media))
    return Node({}, node.pointer)


def _required(node: Node) -> bool:
    return node.schema.get("in") == "path" or node.schema.get("required") is True


def _media_schema(media: Any, pointer: str) -> Node:
    """The schema of a media type; one that has none accepts anything."""
    schema = media.get("schema") if isinstance(media, dict) else None
    if isinstance(schema, dict):
        return Node(schema, jsonpointer.join(pointer, "schema"))
    return Node({}, pointer)


def _shown(value: Any) -> str:
    if not isinstance(value, str):
        return "none"
    flat = " ".join(value.split())
    return repr(flat if len(flat) <= 60 else flat[:57] + "...")
