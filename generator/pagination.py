"""Which list operations page, detected from the spec's shape and overridable in the API config.

An operation pages when it is a GET with the page query parameter and its success body holds the
items array and the current/last page numbers where the config says (Anam: `?page=`, `data`,
`meta.currentPage`, `meta.lastPage`). `include`/`exclude` in the config settle the cases the shape
gets wrong.
"""

from __future__ import annotations

from typing import Any

from .annotate import Annotator
from .config import PaginationConfig
from .ir import Pagination, Parameter, Response
from .refs import component_name
from .strings import SpecText


def detect_pagination(
    config: PaginationConfig,
    key: str,
    operation: dict[str, Any],
    parameters: tuple[Parameter, ...],
    response: Response,
    body: dict[str, Any],
    annotator: Annotator,
) -> Pagination | None:
    names = {key, str(operation.get("operationId") or "")}
    if names & set(config.exclude) or response.kind != "model":
        return None
    forced = bool(names & set(config.include))
    has_page = any(
        p.location == "query" and p.wire_name.unsafe_value == config.page_param for p in parameters
    )
    items = _property(body, config.items_field, annotator)
    shaped = (
        key.startswith("GET ")
        and has_page
        and _is_array(items)
        and _property_path(body, config.current_page, annotator) is not None
        and _property_path(body, config.last_page, annotator) is not None
    )
    if not (shaped or forced):
        return None
    item_schema = items.get("items") if isinstance(items, dict) else None
    return Pagination(
        item_type=annotator.annotate(item_schema),
        page_param=SpecText(config.page_param),
        items_field=SpecText(config.items_field),
        current_page=tuple(SpecText(part) for part in config.current_page.split(".")),
        last_page=tuple(SpecText(part) for part in config.last_page.split(".")),
    )


def _property(schema: Any, name: str, annotator: Annotator) -> Any:
    schema = _follow(schema, annotator)
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if isinstance(properties, dict):
        return _follow(properties.get(name), annotator)
    for member in schema.get("allOf") or [] if isinstance(schema, dict) else []:
        found = _property(member, name, annotator)
        if found is not None:
            return found
    return None


def _property_path(schema: Any, path: str, annotator: Annotator) -> Any:
    node = schema
    for part in path.split("."):
        node = _property(node, part, annotator)
        if node is None:
            return None
    return node


def _follow(schema: Any, annotator: Annotator) -> Any:
    """A `$ref` (or a nullable `anyOf` around one) replaced by the named schema."""
    for _ in range(20):
        if not isinstance(schema, dict):
            return schema
        name = component_name(schema)
        if name is not None:
            schema = annotator.schema(name)
            continue
        branches = [
            b
            for b in schema.get("anyOf") or schema.get("oneOf") or []
            if not (isinstance(b, dict) and b.get("type") == "null")
        ]
        if len(branches) == 1:
            schema = branches[0]
            continue
        return schema
    return schema


def _is_array(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    kind = schema.get("type")
    return kind == "array" or (isinstance(kind, list) and "array" in kind)
