"""Reading the ``Link`` header (RFC 8288): the next page's URL, however the links are written."""

from __future__ import annotations

import httpx
import pytest
from sdkrt._link_header import link_for


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param(['<https://a.example/x?page=2>; rel="next"'], "https://a.example/x?page=2"),
        pytest.param(["</x?page=2>; rel=next"], "/x?page=2", id="a token value"),
        pytest.param(['</x?p=3>; rel="last", </x?p=2>; rel="next"'], "/x?p=2", id="second link"),
        pytest.param(['</x?p=2>; rel="next last"'], "/x?p=2", id="several relation types"),
        pytest.param(['</x?p=2>; REL="Next"'], "/x?p=2", id="any case"),
        pytest.param(['</x?a=1,2>; rel="next"'], "/x?a=1,2", id="a comma in the URL"),
        pytest.param(
            ['</x?p=1>; title="a, <b>; c"; rel="prev", </x?p=2>; title="2; next"; rel="next"'],
            "/x?p=2",
            id="commas, angle brackets and semicolons in quoted values",
        ),
        pytest.param(['</x?p=2>; title="say \\"next\\""; rel="next"'], "/x?p=2", id="escapes"),
        pytest.param(['</x?p=2> ; rel = "next"'], "/x?p=2", id="spaces around separators"),
        pytest.param([', </x?p=2>; rel="next" ,'], "/x?p=2", id="empty list elements"),
        pytest.param(['</x?p=1>; rel="prev"', '</x?p=2>; rel="next"'], "/x?p=2", id="two fields"),
        pytest.param(
            ['</x?p=2>; rel="next"; rel="prev"'], "/x?p=2", id="the first of a repeated rel"
        ),
    ],
)
def test_the_next_link_is_found(fields: list[str], expected: str) -> None:
    headers = httpx.Headers([("Link", field) for field in fields])
    assert link_for(headers, "next") == expected


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param([], id="no header"),
        pytest.param(['</x?p=9>; rel="last", </x?p=1>; rel="prev"'], id="no next link"),
        pytest.param(['</x?p=2>; rel="nextpage"'], id="another relation"),
        pytest.param(['</x?p=2>; title="rel=next"'], id="next only in another parameter"),
        pytest.param(['</x?p=2>; rel="prev"; rel="next"'], id="a repeated rel after the first"),
        pytest.param(['</x?p=2>; rel="next"; anchor="#other"'], id="about another resource"),
        pytest.param(['https://a.example/x; rel="next"'], id="no angle brackets"),
        pytest.param(['garbage </x?p=2>; rel="next"'], id="text before the link"),
        pytest.param(['</x?p=2>; rel="next'], id="an unclosed quote"),
    ],
)
def test_no_next_link_is_found(fields: list[str]) -> None:
    headers = httpx.Headers([("Link", field) for field in fields])
    assert link_for(headers, "next") is None


def test_links_before_unreadable_text_are_kept() -> None:
    headers = httpx.Headers({"Link": '</x?p=2>; rel="next", oops'})
    assert link_for(headers, "next") == "/x?p=2"
