"""What an operation answers, as far as naming it needs: one thing, or possibly a list.

`client.files.list()` for a download and `client.profile.list()` for one profile read wrong: a
GET on a collection path is named `list` only when its answer may be a list of things.
"""

from __future__ import annotations

from typing import Any

from . import jsonpointer, refs
from .media import encoding, is_event_stream, pick_media


def is_redirect_status(status: str) -> bool:
    """`301`, `307`, ...: a 3xx spelt out (a `3XX` range names no one reply to return). Where an
    operation declares no 2xx, such a status with a body is its reply, returned, not followed."""
    return len(status) == 3 and status.startswith("3") and status.isdigit()


def first_reply(statuses_with_bodies: list[str]) -> str:
    """The status whose body is the operation's reply: its first 2xx, else (no 2xx declared)
    its first redirect, which is then returned rather than followed; "" when there is none."""
    successes = [status for status in statuses_with_bodies if status.startswith("2")]
    return min(successes or filter(is_redirect_status, statuses_with_bodies), default="")


def answers_one(document: dict[str, Any], operation: dict[str, Any]) -> bool:
    """True when the operation's success answer is plainly not a list: a body that is not JSON
    (a file's bytes, text) or a JSON object none of whose fields is an array. Anything unclear
    (no success response, no body or schema, a union, a map) counts as a possible list."""
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
    return _one_object(document, schema)


def _one_object(document: dict[str, Any], schema: Any) -> bool:
    schema = _resolved(document, schema)
    properties = schema.get("properties")
    if not isinstance(properties, dict) or not properties or _is_array(schema):
        return False
    if any(key in schema for key in ("allOf", "anyOf", "oneOf")) or _is_map(schema):
        return False
    return not any(_is_array(_resolved(document, field)) for field in properties.values())


def _resolved(document: dict[str, Any], schema: Any) -> dict[str, Any]:
    node = refs.resolve(document, schema, "").node
    return node if isinstance(node, dict) else {}


def _is_map(schema: dict[str, Any]) -> bool:
    extra = schema.get("additionalProperties")
    return extra is True or (isinstance(extra, dict) and bool(extra))


def _is_array(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    return "items" in schema or kind == "array" or (isinstance(kind, list) and "array" in kind)
