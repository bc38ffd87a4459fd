"""What the fake answers: bodies made from the spec, and replies set by a test, as responses.

Every response is handed over unread, as a real transport does, so reading it in chunks, as
lines or as server-sent events works as it does against a server. A delay longer than the
request's read timeout ends in ``httpx.ReadTimeout``, as a slow server would.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
import pydantic

from ._testing_schema import item_schema, sample, validate

__all__ = [
    "as_last_page",
    "body_response",
    "deliver",
    "events",
    "example",
    "json_lines",
    "json_response",
    "sent",
    "waited",
]


def example(
    declared: Mapping[str, Any], defs: Mapping[str, Any], page_items: Sequence[str] | None = None
) -> Any:
    """The spec's first example valid against the schema, else a value made from it. A page
    made up (``page_items``: where its items are) holds an item made up on its own, as full
    as the one a single fetch answers with: made within the page, an item sits deep enough to
    be given its required fields only."""
    schema = declared.get("schema") or {}
    for candidate in declared.get("examples") or []:
        if not validate(candidate, schema, defs, "", strict=False):
            return candidate
    value = sample(schema, defs)
    item = None if page_items is None else item_schema(schema, page_items, defs)
    if item is None or not isinstance(_at(value, page_items), list):
        return value
    if not page_items:
        return [sample(item, defs)]
    _put(value, page_items, [sample(item, defs)])
    return value


def json_response(
    status: int, value: Any, headers: Mapping[str, str], request: httpx.Request
) -> httpx.Response:
    content = json.dumps(_jsonable(value), ensure_ascii=False, separators=(",", ":")).encode()
    return sent(status, content, {**headers, "content-type": "application/json"}, request)


def as_last_page(value: Any, paging: Mapping[str, Any], request: httpx.Request) -> Any:
    """A page that says it is the last one, so iterating a list ends after it: page N of N,
    no more items after these, no next page number, cursor or link. A page that is a bare
    array (Clerk's `GET /users?offset=`, Grafana's `GET /users?page=`), or numbered pages
    that declare no such field, have nowhere to say so: the fake's list is then the example's
    items, a page from an offset holds those after it and every page after the first holds
    none, which ends the iteration where the example again would look like a server that does
    not move on."""
    requested = request.url.params.get(paging.get("page_param") or "")
    number = int(requested) if requested and requested.isdigit() else None
    if isinstance(value, list) and paging.get("style") == "offset":
        return value[number or 0 :]
    if _past_first_page(paging, number):
        if not isinstance(value, dict):
            return []
        _put(value, paging.get("items_field"), [])
    if not isinstance(value, dict):
        return value
    if paging.get("style", "page") == "page":
        for name in ("current_page", "last_page"):
            _put(value, paging.get(name), number or 1)
        _put(value, paging.get("has_more"), False)
        _put(value, paging.get("next"), None)
        return value
    items = _at(value, paging.get("items_field"))
    offset = number if paging.get("style") == "offset" else None
    _put(value, paging.get("total"), (offset or 0) + (len(items) if isinstance(items, list) else 0))
    _put(value, paging.get("has_more"), False)
    _put(value, paging.get("done"), True)
    _put(value, paging.get("next"), None)
    return value


def _past_first_page(paging: Mapping[str, Any], number: int | None) -> bool:
    """Whether ``number`` asks for a page after the first of numbered pages that only an empty
    page ends (nothing in them says which page is the last)."""
    if paging.get("style", "page") != "page" or number is None:
        return False
    if any(paging.get(name) for name in ("current_page", "last_page", "has_more", "next")):
        return False
    return number > int(paging.get("first_page", 1))


def _put(value: Any, path: Sequence[str] | None, new: Any) -> None:
    """Set the field at ``path`` where the body has its parent object."""
    if path:
        parent = _at(value, path[:-1])
        if isinstance(parent, dict):
            parent[path[-1]] = new


def _at(value: Any, path: Sequence[str] | None) -> Any:
    for step in path or []:
        value = value.get(step) if isinstance(value, dict) else None
    return value


def waited(delay: float, request: httpx.Request) -> float:
    read = (request.extensions.get("timeout") or {}).get("read")
    return min(delay, read) if isinstance(read, int | float) else delay


def deliver(
    response: httpx.Response,
    request: httpx.Request,
    *,
    delay: float,
    error: BaseException | type[BaseException] | None,
) -> httpx.Response:
    """The response, or the timeout or transport error a test asked for instead."""
    read = (request.extensions.get("timeout") or {}).get("read")
    if delay and isinstance(read, int | float) and delay > read:
        raise httpx.ReadTimeout(f"the fake waited {read} s without answering", request=request)
    if isinstance(error, type) and issubclass(error, httpx.RequestError):
        raise error(f"{error.__name__} from the fake", request=request)
    if error is not None:
        raise error
    return response


def body_response(
    status: int, body: Any, headers: Mapping[str, str], request: httpx.Request
) -> httpx.Response:
    if isinstance(body, bytes | str):
        content = body.encode() if isinstance(body, str) else body
        return sent(status, content, headers, request)
    return json_response(status, body, headers, request)


def events(
    status: int,
    values: list[Any],
    headers: dict[str, str],
    request: httpx.Request,
    names: list[str] | None = None,
) -> httpx.Response:
    """A ``text/event-stream`` body: one ``data:`` event per value, as JSON, each named by
    ``names`` if given."""
    text = "".join(
        (f"event: {names[index]}\n" if names is not None else "")
        + f"data: {json.dumps(_jsonable(value))}\n\n"
        for index, value in enumerate(values)
    )
    headers = {**headers, "content-type": "text/event-stream"}
    return sent(status, text.encode(), headers, request)


def json_lines(
    status: int, values: list[Any], headers: dict[str, str], request: httpx.Request
) -> httpx.Response:
    """A stream of JSON lines: one value per line."""
    text = "".join(json.dumps(_jsonable(value)) + "\n" for value in values)
    headers = {**headers, "content-type": "application/x-ndjson"}
    return sent(status, text.encode(), headers, request)


def sent(
    status: int, content: bytes, headers: Mapping[str, str], request: httpx.Request
) -> httpx.Response:
    """A response whose body is still to be read, as a real transport hands it over (a
    response built with ``content=`` counts as read, and streaming it would fail)."""
    headers = {**headers, "content-length": str(len(content))}
    return httpx.Response(
        status, headers=headers, stream=httpx.ByteStream(content), request=request
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [_jsonable(item) for item in value]
    return value
