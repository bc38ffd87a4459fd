"""A fully resolved request, built once per call and turned into a fresh httpx.Request per attempt.

Resolving arguments (encoding the path, merging headers and query layers, encoding the body,
preparing files) happens once, before anything is sent, so that bad arguments fail without a
request being made and every retry sends exactly the same thing; a body that cannot be sent
twice (see _files) makes the plan not ``replayable``, and it is then not retried.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import os
import zlib
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any, TypeVar, cast
from urllib.parse import quote

import httpx
from typing_extensions import Self  # noqa: UP035 - typing.Self needs Python 3.11

from ._deadline import Budget
from ._exceptions import SDKError
from ._files import OneShotStream, RewindableFile, Upload, multipart_parts, upload_content
from ._retries import RETRY_COUNT_HEADER
from ._serialization import Styled, WithContentType, body_fields, is_absent, json_body
from ._styles import form_pairs
from ._types import Body, Fields, NotGiven

__all__ = ["EncodedBody", "RequestPlan", "content_encoded", "encode_body"]

_MultipartParts = list[tuple[str, tuple[str | None, Upload, str | None]]]


# Not frozen (a frozen dataclass is markedly slower to build, and one is built per call), but
# never changed once planned: a variant is a copy (``with_param``).
@dataclasses.dataclass(kw_only=True, slots=True)
class RequestPlan:
    method: str
    url: str  # scheme, host and percent-encoded path; the query is `params`
    prefix: str  # the base URL the path was joined under: a next-page link must stay below it
    params: tuple[tuple[str, str], ...]  # percent-encoded, in order
    headers: Mapping[str, str]  # lower-case names
    content: Upload | None  # the encoded body; its Content-Type is in `headers`
    files: _MultipartParts | None
    timeout: httpx.Timeout
    deadline: float  # seconds for the whole call, retries included
    max_response_size: int  # bytes of decoded body read into memory
    max_retries: int
    idempotent: bool
    stream: bool
    # What the caller passed as the body, for finding secret fields should an error echo them.
    body_source: object = None
    uploads: tuple[RewindableFile | OneShotStream, ...] = ()
    # A redirect the operation declares as its reply (a 307 whose body is the answer): returned
    # like a 2xx, never followed.
    answer_status: int | None = None

    def answered(self, response: httpx.Response) -> bool:
        """Whether ``response`` is the operation's reply: a 2xx, or its declared redirect."""
        return response.is_success or response.status_code == self.answer_status

    def budget(self) -> Budget:
        """The time this call may take, starting now."""
        timeout = self.timeout  # complete, so no part is None (see resolve_timeout)
        parts = (timeout.connect or 0.0, timeout.read or 0.0, timeout.write or 0.0)
        longest = max(*parts, timeout.pool or 0.0)
        return Budget(self.deadline, timeout.read or self.deadline, longest)

    @property
    def replayable(self) -> bool:
        """Whether every attempt can send the same body (a one-shot stream cannot)."""
        return all(upload.replayable for upload in self.uploads)

    def close(self) -> None:
        """Close the files the call opened (from paths); the caller's own stay open."""
        for upload in self.uploads:
            upload.close()

    def with_param(self, name: str, value: str) -> Self:
        """The same request with one query parameter set, e.g. the next page number."""
        key, text = quote(name, safe=""), quote(value, safe="")
        params = (*(param for param in self.params if param[0] != key), (key, text))
        return dataclasses.replace(self, params=params)

    def build(
        self,
        client: httpx.Client | httpx.AsyncClient,
        budget: Budget,
        *,
        retries: int,
        url: httpx.URL | None = None,
    ) -> httpx.Request:
        """A new Request per attempt (a multipart body is a stream that one send consumes);
        a retry says how many attempts came before it. ``url`` replaces the planned URL and
        query when following a redirect."""
        target: httpx.URL | str = url if url is not None else self.url
        if url is None and self.params:
            target = f"{self.url}?{_query_string(self.params)}"
        content: bytes | Iterator[bytes] | AsyncIterator[bytes] | None
        if isinstance(self.content, bytes) or self.content is None:
            content = self.content
        elif isinstance(client, httpx.AsyncClient):
            content = self.content.achunks()
        else:
            content = self.content.chunks()
        return _new_request(
            client,
            self.method,
            target,
            headers={**self.headers, RETRY_COUNT_HEADER: str(retries)} if retries else self.headers,
            content=content,
            files=self.files,
            timeout=budget.attempt_timeout(self.timeout),
        )

    def build_foreign(
        self, budget: Budget, *, url: httpx.URL, keep: frozenset[str]
    ) -> httpx.Request:
        """The request for a redirect to another origin: ``url`` as the server gave it, the
        headers named in ``keep`` and nothing else (no credential, no body, none of the httpx
        client's own headers, query or cookies: any of them may be a secret; see _redirects)."""
        headers = {name: value for name, value in self.headers.items() if name in keep}
        timeout = budget.attempt_timeout(self.timeout)
        return httpx.Request(
            self.method, url, headers=headers, extensions={"timeout": timeout.as_dict()}
        )


def _new_request(
    client: httpx.Client | httpx.AsyncClient,
    method: str,
    url: httpx.URL | str,
    *,
    headers: Mapping[str, str],
    content: bytes | Iterator[bytes] | AsyncIterator[bytes] | None,
    files: _MultipartParts | None,
    timeout: httpx.Timeout,
) -> httpx.Request:
    """The request ``client.build_request`` makes for an absolute URL, without its header merge.

    build_request merges the call's headers into the client's with ``httpx.Headers.update``,
    which rescans and re-decodes every header for each name it replaces; for the handful of
    headers every call carries, that cost more than the rest of building the request. The
    merge here is the same in one pass (the client's headers in order, less those the call
    sets, then the call's, lower-case names; values are ASCII, as httpx encodes them); the
    client's query parameters, cookies and the timeout go to ``httpx.Request`` as
    build_request passes them.
    """
    ours = {name.encode("ascii"): value.encode("ascii") for name, value in headers.items()}
    merged = [(name, value) for name, value in client.headers.raw if name.lower() not in ours]
    merged.extend(ours.items())
    return httpx.Request(
        method,
        url,
        params=client.params or None,
        headers=merged,
        cookies=client.cookies or None,
        content=content,
        files=cast(Any, files),  # file-like wrappers (see _files), read as httpx reads IO
        extensions={"timeout": timeout.as_dict()},
    )


def _query_string(pairs: tuple[tuple[str, str], ...]) -> str:
    return "&".join(f"{name}={value}" for name, value in pairs)


@dataclasses.dataclass(frozen=True)
class EncodedBody:
    content: Upload | None = None
    content_type: str | None = None
    files: _MultipartParts | None = None
    source: object = None  # the arguments it was encoded from, for redacting secrets later
    serialized: bool = False  # bytes the client wrote (JSON, a form, text), not the caller's

    # Cached (the instance dict is written directly, which a frozen dataclass allows): the
    # shared empty body then answers as a plain attribute.
    @functools.cached_property
    def uploads(self) -> tuple[RewindableFile | OneShotStream, ...]:
        """The bodies (or parts) that are streams rather than bytes."""
        if self.files is None and not isinstance(self.content, RewindableFile | OneShotStream):
            return ()
        candidates = [self.content, *(part[1][1] for part in self.files or ())]
        return tuple(
            item for item in candidates if isinstance(item, RewindableFile | OneShotStream)
        )

    @functools.cached_property
    def length(self) -> int | None:
        """The length of a streamed raw body, when it is known; httpx measures the rest."""
        return self.content.length if isinstance(self.content, RewindableFile) else None


_NO_BODY = EncodedBody()  # most calls send none: one shared (frozen) instance
_F = TypeVar("_F")


def encode_body(
    *,
    json: object,
    form: Fields | NotGiven | None,
    files: Mapping[str, object] | None,
    urlencoded: Fields | NotGiven | None,
    content: object,
    content_type: str | None,
    extra_body: Body | None,
    omit_empty: bool = False,
    defaults: Mapping[str, object] | None = None,
) -> EncodedBody:
    """The body in the encoding the operation declares (``extra_body`` joins the field kinds).

    multipart (``form`` and ``files``), ``application/x-www-form-urlencoded`` (``urlencoded``),
    raw content (``content``: text, or any accepted file form) or, by default, JSON.
    ``content_type`` is the declared media type (for JSON, e.g. ``application/merge-patch+json``).
    ``omit_empty`` is set for an optional body passed as fields: when every field was left out,
    none is sent (rather than ``{}``), so a GET or DELETE that may carry a body carries none
    unless the caller gives it. ``defaults`` holds, for such a body, the spec's default of each
    field it requires: a body that is sent without one of them carries the default there, since
    the server would refuse it without the field, and the default is what the spec says the
    field is when not chosen. A form or multipart body given whole as a model is sent as its
    fields (``body_fields``).
    """
    source = (json, form, urlencoded, extra_body)
    form = _fields(form, extra_body)
    urlencoded = _fields(urlencoded, extra_body)
    if omit_empty and not extra_body and _no_field_given(json, form, files, urlencoded):
        return _NO_BODY
    if defaults:
        json = _filled(json, defaults, lambda value: isinstance(value, NotGiven))
        form, urlencoded = (_filled(fields, defaults, _left_out) for fields in (form, urlencoded))
    if form is not None or files is not None:
        parts = multipart_parts({**(form or {}), **(extra_body or {})}, files or {})
        if not parts:  # each field left out (some wrapped: `FileArray`, `WithContentType`)
            return _NO_BODY if omit_empty else _empty_multipart(source)
        return EncodedBody(files=parts, source=source)
    if urlencoded is not None:
        text = _query_string(tuple(form_pairs({**urlencoded, **(extra_body or {})})))
        form_type = "application/x-www-form-urlencoded"
        return EncodedBody(text.encode(), form_type, source=source, serialized=True)
    if not isinstance(content, NotGiven):
        if isinstance(content, str):
            text_type = content_type or "text/plain; charset=utf-8"
            return EncodedBody(content.encode(), text_type, source=source, serialized=True)
        data, chosen = upload_content(content, content_type)
        return EncodedBody(data, chosen or "application/octet-stream")
    if isinstance(json, NotGiven) and not extra_body:
        return _NO_BODY
    body = json_body(json, extra_body)
    return EncodedBody(body, content_type or "application/json", source=source, serialized=True)


def content_encoded(body: EncodedBody, encoding: str | None) -> EncodedBody:
    """``body`` as its ``Content-Encoding`` header says the bytes on the wire are: a body the
    client serialized is compressed (Datadog's log intake takes ``gzip``), since one labelled
    gzip but sent plain is one the server cannot read. Bytes or a file the caller gave are sent
    as given: they are the encoded body. An encoding the client cannot apply is refused."""
    name = (encoding or "identity").strip().lower()
    if not body.serialized or not isinstance(body.content, bytes) or name == "identity":
        return body
    if name in ("gzip", "x-gzip"):
        data = gzip.compress(body.content, mtime=0)
    elif name == "deflate":
        data = zlib.compress(body.content)
    else:
        raise SDKError(
            f"Cannot encode the request body as {encoding!r}: the client compresses with gzip "
            "or deflate; pass the encoded bytes as the body's content instead"
        )
    return dataclasses.replace(body, content=data)


def _fields(body: Fields | NotGiven | None, extra_body: Body | None) -> Mapping[str, object] | None:
    """A form or multipart body's fields; an optional body left out is none at all, unless
    ``extra_body`` gives fields of its own."""
    if isinstance(body, NotGiven):
        return {} if extra_body else None
    return None if body is None else body_fields(body)


def _filled(fields: _F, defaults: Mapping[str, object], left_out: Callable[[object], bool]) -> _F:
    """``fields`` with each field of ``defaults`` the caller left out set to its default."""
    if not isinstance(fields, Mapping):
        return fields
    missing = {
        name: value for name, value in defaults.items() if name in fields and left_out(fields[name])
    }
    return cast(_F, {**fields, **missing}) if missing else fields


def _left_out(value: object) -> bool:
    """A form field not given: absent itself, or an absent value in a serialization wrapper."""
    if isinstance(value, Styled | WithContentType):
        value = value.value
    return is_absent(value)


def _empty_multipart(source: object) -> EncodedBody:
    """A multipart body of no parts: only the closing boundary. httpx sends no body at all for
    empty ``files``, but a required body must be sent even when each of its fields is optional."""
    boundary = os.urandom(16).hex()  # as httpx makes one
    content_type = f"multipart/form-data; boundary={boundary}"
    return EncodedBody(f"--{boundary}--\r\n".encode("ascii"), content_type, source=source)


def _no_field_given(json: object, *mappings: Mapping[str, object] | None) -> bool:
    """No field of a fields body was given (in JSON, None is a value: ``null``)."""
    if isinstance(json, Mapping):
        if not all(isinstance(value, NotGiven) for value in json.values()):
            return False
    elif not isinstance(json, NotGiven):
        return False
    return all(_left_out(value) for fields in mappings for value in (fields or {}).values())
