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


def test_an_id_holding_its_path_is_named_from_the_path_past_what_every_path_shares() -> None:
    """HubSpot's ids are the method and the path as written (`post-/files/v3/files`); every path
    opens with `/files/v3`, which names the API, so the methods read `client.files.create`."""
    item, by_path = "/files/v3/folders/{folderId}", "/files/v3/folders/{folderPath}"
    paths: dict[str, Any] = {
        "/files/v3/files": {"post": _op("post-/files/v3/files", "Files")},
        "/files/v3/files/{fileId}": {
            method: _op(f"{method}-/files/v3/files/{{fileId}}", "Files")
            for method in ("get", "put", "patch", "delete")
        },
        item: {"get": _op(f"get-{item}", "Folders")},
        by_path: {"get": _op(f"get-{by_path}", "Folders")},
        "/files/v3/folders/update/async": {
            "post": _op("post-/files/v3/folders/update/async", "Folders")
        },
    }
    assert _placements(paths) == {
        "POST /files/v3/files": "files.create",
        "GET /files/v3/files/{fileId}": "files.get",
        "PUT /files/v3/files/{fileId}": "files.put",
        "PATCH /files/v3/files/{fileId}": "files.patch",
        "DELETE /files/v3/files/{fileId}": "files.delete",
        f"GET {item}": "folders.get_by_folder_id",
        f"GET {by_path}": "folders.get_by_folder_path",
        "POST /files/v3/folders/update/async": "folders.create_update_async",
    }


def test_the_shared_opening_of_the_paths_is_left_out_of_names_made_from_them() -> None:
    """A tag that is not in the path (`Basic`) keeps only what each path adds to the shared
    `/marketing/v3/marketing-events`; a lone path keeps all its words."""
    base = "/marketing/v3/marketing-events"
    names = _placements(
        {
            f"{base}/events/{{id}}": {"get": _op(f"get-{base}/events/{{id}}", "Basic")},
            f"{base}/{{appId}}/settings": {"get": _op(f"get-{base}/{{appId}}/settings", "Basic")},
        }
    )
    assert names == {
        f"GET {base}/events/{{id}}": "basic.get_event",
        f"GET {base}/{{appId}}/settings": "basic.list_settings",
    }
    alone = _placements({"/reports/daily": {"get": _op("get-/reports/daily", "Basic")}})
    assert alone == {"GET /reports/daily": "basic.list_reports_daily"}
