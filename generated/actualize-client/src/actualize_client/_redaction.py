"""Keeping secrets out of everything a person may read: logs, exception messages, error bodies.

Two kinds of secret exist. Credentials (API keys, passwords) are known when the client is built.
Secret body fields (model fields marked ``x-sdk-secret``, or dict keys named like a secret) are
known only per request, and matter when a server echoes the request back in an error, as
FastAPI's 422 does. Both are removed by value wherever they appear, in each spelling a server
may echo them in: as is, URL-encoded or JSON-escaped.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import quote, quote_plus

import httpx
import pydantic

__all__ = [
    "REDACTED",
    "SECRET_MARK",
    "Secrets",
    "body_secrets",
    "header_secrets",
    "hide_query_in_httpx_logs",
    "redact_headers",
    "redact_url",
    "secret_model_fields",
]

REDACTED = "<redacted>"
SECRET_MARK = "x-sdk-secret"
_SENSITIVE_HEADER_PARTS = ("auth", "key", "token", "secret", "password", "cookie", "session")
# Headers whose value is a URL: a redirect's target may be a pre-signed link (see redact_url).
_URL_HEADERS = frozenset({"location", "content-location"})
# A plain dict key names a secret when its last word is one of these (``client_secret``,
# ``api_key``, ``accessToken``): the rule the generator uses to mark model fields, for bodies
# built from dicts that carry no such mark.
_SECRET_LAST_WORDS = frozenset(
    {"secret", "password", "passwd", "token", "apikey", "credential", "credentials"}
)
_SECRET_LAST_PAIRS = frozenset({("api", "key"), ("private", "key"), ("access", "key")})
# A query parameter also names a secret when it signs the URL: a pre-signed storage link
# (S3's ``X-Amz-Signature``, Google's ``X-Goog-Signature``, Azure's ``sig``) lets whoever
# reads it fetch the object, wherever the link came from; ``key`` alone is an API key.
_SIGNING_LAST_WORDS = frozenset({"signature", "sig"})
_QUERY_SECRET_NAMES = frozenset({"key"})
_WHOLE_BELOW = 4
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


class Secrets:
    """Values that must never be shown, with the spellings a server might echo them in."""

    __slots__ = ("values",)

    def __init__(self, values: frozenset[str] = frozenset()) -> None:
        self.values = values

    @classmethod
    def of(cls, values: Iterable[str]) -> Secrets:
        spellings: set[str] = set()
        for value in values:
            if value:
                escaped = (json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1])
                spellings.update((value, quote(value, safe=""), quote_plus(value), *escaped))
        return cls(frozenset(spellings))

    def __or__(self, other: Secrets) -> Secrets:
        return Secrets(self.values | other.values)

    def scrub(self, text: str) -> str:
        """``text`` with every secret replaced by REDACTED (longest first, so none survives
        in part). A value shorter than ``_WHOLE_BELOW`` characters (a placeholder key, say) is
        replaced only where it stands alone: inside a word it would garble the text."""
        for value in sorted(self.values, key=len, reverse=True):
            if value not in text:
                continue
            if len(value) >= _WHOLE_BELOW:
                text = text.replace(value, REDACTED)
            else:
                text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", REDACTED, text)
        return text


def body_secrets(body: object) -> Secrets:
    """The secret values inside a request body as the caller gave it (models, dicts, lists)."""
    return Secrets.of(_secret_values(body))


def header_secrets(headers: httpx.Headers, extra_sensitive: Iterable[str] = ()) -> Secrets:
    """The values of the headers a request sent that logs hide. A key may travel in a header
    parameter the spec declares no credential for (FastAPI's ``xi-api-key: Optional[str]``),
    given per call or in ``default_headers``; a server echoing it in an error must not show it."""
    sensitive = {name.lower() for name in extra_sensitive}
    return Secrets.of(
        value for name, value in headers.items() if _is_sensitive_header(name.lower(), sensitive)
    )


def _secret_values(value: object) -> Iterator[str]:
    if isinstance(value, pydantic.BaseModel):
        marked = secret_model_fields(type(value))
        for name in type(value).model_fields:
            item = getattr(value, name, None)
            if name in marked and isinstance(item, str):
                yield item
            else:
                yield from _secret_values(item)
        yield from _secret_values(value.__pydantic_extra__ or {})
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(item, str) and _names_a_secret(str(key)):
                yield item
            else:
                yield from _secret_values(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _secret_values(item)


@functools.cache
def secret_model_fields(model: type[pydantic.BaseModel]) -> frozenset[str]:
    """The fields of ``model`` the spec (or the generator) marked as secret."""
    return frozenset(
        name
        for name, field in model.model_fields.items()
        if isinstance(field.json_schema_extra, dict) and field.json_schema_extra.get(SECRET_MARK)
    )


@functools.lru_cache(maxsize=1024)
def _names_a_secret(key: str) -> bool:
    words = [word.lower() for word in _WORD.findall(key)]
    return bool(words) and (
        words[-1] in _SECRET_LAST_WORDS or tuple(words[-2:]) in _SECRET_LAST_PAIRS
    )


def redact_headers(headers: httpx.Headers, extra_sensitive: Iterable[str] = ()) -> dict[str, str]:
    """Copy headers for display, hiding any whose name suggests a credential, and the secret
    query parameters of a URL one holds (a redirect's ``Location``)."""
    sensitive = {name.lower() for name in extra_sensitive}
    return {name: _shown_header(name.lower(), value, sensitive) for name, value in headers.items()}


def _is_sensitive_header(name: str, sensitive: set[str]) -> bool:
    return name in sensitive or any(part in name for part in _SENSITIVE_HEADER_PARTS)


def _shown_header(name: str, value: str, sensitive: set[str]) -> str:
    if _is_sensitive_header(name, sensitive):
        return REDACTED
    if name not in _URL_HEADERS:
        return value
    try:
        return redact_url(httpx.URL(value))
    except httpx.InvalidURL:
        return REDACTED if "?" in value else value


def redact_url(url: httpx.URL, sensitive_query: Iterable[str] = ()) -> str:
    """The URL for display, with the values of credential query parameters hidden: those the
    client sends (``sensitive_query``) and any named like a secret or a signature, as a
    pre-signed link a server redirects to carries them."""
    if not url.query:
        return str(url)
    names = set(sensitive_query)
    hidden = {key for key in url.params if key in names or _names_a_query_secret(key)}
    if not hidden:
        return str(url)
    params = [
        (key, REDACTED if key in hidden else value) for key, value in url.params.multi_items()
    ]
    return str(url.copy_with(params=params))


@functools.lru_cache(maxsize=1024)
def _names_a_query_secret(key: str) -> bool:
    words = [word.lower() for word in _WORD.findall(key)]
    return (
        _names_a_secret(key)
        or key.lower() in _QUERY_SECRET_NAMES
        or (bool(words) and words[-1] in _SIGNING_LAST_WORDS)
    )


class _QueryRedactingFilter(logging.Filter):
    """Rewrites httpx's own ``HTTP Request: GET <url>`` records so credential and signing query
    parameters never reach a handler, whoever configured logging."""

    def __init__(self, owner: str) -> None:
        super().__init__()
        self.owner = owner
        self.parameters: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact_url(arg, self.parameters) if isinstance(arg, httpx.URL) else arg
                for arg in record.args
            )
        return True


# One filter per package that carries this runtime; clients add the parameters they use.
_FILTER_NAME = f"{__name__}.query-credentials"


def hide_query_in_httpx_logs(parameters: Iterable[str]) -> None:
    """Make sure httpx's logger never prints the values of these query parameters, nor of any
    that ``redact_url`` hides by its name."""
    names = set(parameters)
    httpx_logger = logging.getLogger("httpx")
    for existing in httpx_logger.filters:
        if isinstance(existing, _QueryRedactingFilter) and existing.owner == _FILTER_NAME:
            existing.parameters |= names
            return
    added = _QueryRedactingFilter(_FILTER_NAME)
    added.parameters |= names
    httpx_logger.addFilter(added)
