"""Headers every operation takes, held by the client: given once to the constructor, sent with
every call that passes none, replaced by a call's own, kept by `with_options`; a required one
that neither gives stops the call before anything is sent."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.support.fault_server import FaultServer, Reply

if TYPE_CHECKING:
    from sdkheld import Held

NO_CONTENT = Reply(204)
NAMES = Reply(200, {"Content-Type": "application/json"}, b'["Ada"]')


def _tenant(server: FaultServer) -> str | None:
    return server.requests[-1].headers.get("x-tenant-id")


@pytest.fixture
def held(server: FaultServer) -> Iterator[Held]:
    from sdkheld import Held

    with Held(x_tenant_id="t-1", base_url=server.url, max_retries=0) as client:
        yield client


def test_every_method_sends_the_value_the_client_holds(server: FaultServer, held: Held) -> None:
    server.enqueue(NAMES, NO_CONTENT, NO_CONTENT)
    assert held.employees.list() == ["Ada"]
    held.employees.create(name="Ada")
    held.employees.delete("7")
    assert [request.headers.get("x-tenant-id") for request in server.requests] == ["t-1"] * 3


def test_a_call_passing_its_own_value_sends_that_one(server: FaultServer, held: Held) -> None:
    server.enqueue(NAMES, NAMES)
    held.employees.list(x_tenant_id="t-2")
    assert _tenant(server) == "t-2"
    held.employees.list()  # the client's value is untouched
    assert _tenant(server) == "t-1"


def test_a_copy_keeps_the_held_value_unless_its_headers_replace_it(
    server: FaultServer, held: Held
) -> None:
    server.enqueue(NAMES, NAMES)
    held.with_options(max_retries=1).employees.list()
    assert _tenant(server) == "t-1"
    held.with_options(default_headers={"x-tenant-id": "t-3"}).employees.list()
    assert _tenant(server) == "t-3"


def test_the_argument_replaces_default_headers_of_any_case(server: FaultServer) -> None:
    from sdkheld import Held

    server.enqueue(NAMES, NAMES)
    with Held(default_headers={"X-TENANT-ID": "d"}, base_url=server.url) as client:
        client.employees.list()
    assert _tenant(server) == "d"
    given = Held(default_headers={"x-tenant-id": "d"}, x_tenant_id="t-4", base_url=server.url)
    with given as client:
        client.employees.list()
    assert _tenant(server) == "t-4"  # alone: both sent would arrive joined, "d, t-4"


def test_a_required_header_given_nowhere_stops_the_call_unsent(server: FaultServer) -> None:
    from sdkheld import Held
    from sdkheld._exceptions import SDKError

    missing = r"'X-Tenant-Id' header is required: pass x_tenant_id="
    with Held(base_url=server.url, max_retries=0) as client, pytest.raises(SDKError, match=missing):
        client.employees.delete("7")
    assert server.count == 0


def test_an_optional_held_header_given_nowhere_is_left_out(server: FaultServer, held: Held) -> None:
    server.enqueue(NAMES, NAMES)
    held.employees.list()
    assert "accept-language" not in server.requests[-1].headers
    held.with_options(default_headers={}).employees.list(accept_language="fr")
    assert server.requests[-1].headers.get("accept-language") == "fr"


@pytest.mark.anyio
async def test_the_async_client_holds_headers_alike(server: FaultServer) -> None:
    from sdkheld import AsyncHeld

    server.enqueue(NAMES, NAMES)
    async with AsyncHeld(x_tenant_id="t-5", accept_language="de", base_url=server.url) as client:
        await client.employees.list()
        sent = server.requests[-1].headers
        assert (sent.get("x-tenant-id"), sent.get("accept-language")) == ("t-5", "de")
        await client.employees.list(x_tenant_id="t-6")
    assert _tenant(server) == "t-6"


def test_a_header_about_one_request_stays_an_argument_of_the_methods_alone() -> None:
    from sdkheld import Held
    from sdkheld.resources.employees import Employees

    held = set(inspect.signature(Held).parameters)
    assert {"region", "x_tenant_id", "accept_language"} <= held
    assert "if_match" not in held
    listing = inspect.signature(Employees.list).parameters
    assert {"x_tenant_id", "accept_language", "if_match"} <= set(listing)
    assert listing["x_tenant_id"].default is not inspect.Parameter.empty
