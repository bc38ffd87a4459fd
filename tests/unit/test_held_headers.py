"""Which header parameters the client holds: one plain string every operation takes, that
describes no single request and whose name the constructor has free; their methods' arguments
become optional, and only a header every operation requires is required of each call."""

from __future__ import annotations

from typing import Any

import pytest

from generator.analyze import analyze
from generator.config import default_config
from generator.ir import Api

OK = {"204": {"description": "ok"}}


def _header(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": "header", "schema": {"type": "string"}, **extra}


def _api(*per_operation: list[dict[str, Any]], **extra: Any) -> Api:
    paths = {
        f"/things{index}": {
            "get": {"operationId": f"get{index}", "parameters": params, "responses": OK}
        }
        for index, params in enumerate(per_operation)
    }
    document = {"openapi": "3.0.3", "info": {"title": "Demo", "version": "1"}, "paths": paths}
    return analyze({**document, **extra}, default_config("Demo", "demo.json"), file="demo.json")


def _held(api: Api) -> list[tuple[str, str, bool]]:
    return [(h.wire_name.unsafe_value, str(h.argument), h.required) for h in api.held_headers]


def test_a_header_every_operation_takes_is_held_and_optional_per_call() -> None:
    tenant = _header("Xero-Tenant-Id", required=True, description="The tenant.")
    api = _api([tenant], [tenant, _header("X-Other")])
    assert _held(api) == [("Xero-Tenant-Id", "xero_tenant_id", True)]
    assert api.held_headers[0].description is not None
    for operation in api.operations:
        (parameter,) = [p for p in operation.parameters if p.name == "xero_tenant_id"]
        assert not parameter.required


def test_a_header_that_may_be_null_is_held_as_a_plain_string() -> None:
    # FastAPI writes an `Optional[str]` header (ElevenLabs' `xi-api-key`) as string-or-null
    nullable = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    key = _header("xi-api-key", schema=nullable, description="Your API key.")
    api = _api([key], [key, _header("X-Other")])
    assert _held(api) == [("xi-api-key", "xi_api_key", False)]


def test_required_only_where_every_operation_requires_it() -> None:
    api = _api([_header("X-Org", required=True)], [_header("x-org")])
    assert _held(api) == [("X-Org", "x_org", False)]


def test_a_header_one_operation_lacks_is_not_held() -> None:
    api = _api([_header("X-Org", required=True)], [])
    assert api.held_headers == ()
    (first, _) = api.operations
    assert first.parameters[0].required


def test_a_single_operation_holds_nothing() -> None:
    assert _api([_header("X-Org", required=True)]).held_headers == ()


@pytest.mark.parametrize(
    "parameter",
    [
        _header("If-Match"),
        _header("Content-MD5"),
        _header("Idempotency-Key"),
        _header("X-Request-Id"),
        _header("Accept"),
        _header("Range"),
        # the signature sends a default already; an enum is typed as a Literal, not `str`
        _header("X-Version", required=True, schema={"type": "string", "default": "2"}),
        {"name": "X-Mode", "in": "header", "schema": {"type": "string", "enum": ["a", "b"]}},
        {"name": "X-Count", "in": "header", "schema": {"type": "integer"}},
        # its argument would be the constructor's own `base_url`
        _header("Base-Url"),
    ],
    ids=lambda parameter: parameter["name"],
)
def test_what_the_client_cannot_hold_for_every_call(parameter: dict[str, Any]) -> None:
    assert _api([parameter], [parameter]).held_headers == ()


def test_a_server_variable_keeps_its_argument_name() -> None:
    servers = [{"url": "https://{region}.example.com", "variables": {"region": {"default": "eu"}}}]
    region = _header("Region")
    assert _api([region], [region], servers=servers).held_headers == ()
