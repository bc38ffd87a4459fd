"""AutoRest's `x-ms-pageable`, held to what the generated pagination can honour.

Azure's specs say outright which operations page: `{"nextLinkName": "nextLink", "itemName":
"value"}` on a list operation (the items under `itemName`, `value` by default; the next page
at the URL under `nextLinkName`; `null` there means the one reply holds everything). Pagination
reads the declaration in place of detecting a style (see `pagination.py`). What it cannot honour
is dropped here with a warning, so that the operation keeps its plain reply:

- `operationName` naming an operation of the spec: AutoRest calls that operation, with the link,
  for each later page; a generated client follows the link itself, so the method returns the
  first page and the caller calls the other operation. (A name the spec lacks is AutoRest's
  usual `<operation>Next`, a GET of the link: exactly what the client does.)
- a declaration on anything but a GET, whose repeat is not a GET of the link either;
- a declaration that is not a map with `nextLinkName` text or null and `itemName` text.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..walk import iter_operations

KEY = "x-ms-pageable"  # read by `pagination.py` as DECLARATION
ONE_PAGE: dict[str, Any] = {"nextLinkName": None}


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    ids = {str(op.get("operationId")) for _, _, op in iter_operations(document)}
    for path, method, operation in iter_operations(document):
        if KEY not in operation:
            continue
        reason = _unusable(operation[KEY], method, ids)
        if reason is not None:
            operation[KEY] = ONE_PAGE
            pointer = jsonpointer.join("", "paths", path, method, KEY)
            fix = "declare `nextLinkName` and `itemName` of a GET list, or drop it"
            message = f"x-ms-pageable {reason}: the method returns the first page only"
            problems.append(Problem("warning", message, file, pointer, fix))
    return problems


def _unusable(declared: Any, method: str, ids: set[str]) -> str | None:
    """Why the declaration cannot be honoured, if it cannot."""
    if not isinstance(declared, dict):
        return "is not a map"
    link, items = declared.get("nextLinkName"), declared.get("itemName", "value")
    if link is None:
        return None  # one page, as declared
    if not isinstance(link, str) or not link or not isinstance(items, str) or not items:
        return "needs `nextLinkName` and `itemName` as text"
    if method != "get":
        return f"on a {method.upper()} cannot be repeated as a GET of the next link"
    following = declared.get("operationName")
    if isinstance(following, str) and following in ids:
        return f"fetches later pages with the operation {following!r}, which is not supported"
    return None
