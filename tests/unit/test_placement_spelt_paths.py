"""Operation ids that only write out their method and path (variables included) name nothing."""

from __future__ import annotations

from typing import Any

from generator.placement import place_operations


def _placements(paths: dict[str, Any]) -> dict[str, str]:
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths}
    return {k: f"{p.resource}.{p.method}" for k, p in place_operations(document).items()}


def _op(operation_id: str, tag: str) -> dict[str, Any]:
    return {"operationId": operation_id, "tags": [tag], "responses": {"200": {"description": "ok"}}}


def test_an_id_that_spells_its_method_and_path_is_named_like_an_operation_without_id() -> None:
    link, refunds = "/paymentLinks/{linkId}", "/payments/{paymentPspReference}/refunds"
    token = "/storedPaymentMethods/{storedPaymentMethodId}"
    names = _placements(
        {
            "/paymentLinks": {"post": _op("post-paymentLinks", "Payment links")},
            link: {
                "get": _op("get-paymentLinks-linkId", "Payment links"),
                "patch": _op("patch-paymentLinks-linkId", "Payment links"),
            },
            refunds: {"post": _op("post-payments-paymentPspReference-refunds", "Modifications")},
            token: {"delete": _op(f"delete-{token.replace('/', '-')}", "Recurring")},
            "/users/{id}": {"get": _op("getUserById", "Users")},
        }
    )
    assert names == {
        "POST /paymentLinks": "payment_links.post",  # no variable: the id reads the same
        f"GET {link}": "payment_links.get",
        f"PATCH {link}": "payment_links.update",
        f"POST {refunds}": "modifications.create_payment_refunds",
        f"DELETE {token}": "recurring.delete_stored_payment_methods",
        "GET /users/{id}": "users.get_by_id",  # words of its own: named by them
    }
