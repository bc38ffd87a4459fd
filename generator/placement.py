"""Which resource each operation belongs to and what its method is called.

`client.personas.create(...)` reads better than `client.default.create_persona(...)`: the resource
is the operation's first tag (or its first path segment), and the method is the operationId with the
resource's noun taken out (`createSessionToken` on `sessions` -> `create_token`). Names recorded in
the names lock win, so a spec change cannot silently rename a method users call.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .answers import answers_one
from .naming import (
    ACTION_VERBS,
    ARTICLES,
    Namer,
    class_name,
    operation_id_without_path,
    plural,
    python_name,
    singular,
    snake_case,
    words,
)
from .sdk_names import sdk_method, sdk_tags
from .shared_prefix import shared_prefix, unshared
from .vocabulary import CLASS_RESERVED, CLIENT_RESERVED, METHOD_RESERVED
from .walk import HTTP_METHODS, iter_operations

_VERSION_SEGMENT = re.compile(r"^(v\d+(\.\d+)*|api|rest)$", re.IGNORECASE)
_VARIABLE = re.compile(r"\{([^{}]*)\}")
# `/articlesearch.json`, `/statuses/show.xml`: the suffix names the representation, not a resource.
_FORMAT_SUFFIX = re.compile(r"(?<=.)\.(json|xml)$", re.IGNORECASE)
# AutoRest's operation ids, `Group_Method` (`BlobContainers_ListByStorageAccount`).
_AUTOREST_ID = re.compile(r"([A-Z][A-Za-z0-9]*)_[A-Z][A-Za-z0-9]*")
# `UserCtrl.getUsers`, `ImageOcr_Post`, `UsersController_findAll`: a class name qualifies the
# action, as ASP.NET (Swashbuckle) and NestJS write operationIds.
_QUALIFIED_ID = re.compile(r"^([A-Z][A-Za-z0-9]*)[._]([A-Za-z][A-Za-z0-9_.]*)$")
_CONTROLLER_WORDS = frozenset({"ctrl", "controller"})


@dataclass(frozen=True)
class Placement:
    """Where one operation lives in the client: `client.<resource>.<method>(...)`."""

    key: str
    resource: str
    method: str


def operation_key(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def place_operations(
    document: dict[str, Any], locked: Mapping[str, Mapping[str, str]] | None = None
) -> dict[str, Placement]:
    """Placement of every operation, keyed by `operation_key`; deterministic for a given spec."""
    locked = locked or {}
    wanted: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    placements: dict[str, Placement] = {}
    homes = _tagged_homes(document)
    for path, method, operation in iter_operations(document):
        key = operation_key(method, path)
        entry = locked.get(key)
        if entry and "resource" in entry and "method" in entry:
            placements[key] = Placement(key, entry["resource"], entry["method"])
            continue
        resource = _named_resource(operation) or homes.get(_first_static_segment(path))
        resource = resource or resource_name(path, operation)
        wanted.setdefault(resource, []).append((key, path, operation))
    verbs = {key: _verb(document, key, path, op) for ms in wanted.values() for key, path, op in ms}
    given = {key: sdk_method(document, op) for ms in wanted.values() for key, _, op in ms}
    shared = shared_prefix(document)
    locked_methods: dict[str, set[str]] = {}
    for placement in placements.values():
        locked_methods.setdefault(placement.resource, set()).add(placement.method)
    for resource, members in wanted.items():
        taken = locked_methods.get(resource, set())
        names = _method_names(resource, members, taken, verbs, given, shared)
        for key, method in names.items():
            placements[key] = Placement(key, resource, method)
    return placements


def resource_name(path: str, operation: dict[str, Any]) -> str:
    """The operation's first tag, else the group its AutoRest `Group_Method` id names (Azure's
    specs often have no tags), else its path's first word."""
    return _named_resource(operation) or tag_resource_name(_first_static_segment(path) or "default")


def _named_resource(operation: dict[str, Any]) -> str | None:
    """The resource the operation itself names: its SDK group, first tag or AutoRest group."""
    tags = sdk_tags(operation)
    if isinstance(tags, list) and tags and isinstance(tags[0], str) and snake_case(tags[0]):
        return tag_resource_name(tags[0])
    group = _AUTOREST_ID.fullmatch(str(operation.get("operationId") or ""))
    if group is not None and group[1].lower() not in HTTP_METHODS:  # `GET_Users` is no group
        return tag_resource_name(group[1])
    return None


def _tagged_homes(document: dict[str, Any]) -> dict[str, str]:
    """The one resource the named operations under each first path word are in, for an
    operation that names none: Docker tags `/tasks` and `/tasks/{id}` `Task` but not
    `/tasks/{id}/logs`, whose method belongs beside theirs, not in a resource of its own.
    A word whose operations are spread over several resources gives no home."""
    found: dict[str, set[str]] = {}
    for path, _method, operation in iter_operations(document):
        named = _named_resource(operation)
        if named is not None:
            found.setdefault(_first_static_segment(path), set()).add(named)
    return {word: next(iter(names)) for word, names in found.items() if len(names) == 1}


def tag_resource_name(tag: str) -> str:
    """The client attribute a tag becomes (`Share Links` -> `share_links`). A closing word `API`
    says only that the tag is part of the API, as every tag is: `Templates API` -> `templates`,
    so that `client.templates.create()` reads like any other resource (`OpenAPI` keeps it)."""
    head, _sep, last = tag.strip().rpartition(" ")
    if head.strip() and last.lower() == "api":
        tag = head
    return python_name(snake_case(tag) or "default", reserved=CLIENT_RESERVED, fallback="resource")


def resource_class_name(resource: str, reserved: frozenset[str] = frozenset()) -> str:
    """`share_links` -> `ShareLinks`; a clash with the client's own class or a name the resource
    module imports (a tag called `timeout`) gets `Resource`."""
    name = class_name(resource, fallback="Resource")
    return name + "Resource" if name in reserved or name in CLASS_RESERVED else name


def _first_static_segment(path: str) -> str:
    for segment in path.strip("/").split("/"):
        if segment and "{" not in segment and not _VERSION_SEGMENT.match(segment):
            return _FORMAT_SUFFIX.sub("", segment)
    return ""


def _method_names(
    resource: str,
    members: list[tuple[str, str, dict[str, Any]]],
    taken: Iterable[str],
    verbs: Mapping[str, str],
    given: Mapping[str, list[str]],
    shared: tuple[str, ...] = (),
) -> dict[str, str]:
    """Each operation takes its first candidate name that no other operation of the resource
    wants at the same step: the short name (`create_token`), then the operationId's own words
    (`create_session_token`), then the method and the path's words (`get_bucket_acl`)."""
    pending = {
        key: _candidates(resource, key, unshared(path, shared), path, op, verbs[key], given[key])
        for key, path, op in members
    }
    namer = Namer(set(taken))
    names: dict[str, str] = {}
    step = 0
    while pending:
        counts = Counter(c[step] for c in pending.values() if step < len(c))
        for key, candidates in sorted(pending.items()):
            if step >= len(candidates):
                names[key] = namer.claim(candidates[-1])
            elif counts[candidates[step]] == 1 and candidates[step] not in namer:
                names[key] = namer.claim(candidates[step])
        pending = {key: c for key, c in pending.items() if key not in names}
        step += 1
    return names


def _candidates(
    resource: str,
    key: str,
    own: str,
    path: str,
    operation: dict[str, Any],
    verb: str,
    given: list[str],
) -> list[str]:
    """`own` is the path without the segments every path of the document opens with, which
    name the API rather than this operation: a name made from the path is made from `own`;
    `given` are the names the spec's SDK gives the method (`sdk_names`), tried first."""
    method = key.split(" ", 1)[0].lower()
    if _spells_path(operation, verb, path):
        # PUT and PATCH of one item are both `update`: the HTTP method tells them apart, and
        # the variables tell `/folders/{folderId}` from `/folders/{folderPath}`.
        named = _name_from_path(resource, verb, own)
        by = [f"by_{snake_case(variable)}" for variable in _variables(own)]
        names = [named, _name_from_path(resource, method, own), "_".join([named, *by])]
    else:
        names = [_short_name(resource, path, operation, verb), _full_name(key, path, operation)]
    words = [snake_case(word) for word in _path_words(path)]
    names.append("_".join([verb, *words]))
    names.append("_".join([method, *words, *(f"by_{snake_case(p)}" for p in _variables(path))]))
    names = [snake_case(name) for name in given] + names
    return list(dict.fromkeys(_safe_method(name) for name in names))


def _safe_method(name: str) -> str:
    return python_name(name, reserved=METHOD_RESERVED, fallback="call")


def _spells_path(operation: dict[str, Any], verb: str, path: str) -> bool:
    """Whether the operation has no id of its own words: none at all, or one that only spells
    its method and path. Without variables only an id holding the path as written counts
    (`post-/files/v3/files`): `getServer` on `/server` reads as a name of its own."""
    operation_id = operation.get("operationId")
    if not isinstance(operation_id, str) or not words(operation_id):
        return True
    literal = "{" in path or path in operation_id
    return literal and _spells_method_and_path(operation_id, verb, path)


def _short_name(resource: str, path: str, operation: dict[str, Any], verb: str) -> str:
    """The operationId's action without the resource's noun; only for an id of its own words."""
    operation_id = str(operation.get("operationId"))
    noun = [word.lower() for word in words(resource)]
    tokens = [
        word.lower() for word in words(_action(operation_id_without_path(operation_id, path), noun))
    ]
    # An id opening with its resource's noun names its namespace, then the action (Slack's
    # `chat_postMessage` on `chat` is `post_message`, `admin_apps_approve` on `admin.apps`).
    if _names_no_action(tokens, noun, path):
        return _name_from_path(resource, verb, path)
    tokens = _without_noun(tokens, noun) or tokens
    first, rest = tokens[0], _without_article(tokens[1:])
    kept = _without_own_scope(_without_noun(rest, noun), noun)
    if first == "get" and verb == "list" and (kept == ["list"] if kept else _lists(rest, path)):
        first, kept = "list", []  # Gotify's `getClients` on `GET /client`, Clerk's `GetUserList`
    return "_".join([first, *kept])


def _names_no_action(tokens: list[str], noun: list[str], path: str) -> bool:
    """Whether the id is only a plural resource's noun: as a plural (Zoom's `users`), or singular
    where the path names one item (`user`; `reply` on `POST /replies` may be the action)."""
    if not noun or singular(noun[-1]) == noun[-1] or _without_noun(tokens, noun):
        return False
    return tokens == noun or path.rstrip("/").endswith("}")


def _spells_method_and_path(operation_id: str, verb: str, path: str) -> bool:
    """Whether the id is the HTTP method and every word of the path, variables too, and nothing
    else: Adyen's `get-paymentLinks-linkId` says no more than `GET /paymentLinks/{linkId}`, so
    it is named as an operation without id would be (`client.payment_links.get`), not after the
    variable (`get_link_id`), and HubSpot's `post-/files/v3/files` is `client.files.create`, not
    `post_v3_files`, as the version segment and the resource's own noun say nothing more."""
    spelt = [word.lower() for word in words(operation_id)]
    path_words = [word.lower() for word in words(path)]
    methods = _METHODS_OF.get(verb, (verb,))
    return bool(path_words) and spelt[1:] == path_words and spelt[0] in methods


_METHODS_OF = {"get": ("get",), "list": ("get",), "create": ("post",), "update": ("put", "patch")}


def _without_own_scope(kept: list[str], noun: list[str]) -> list[str]:
    """`kept` without a closing `for <the resource's noun>`: Asana's `addTagForTask` on `tasks`
    is `add_tag` (`client.tasks.add_tag`), as `removeUserForTeam` on `teams` is `remove_user`.
    A scope naming another resource stays (`getAttachmentsForTask` on `attachments` is
    `get_for_task`), and so do ids that would be left with only their verb."""
    for index in range(len(kept) - 2, 0, -1):
        if kept[index] == "for" and not _without_noun(kept[index + 1 :], noun):
            return kept[:index]
    return kept


def _without_article(rest: list[str]) -> list[str]:
    """The words after the verb without an article before them: ids written as sentences
    (Spotify's `get-an-album`, `get-an-artists-top-tracks`) name the same action as `getAlbum`,
    so `get-an-album` on `albums` is `get` and `get-an-artists-top-tracks` on `artists` is
    `get_top_tracks`."""
    return rest[1:] if len(rest) > 1 and rest[0] in ARTICLES else rest


def _lists(rest: list[str], path: str) -> bool:
    """Whether an id's words after `get` pluralise the collection its path ends with: `getClients`
    on `/clients`, `getInventoryTasks` on `/inventory_task`, not `getUsers` on `/users/{id}/x`."""
    segment = [word.lower() for last in _path_words(path)[-1:] for word in words(last)]
    tail = rest[-len(segment) :] if segment and rest and singular(rest[-1]) != rest[-1] else []
    return bool(tail) and tail[:-1] == segment[:-1] and singular(tail[-1]) == singular(segment[-1])


def _action(operation_id: str, noun: list[str]) -> str:
    """The operationId without a qualifying class name: `ImageOcr_Post` on `image_ocr` is `Post`,
    `UserCtrl.getUsers` is `getUsers`. Only a qualifier that is the resource's noun or names a
    controller is dropped, so `GetUser_V2` keeps its words."""
    dotted = _after_resource_segment(operation_id, noun)
    if dotted is not None:
        return dotted
    match = _QUALIFIED_ID.match(operation_id)
    if match is None:
        return operation_id
    qualifier = [word.lower() for word in words(match[1])]
    if qualifier[-1] in _CONTROLLER_WORDS or not _without_noun(qualifier, noun):
        return match[2]
    return operation_id


def _after_resource_segment(operation_id: str, noun: list[str]) -> str | None:
    """What a dotted id says after its segment naming the resource, the method first: Google's
    ids are `<service>.<resource>[.<sub-resource>].<method>`, so `youtubeAnalytics.groupItems.list`
    on `group_items` is `list` and `people.people.connections.list` on `people` is
    `list.connections` (`list_connections`). None without such a segment."""
    segments = operation_id.split(".")
    for index in range(len(segments) - 2, -1, -1):
        named = [word.lower() for word in words(segments[index])]
        if named and not _without_noun(named, noun) and words(segments[-1]):
            return ".".join([segments[-1], *segments[index + 1 : -1]])
    return None


def _without_noun(rest: list[str], noun: list[str]) -> list[str]:
    """`rest` without the resource noun it starts with: the longest form first, and among forms
    of one length the noun as written, then its singular, then its plural (`GetAccountsAccount`
    on `accounts` is `get_account`, whatever the process's hash seed). A noun after other words
    stays, for those words qualify it: `listSiteAssets` on `assets` is `list_site_assets`, not
    `list_site`, and `getCurrentUser` on `users` is `get_current_user`."""
    if not noun:
        return rest
    forms = dict.fromkeys(
        [
            tuple(noun),
            tuple([*noun[:-1], singular(noun[-1])]),
            tuple([*noun[:-1], plural(singular(noun[-1]))]),
        ]
    )
    for form in sorted(forms, key=len, reverse=True):
        if tuple(rest[: len(form)]) == form:
            return rest[len(form) :]
    return rest


def _full_name(key: str, path: str, operation: dict[str, Any]) -> str:
    operation_id = operation.get("operationId")
    if isinstance(operation_id, str) and snake_case(operation_id):
        return snake_case(operation_id_without_path(operation_id, path))
    return snake_case(key)


def _name_from_path(resource: str, verb: str, path: str) -> str:
    """A name for an operation without operationId: the CRUD verb plus trailing sub-resources,
    a collection followed by its item's id in the singular (`GET /envs/{env}/builds/{build}` on
    `envs` is `get_build`). A POST to an action (`/emails/{id}/cancel`) is named by it: `cancel`,
    as `/users/{id}/email/verify` is `verify_email`."""
    statics = [snake_case(static) for static in _path_words(path, items=True)]
    if statics and statics[0] in (resource, singular(resource)):
        statics = statics[1:]
    if verb == "create" and statics and statics[-1] in ACTION_VERBS:
        return "_".join([statics[-1], *statics[:-1]])
    return "_".join([verb, *statics])


def _path_words(path: str, *, items: bool = False) -> list[str]:
    """The path's static words: segments without `{variables}` or version markers, and what a
    path spells after a variable (`/{Bucket}?acl` says `acl`); with `items`, a segment followed
    by a `{variable}` of its own is one item of it, in the singular (`builds/{id}` says `build`;
    a phrase such as `all-param-types/{id}` is no collection's name and stays as written)."""
    found = []
    segments = path.strip("/").split("/")
    for segment, following in zip(segments, [*segments[1:], ""], strict=True):
        static = _VARIABLE.sub(" ", _FORMAT_SUFFIX.sub("", segment))
        if "{" in segment:
            found += [word for word in re.split(r"[^A-Za-z0-9_-]+", static) if word]
        elif static and not _VERSION_SEGMENT.match(static):
            item = items and following.startswith("{") and len(words(static)) == 1
            found.append(singular(static) if item else static)
    return found


def _variables(path: str) -> list[str]:
    return _VARIABLE.findall(path)


def _verb(document: dict[str, Any], key: str, path: str, operation: dict[str, Any]) -> str:
    """The CRUD verb of an operation: a GET is `list` on a collection path unless what it
    answers is plainly not a list (`GET /files` sending a file's bytes, `GET /profile` answering
    one object without arrays), which is `get` like a GET of one item."""
    method = key.split(" ", 1)[0].lower()
    if method == "get":
        ends_with_param = "{" in path.rstrip("/").rsplit("/", 1)[-1]
        return "get" if ends_with_param or answers_one(document, operation, path) else "list"
    verbs = {"post": "create", "put": "update", "patch": "update", "delete": "delete"}
    return verbs.get(method, method)
