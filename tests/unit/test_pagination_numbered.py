"""Page numbers with no end marker (Netlify, Xero, Mux: an integer `?page=` and the items
alone): the shapes that page, read until an empty page, and the near misses that must not."""

from __future__ import annotations

from typing import Any

import pytest

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


def test_the_config_limits_or_forbids_page_numbers_alone() -> None:
    other_style = PaginationConfig(style="cursor")
    assert paging_of(numbers("page"), {}, response=answer(THINGS), config=other_style) is None
    excluded = PaginationConfig(exclude=("listThings",))
    assert paging_of(numbers("page"), {}, response=answer(THINGS), config=excluded) is None
    renamed = PaginationConfig(page_param="p")
    found = paging_of(numbers("p"), {}, response=answer(THINGS), config=renamed)
    assert described(found) == ("page", "p", "", None, None, None, None)
