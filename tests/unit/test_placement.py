from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.load import load_spec
from generator.normalize import normalize
from generator.placement import place_operations


def _placements(
    paths: dict[str, Any], locked: dict[str, dict[str, str]] | None = None
) -> dict[str, str]:
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths}
    return {k: f"{p.resource}.{p.method}" for k, p in place_operations(document, locked).items()}


def _op(operation_id: str | None = None, tags: list[str] | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {"responses": {"200": {"description": "ok"}}}
    if operation_id:
        operation["operationId"] = operation_id
    if tags:
        operation["tags"] = tags
    return operation


def test_anam_methods_read_naturally(upstream: Path) -> None:
    document, _ = normalize(load_spec(upstream / "swagger.newer.json"))
    names = {k: f"{p.resource}.{p.method}" for k, p in place_operations(document).items()}
    assert names["POST /v1/auth/session-token"] == "sessions.create_token"
    assert names["GET /v1/personas"] == "personas.list"
    assert names["POST /v1/personas"] == "personas.create"
    assert names["GET /v1/personas/{id}"] == "personas.get"
    assert names["PUT /v1/personas/{id}"] == "personas.update"
    assert names["DELETE /v1/personas/{id}"] == "personas.delete"
    assert names["GET /v1/avatars"] == "avatars.list"
    assert names["GET /v1/llms"] == "llms.list"
    assert names["GET /v1/share-links/{id}"] == "share_links.get"
    assert names["GET /v1/knowledge/groups/{id}/documents"] == "knowledge.list_group_documents"
    assert names["POST /v1/sessions/{id}/stop"] == "sessions.stop"
    assert len(set(names.values())) == len(names) == 57


def test_untagged_operations_use_the_first_path_segment() -> None:
    names = _placements(
        {
            "/v1/auth/session-token": {"post": _op("createSessionToken")},
            "/api/v2/widgets": {"get": _op("listWidgets")},
        }
    )
    assert names == {
        "POST /v1/auth/session-token": "auth.create_session_token",
        "GET /api/v2/widgets": "widgets.list",
    }


def test_an_untagged_operation_joins_the_resource_its_path_word_is_tagged_with() -> None:
    """Docker tags `/tasks` and `/tasks/{id}` `Task` but not `/tasks/{id}/logs`: its method
    goes beside theirs (`task.logs`), not into a resource of its own (`tasks.logs`). A word
    whose tagged operations are in several resources gives no home."""
    names = _placements(
        {
            "/tasks": {"get": _op("TaskList", ["Task"])},
            "/tasks/{id}": {"get": _op("TaskInspect", ["Task"])},
            "/tasks/{id}/logs": {"get": _op("TaskLogs")},
            "/things/a": {"get": _op("listA", ["Alpha"])},
            "/things/b": {"get": _op("listB", ["Beta"])},
            "/things/c": {"get": _op("listC")},
        }
    )
    assert names["GET /tasks/{id}/logs"] == "task.logs"
    assert names["GET /things/c"] == "things.list_c"


def test_untagged_autorest_operations_are_grouped_by_their_id() -> None:
    """Azure's specs name each operation `Group_Method` and often have no tags; the group is
    the resource, whatever the path (`/subscriptions/{id}/...` for every ARM operation)."""
    base = "/subscriptions/{subscriptionId}/providers/Microsoft.Storage"
    names = _placements(
        {
            f"{base}/storageAccounts": {"get": _op("StorageAccounts_List")},
            f"{base}/storageAccounts/{{name}}": {"put": _op("StorageAccounts_Create")},
            f"{base}/usages": {"get": _op("Usages_ListByLocation")},
            f"{base}/skus": {"get": _op("GET_Skus")},
            "/widgets": {"get": _op("list_widgets"), "post": _op("Gadgets_Create", ["Widgets"])},
        }
    )
    assert names == {
        f"GET {base}/storageAccounts": "storage_accounts.list",
        f"PUT {base}/storageAccounts/{{name}}": "storage_accounts.create",
        f"GET {base}/usages": "usages.list_by_location",
        f"GET {base}/skus": "subscriptions.get_skus",
        "GET /widgets": "widgets.list",
        "POST /widgets": "widgets.gadgets_create",  # the tag, where there is one
    }


def test_fastapi_default_operation_ids_are_named_by_their_function() -> None:
    """FastAPI writes `{function}{path, non-word characters as _}_{method}`."""
    names = _placements(
        {
            "/documents": {"get": _op("get_documents_documents_get")},
            "/documents/{id}": {"delete": _op("delete_document_documents__id__delete")},
            "/documents/search/{q}": {"get": _op("search_documents_documents_search__q__get")},
        }
    )
    assert names == {
        "GET /documents": "documents.list",
        "DELETE /documents/{id}": "documents.delete",
        "GET /documents/search/{q}": "documents.search",
    }


def test_operations_without_id_get_crud_names() -> None:
    names = _placements(
        {
            "/items": {"get": _op(), "post": _op()},
            "/items/{id}": {"get": _op(), "put": _op(), "delete": _op()},
            "/items/{id}/archive": {"post": _op()},
        }
    )
    assert names == {
        "GET /items": "items.list",
        "POST /items": "items.create",
        "GET /items/{id}": "items.get",
        "PUT /items/{id}": "items.update",
        "DELETE /items/{id}": "items.delete",
        "POST /items/{id}/archive": "items.archive",
    }


def test_colliding_short_names_fall_back_to_the_full_operation_name() -> None:
    names = _placements(
        {"/a": {"get": _op("listThings", ["things"])}, "/b": {"get": _op("listThing", ["things"])}}
    )
    assert set(names.values()) == {"things.list_things", "things.list_thing"}


def test_keywords_and_shadowing_names_are_fixed() -> None:
    names = _placements(
        {
            "/a": {"post": _op("import", ["data"])},
            "/b": {"get": _op("type", ["data"])},
            "/c": {"get": _op("x", ["with_options"])},
        }
    )
    assert names["POST /a"] == "data.import_"
    assert names["GET /b"] == "data.type_"
    assert names["GET /c"].startswith("with_options_.")


def test_the_names_lock_wins_over_fresh_names() -> None:
    locked = {"POST /v1/auth/session-token": {"resource": "auth", "method": "create_session_token"}}
    names = _placements(
        {"/v1/auth/session-token": {"post": _op("createSessionToken", ["Sessions"])}}, locked
    )
    assert names["POST /v1/auth/session-token"] == "auth.create_session_token"


def test_clashing_short_names_take_the_path_words_a_spec_gives() -> None:
    names = _placements(
        {
            "/{bucket}?acl": {"get": _op(tags=["buckets"]), "put": _op(tags=["buckets"])},
            "/{bucket}?tagging": {"get": _op(tags=["buckets"])},
            "/{bucket}": {"get": _op(tags=["buckets"])},
        }
    )
    assert names == {
        "GET /{bucket}?acl": "buckets.get_acl",
        "PUT /{bucket}?acl": "buckets.update_acl",
        "GET /{bucket}?tagging": "buckets.get_tagging",
        "GET /{bucket}": "buckets.get",
    }


def test_operation_ids_that_reduce_to_one_verb_keep_their_own_words() -> None:
    names = _placements(
        {
            "/users/{id}": {"get": _op("getUser", ["users"])},
            "/users/{id}/profile": {"get": _op("getUsers", ["users"])},
        }
    )
    assert set(names.values()) == {"users.get_user", "users.get_users"}


_NOUN_TIE = """
from generator.placement import place_operations
ops = {"get": {"operationId": "GetAccountsAccount", "responses": {"200": {"description": "ok"}}}}
document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/v1/accounts/{account}": ops}}
print(place_operations(document)["GET /v1/accounts/{account}"].method)
"""


def test_a_noun_written_twice_loses_the_same_word_whatever_the_hash_seed() -> None:
    """`GetAccountsAccount` holds the resource noun in its plural and singular forms; which one
    is taken out must not depend on the order a set happens to iterate in."""
    names = set()
    for seed in range(6):
        environment = {**os.environ, "PYTHONHASHSEED": str(seed)}
        ran = subprocess.run(
            [sys.executable, "-c", _NOUN_TIE],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
            cwd=Path(__file__).resolve().parents[2],
        )
        names.add(ran.stdout.strip())
    assert names == {"get_account"}


def test_a_controller_or_resource_qualifier_on_the_operation_id_is_dropped() -> None:
    names = _placements(
        {
            "/ocr/image/toText": {"post": _op("ImageOcr_Post", ["ImageOcr"])},
            "/ocr/pdf/to/words": {"post": _op("ImageOcr_PdfToWords", ["ImageOcr"])},
            "/api/accounts/{account_id}/users": {"get": _op("UserCtrl.getUsers")},
            "/cats": {"get": _op("CatsController_findAll", ["cats"])},
            "/dogs": {"get": _op("GetDogs_V2", ["dogs"])},
        }
    )
    assert names == {
        "POST /ocr/image/toText": "image_ocr.post",
        "POST /ocr/pdf/to/words": "image_ocr.pdf_to_words",
        "GET /api/accounts/{account_id}/users": "accounts.get_users",
        "GET /cats": "cats.find_all",
        "GET /dogs": "dogs.get_v2",
    }


def test_a_format_suffix_on_a_path_segment_is_not_part_of_the_name() -> None:
    names = _placements(
        {
            "/articlesearch.json": {"get": _op()},
            "/statuses/show/{id}.json": {"get": _op()},
            "/statuses/update.xml": {"post": _op()},
        }
    )
    assert names == {
        "GET /articlesearch.json": "articlesearch.list",
        "GET /statuses/show/{id}.json": "statuses.get_show",
        "POST /statuses/update.xml": "statuses.create_update",
    }


def test_an_operation_id_that_spells_out_its_path_is_named_by_its_action() -> None:
    settings, subscription = "/webhooks/v3/{appId}/settings", "/webhooks/v3/{appId}/subs/{id}"
    names = _placements(
        {
            settings: {
                "get": _op(f"get-{settings}_getAll", ["Settings"]),
                "delete": _op(f"delete-{settings}_clear", ["Settings"]),
            },
            subscription: {
                "get": _op(f"get-{subscription}_getById", ["Subscriptions"]),
                "patch": _op(f"patch-{subscription}_update", ["Subscriptions"]),
            },
            "/plain": {"get": _op("get-/plain", ["Plain"])},
        }
    )
    assert names == {
        f"GET {settings}": "settings.get_all",
        f"DELETE {settings}": "settings.clear",
        f"GET {subscription}": "subscriptions.get_by_id",
        f"PATCH {subscription}": "subscriptions.update",
        "GET /plain": "plain.list",  # only its method and path: named as without an id
    }


def _answering(content: dict[str, Any] | None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": "ok"}
    if content is not None:
        response["content"] = content
    return {"responses": {"200": response}}


def test_a_collection_get_is_list_only_when_it_may_answer_a_list() -> None:
    one = {"type": "object", "properties": {"name": {"type": "string"}}}
    page = {"type": "object", "properties": {"data": {"type": "array", "items": one}}}
    names = _placements(
        {
            "/files": {"get": _answering({"application/octet-stream": {"schema": {}}})},
            "/profile": {"get": _answering({"application/json": {"schema": one}})},
            "/report": {"get": _answering({"text/csv": {"schema": {"type": "string"}}})},
            "/pets": {"get": _answering({"application/json": {"schema": page}})},
            "/tags": {"get": _answering({"application/json": {"schema": {"items": one}}})},
            "/health": {"get": _answering(None)},
            "/events": {"get": _answering({"text/event-stream": {"schema": one}})},
        }
    )
    assert names == {
        "GET /files": "files.get",
        "GET /profile": "profile.get",
        "GET /report": "report.get",
        "GET /pets": "pets.list",
        "GET /tags": "tags.list",
        "GET /health": "health.list",
        "GET /events": "events.list",
    }


def test_a_collection_get_answering_one_json_scalar_is_get() -> None:
    """Keycloak's `GET /{realm}/users/count` answers a JSON integer: one value, plainly not a
    list, as a text or binary answer is; a union or an untyped schema stays a possible list."""

    def answering(schema: dict[str, Any]) -> dict[str, Any]:
        return {"get": _answering({"application/json": {"schema": schema}})}

    names = _placements(
        {
            "/users/count": answering({"type": "integer", "format": "int32"}),
            "/status": answering({"type": "string", "enum": ["up", "down"]}),
            "/enabled": answering({"type": ["boolean", "null"]}),
            "/anything": answering({}),
            "/either": answering({"type": ["integer", "array"], "items": {"type": "integer"}}),
        }
    )
    assert names == {
        "GET /users/count": "users.get_count",
        "GET /status": "status.get",
        "GET /enabled": "enabled.get",
        "GET /anything": "anything.list",
        "GET /either": "either.list",
    }


def test_a_collection_before_its_items_id_names_one_item() -> None:
    names = _placements(
        {
            "/envs/{envID}/builds/{buildID}": {"get": _op(tags=["envs"])},
            "/envs/{envID}/builds/{buildID}/logs": {"post": _op(tags=["envs"])},
            "/envs/{envID}/builds": {"get": _op(tags=["envs"])},
        }
    )
    assert names == {
        "GET /envs/{envID}/builds/{buildID}": "envs.get_build",
        "POST /envs/{envID}/builds/{buildID}/logs": "envs.create_build_logs",
        "GET /envs/{envID}/builds": "envs.list_builds",
    }


def test_get_with_the_collections_plural_on_the_collection_path_is_list() -> None:
    many = {"responses": {"200": {"description": "ok", "content": {"application/json": {}}}}}
    names = _placements(
        {
            "/client": {"get": {**many, "operationId": "getClients", "tags": ["client"]}},
            "/client/{id}": {"get": {**many, "operationId": "getClient", "tags": ["client"]}},
            "/client/{id}/tokens": {
                "get": {**many, "operationId": "getClients2", "tags": ["client"]}
            },
        }
    )
    assert names == {
        "GET /client": "client.list",
        "GET /client/{id}": "client.get",
        "GET /client/{id}/tokens": "client.get_clients2",
    }


def test_get_with_a_plural_of_a_segment_of_several_words_is_list() -> None:
    """eBay's `getInventoryTasks` on `/inventory_task`, tagged `inventory_task`, lists the
    tasks as `getClients` on `/client` does: `inventory_task.list`, beside `.get` for one."""
    many = {"responses": {"200": {"description": "ok", "content": {"application/json": {}}}}}
    tags = ["inventory_task"]
    names = _placements(
        {
            "/inventory_task": {"get": {**many, "operationId": "getInventoryTasks", "tags": tags}},
            "/inventory_task/{task_id}": {
                "get": {**many, "operationId": "getInventoryTask", "tags": tags}
            },
            "/other_task": {"get": {**many, "operationId": "getInventoryTasks2", "tags": ["x"]}},
        }
    )
    assert names == {
        "GET /inventory_task": "inventory_task.list",
        "GET /inventory_task/{task_id}": "inventory_task.get",
        "GET /other_task": "x.get_inventory_tasks2",
    }


def test_get_noun_list_on_a_collection_is_list() -> None:
    """Clerk's `GetUserList` on `GET /users` lists the users: `users.list`, not `get_list`;
    `GetUsersCount` beside it keeps its own word, and a GET of one object stays as it was."""
    many = {"responses": {"200": {"description": "ok", "content": {"application/json": {}}}}}
    tags = ["Users"]
    names = _placements(
        {
            "/users": {"get": {**many, "operationId": "GetUserList", "tags": tags}},
            "/users/count": {"get": {**many, "operationId": "GetUsersCount", "tags": tags}},
            "/users/{user_id}": {"get": {**many, "operationId": "GetUser", "tags": tags}},
        }
    )
    assert names == {
        "GET /users": "users.list",
        "GET /users/count": "users.get_count",
        "GET /users/{user_id}": "users.get",
    }


def test_a_noun_after_words_that_qualify_it_stays_in_the_name() -> None:
    """Taking `Assets` out of `cancelSiteAsset` would leave `cancel_site`, which reads as
    cancelling a site: only a noun right after the verb goes."""
    names = _placements(
        {
            "/sites/{site_id}/assets": {"get": _op("listSiteAssets", ["asset"])},
            "/assets/{id}/cancel": {"post": _op("cancelSiteAsset", ["asset"])},
            "/assets/{id}": {"get": _op("getAssetById", ["asset"])},
            "/me": {"get": _op("getCurrentUser", ["users"])},
        }
    )
    assert names == {
        "GET /sites/{site_id}/assets": "asset.list_site_assets",
        "POST /assets/{id}/cancel": "asset.cancel_site_asset",
        "GET /assets/{id}": "asset.get_by_id",
        "GET /me": "users.get_current_user",
    }


def test_an_operation_id_that_opens_with_its_namespace_is_named_by_the_action() -> None:
    """RPC-style APIs prefix each id with its namespace (`chat_postMessage` at
    `/chat.postMessage`): under that namespace's resource the method is the action alone."""
    names = _placements(
        {
            "/chat.postMessage": {"post": _op("chat_postMessage", ["chat"])},
            "/admin.apps.approve": {"post": _op("admin_apps_approve", ["admin.apps"])},
            "/search": {"get": _op("search", ["search"])},
        }
    )
    assert names == {
        "POST /chat.postMessage": "chat.post_message",
        "POST /admin.apps.approve": "admin_apps.approve",
        "GET /search": "search.search",
    }


def test_an_operation_id_that_is_only_its_collection_is_named_by_its_verb() -> None:
    """Zoom's ids `users` and `user` on its Users tag name the collection and say nothing of
    the action: `client.users.list()` and `get(user_id)`, not `users.users()`; an id that adds
    to the noun keeps what it adds."""
    names = _placements(
        {
            "/users": {"get": _op("users", ["Users"]), "post": _op("userCreate", ["Users"])},
            "/users/{userId}": {"get": _op("user", ["Users"])},
            "/users/{userId}/settings": {"get": _op("userSettings", ["Users"])},
        }
    )
    assert names == {
        "GET /users": "users.list",
        "POST /users": "users.create",
        "GET /users/{userId}": "users.get",
        "GET /users/{userId}/settings": "users.settings",
    }


def test_a_dotted_id_is_named_by_what_follows_its_resource_segment() -> None:
    """Google's ids are `<service>.<resource>[.<sub-resource>].<method>`: under the resource,
    the method is what the id says after the resource's own segment, its verb first, however
    the service is spelled."""
    names = _placements(
        {
            "/v1/lists/{list}/tasks": {
                "get": _op("todo.tasks.list", ["tasks"]),
                "post": _op("todo.tasks.insert", ["tasks"]),
            },
            "/v1/lists/{list}/tasks/{task}/move": {"post": _op("todo.tasks.move", ["tasks"])},
            "/v2/groupItems": {"get": _op("videoStats.groupItems.list", ["groupItems"])},
            "/v1/people/{id}/links": {"get": _op("people.people.links.list", ["people"])},
        }
    )
    assert names == {
        "GET /v1/lists/{list}/tasks": "tasks.list",
        "POST /v1/lists/{list}/tasks": "tasks.insert",
        "POST /v1/lists/{list}/tasks/{task}/move": "tasks.move",
        "GET /v2/groupItems": "group_items.list",
        "GET /v1/people/{id}/links": "people.list_links",
    }


def test_an_article_after_the_verb_is_not_part_of_the_name() -> None:
    """Spotify writes its ids as sentences: `get-an-album` names what `getAlbum` does."""
    names = _placements(
        {
            "/albums/{id}": {"get": _op("get-an-album", ["Albums"])},
            "/albums": {"get": _op("get-multiple-albums", ["Albums"])},
            "/albums/{id}/tracks": {"get": _op("get-an-albums-tracks", ["Albums"])},
            "/artists/{id}/top-tracks": {"get": _op("get-an-artists-top-tracks", ["Artists"])},
            "/browse/categories/{id}": {"get": _op("get-a-category", ["Categories"])},
            "/the": {"get": _op("getThe", ["misc"])},
        }
    )
    assert names == {
        "GET /albums/{id}": "albums.get",
        "GET /albums": "albums.get_multiple_albums",
        "GET /albums/{id}/tracks": "albums.get_tracks",
        "GET /artists/{id}/top-tracks": "artists.get_top_tracks",
        "GET /browse/categories/{id}": "categories.get",
        "GET /the": "misc.get_the",
    }


def test_a_possessive_in_an_id_written_as_a_sentence_is_part_of_its_noun() -> None:
    """Sentry's ids are the titles of its reference pages: "List an Organization's Metric Alert
    Rules" lists the organization's rules (`list_organization_metric_alert_rules`), it does
    not name an `organization_s`."""
    names = _placements(
        {
            "/orgs/{org}/alert-rules/": {
                "get": _op("List an Organization's Metric Alert Rules", ["Alerts"])
            },
            "/orgs/{org}/": {"get": _op("Retrieve an Organization", ["Organizations"])},
            "/projects/{org}/{project}/keys/": {
                "get": _op("List a Project\u2019s Client Keys", ["Projects"])
            },
        }
    )
    assert names == {
        "GET /orgs/{org}/alert-rules/": "alerts.list_organization_metric_alert_rules",
        "GET /orgs/{org}/": "organizations.retrieve",
        "GET /projects/{org}/{project}/keys/": "projects.list_client_keys",
    }


def test_a_tag_that_closes_with_the_word_api_names_the_resource_without_it() -> None:
    """Tags written `Templates API` give `client.templates`, whose methods read like any other
    resource's; `API` inside a word or alone is part of the name."""
    names = _placements(
        {
            "/templates": {"get": _op(tags=["Templates API"]), "post": _op(tags=["Templates API"])},
            "/templates/{id}": {"delete": _op(tags=["Templates API"])},
            "/server": {"get": _op("getServer", ["Server Configuration API"])},
            "/specs": {"get": _op("listSpecs", ["OpenAPI"])},
            "/api": {"get": _op("getRoot", ["API"])},
        }
    )
    assert names == {
        "GET /templates": "templates.list",
        "POST /templates": "templates.create",
        "DELETE /templates/{id}": "templates.delete",
        "GET /server": "server_configuration.get_server",
        "GET /specs": "open_api.list_specs",
        "GET /api": "api.get_root",
    }


def test_a_thing_with_lists_of_plain_values_is_one_thing_unless_they_are_the_list() -> None:
    """CircleCI's `GET /me` answers one user, whose `all_emails` is a list of strings: `get`. A
    list of plain values under an items name or the path's own noun is still what a list answers."""
    strings = {"type": "array", "items": {"type": "string"}}
    user = {"properties": {"login": {"type": "string"}, "all_emails": strings}}
    ids = {"properties": {"ids": strings, "next_cursor": {"type": "string"}}}

    def answering(schema: dict[str, Any]) -> dict[str, Any]:
        return {"get": _answering({"application/json": {"schema": schema}})}

    names = _placements(
        {
            "/me": answering(user),
            "/followers/ids": answering(ids),
            "/tags": answering({"properties": {"tags": strings}}),
            "/names": answering({"properties": {"data": strings}}),
            "/labels": answering({"properties": {"x": {"type": "array"}}}),
        }
    )
    assert names == {
        "GET /me": "me.get",
        "GET /followers/ids": "followers.list_ids",
        "GET /tags": "tags.list",
        "GET /names": "names.list",
        "GET /labels": "labels.list",  # items of no stated type may be anything
    }


def test_a_closing_for_the_resource_itself_is_not_part_of_the_name() -> None:
    names = _placements(
        {
            "/tasks/{task_gid}/addTag": {"post": _op("addTagForTask", ["Tasks"])},
            "/teams/{team_gid}/removeUser": {"post": _op("removeUserForTeam", ["Teams"])},
            "/users/{user_gid}/favorites": {"get": _op("getFavoritesForUser", ["Users"])},
            "/tasks/{task_gid}/attachments": {"get": _op("getAttachmentsForTask", ["Attachments"])},
            "/user_task_lists/{id}/tasks": {"get": _op("getTasksForUserTaskList", ["Tasks"])},
            "/tasks/{task_gid}/stories": {"get": _op("getForTask", ["Tasks"])},
        }
    )
    assert names == {
        "POST /tasks/{task_gid}/addTag": "tasks.add_tag",
        "POST /teams/{team_gid}/removeUser": "teams.remove_user",
        "GET /users/{user_gid}/favorites": "users.get_favorites",
        "GET /tasks/{task_gid}/attachments": "attachments.get_for_task",
        "GET /user_task_lists/{id}/tasks": "tasks.get_for_user_task_list",
        "GET /tasks/{task_gid}/stories": "tasks.get_for_task",
    }


def test_a_post_to_an_action_without_an_operation_id_is_named_by_the_action() -> None:
    names = _placements(
        {
            "/emails": {"post": _op(tags=["emails"])},
            "/emails/{email_id}/cancel": {"post": _op(tags=["emails"])},
            "/emails/{email_id}/attachments": {"post": _op(tags=["emails"])},
            "/events/send": {"post": _op(tags=["events"])},
            "/users/{id}/email/verify": {"post": _op(tags=["users"])},
            "/users/{id}/verify": {"post": _op(tags=["users"]), "delete": _op(tags=["users"])},
        }
    )
    assert names == {
        "POST /emails": "emails.create",
        "POST /emails/{email_id}/cancel": "emails.cancel",
        "POST /emails/{email_id}/attachments": "emails.create_attachments",
        "POST /events/send": "events.send",
        "POST /users/{id}/email/verify": "users.verify_email",
        "POST /users/{id}/verify": "users.verify",
        "DELETE /users/{id}/verify": "users.delete_verify",
    }


def _fern(operation_id: str, tag: str, group: Any, method: str | None) -> dict[str, Any]:
    operation = _op(operation_id, [tag])
    operation["x-fern-sdk-group-name"] = group
    if method is not None:
        operation["x-fern-sdk-method-name"] = method
    return operation


def test_the_sdk_names_a_spec_gives_its_operations_are_the_methods() -> None:
    """AssemblyAI's spec names each operation as its official SDKs call it: its `LeMUR` tag
    and `lemurTask` id would make `client.le_mur.lemur_task()`; its SDKs say `lemur.task()`."""
    names = _placements(
        {
            "/lemur/v3/generate/task": {"post": _fern("lemurTask", "LeMUR", "lemur", "task")},
            "/lemur/v3/{request_id}": {
                "delete": _fern("purgeLemurRequestData", "LeMUR", "lemur", "purgeRequestData")
            },
            "/v2/upload": {"post": _fern("uploadFile", "transcript", "files", "upload")},
            "/v2/transcript": {
                "post": _fern("createTranscript", "transcript", "transcripts", "submit"),
                "get": _fern("listTranscripts", "transcript", "transcripts", None),
            },
            "/v2/admin/keys": {"get": _fern("listKeys", "admin", ["admin", "keys"], "list")},
        }
    )
    assert names == {
        "POST /lemur/v3/generate/task": "lemur.task",
        "DELETE /lemur/v3/{request_id}": "lemur.purge_request_data",
        "POST /v2/upload": "files.upload",
        "POST /v2/transcript": "transcripts.submit",
        "GET /v2/transcript": "transcripts.list",
        "GET /v2/admin/keys": "admin_keys.list",
    }


def test_sdk_method_names_that_clash_or_break_rules_fall_back_safely() -> None:
    names = _placements(
        {
            "/a": {"get": _fern("getA", "t", "things", "fetch")},
            "/b": {"get": _fern("getB", "t", "things", "fetch")},
            "/c": {"post": _fern("makeC", "t", "things", "class")},
            "/d": {"post": _fern("makeD", "t", "  ", "with_raw_response")},
        }
    )
    assert names["GET /a"] == "things.get_a" and names["GET /b"] == "things.get_b"
    assert names["POST /c"] == "things.class_"
    assert names["POST /d"].startswith("t.") and names["POST /d"] != "t.with_raw_response"
