"""A fully resolved request, built once per call and turned into a fresh httpx.Request per attempt.

Resolving arguments (encoding the path, merging headers and query layers, encoding the body,
reading files) happens once, before anything is sent, so that bad arguments fail without a
request being made and every retry sends exactly the same thing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import IO
from urllib.parse import quote

import httpx
from typing_extensions import Self  # noqa: UP035 - typing.Self needs Python 3.11

from ._files import file_bytes, multipart_parts
from ._serialization import is_absent, json_body
from ._styles import form_pairs
from ._types import Body, NotGiven

__all__ = ["EncodedBody", "RequestPlan", "encode_body"]

_MultipartParts = list[tuple[str, tuple[str | None, bytes | IO[bytes], str | None]]]


@dataclasses.dataclass(frozen=True, kw_only=True)
class RequestPlan:
    method: str
    url: str  # scheme, host and percent-encoded path; the query is `params`
    params: tuple[tuple[str, str], ...]  # percent-encoded, in order
    headers: Mapping[str, str]  # lower-case names
    content: bytes | None  # the encoded body; its Content-Type is in `headers`
    files: _MultipartParts | None
    timeout: httpx.Timeout
    max_retries: int
    idempotent: bool
    stream: bool

    def with_param(self, name: str, value: str) -> Self:
        """The same request with one query parameter set, e.g. the next page number."""
        key, text = quote(name, safe=""), quote(value, safe="")
        params = (*(param for param in self.params if param[0] != key), (key, text))
        return dataclasses.replace(self, params=params)

    def build(self, client: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        # A new Request per attempt: a multipart body is a stream that one send consumes.
        query = "?" + _query_string(self.params) if self.params else ""
        return client.build_request(
            self.method,
            self.url + query,
            headers=self.headers,
            content=self.content,
            files=self.files,
            timeout=self.timeout,
        )


def _query_string(pairs: tuple[tuple[str, str], ...]) -> str:
    return "&".join(f"{name}={value}" for name, value in pairs)


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
    omit_empty: bool = False,
) -> EncodedBody:
    """The body in the encoding the operation declares (``extra_body`` joins the field kinds).

    multipart (``form`` and ``files``), ``application/x-www-form-urlencoded`` (``urlencoded``),
    raw content (``content``: text, or any accepted file form) or, by default, JSON.
    ``content_type`` is the declared media type (for JSON, e.g. ``application/merge-patch+json``).
    ``omit_empty`` is set for an optional body passed as fields: when every field was left out,
    none is sent (rather than ``{}``), so a GET or DELETE that may carry a body carries none
    unless the caller gives it.
    """
    if omit_empty and not extra_body and _no_field_given(json, form, files, urlencoded):
        return EncodedBody()
    if form is not None or files is not None:
        return EncodedBody(
            files=multipart_parts({**(form or {}), **(extra_body or {})}, files or {})
        )
    if urlencoded is not None:
        text = _query_string(tuple(form_pairs({**urlencoded, **(extra_body or {})})))
        return EncodedBody(text.encode(), "application/x-www-form-urlencoded")
    if not isinstance(content, NotGiven):
        if isinstance(content, str):
            return EncodedBody(content.encode(), content_type or "text/plain; charset=utf-8")
        data, guessed = file_bytes(content)
        return EncodedBody(data, content_type or guessed or "application/octet-stream")
    if isinstance(json, NotGiven) and not extra_body:
        return EncodedBody()
    return EncodedBody(json_body(json, extra_body), content_type or "application/json")


def _no_field_given(json: object, *mappings: Mapping[str, object] | None) -> bool:
    """No field of a fields body was given (in JSON, None is a value: ``null``)."""
    if isinstance(json, Mapping):
        if not all(isinstance(value, NotGiven) for value in json.values()):
            return False
    elif not isinstance(json, NotGiven):
        return False
    return all(is_absent(value) for fields in mappings for value in (fields or {}).values())
