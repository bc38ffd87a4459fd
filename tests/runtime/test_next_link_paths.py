"""Which next-page links the client follows when the list's own path holds an escaped value.

A path parameter with a ``/`` in it (GitLab's ``group/project``, a branch ``feature/x``, a
channel ``room/1``) goes out as one segment, ``%2F`` and all; the server's link to the next page
of the same list repeats it. The link is followed with that segment as sent, while an escaped
``/`` the server puts anywhere else is still refused.
"""

from __future__ import annotations

import httpx
import pytest
from sdkrt._exceptions import SDKError
from sdkrt._page_styles import NextPage, follow
from sdkrt._request_plan import RequestPlan

BASE = "https://api.example/v1"


def plan(path: str) -> RequestPlan:
    return RequestPlan(
        method="GET",
        url=BASE + path,
        prefix=BASE,
        params=(("limit", "2"),),
        headers={},
        content=None,
        files=None,
        timeout=httpx.Timeout(5.0),
        deadline=5.0,
        max_response_size=1024,
        max_retries=0,
        idempotent=True,
        stream=False,
    )


@pytest.mark.parametrize(
    "link",
    [
        f"{BASE}/projects/group%2Fproject/issues?page=2",
        "/v1/projects/group%2Fproject/issues?page=2",
        "issues?page=2",
        f"{BASE}/projects/group%2fproject/issues?page=2",  # the server's own case of the escape
    ],
)
def test_a_link_repeating_an_escaped_value_the_request_sent_is_followed(link: str) -> None:
    following = follow(plan("/projects/group%2Fproject/issues"), NextPage(link=link))
    assert following.url.removeprefix(BASE).lower() == "/projects/group%2fproject/issues"
    assert following.params == (("page", "2"), ("limit", "2"))


@pytest.mark.parametrize(
    "link",
    [
        "/v1/projects/other%2Fproject/issues?page=2",  # a value the request did not send
        "/v1/projects/group%2Fproject/issues%2F..%2Fkeys",  # at another place in the path
        "/v1/projects/group%2Fproject/group%2Fproject",
    ],
)
def test_an_escaped_slash_the_request_did_not_send_there_is_refused(link: str) -> None:
    with pytest.raises(SDKError, match="escaped '/'"):
        follow(plan("/projects/group%2Fproject/issues"), NextPage(link=link))


def test_an_escaped_slash_is_refused_where_the_request_had_none() -> None:
    with pytest.raises(SDKError, match="escaped '/'"):
        follow(plan("/projects/42/issues"), NextPage(link="/v1/projects/4%2F2/issues"))
