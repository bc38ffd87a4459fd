"""Proving a list method pages: the reply it is given, and the second request it must make.

verify answers a list call with a page that is not the last one (page N of N+1, more items after
these, a next cursor, a next link back to the mock), so the client must ask for page two; it is
judged on whether it asked exactly when the reply says there is more, and on that request: the
first one's arguments with only the paging parameter changed, as each style says (the page
number advanced, the offset moved past the items received, the cursor the reply gave, or what
the next link names). The rules here are written from the styles' definitions, independently
of the runtime that is being judged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .cases import parameter_objects
from .errors import ContractFailure, NoValidValue
from .schemas import SchemaChecker
from .surface import Method, Paging
from .values import ValueFactory

if TYPE_CHECKING:  # they import the call builder, which uses `page_reply_transform`
    from .calls import Call
    from .contract import Contract
    from .invoke import Outcome
    from .replies import Canned

# A next link the mock can serve: a relative reference of only a query, which names the first
# request's path again (RFC 3986, 5.2.2); with no parameters of its own, the client repeats the
# first request's query, so page two is that request sent again.
SAME_REQUEST_LINK = "?"
LINK, NEXT_RELATION = "Link", "next"  # the header naming it, for `Link`-header paging
_EMPTY: tuple[object, ...] = (None, False, "", [], {})


def page_reply_transform(
    method: Method,
    parameters: dict[tuple[str, str], Any],
    rich: bool,
    checker: SchemaChecker,
) -> Callable[[Any], Any] | None:
    """How the mock adapts the reply to a list call sending ``parameters``: with every field
    (``rich``), a page that is not the last one; a next link always points back to the mock
    (the spec's example names the real API, which the client rightly refuses to follow); a
    next cursor is one the paging parameter accepts (see `_next_cursor`)."""
    paging = method.paging
    if paging is None:
        return None
    sent = parameters.get(("query", paging.page_param or ""))
    cursor = _next_cursor(checker, method, sent)
    if not (rich or paging.style == "next_link" or cursor is not None):
        return None

    def transform(data: Any) -> Any:
        if cursor is not None and value_at(data, paging.next) not in _EMPTY:
            _put(data, paging.next, cursor)
        if not (rich or paging.style == "next_link"):
            return data
        if paging.style == "page":
            asked = sent if isinstance(sent, int) else 1
            _put(data, paging.current_page, asked)
            _put(data, paging.last_page, asked + 1)
            _put(data, paging.has_more, True)
            return data
        items = value_at(data, paging.items_path)
        count = len(items) if isinstance(items, list) else 0
        _put(data, paging.total, (sent if isinstance(sent, int) else 0) + count + 1)
        _put(data, paging.has_more, True)
        _put(data, paging.done, False)
        if paging.style != "cursor":
            _put(data, paging.next, SAME_REQUEST_LINK)
        return data

    return transform


def _next_cursor(checker: SchemaChecker, method: Method, sent: Any) -> Any:
    """A next cursor for the reply that the paging parameter accepts, other than the one sent;
    None for other styles, or where no such value exists. The reply's own schema may allow
    cursors the parameter refuses (Twitter's `meta.next_token` is any non-empty text, its
    `?pagination_token=` at least 16 characters): the API gives only cursors it takes back,
    so a mock that gave another would fail page two for the harness's sake, not the client's."""
    paging = method.paging
    if paging is None or paging.style != "cursor" or paging.item_cursor is not None:
        return None
    schema = next(
        (
            candidate.get("schema")
            for candidate in parameter_objects(checker.document, method)
            if (candidate.get("in"), candidate.get("name")) == ("query", paging.page_param)
        ),
        None,
    )
    if not isinstance(schema, dict):
        return None
    factory = ValueFactory(checker, mode="minimal", direction="request")
    try:
        values = (factory.value(schema, paging.page_param or "cursor") for _ in range(2))
        return next((value for value in values if value != sent), None)
    except NoValidValue:
        return None


def page_reply_headers(method: Method, rich: bool) -> dict[str, str | None]:
    """The headers the mock sets on (or, as None, leaves out of) a list reply: a page that
    says where the next page is in its ``Link`` header names the mock's next page when the
    call is ``rich``, and none otherwise (the spec's own example link names the real API)."""
    if method.paging is None or method.paging.style != "link_header":
        return {}
    return {LINK: f'<{SAME_REQUEST_LINK}>; rel="{NEXT_RELATION}"' if rich else None}


def last_page_transform(method: Method, checker: SchemaChecker) -> Callable[[Any], Any] | None:
    """For calls that prove something else (the path ids): a next-link list reply made the
    last page, since the link in the spec's example names the real API (or a path that is not
    this call's); a next cursor one the paging parameter accepts, as in any list reply."""
    paging = method.paging
    if paging is not None and paging.style == "cursor":
        return page_reply_transform(method, {}, False, checker)
    if paging is None or paging.style != "next_link" or not paging.next:
        return None
    *parents, last = paging.next

    def transform(data: Any) -> Any:
        holder = value_at(data, tuple(parents))
        if isinstance(holder, dict):
            holder.pop(last, None)
        return data

    return transform


def check_next_page(contract: Contract, call: Call, reply: Canned, outcome: Outcome) -> Call | None:
    """Whether the client fetched page two exactly when the reply says there is one; the call
    that page two must match, if any. When the reply does not say (page numbers absent), only
    the request for page two, if any, is judged."""
    paging = call.method.paging
    assert paging is not None
    says, number = _next_of(paging, reply, call.expected.parameters)
    if says is not None and says != (outcome.following is not None):
        found = "found no" if says else "fetched a"
        raise ContractFailure(
            f"{call.label}: the reply says {_what(paging, says)}, but the client {found} next page",
            _pointer(call.method),
        )
    if outcome.following is None:
        return None
    parameters = dict(call.expected.parameters)
    if paging.page_param is not None and paging.style != "next_link":
        if number is None:
            number = _sent(contract, paging.page_param)
        parameters[("query", paging.page_param)] = _as_declared(call.method, number)
    return dataclasses.replace(
        call,
        label=f"{call.label} (page 2)",
        expected=dataclasses.replace(call.expected, parameters=parameters),
    )


def _next_of(paging: Paging, reply: Canned, parameters: dict[Any, Any]) -> tuple[bool | None, Any]:
    """Whether the reply says a page follows (None: it does not say), and the paging parameter
    that page must be asked for with (None: whatever the client sent)."""
    data = reply.data
    items = value_at(data, paging.items_path)
    listed = items if isinstance(items, list) else []
    if paging.style == "link_header":
        links = [value for name, value in reply.headers.items() if name.lower() == LINK.lower()]
        return bool(listed) and any(f'rel="{NEXT_RELATION}"' in link for link in links), None
    sent = _number(parameters.get(("query", paging.page_param or "")))
    return _STYLES[paging.style](paging, data, listed, sent)


def _page(paging: Paging, data: Any, items: list[Any], sent: Any) -> tuple[bool | None, Any]:
    if paging.has_more and value_at(data, paging.has_more) is False:  # no page follows
        return False, None
    if not (paging.current_page or paging.last_page or paging.next):
        # numbered with no end marker: a page with items says another may follow
        return bool(items), (sent if isinstance(sent, int) else paging.first_page) + 1
    current, last = value_at(data, paging.current_page), value_at(data, paging.last_page)
    following = current + 1 if isinstance(current, int) else None
    if not (isinstance(current, int) and isinstance(last, int)):
        return None, following
    return bool(items) and current < last, following


def _offset(paging: Paging, data: Any, items: list[Any], sent: Any) -> tuple[bool | None, Any]:
    after = (sent if isinstance(sent, int) else 0) + len(items)
    total, more = value_at(data, paging.total), value_at(data, paging.has_more)
    if isinstance(total, int) and not isinstance(total, bool):
        return bool(items) and after < total, after
    if isinstance(more, bool):
        return bool(items) and more, after
    if not paging.next:  # an offset with no end marker: a page with items says another may follow
        return bool(items), after
    return bool(items) and value_at(data, paging.next) not in _EMPTY, after


def _cursor(paging: Paging, data: Any, items: list[Any], sent: Any) -> tuple[bool | None, Any]:
    if paging.item_cursor is not None:
        last = items[-1] if items else None
        cursor = last.get(paging.item_cursor) if isinstance(last, dict) else None
    else:
        cursor = value_at(data, paging.next)
    ends = not items or value_at(data, paging.has_more) is False or cursor in _EMPTY
    ends = ends or value_at(data, paging.done) is True
    return not (ends or str(cursor) == str(sent)), cursor


def _next_link(paging: Paging, data: Any, items: list[Any], sent: Any) -> tuple[bool | None, Any]:
    link = value_at(data, paging.next)
    return bool(items) and isinstance(link, str) and link != "", None


_STYLES: dict[str, Callable[[Paging, Any, list[Any], Any], tuple[bool | None, Any]]] = {
    "page": _page,
    "offset": _offset,
    "cursor": _cursor,
    "next_link": _next_link,
}


def _what(paging: Paging, says: bool) -> str:
    if paging.style == "page":
        return "this page is not the last" if says else "this is the last page"
    return "more items follow" if says else "no items follow"


def _pointer(method: Method) -> str:
    from .results import response_pointer

    return response_pointer(method, method.returns.status, None)


def _sent(contract: Contract, name: str) -> Any:
    """The paging parameter the client sent for page two, as a number where it is one."""
    return _number(dict(contract.mock.exchanges[1].request.query).get(name))


def _number(value: Any) -> Any:
    """A query value of digits as its number (a query carries text, whatever its type)."""
    return int(value) if isinstance(value, str) and value.isdigit() else value


def _as_declared(method: Method, number: Any) -> Any:
    """Page two's paging parameter as the spec declares it: Box declares `offset` a string, so
    the offset past the first page's items is expected as the text of that number."""
    assert method.paging is not None
    wire = method.paging.page_param
    declared = next(
        (a for a in method.parameters if a.location == "query" and a.wire == wire), None
    )
    if isinstance(number, int) and declared is not None and "int" not in declared.type.inputs:
        return str(number) if "str" in declared.type.inputs else number
    return number


def _put(data: Any, path: tuple[str, ...], value: Any) -> None:
    """Set the field at ``path``, making the objects on the way."""
    if not path:
        return
    node = data
    for step in path[:-1]:
        node = node.setdefault(step, {}) if isinstance(node, dict) else {}
    if isinstance(node, dict):
        node[path[-1]] = value


def value_at(data: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path`` in a reply (the reply itself for an empty path), or None."""
    for step in path:
        data = data.get(step) if isinstance(data, dict) else None
    return data
