"""The operations of the Stripe-shaped spec (see `stripe_shaped`): which ones each resource has,
their parameters, form-encoded bodies and responses.

Every resource gets list, create, retrieve and update, two in five a delete; the rest of the
operation budget goes, resource by resource, to what the real spec spends it on: actions
(`POST .../{id}/cancel`), search, and collections nested under a resource
(`/v1/customers/{customer}/tax_ids/{id}`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .stripe_shaped import _Builder


def words(text: str) -> tuple[str, ...]:
    """The words of a space-separated list (long vocabularies read better as prose)."""
    return tuple(text.split())


_MAX = {"maxLength": 5000, "type": "string"}
_UNSET = {"enum": [""], "type": "string"}
_DEEP = {"explode": True, "style": "deepObject"}
# Titles of inline request objects repeat across operations, as in the real spec.
_PARAM_TITLES = words(
    "address_specs billing_details_inner_params recurring_adhoc data_params "
    "spending_controls_param shipping_specs tax_param transfer_data_specs item_params "
    "payment_method_options_param rendering_options_param threshold_params"
)
_EXTRAS = ("action", "search", "nested")
_ACTIONS = words("cancel capture confirm finalize void pay approve close reopen verify")
_CATEGORY_WORDS = words(
    "auto air book cable car child clothing computer dental drug electric equipment fast "
    "floor fuel furniture gift glass golf grocery hardware health home hotel insurance "
    "jewelry laundry legal medical motor music news office paint pet photo record religious "
    "shoe sporting stationery tax telecom tire travel truck utility video wholesale"
)


def plan_operations(builder: _Builder, total: int) -> Iterator[tuple[str, str, Any, str]]:
    """(path, method, operation, owning schema) for `total` operations."""
    planned: list[tuple[str, str, Any, str]] = []
    for name in builder.names:
        planned += _crud(builder, name)
    extra = 0
    while len(planned) < total:
        name = builder.names[extra % len(builder.names)]
        kind = _EXTRAS[(extra // len(builder.names) + extra) % len(_EXTRAS)]
        planned += _extra(builder, name, kind, extra)
        extra += 1
    yield from planned[:total]


def _segment(name: str) -> str:
    return name.replace(".", "/") + "s"


def _variable(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _operation_id(method: str, path: str) -> str:
    parts = [p.strip("{}") for p in path.split("/")[2:]]
    return method.capitalize() + "".join(
        "".join(word.capitalize() for word in part.split("_")) for part in parts
    )


def _crud(builder: _Builder, name: str) -> list[tuple[str, str, Any, str]]:
    collection = f"/v1/{_segment(name)}"
    item = f"{collection}/{{{_variable(name)}}}"
    item_params = [_path_param(builder, _variable(name))]
    planned = [
        (collection, "get", _list(builder, collection, name, []), name),
        (collection, "post", _post(builder, collection, name, [], create=True), name),
        (item, "get", _retrieve(builder, item, name, item_params), name),
        (item, "post", _post(builder, item, name, item_params, create=False), name),
    ]
    if name in builder.deletable:
        planned.append((item, "delete", _delete(builder, item, name, item_params), name))
    return planned


def _extra(builder: _Builder, name: str, kind: str, index: int) -> list[tuple[str, str, Any, str]]:
    collection = f"/v1/{_segment(name)}"
    item_params = [_path_param(builder, _variable(name))]
    item = f"{collection}/{{{_variable(name)}}}"
    if kind == "search":
        path = f"{collection}/search"
        return [(path, "get", _search(builder, path, name), name)]
    if kind == "action":
        path = f"{item}/{_ACTIONS[index % len(_ACTIONS)]}"
        return [(path, "post", _post(builder, path, name, item_params, create=False), name)]
    child = builder.other(name)
    nested = f"{item}/{_segment(_variable(child))}"
    nested_item = f"{nested}/{{id}}"
    both = [*item_params, _path_param(builder, "id")]
    return [
        (nested, "get", _list(builder, nested, child, item_params), child),
        (nested, "post", _post(builder, nested, child, item_params, create=True), child),
        (nested_item, "get", _retrieve(builder, nested_item, child, both), child),
    ]


def _path_param(builder: _Builder, name: str) -> dict[str, Any]:
    return {"in": "path", "name": name, "required": True, "schema": dict(_MAX), "style": "simple"}


def _query(builder: _Builder, name: str, schema: dict[str, Any], deep: bool) -> dict[str, Any]:
    style = _DEEP if deep else {"style": "form"}
    return {
        "description": builder.text(1),
        "in": "query",
        "name": name,
        "required": False,
        "schema": schema,
        **style,
    }


def _expand(builder: _Builder) -> dict[str, Any]:
    return _query(builder, "expand", {"items": dict(_MAX), "type": "array"}, deep=True)


def _base(builder: _Builder, method: str, path: str, parameters: list[Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "description": builder.html(builder.rng.randint(1, 2)),
        "operationId": _operation_id(method, path),
    }
    if parameters:
        operation["parameters"] = parameters
    return operation


def _empty_body() -> dict[str, Any]:
    schema = {"additionalProperties": False, "properties": {}, "type": "object"}
    form = {"encoding": {}, "schema": schema}
    return {"content": {"application/x-www-form-urlencoded": form}, "required": False}


def _responses(schema: dict[str, Any]) -> dict[str, Any]:
    error = {"$ref": "#/components/schemas/error"}
    return {
        "200": {
            "content": {"application/json": {"schema": schema}},
            "description": "Successful response.",
        },
        "default": {
            "content": {"application/json": {"schema": error}},
            "description": "Error response.",
        },
    }


def _list(builder: _Builder, path: str, name: str, params: list[Any]) -> dict[str, Any]:
    created = {
        "anyOf": [
            {
                "properties": {k: {"type": "integer"} for k in ("gt", "gte", "lt", "lte")},
                "title": "range_query_specs",
                "type": "object",
            },
            {"type": "integer"},
        ]
    }
    parameters = [
        *params,
        _query(builder, "created", created, deep=True),
        _query(builder, "ending_before", dict(_MAX), deep=False),
        _expand(builder),
        _query(builder, "limit", {"type": "integer"}, deep=False),
        _query(builder, "starting_after", dict(_MAX), deep=False),
    ]
    if builder.rng.random() < 0.5:
        parameters.append(_query(builder, "status", builder.enum(4), deep=False))
    operation = _base(builder, "get", path, parameters)
    envelope = builder.list_envelope({"$ref": f"#/components/schemas/{name}"}, path)
    envelope["properties"]["url"]["pattern"] = "^" + path.split("{")[0]
    operation["requestBody"] = _empty_body()
    operation["responses"] = _responses(envelope)
    return operation


def _search(builder: _Builder, path: str, name: str) -> dict[str, Any]:
    parameters = [
        _expand(builder),
        _query(builder, "limit", {"type": "integer"}, deep=False),
        _query(builder, "page", dict(_MAX), deep=False),
        {**_query(builder, "query", dict(_MAX), deep=False), "required": True},
    ]
    operation = _base(builder, "get", path, parameters)
    envelope = builder.list_envelope({"$ref": f"#/components/schemas/{name}"}, path)
    envelope["properties"]["object"]["enum"] = ["search_result"]
    envelope["properties"]["next_page"] = {**_MAX, "nullable": True}
    envelope["properties"]["total_count"] = {"type": "integer", "description": builder.text(1)}
    envelope["title"] = "SearchResult"
    operation["requestBody"] = _empty_body()
    operation["responses"] = _responses(envelope)
    return operation


def _retrieve(builder: _Builder, path: str, name: str, params: list[Any]) -> dict[str, Any]:
    operation = _base(builder, "get", path, [*params, _expand(builder)])
    operation["requestBody"] = _empty_body()
    operation["responses"] = _responses({"$ref": f"#/components/schemas/{name}"})
    return operation


def _delete(builder: _Builder, path: str, name: str, params: list[Any]) -> dict[str, Any]:
    operation = _base(builder, "delete", path, params)
    operation["requestBody"] = _empty_body()
    operation["responses"] = _responses({"$ref": f"#/components/schemas/deleted_{name}"})
    return operation


def _post(
    builder: _Builder, path: str, name: str, params: list[Any], *, create: bool
) -> dict[str, Any]:
    rng = builder.rng
    properties: dict[str, Any] = builder.scalars(rng.randint(3, 7))
    properties["expand"] = {
        "description": "Specifies which fields in the response should be expanded.",
        "items": dict(_MAX),
        "type": "array",
    }
    properties["metadata"] = {
        "anyOf": [{"additionalProperties": {"type": "string"}, "type": "object"}, dict(_UNSET)],
        "description": builder.text(2),
    }
    for _ in range(rng.randint(1, 2)):
        field = f"{rng.choice(_PARAM_TITLES).split('_')[0]}_{rng.choice(('data', 'options'))}"
        nested = _inline(builder, rng.randint(2, 4))
        properties[field] = nested if create else {"anyOf": [nested, dict(_UNSET)]}
    if rng.random() < 0.25:
        properties["items"] = {
            "description": builder.text(1),
            "items": _inline(builder, 2),
            "type": "array",
        }
    if rng.random() < 0.03:
        properties["spending_controls"] = _categories(builder)
    schema: dict[str, Any] = {
        "additionalProperties": False,
        "properties": properties,
        "type": "object",
    }
    required = [k for k, v in properties.items() if create and "anyOf" not in v][:2]
    if required:
        schema["required"] = required
    encoding = {
        k: dict(_DEEP)
        for k, v in properties.items()
        if v.get("type") in ("object", "array") or "anyOf" in v
    }
    form = {"encoding": encoding, "schema": schema}
    operation = _base(builder, "post", path, params)
    operation["requestBody"] = {
        "content": {"application/x-www-form-urlencoded": form},
        "required": bool(required),
    }
    operation["responses"] = _responses({"$ref": f"#/components/schemas/{name}"})
    return operation


def _inline(builder: _Builder, depth: int) -> dict[str, Any]:
    """An inline request object nested `depth` levels, titled from a small repeating pool."""
    rng = builder.rng
    properties = builder.scalars(rng.randint(2, 4), described=False)
    if depth > 1:
        child = rng.choice(_PARAM_TITLES).removesuffix("_params").removesuffix("_specs")
        properties[child] = _inline(builder, depth - 1)
        if rng.random() < 0.15:
            properties[f"{child}_list"] = {"items": _inline(builder, depth - 1), "type": "array"}
    schema: dict[str, Any] = {
        "properties": properties,
        "title": rng.choice(_PARAM_TITLES),
        "type": "object",
    }
    required = sorted(properties)[:1] if rng.random() < 0.4 else []
    if required:
        schema["required"] = required
    return schema


def _categories(builder: _Builder) -> dict[str, Any]:
    """Spending controls with merchant-category enums of a few hundred values, repeated in
    two places as the real spec repeats them."""
    values = sorted({f"{a}_{b}_services" for a in _CATEGORY_WORDS for b in _CATEGORY_WORDS[::7]})
    categories = {"items": {"enum": values, "type": "string"}, "type": "array"}
    return {
        "description": builder.text(2),
        "properties": {
            "allowed_categories": categories,
            "blocked_categories": dict(categories),
            "spending_limits": {
                "items": {
                    "properties": {"amount": {"type": "integer"}, "categories": categories},
                    "required": ["amount"],
                    "title": "spending_limits_param",
                    "type": "object",
                },
                "type": "array",
            },
        },
        "title": "authorization_controls_param",
        "type": "object",
    }
