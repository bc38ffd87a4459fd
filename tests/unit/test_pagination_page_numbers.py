"""Page numbers found where APIs keep them: the current and last page, or the next page's number
(Hetzner's `meta.pagination`), and handed to the runtime under the names it reads."""

from __future__ import annotations

from typing import Any

from generator.calls import pagination_literal
from generator.config import PaginationConfig

from .test_pagination import INTEGER, items, paging_of, query

NULLABLE_INTEGER = {"type": "integer", "nullable": True}


def _meta(**fields: Any) -> dict[str, Any]:
    pagination = {"type": "object", "properties": fields}
    return {"meta": {"type": "object", "properties": {"pagination": pagination}}}


def _paths(paging: Any) -> tuple[str, str, str]:
    return tuple(  # type: ignore[return-value]
        ".".join(part.unsafe_value for part in path)
        for path in (paging.current_page, paging.last_page, paging.next)
    )


def test_a_next_page_number_under_meta_pagination_pages() -> None:
    fields = _meta(
        page=INTEGER,
        per_page=INTEGER,
        previous_page=NULLABLE_INTEGER,
        next_page=NULLABLE_INTEGER,
        last_page=NULLABLE_INTEGER,
        total_entries=NULLABLE_INTEGER,
    )
    paging = paging_of(query("page", "per_page", "label_selector"), {**items("servers"), **fields})
    assert paging is not None and paging.style == "page"
    assert _paths(paging) == (
        "meta.pagination.page",
        "meta.pagination.last_page",
        "meta.pagination.next_page",
    )
    literal = pagination_literal(paging)
    assert "next_page=('meta', 'pagination', 'next_page')" in literal
    assert "next_link" not in literal


def test_a_next_page_number_alone_is_enough_and_snake_case_current_and_last_too() -> None:
    alone = paging_of(query("page"), {**items(), **_meta(next_page=NULLABLE_INTEGER)})
    assert alone is not None and _paths(alone) == ("", "", "meta.pagination.next_page")
    laravel = {"meta": {"type": "object", "properties": {"current_page": INTEGER}}}
    laravel["meta"]["properties"]["last_page"] = INTEGER
    paged = paging_of(query("page"), {**items("data"), **laravel})
    assert paged is not None and _paths(paged) == ("meta.current_page", "meta.last_page", "")


def test_a_page_param_with_only_a_current_page_or_a_next_page_object_does_not_page() -> None:
    current_only = _meta(page=INTEGER)
    assert paging_of(query("page"), {**items(), **current_only}) is None
    asana_like = {"next_page": {"type": "object", "properties": {"offset": {"type": "string"}}}}
    assert paging_of(query("page"), {**items(), **asana_like}) is None


def test_a_page_number_param_with_the_page_count_beside_it_pages() -> None:
    zoom = {"page_count": INTEGER, "page_number": INTEGER, "page_size": INTEGER}
    paging = paging_of(query("page_size", "page_number"), {**items("users"), **zoom})
    assert paging is not None and paging.style == "page"
    assert paging.page_param is not None and paging.page_param.unsafe_value == "page_number"
    assert _paths(paging) == ("page_number", "page_count", "")
    assert "page_param='page_number'" in pagination_literal(paging)


def test_a_top_level_page_and_total_pages_page() -> None:
    fields = {"page": INTEGER, "total_pages": INTEGER, "total_results": INTEGER}
    paging = paging_of(query("page"), {**items("results"), **fields})
    assert paging is not None and _paths(paging) == ("page", "total_pages", "")


def test_page_number_near_misses_do_not_page() -> None:
    no_count = {"page_number": INTEGER, "total_records": INTEGER}
    assert paging_of(query("page_number"), {**items("users"), **no_count}) is None
    zoom = {"page_count": INTEGER, "page_number": INTEGER}
    configured = PaginationConfig(page_param="page")
    assert paging_of(query("page_number"), {**items(), **zoom}, config=configured) is None


def test_a_top_level_page_beside_a_count_of_pages_ends_at_the_last() -> None:
    """Linode: `{"data": [...], "page": 1, "pages": 3, "results": 300}`. Paged until an empty
    page instead, every list cost one request more, against an API that may answer a page past
    the end with the last one again."""
    linode = {"page": INTEGER, "pages": INTEGER, "results": INTEGER}
    paging = paging_of(query("page", "page_size"), {**items("data"), **linode})
    assert paging is not None and paging.style == "page"
    assert _paths(paging) == ("page", "pages", "")
    counted = {"current_page": INTEGER, "total_pages": INTEGER}
    paged = paging_of(query("page"), {**items("data"), **counted})
    assert paged is not None and _paths(paged) == ("current_page", "total_pages", "")


def test_a_page_param_with_a_flag_that_another_page_follows_pages() -> None:
    """Immich's `GET /people?page=&size=` answers `{people, total, hidden, hasNextPage}`."""
    immich = {**items("people"), "hasNextPage": {"type": "boolean"}, "total": INTEGER}
    number = {"name": "page", "in": "query", "schema": {"type": "number", "minimum": 1}}
    paging = paging_of([number, *query("size")], immich)
    assert paging is not None and paging.style == "page"
    assert [part.unsafe_value for part in paging.has_more] == ["hasNextPage"]
    literal = pagination_literal(paging)
    assert literal == (
        "PageNumberPagination(page_param='page', items_field='people', has_more=('hasNextPage',))"
    )


def test_a_more_flag_beside_a_cursor_param_pages_by_the_cursor_not_by_numbers() -> None:
    flagged = {**items("people"), "hasNextPage": {"type": "boolean"}}
    paging = paging_of(query("page", "page_token"), flagged)
    assert paging is not None and paging.style == "cursor"
    assert paging.page_param is not None and paging.page_param.unsafe_value == "page_token"
    assert [part.unsafe_value for part in paging.has_more] == ["hasNextPage"]
