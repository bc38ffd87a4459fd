"""Example calls for a generated package's README, chosen from the package's own operations.

A README whose examples use the API's real resources (`client.personas.list()`) teaches faster
than a generic one; these helpers pick representative operations and spell calls to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .ir import Api, BodyField, Operation, Parameter, Resource
from .strings import Safe


@dataclass(frozen=True)
class Example:
    resource: Resource
    operation: Operation
    call: Safe

    @property
    def call_with_options(self) -> Safe:
        separator = "" if self.call.endswith("()") else ", "
        return Safe(f"{self.call[:-1]}{separator}timeout=5.0, max_retries=1)")

    @property
    def raw_call(self) -> Safe:
        prefix = f"client.{self.resource.name}."
        return Safe(self.call.replace(prefix, prefix + "with_raw_response.", 1))


def simple_call(api: Api) -> Example | None:
    """A call with as few arguments as possible, preferring reads."""
    candidates = [(r, op) for r in api.resources for op in r.operations]
    if not candidates:
        return None
    resource, operation = min(
        candidates, key=lambda pair: (_required_count(pair[1]), pair[1].http_method != "get")
    )
    return Example(resource, operation, _call(resource, operation))


def paginated_call(api: Api) -> Example | None:
    for resource in api.resources:
        for operation in resource.operations:
            if operation.pagination is not None:
                return Example(resource, operation, _call(resource, operation))
    return None


def upload_call(api: Api) -> Example | None:
    for resource in api.resources:
        for operation in resource.operations:
            if operation.body and any(f.is_file for f in operation.body.fields):
                return Example(resource, operation, _call(resource, operation, with_file=True))
    return None


def _required_count(operation: Operation) -> int:
    fields = list(operation.body.fields) if operation.body else []
    return sum(p.required for p in operation.parameters) + sum(f.required for f in fields)


def _call(resource: Resource, operation: Operation, with_file: bool = False) -> Safe:
    arguments = [_placeholder(p) for p in operation.path_parameters]
    keyword: list[Parameter | BodyField] = [
        p for p in operation.parameters if p.location != "path" and p.required
    ]
    if operation.body is not None:
        keyword += [f for f in operation.body.fields if f.required or (with_file and f.is_file)]
    arguments += [f"{item.name}={_placeholder(item)}" for item in keyword]
    return Safe(f"client.{resource.name}.{operation.name}({', '.join(arguments)})")


def _placeholder(item: Parameter | BodyField) -> str:
    if isinstance(item, BodyField) and item.is_file:
        return 'Path("example.png")'
    annotation = item.type.input
    for prefix, value in (
        ("int", "1"),
        ("float", "1.0"),
        ("bool", "True"),
        ("Sequence", "[]"),
        ("Dict", "{}"),
    ):
        if annotation.startswith(prefix):
            return value
    if annotation.startswith("Literal["):
        return annotation[len("Literal[") :].split(",")[0].rstrip("]")
    return f'"{item.name}"'
