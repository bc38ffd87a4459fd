"""Pagination by the ``Link`` response header (RFC 8288) and by page tokens: the shapes that page,
and the near misses that must not (a wrong guess changes a method's return type)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.config import PaginationConfig

from .test_pagination import STRING, described, items, paging_of, query

THINGS = {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}
LINK = {"schema": {"type": "string"}, "description": "RFC 8288 links to the other pages"}


def answer(schema: dict[str, Any], headers: dict[str, Any] | None = None) -> dict[str, Any]:
    """A success response of ``schema``, declaring ``headers``."""
    response: dict[str, Any] = {
        "description": "ok",
        "content": {"application/json": {"schema": schema}},
    }
    if headers is not None:
        response["headers"] = headers
    return response


def listed(*properties: str) -> dict[str, Any]:
    return {"type": "object", "properties": {**items(), **dict.fromkeys(properties, STRING)}}


LINK_HEADER = ("link_header", None, "", None, None, None, None)


@pytest.mark.parametrize(
    ("parameters", "response", "expected"),
    [
        pytest.param(
            query("per_page", "page"),
            answer(THINGS, {"Link": LINK}),
            LINK_HEADER,
            id="an array with a Link header and page parameters (GitHub)",
        ),
        pytest.param(
            [], answer(THINGS, {"link": LINK}), LINK_HEADER, id="the header alone, in lower case"
        ),
        pytest.param(
            query("limit"),
            answer(listed("count"), {"LINK": LINK}),
            ("link_header", None, "items", None, None, None, None),
            id="an object holding the items",
        ),
        pytest.param(
            query("limit"),
            {"$ref": "#/components/responses/Things"},
            LINK_HEADER,
            id="a shared response with a shared header",
        ),
        pytest.param(
            query("cursor"),
            answer(listed("next_cursor"), {"Link": LINK}),
            ("cursor", "cursor", "items", None, None, "next_cursor", None),
            id="a cursor in the body is read before the header",
        ),
    ],
)
def test_link_header_paging_is_detected(
    parameters: list[dict[str, Any]], response: dict[str, Any], expected: tuple[Any, ...]
) -> None:
    shared = {"Things": answer(THINGS, {"Link": {"$ref": "#/components/headers/Link"}})}
    found = paging_of(parameters, {}, response=response, responses=shared)
    assert described(found) == expected


@pytest.mark.parametrize(
    ("parameters", "response", "method"),
    [
        pytest.param(query("page"), answer(THINGS), "get", id="an array without the header"),
        pytest.param(
            query("page"),
            answer(THINGS, {"X-Link": LINK, "Links": LINK}),
            "get",
            id="a header of another name",
        ),
        pytest.param([], answer(THINGS, {"Link": LINK}), "post", id="a POST"),
        pytest.param(
            [],
            answer(
                {"type": "object", "properties": {"count": {"type": "integer"}}}, {"Link": LINK}
            ),
            "get",
            id="no items array",
        ),
        pytest.param(
            [],
            answer({"type": "array", "items": {"type": "string"}}, None),
            "get",
            id="an array of names and no header",
        ),
    ],
)
def test_near_misses_of_link_header_paging_do_not_page(
    parameters: list[dict[str, Any]], response: dict[str, Any], method: str
) -> None:
    assert paging_of(parameters, {}, method=method, response=response) is None


def test_a_link_header_on_another_status_is_not_evidence() -> None:
    document_response = answer(THINGS)
    found = paging_of(
        query("page"),
        {},
        response=document_response,
        extra_responses={"206": answer(THINGS, {"Link": LINK})},
    )
    assert found is None


def test_the_config_forces_or_forbids_link_header_paging() -> None:
    forced = PaginationConfig(style="link_header", include=("listThings",))
    assert described(paging_of([], {}, response=answer(THINGS), config=forced)) == LINK_HEADER
    excluded = PaginationConfig(exclude=("GET /things",))
    assert paging_of([], {}, response=answer(THINGS, {"Link": LINK}), config=excluded) is None


@pytest.mark.parametrize(
    ("param", "field"),
    [
        ("continuation_token", "continuation_token"),  # OpenFGA
        ("continuationToken", "continuationToken"),
        ("next_page_token", "next_page_token"),  # Zoom
        ("pageToken", "nextPageToken"),  # Google
        ("next_token", "next_token"),
        ("nextToken", "nextToken"),  # AWS
    ],
)
def test_page_tokens_page_as_cursors(param: str, field: str) -> None:
    found = paging_of(query("page_size", param), {**items("stores"), field: {"type": "string"}})
    assert described(found) == ("cursor", param, "stores", None, None, field, None)


@pytest.mark.parametrize(
    ("parameters", "properties"),
    [
        pytest.param(query("continuation_token"), items("stores"), id="no token in the response"),
        pytest.param(
            query("page_size"),
            {**items("stores"), "continuation_token": {"type": "string"}},
            id="no token parameter",
        ),
        pytest.param(
            query("continuation_token"),
            {**items("stores"), "continuation_token": {"type": "object"}},
            id="a token that is not a scalar",
        ),
    ],
)
def test_near_misses_of_page_tokens_do_not_page(
    parameters: list[dict[str, Any]], properties: dict[str, Any]
) -> None:
    assert paging_of(parameters, properties) is None
