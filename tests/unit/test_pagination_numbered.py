"""Lists with no end marker: page numbers (Netlify, Xero, Mux: an integer `?page=` and the
items alone) and offsets beside a page size (Keycloak's `first` and `max`): the shapes that
page, read until an empty page, and the near misses that must not."""

from __future__ import annotations

from typing import Any

import pytest

from generator.calls import pagination_literal
from generator.config import PaginationConfig

from .test_pagination import INTEGER, STRING, described, items, paging_of, query
from .test_pagination_link_header import LINK, LINK_HEADER, THINGS, answer


def numbers(*names: str) -> list[dict[str, Any]]:
    return [{"name": name, "in": "query", "schema": INTEGER} for name in names]


NUMBERED = ("page", "page", "", None, None, None, None)
HOLDER = {"type": "object", "properties": {**items("sites"), "status": STRING}}


@pytest.mark.parametrize(
    ("parameters", "response", "expected"),
    [
        pytest.param(numbers("page", "per_page"), answer(THINGS), NUMBERED, id="an array"),
        pytest.param(
            [*numbers("page"), *query("filter")], answer(THINGS), NUMBERED, id="page alone"
        ),
        pytest.param(
            numbers("page", "limit"),
            answer(HOLDER),
            ("page", "page", "sites", None, None, None, None),
            id="an object holding the only array",
        ),
        pytest.param(
            [
                {"name": name, "in": "query", "schema": {"type": "number"}}
                for name in ("page", "limit")
            ],
            answer(THINGS),
            NUMBERED,
            id="typed number (Deepgram, Immich)",
        ),
        pytest.param(
            numbers("page", "per_page"),
            answer(THINGS, {"Link": LINK}),
            LINK_HEADER,
            id="a declared Link header is read first (GitHub)",
        ),
    ],
)
def test_page_numbers_alone_page_until_an_empty_page(
    parameters: list[dict[str, Any]], response: dict[str, Any], expected: tuple[Any, ...]
) -> None:
    found = paging_of(parameters, {}, response=response)
    assert described(found) == expected
    assert found is not None and not (found.current_page or found.last_page)


@pytest.mark.parametrize(
    ("parameters", "response", "method"),
    [
        pytest.param(query("page"), answer(THINGS), "get", id="a page that is text (a name)"),
        pytest.param(numbers("page"), answer(THINGS), "post", id="a POST"),
        pytest.param(numbers("offset"), answer(THINGS), "get", id="an offset with no end"),
        pytest.param(
            numbers("page"),
            answer({"type": "object", "properties": {"count": INTEGER}}),
            "get",
            id="no items",
        ),
        pytest.param(
            numbers("page"),
            answer({"type": "object", "properties": {**items("a"), **items("b")}}),
            "get",
            id="two arrays, neither the usual name",
        ),
    ],
)
def test_near_misses_of_page_numbers_alone_do_not_page(
    parameters: list[dict[str, Any]], response: dict[str, Any], method: str
) -> None:
    assert paging_of(parameters, {}, method=method, response=response) is None


@pytest.mark.parametrize(
    "parameters",
    [
        pytest.param(
            [*numbers("per_page", "page", "page_size"), *query("page_token")],
            id="a deprecated page beside a page token (Kratos)",
        ),
        pytest.param([*numbers("first", "max"), *query("cursor")], id="an offset beside a cursor"),
    ],
)
def test_numbers_beside_a_cursor_parameter_do_not_page_until_an_empty_page(
    parameters: list[dict[str, Any]],
) -> None:
    """The API pages by a token it hands out where the spec does not say; its numbers need not
    run in sequence, so the client must not count them up."""
    assert paging_of(parameters, {}, response=answer(THINGS)) is None
    declared = paging_of(parameters, {}, response=answer(THINGS, {"Link": LINK}))
    assert described(declared) == LINK_HEADER


def test_the_config_limits_or_forbids_page_numbers_alone() -> None:
    other_style = PaginationConfig(style="cursor")
    assert paging_of(numbers("page"), {}, response=answer(THINGS), config=other_style) is None
    excluded = PaginationConfig(exclude=("listThings",))
    assert paging_of(numbers("page"), {}, response=answer(THINGS), config=excluded) is None
    renamed = PaginationConfig(page_param="p")
    found = paging_of(numbers("p"), {}, response=answer(THINGS), config=renamed)
    assert described(found) == ("page", "p", "", None, None, None, None)


def offset(name: str) -> tuple[Any, ...]:
    return ("offset", name, "", None, None, None, None)


@pytest.mark.parametrize(
    ("parameters", "response", "expected"),
    [
        pytest.param(numbers("first", "max"), answer(THINGS), offset("first"), id="Keycloak"),
        pytest.param(numbers("skip", "take"), answer(THINGS), offset("skip"), id="skip and take"),
        pytest.param(
            [*numbers("offset", "limit"), *query("q")],
            answer(HOLDER),
            ("offset", "offset", "sites", None, None, None, None),
            id="an object holding the only array",
        ),
        pytest.param(
            numbers("start", "limit"),
            answer(THINGS, {"Link": LINK}),
            LINK_HEADER,
            id="a declared Link header is read first",
        ),
        pytest.param(
            numbers("page", "offset", "limit"), answer(THINGS), NUMBERED, id="a page number first"
        ),
    ],
)
def test_an_offset_beside_a_page_size_pages_until_an_empty_page(
    parameters: list[dict[str, Any]], response: dict[str, Any], expected: tuple[Any, ...]
) -> None:
    assert described(paging_of(parameters, {}, response=response)) == expected


@pytest.mark.parametrize(
    ("parameters", "method"),
    [
        pytest.param(numbers("first"), "get", id="an offset alone"),
        pytest.param([*numbers("max"), *query("first")], "get", id="an offset that is text"),
        pytest.param(numbers("first", "max"), "post", id="a POST"),
        pytest.param(numbers("limit", "count"), "get", id="sizes and no offset"),
    ],
)
def test_near_misses_of_an_offset_beside_a_page_size_do_not_page(
    parameters: list[dict[str, Any]], method: str
) -> None:
    assert paging_of(parameters, {}, method=method, response=answer(THINGS)) is None


def test_an_offset_with_a_total_under_jiras_name_pages_to_the_total() -> None:
    body = {"type": "object", "properties": {**items("values"), "total": INTEGER}}
    found = paging_of(numbers("startAt", "maxResults"), {}, response=answer(body))
    assert described(found) == ("offset", "startAt", "values", "total", None, None, None)


def test_the_config_limits_or_renames_the_offset_beside_a_page_size() -> None:
    keycloak = numbers("first", "max")
    pages = PaginationConfig(style="page")
    assert paging_of(keycloak, {}, response=answer(THINGS), config=pages) is None
    renamed = PaginationConfig(offset_param="from")
    found = paging_of(numbers("from", "max"), {}, response=answer(THINGS), config=renamed)
    assert described(found) == offset("from")


@pytest.mark.parametrize(
    ("page", "first"),
    [
        pytest.param({"type": "integer", "default": 0}, 0, id="default 0 (Mistral)"),
        pytest.param({"type": "integer", "minimum": 0}, 0, id="minimum 0"),
        pytest.param({"type": "integer", "default": 1, "minimum": 0}, 1, id="default 1"),
        pytest.param({"type": "integer", "default": False}, 1, id="a boolean is no number"),
        pytest.param(INTEGER, 1, id="unsaid"),
        pytest.param({"type": "number", "minimum": 0.0}, 0, id="a number, minimum 0"),
    ],
)
def test_pages_count_from_where_the_page_parameter_says(page: dict[str, Any], first: int) -> None:
    """Mistral's `GET /v1/files?page=` defaults to 0: the page after the first is page 1, and
    asking for page 2 (counting from 1) skipped a whole page of files."""
    parameters = [{"name": "page", "in": "query", "schema": page}, *numbers("page_size")]
    found = paging_of(parameters, {**items("data"), "total": INTEGER})
    assert found is not None and (found.style, found.first_page) == ("page", first)
    assert ("first_page=0" in pagination_literal(found)) == (first == 0)
