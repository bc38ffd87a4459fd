"""What an operation answers, as far as naming it needs: one thing, or possibly a list.

`client.files.list()` for a download and `client.profile.list()` for one profile read wrong: a
GET on a collection path is named `list` only when its answer may be a list of things.
"""

from __future__ import annotations

from typing import Any

from . import jsonpointer, keywords, refs
from .media import encoding, is_event_stream, pick_media
from .naming import singular

_PLAIN = frozenset({"string", "integer", "number", "boolean", "null"})
# The fields a page or an envelope keeps its items under, in the singular.
_ITEM_NAMES = frozenset({"data", "item", "result", "value", "entry", "record", "element"})


def is_redirect_status(status: str) -> bool:
    """`301`, `307`, ...: a 3xx spelt out (a `3XX` range names no one reply to return). Where an
    operation declares no 2xx, such a status with a body is its reply, returned, not followed."""
    return len(status) == 3 and status.startswith("3") and status.isdigit()


def first_reply(statuses: list[str], with_bodies: list[str]) -> str:
    """Of an operation's `statuses`, the one whose body is its reply: its first 2xx with a body;
    where it declares no 2xx, its first redirect with a body, which is then returned rather than
    followed, else `default`; "" when there is none."""
    if any(status.startswith("2") for status in statuses):
        return min((status for status in with_bodies if status.startswith("2")), default="")
    redirects = [status for status in with_bodies if is_redirect_status(status)]
    return min(redirects, default="default" if "default" in statuses else "")


def answers_one(document: dict[str, Any], operation: dict[str, Any], path: str = "") -> bool:
    """True when the operation's success answer is plainly not a list: a body that is not JSON
    (a file's bytes, text), one JSON scalar (Keycloak's `GET .../users/count` answers an integer)
    or a JSON object none of whose fields may hold the list. Anything unclear (no success
    response, no body or schema, a union, a map) counts as a possible list."""
    responses = operation.get("responses")
    success = [code for code in responses or {} if str(code).startswith("2")]
    if not isinstance(responses, dict) or not success:
        return False
    pointer = jsonpointer.join("", "responses", str(success[0]))
    response = refs.resolve(document, responses[success[0]], pointer).node
    content = response.get("content") if isinstance(response, dict) else None
    if not isinstance(content, dict) or not content:
        return False
    media = pick_media([m for m in content if isinstance(m, str)])
    if media is None or is_event_stream(media):
        return False
    if encoding(media) != "json":
        return encoding(media) in ("binary", "text")
    holder = content[media]
    schema = holder.get("schema") if isinstance(holder, dict) else None
    return _one_scalar(document, schema) or _one_object(document, schema, _last_word(path))


def _one_scalar(document: dict[str, Any], schema: Any) -> bool:
    """Whether the schema states only plain types (`integer`, `["boolean", "null"]`): one value,
    never a list; a schema without a type, or one that also allows an array or object, may be."""
    resolved = _resolved(document, schema)
    kinds = keywords.types(resolved)
    combined = any(key in resolved for key in ("allOf", "anyOf", "oneOf", "items", "properties"))
    return bool(kinds) and kinds <= _PLAIN and not combined


def _one_object(document: dict[str, Any], schema: Any, noun: str) -> bool:
    schema = _resolved(document, schema)
    properties = schema.get("properties")
    if not isinstance(properties, dict) or not properties or _is_array(schema):
        return False
    if any(key in schema for key in ("allOf", "anyOf", "oneOf")) or _is_map(schema):
        return False
    return not any(_may_list(document, name, field, noun) for name, field in properties.items())


def _may_list(document: dict[str, Any], name: Any, field: Any, noun: str) -> bool:
    """Whether a field may hold what a list answers: an array of objects (or of anything
    unclear), or of plain values under a name that says so (`data`, `items`, `results`, or the
    path's own noun: `/tags` answering `{"tags": ["a"]}`). CircleCI's `GET /me` answers a user
    whose `all_emails` is a list of strings: one user, not a list."""
    field = _resolved(document, field)
    if not _is_array(field):
        return False
    items = _resolved(document, field.get("items"))
    named = keywords.types(items)
    plain = bool(named) and named <= _PLAIN
    word = singular(str(name)).lower()
    return not plain or word in _ITEM_NAMES or (bool(noun) and word == noun)


def _last_word(path: str) -> str:
    """The path's last segment as a noun, singular (`/followers/ids` says `id`)."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return "" if "{" in last else singular(last).lower()


def _resolved(document: dict[str, Any], schema: Any) -> dict[str, Any]:
    node = refs.resolve(document, schema, "").node
    return node if isinstance(node, dict) else {}


def _is_map(schema: dict[str, Any]) -> bool:
    extra = schema.get("additionalProperties")
    return extra is True or (isinstance(extra, dict) and bool(extra))


def _is_array(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    return "items" in schema or kind == "array" or (isinstance(kind, list) and "array" in kind)
