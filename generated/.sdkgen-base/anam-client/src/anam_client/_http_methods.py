"""``client.get/post/put/patch/delete(path, cast_to=...)`` for endpoints the SDK does not cover.

They are thin shells over the client's ``_request``, so an undocumented endpoint gets exactly what
a generated method gets: the API's credentials (and only at its origin), retries, the deadline
and size limits, redirects by the runtime's policy, and the same errors::

    me = client.get("/v1/me", cast_to=dict)
    client.post("/v1/experiments", cast_to=Experiment, body={"name": "a"})

``path`` is joined under the base URL like a spec path (it must begin with ``/``; an absolute
URL is refused). ``body`` is sent as JSON, or as multipart form fields when ``files`` is given;
``content`` sends a raw body (any file form). ``cast_to`` is any type expression; ``object``
gives the decoded JSON. ``options`` carries per-call settings (timeout, retries, deadline,
``idempotent``, extra headers...), ``security`` the credentials the endpoint needs when they
differ from the API's default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ._auth import Security
from ._types import NOT_GIVEN, Headers, NotGiven, Query, RequestOptions

if TYPE_CHECKING:
    from typing_extensions import TypeForm

__all__ = ["AsyncHTTPMethods", "SyncHTTPMethods"]

T = TypeVar("T")


def _arguments(
    path: str,
    cast_to: object,
    body: object,
    files: Mapping[str, object] | None,
    content: object,
    **common: object,
) -> dict[str, Any]:
    """``_request`` keyword arguments for a call made through one of these methods."""
    if files is not None and not isinstance(body, Mapping | NotGiven):
        raise TypeError("With files=, body must be a mapping of form fields")
    if files is not None:
        fields = {} if isinstance(body, NotGiven) else body
        return {"path": path, "cast_to": cast_to, "form": fields, "files": files, **common}
    return {"path": path, "cast_to": cast_to, "json": body, "content": content, **common}


class SyncHTTPMethods:
    if TYPE_CHECKING:
        _request: Any

    def get(
        self,
        path: str,
        *,
        cast_to: TypeForm[T],
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
    ) -> T:
        """GET ``path`` (under the base URL) and return the body as ``cast_to``."""
        call = _arguments(path, cast_to, NOT_GIVEN, None, NOT_GIVEN, query=query, headers=headers)
        result: T = self._request("get", options=options, security=security, **call)
        return result

    def delete(
        self,
        path: str,
        *,
        cast_to: TypeForm[T],
        body: object = NOT_GIVEN,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
    ) -> T:
        call = _arguments(path, cast_to, body, None, NOT_GIVEN, query=query, headers=headers)
        result: T = self._request("delete", options=options, security=security, **call)
        return result

    def post(
        self,
        path: str,
        *,
        cast_to: TypeForm[T],
        body: object = NOT_GIVEN,
        files: Mapping[str, object] | None = None,
        content: object = NOT_GIVEN,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
    ) -> T:
        call = _arguments(path, cast_to, body, files, content, query=query, headers=headers)
        result: T = self._request("post", options=options, security=security, **call)
        return result

    def put(
        self,
        path: str,
        *,
        cast_to: TypeForm[T],
        body: object = NOT_GIVEN,
        files: Mapping[str, object] | None = None,
        content: object = NOT_GIVEN,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
    ) -> T:
        call = _arguments(path, cast_to, body, files, content, query=query, headers=headers)
        result: T = self._request("put", options=options, security=security, **call)
        return result

    def patch(
        self,
        path: str,
        *,
        cast_to: TypeForm[T],
        body: object = NOT_GIVEN,
        files: Mapping[str, object] | None = None,
        content: object = NOT_GIVEN,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
    ) -> T:
        call = _arguments(path, cast_to, body, files, content, query=query, headers=headers)
        result: T = self._request("patch", options=options, security=security, **call)
        return result


class AsyncHTTPMethods:
    if TYPE_CHECKING:
        _request: Any

    async def get(
        self,
        path: str,
        *,
        cast_to: TypeForm[T],
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
    ) -> T:
        call = _arguments(path, cast_to, NOT_GIVEN, None, NOT_GIVEN, query=query, headers=headers)
        result: T = await self._request("get", options=options, security=security, **call)
        return result

    async def delete(
        self,
        path: str,
        *,
        cast_to: TypeForm[T],
        body: object = NOT_GIVEN,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
    ) -> T:
        call = _arguments(path, cast_to, body, None, NOT_GIVEN, query=query, headers=headers)
        result: T = await self._request("delete", options=options, security=security, **call)
        return result

    async def post(
        self,
        path: str,
        *,
        cast_to: TypeForm[T],
        body: object = NOT_GIVEN,
        files: Mapping[str, object] | None = None,
        content: object = NOT_GIVEN,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
    ) -> T:
        call = _arguments(path, cast_to, body, files, content, query=query, headers=headers)
        result: T = await self._request("post", options=options, security=security, **call)
        return result

    async def put(
        self,
        path: str,
        *,
        cast_to: TypeForm[T],
        body: object = NOT_GIVEN,
        files: Mapping[str, object] | None = None,
        content: object = NOT_GIVEN,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
    ) -> T:
        call = _arguments(path, cast_to, body, files, content, query=query, headers=headers)
        result: T = await self._request("put", options=options, security=security, **call)
        return result

    async def patch(
        self,
        path: str,
        *,
        cast_to: TypeForm[T],
        body: object = NOT_GIVEN,
        files: Mapping[str, object] | None = None,
        content: object = NOT_GIVEN,
        query: Query | None = None,
        headers: Headers | None = None,
        options: RequestOptions | None = None,
        security: Security | None = None,
    ) -> T:
        call = _arguments(path, cast_to, body, files, content, query=query, headers=headers)
        result: T = await self._request("patch", options=options, security=security, **call)
        return result
