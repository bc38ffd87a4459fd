"""A next link nested under `links.pages`, whose schema is a union of the link pairs a page
carries (DigitalOcean: `anyOf` of `{last, next}` and `{first, prev}`): the list must page."""

from __future__ import annotations

from typing import Any

from tests.unit.test_pagination import described, items, paging_of

PER_PAGE = [
    {"name": "per_page", "in": "query", "schema": {"type": "integer"}},
    {"name": "page", "in": "query", "schema": {"type": "integer"}},
]


def _pair(*names: str) -> dict[str, Any]:
    return {"allOf": [{"type": "object", "properties": {n: {"type": "string"}}} for n in names]}


def _links(pages: dict[str, Any]) -> dict[str, Any]:
    return {"links": {"type": "object", "properties": {"pages": pages}}}


def test_a_next_link_in_an_anyof_branch_pages() -> None:
    pages = {"anyOf": [_pair("last", "next"), _pair("first", "prev"), {}]}
    paging = paging_of(PER_PAGE, {**items("droplets"), **_links(pages)})
    assert described(paging) == (
        "next_link",
        None,
        "droplets",
        None,
        None,
        "links.pages.next",
        None,
    )


def test_a_next_link_in_a_oneof_branch_pages() -> None:
    pages = {"oneOf": [{"type": "object", "properties": {"next": {"type": "string"}}}, {}]}
    paging = paging_of(PER_PAGE, {**items("volumes"), **_links(pages)})
    assert described(paging) == ("next_link", None, "volumes", None, None, "links.pages.next", None)


def test_a_union_without_a_next_link_is_no_next_link() -> None:
    """Without `next` in any branch the list is not a next-link list: with a page number it
    pages by number (until an empty page), without one it does not page."""
    pages = {"anyOf": [_pair("first", "prev"), {}]}
    numbered = paging_of(PER_PAGE, {**items("droplets"), **_links(pages)})
    assert described(numbered) == ("page", "page", "droplets", None, None, None, None)
    assert paging_of(PER_PAGE[:1], {**items("droplets"), **_links(pages)}) is None
