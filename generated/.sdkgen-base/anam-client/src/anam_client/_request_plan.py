"""A fully resolved request, built once per call and turned into a fresh httpx.Request per attempt.

Resolving arguments (encoding the path, merging headers and query layers, encoding the body,
reading files) happens once, before anything is sent, so that bad arguments fail without a
request being made and every retry sends exactly the same thing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import IO
from urllib.parse import urlencode

import httpx
from typing_extensions import Self  # noqa: UP035 - typing.Self needs Python 3.11

from ._files import file_bytes, multipart_parts
from ._serialization import json_body, merge_params, query_params
from ._types import Body, NotGiven

__all__ = ["EncodedBody", "RequestPlan", "encode_body"]

_MultipartParts = list[tuple[str, tuple[str | None, bytes | IO[bytes], str | None]]]


@dataclasses.dataclass(frozen=True, kw_only=True)
class RequestPlan:
    method: str
    url: str  # scheme, host and percent-encoded path; the query is `params`
    params: tuple[tuple[str, str], ...]
    headers: Mapping[str, str]  # lower-case names
    content: bytes | None  # the encoded body; its Content-Type is in `headers`
    files: _MultipartParts | None
    timeout: httpx.Timeout
    max_retries: int
    idempotent: bool
    stream: bool

    def with_param(self, name: str, value: str) -> Self:
        """The same request with one query parameter set, e.g. the next page number."""
        params = (*(param for param in self.params if param[0] != name), (name, value))
        return dataclasses.replace(self, params=params)

    def build(self, client: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        # A new Request per attempt: a multipart body is a stream that one send consumes.
        query = f"?{urlencode(self.params)}" if self.params else ""
        return client.build_request(
            self.method,
            self.url + query,
            headers=self.headers,
            content=self.content,
            files=self.files,
            timeout=self.timeout,
        )


@dataclasses.dataclass(frozen=True)
class EncodedBody:
    content: bytes | None = None
    content_type: str | None = None
    files: _MultipartParts | None = None


def encode_body(
    *,
    json: object,
    form: Mapping[str, object] | None,
    files: Mapping[str, object] | None,
    urlencoded: Mapping[str, object] | None,
    content: object,
    content_type: str | None,
    extra_body: Body | None,
) -> EncodedBody:
    """The body in the encoding the operation declares (``extra_body`` joins the field kinds).

    multipart (``form`` and ``files``), ``application/x-www-form-urlencoded`` (``urlencoded``),
    raw bytes (``content``: any accepted file form) or, by default, JSON.
    """
    if form is not None or files is not None:
        return EncodedBody(
            files=multipart_parts({**(form or {}), **(extra_body or {})}, files or {})
        )
    if urlencoded is not None:
        pairs = merge_params(query_params({**urlencoded, **(extra_body or {})}))
        return EncodedBody(urlencode(pairs).encode(), "application/x-www-form-urlencoded")
    if not isinstance(content, NotGiven):
        data, guessed = file_bytes(content)
        return EncodedBody(data, content_type or guessed or "application/octet-stream")
    if isinstance(json, NotGiven) and not extra_body:
        return EncodedBody()
    return EncodedBody(json_body(json, extra_body), "application/json")
