"""Which list operations page, and in which style: each style found from a spec's shape, and
the near misses that must not page (a wrong guess changes a method's return type)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.analyze import analyze
from generator.config import PaginationConfig, default_config
from generator.ir import Pagination

ITEM = {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}


def query(*names: str) -> list[dict[str, Any]]:
    return [{"name": name, "in": "query", "schema": {"type": "string"}} for name in names]


def paging_of(
    parameters: list[dict[str, Any]],
    properties: dict[str, Any],
    *,
    method: str = "get",
    config: PaginationConfig | None = None,
    response: dict[str, Any] | None = None,
    responses: dict[str, Any] | None = None,
    extra_responses: dict[str, Any] | None = None,
) -> Pagination | None:
    """The pagination detected for one operation answering an object of ``properties`` (or
    ``response``), beside ``extra_responses``; ``responses`` are the shared ones."""
    schema = {"type": "object", "properties": properties}
    answer = response or {"description": "ok", "content": {"application/json": {"schema": schema}}}
    document: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/things": {
                method: {
                    "operationId": "listThings",
                    "parameters": parameters,
                    "responses": {"200": answer, **(extra_responses or {})},
                }
            }
        },
        "components": {
            "schemas": {"Thing": ITEM},
            "responses": responses or {},
            "headers": {"Link": {"schema": {"type": "string"}}},
        },
    }
    api_config = default_config("Demo", "demo.json")
    if config is not None:
        api_config = api_config.model_copy(update={"pagination": config})
    (operation,) = analyze(document, api_config).operations
    return operation.pagination


def items(name: str = "items") -> dict[str, Any]:
    return {name: {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}


def described(paging: Pagination | None) -> tuple[Any, ...] | None:
    if paging is None:
        return None
    paths = (paging.total, paging.has_more, paging.next)
    return (
        paging.style,
        None if paging.page_param is None else paging.page_param.unsafe_value,
        ".".join(part.unsafe_value for part in paging.items_path),
        *(".".join(part.unsafe_value for part in path) or None for path in paths),
        None if paging.item_cursor is None else paging.item_cursor.unsafe_value,
    )


STRING = {"type": "string"}
NULLABLE_STRING = {"type": "string", "nullable": True}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
HAL_LINKS = {
    "_links": {
        "type": "object",
        "properties": {"next": {"type": "object", "properties": {"href": STRING}}},
    }
}


@pytest.mark.parametrize(
    ("parameters", "properties", "expected"),
    [
        pytest.param(
            query("offset", "limit"),
            {**items(), "total": INTEGER, "next": NULLABLE_STRING},
            ("offset", "offset", "items", "total", None, "next", None),
            id="offset-spotify",
        ),
        pytest.param(
            query("offset", "limit"),
            {**items("incidents"), "more": BOOLEAN, "limit": INTEGER},
            ("offset", "offset", "incidents", None, "more", None, None),
            id="offset-pagerduty-resource-named-list",
        ),
        pytest.param(
            query("offset", "limit"),
            {
                **items("entries"),
                "order": {"type": "array", "items": {"type": "object"}},
                "total_count": INTEGER,
            },
            ("offset", "offset", "entries", "total_count", None, None, None),
            id="offset-box-entries-beside-another-array",
        ),
        pytest.param(
            query("offset", "count"),
            {**items("Domains"), "TotalCount": INTEGER},
            ("offset", "offset", "Domains", "TotalCount", None, None, None),
            id="offset-pascal-case-total",
        ),
        pytest.param(
            query("cursor", "limit"),
            {**items("data"), "next_cursor": NULLABLE_STRING},
            ("cursor", "cursor", "data", None, None, "next_cursor", None),
            id="cursor-next-cursor",
        ),
        pytest.param(
            query("pageToken"),
            {**items("results"), "nextPageToken": STRING},
            ("cursor", "pageToken", "results", None, None, "nextPageToken", None),
            id="cursor-google",
        ),
        pytest.param(
            query("pagination_token", "max_results"),
            {
                **items("data"),
                "meta": {
                    "type": "object",
                    "properties": {"next_token": STRING, "result_count": INTEGER},
                },
            },
            ("cursor", "pagination_token", "data", None, None, "meta.next_token", None),
            id="cursor-twitter-token-under-meta",
        ),
        pytest.param(
            query("after", "before"),
            {
                **items(),
                "page": {
                    "type": "object",
                    "properties": {
                        "endCursor": {"type": ["string", "null"]},
                        "hasNextPage": BOOLEAN,
                    },
                },
            },
            ("cursor", "after", "items", None, "page.hasNextPage", "page.endCursor", None),
            id="cursor-relay-end-cursor",
        ),
        pytest.param(
            query("after", "limit"),
            {
                **items("results"),
                "paging": {
                    "type": "object",
                    "properties": {
                        "next": {
                            "type": "object",
                            "required": ["after"],
                            "properties": {"after": STRING, "link": STRING},
                        }
                    },
                },
            },
            ("cursor", "after", "results", None, None, "paging.next.after", None),
            id="cursor-hubspot-paging-next-after",
        ),
        pytest.param(
            query("starting_after", "limit"),
            {**items("data"), "has_more": BOOLEAN},
            ("cursor", "starting_after", "data", None, "has_more", None, "id"),
            id="cursor-stripe-last-id",
        ),
        pytest.param(
            query("after", "per_page"),
            {
                **items("data"),
                "meta": {
                    "type": "object",
                    "properties": {
                        "pagination": {
                            "type": "object",
                            "properties": {
                                "per_page": INTEGER,
                                "next": {"type": "string", "format": "uri"},
                                "has_more": BOOLEAN,
                            },
                        }
                    },
                },
            },
            ("cursor", "after", "data", None, "meta.pagination.has_more", None, "id"),
            id="cursor-paddle-last-id-with-meta-pagination-has-more",
        ),
        pytest.param(
            query("limit"),
            {**items("data"), "links": {"type": "object", "properties": {"next": STRING}}},
            ("next_link", None, "data", None, None, "links.next", None),
            id="next-link",
        ),
        pytest.param(
            query("per_page"),
            {
                **items(),
                "_links": {
                    "type": "object",
                    "properties": {"next": {"type": "object", "properties": {"href": STRING}}},
                },
            },
            ("next_link", None, "items", None, None, "_links.next.href", None),
            id="next-link-hal",
        ),
        pytest.param(
            query("PageSize", "Page", "PageToken"),
            {
                **items("sinks"),
                "meta": {
                    "type": "object",
                    "properties": {"next_page_url": NULLABLE_STRING, "page_size": INTEGER},
                },
            },
            ("next_link", None, "sinks", None, None, "meta.next_page_url", None),
            id="next-link-twilio-meta",
        ),
        pytest.param(
            query("limit", "before", "after"),
            {**items("data"), "next_url": NULLABLE_STRING, "previous_url": NULLABLE_STRING},
            ("next_link", None, "data", None, None, "next_url", None),
            id="next-link-lob-next-url",
        ),
        pytest.param(
            query("page", "per_page"),
            {**items("data"), "next_page_url": NULLABLE_STRING, "current_page": INTEGER},
            ("next_link", None, "data", None, None, "next_page_url", None),
            id="next-link-laravel-next-page-url",
        ),
        pytest.param(
            query("page[offset]", "page[limit]"),
            {
                **items("data"),
                "meta": {
                    "type": "object",
                    "properties": {
                        "count": INTEGER,
                        "links": {"type": "object", "properties": {"next": STRING}},
                    },
                },
            },
            ("offset", "page[offset]", "data", None, None, "meta.links.next", None),
            id="offset-json-api-brackets-meta-links",
        ),
        pytest.param(
            query("page", "page_size"),
            {"_embedded": {"type": "object", "properties": items("applications")}, **HAL_LINKS},
            ("next_link", None, "_embedded.applications", None, None, "_links.next.href", None),
            id="next-link-hal-embedded-list",
        ),
        pytest.param(
            query("offset", "limit"),
            {
                **items("data"),
                "next_page": {
                    "type": "object",
                    "nullable": True,
                    "properties": {"offset": STRING, "path": STRING, "uri": STRING},
                },
            },
            ("cursor", "offset", "data", None, None, "next_page.offset", None),
            id="cursor-asana-offset-token-in-next-page",
        ),
        pytest.param(
            query("cursor", "limit"),
            {
                **items("data"),
                "meta": {
                    "type": "object",
                    "properties": {
                        "cursors": {"type": "object", "properties": {"next": STRING}},
                    },
                },
                "links": {"type": "object", "properties": {"next": STRING}},
            },
            ("cursor", "cursor", "data", None, None, "meta.cursors.next", None),
            id="cursor-apideck-beside-a-next-link-to-the-api-host",
        ),
        pytest.param(
            query("limit", "iterator"),
            {**items("data"), "iterator": NULLABLE_STRING, "done": BOOLEAN},
            ("cursor", "iterator", "data", None, None, "iterator", None),
            id="cursor-svix-iterator-given-back-under-its-own-name",
        ),
    ],
)
def test_each_style_is_found_from_the_shape(
    parameters: list[dict[str, Any]], properties: dict[str, Any], expected: tuple[Any, ...]
) -> None:
    assert described(paging_of(parameters, properties)) == expected


@pytest.mark.parametrize(
    ("parameters", "properties"),
    [
        pytest.param(query("limit"), {**items(), "total": INTEGER}, id="offset-without-offset"),
        pytest.param(query("offset"), {**items(), "count": INTEGER}, id="offset-without-end"),
        pytest.param(query("offset"), {"items": ITEM, "total": INTEGER}, id="items-not-array"),
        pytest.param(query("offset"), {**items(), "total": STRING}, id="total-not-integer"),
        pytest.param(
            [{"name": "offset", "in": "header", "schema": INTEGER}],
            {**items(), "total": INTEGER},
            id="offset-in-a-header",
        ),
        pytest.param(query("cursor"), {**items("data")}, id="cursor-without-next-cursor"),
        pytest.param(
            query("cursor"), {**items("data"), "next_cursor": ITEM}, id="next-cursor-an-object"
        ),
        pytest.param(
            query("starting_after"),
            {"data": {"type": "array", "items": {"type": "string"}}, "has_more": BOOLEAN},
            id="has-more-but-items-have-no-id",
        ),
        pytest.param(query("q"), {**items(), "next": STRING}, id="next-link-without-paging-param"),
        pytest.param(query("limit"), {**items(), "next": INTEGER}, id="next-link-not-a-string"),
        pytest.param(query("limit"), {"thing": ITEM, "next": STRING}, id="next-link-without-items"),
        pytest.param(
            query("offset"),
            {**items("a"), **items("b"), "total": INTEGER},
            id="two-arrays-none-the-usual-name",
        ),
        pytest.param(
            query("page"),
            {**items("data"), "meta": {"type": "object", "properties": {"currentPage": INTEGER}}},
            id="page-without-last-page",
        ),
        pytest.param(
            query("page"),
            {"_embedded": {"type": "object", "properties": {**items("a"), **items("b")}}},
            id="hal-two-embedded-lists",
        ),
        pytest.param(
            query("page"),
            {"_embedded": {"type": "object", "properties": items("applications")}},
            id="hal-embedded-list-without-next-link",
        ),
        pytest.param(
            query("page"),
            {"embedded": {"type": "object", "properties": items("applications")}, **HAL_LINKS},
            id="a-list-nested-elsewhere-than-embedded",
        ),
        pytest.param(
            query("offset"),
            {**items("data"), "next_page": {"type": "object", "properties": {"offset": INTEGER}}},
            id="next-page-offset-not-a-token",
        ),
        pytest.param(
            query("limit"),
            {**items("data"), "next_page": {"type": "object", "properties": {"offset": STRING}}},
            id="next-page-offset-never-sent",
        ),
    ],
)
def test_a_near_miss_does_not_page(
    parameters: list[dict[str, Any]], properties: dict[str, Any]
) -> None:
    assert paging_of(parameters, properties) is None


def test_only_a_get_pages_unless_the_config_includes_it() -> None:
    properties = {**items(), "total": INTEGER}
    assert paging_of(query("offset"), properties, method="post") is None
    forced = PaginationConfig(include=("listThings",), style="offset")
    paging = paging_of(query("offset"), properties, method="post", config=forced)
    assert described(paging) == ("offset", "offset", "items", "total", None, None, None)


def test_an_included_operation_without_the_shape_takes_the_configured_names() -> None:
    forced = PaginationConfig(
        include=("GET /things",), style="cursor", cursor_param="pos", next_cursor="meta.pos"
    )
    paging = paging_of(query("q"), {"entries": ITEM}, config=forced)
    assert described(paging) == ("cursor", "pos", "data", None, None, "meta.pos", None)
    assert paging_of(query("q"), {"entries": ITEM}) is None


def test_a_response_given_by_ref_is_read_where_it_is_defined() -> None:
    schema = {"type": "object", "properties": {**items(), "total": INTEGER}}
    shared = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    paging = paging_of(
        query("offset"),
        {},
        response={"$ref": "#/components/responses/Things"},
        responses={"Things": shared},
    )
    assert described(paging) == ("offset", "offset", "items", "total", None, None, None)


def test_the_config_names_the_fields_and_limits_the_style() -> None:
    properties = {
        **items("entries"),
        "meta": {"type": "object", "properties": {"pos": STRING}},
        "total": INTEGER,
    }
    parameters = query("pos", "offset")
    named = PaginationConfig(cursor_param="pos", next_cursor="meta.pos", items_field="entries")
    assert described(paging_of(parameters, properties, config=named)) == (
        "offset",
        "offset",
        "entries",
        "total",
        None,
        None,
        None,
    )  # offset comes before cursor when both match
    only_cursor = named.model_copy(update={"style": "cursor"})
    assert described(paging_of(parameters, properties, config=only_cursor)) == (
        "cursor",
        "pos",
        "entries",
        None,
        None,
        "meta.pos",
        None,
    )
    only_links = named.model_copy(update={"style": "next_link"})
    assert paging_of(parameters, properties, config=only_links) is None


def test_exclude_wins_over_a_matching_shape() -> None:
    properties = {**items(), "total": INTEGER}
    config = PaginationConfig(exclude=("GET /things",))
    assert paging_of(query("offset"), properties, config=config) is None


def test_a_done_flag_beside_a_cursor_marks_the_last_page() -> None:
    """Svix's last page still gives an `iterator`: `done` is what says the list has ended."""
    properties = {
        **items("data"),
        "iterator": NULLABLE_STRING,
        "prevIterator": NULLABLE_STRING,
        "done": BOOLEAN,
    }
    paging = paging_of(query("limit", "iterator"), properties)
    assert paging is not None
    assert [part.unsafe_value for part in paging.done] == ["done"]


@pytest.mark.parametrize(
    "properties",
    [
        pytest.param({"done": STRING}, id="done-not-a-boolean"),
        pytest.param({"done": BOOLEAN, "has_more": BOOLEAN}, id="has-more-says-it-already"),
    ],
)
def test_a_done_flag_is_taken_only_as_a_boolean_and_where_has_more_is_absent(
    properties: dict[str, Any],
) -> None:
    paging = paging_of(query("cursor"), {**items("data"), "next_cursor": STRING, **properties})
    assert paging is not None
    assert paging.done == ()


def test_an_errors_array_beside_the_items_leaves_them_the_only_array() -> None:
    """Square's lists answer `customers` (or `transactions`, `refunds`) beside the `errors` array
    every body holds, and the next `cursor`: one list, paged by the cursor it hands out."""
    error = {"type": "object", "properties": {"code": STRING}}
    properties = {
        "errors": {"type": "array", "items": error},
        **items("customers"),
        "cursor": STRING,
    }
    assert described(paging_of(query("cursor"), properties)) == (
        "cursor",
        "cursor",
        "customers",
        None,
        None,
        "cursor",
        None,
    )
