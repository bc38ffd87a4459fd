"""Checks on header names and values, made before anything is sent.

httpx and h11 refuse a bad header only while sending, with their own exception types and a
message that quotes the value, which for a credential is the secret itself. Checking first gives
a clear SDKError that names the header but never its value, and no request (or retry) is made.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ._exceptions import SDKError

__all__ = [
    "FRAMING_HEADERS",
    "check_header_name",
    "check_header_value",
    "is_token",
    "with_held_headers",
]

# RFC 9110 token: what a header (or cookie) name may consist of.
_TOKEN = re.compile(r"[-!#$%&'*+.^_`|~0-9A-Za-z]+")
# What h11 accepts as a value, limited to ASCII (httpx encodes str values as ASCII): visible
# characters, with single spaces or tabs only between them.
_VALUE = re.compile(r"(?:[\x21-\x7e]+(?:[ \t]+[\x21-\x7e]+)*)?")

# Headers that decide how the message is framed or routed: set by httpx from the URL and the
# body, never by a caller or a spec, or one request could be read as two.
FRAMING_HEADERS = frozenset(
    {
        "host",
        "content-length",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "proxy-connection",
        "upgrade",
        "te",
        "trailer",
        "expect",
    }
)


def is_token(name: object) -> bool:
    """Whether ``name`` may be a header or cookie name."""
    return isinstance(name, str) and _TOKEN.fullmatch(name) is not None


def check_header_name(name: object, what: str) -> str:
    """``name`` as a header name, or SDKError (it may be quoted: names are not secret)."""
    if not isinstance(name, str) or not is_token(name):
        raise SDKError(
            f"{what} has an invalid header name {name!r}: use letters, digits and -_.!#$%&'*+^`|~"
        )
    if name.lower() in FRAMING_HEADERS:
        raise SDKError(
            f"{what} may not set the {name!r} header: httpx sets it from the URL and the body"
        )
    return name


def check_header_value(value: str, what: str) -> str:
    """``value`` if it can be sent as is; the message never quotes it, as it may be a secret."""
    if not _VALUE.fullmatch(value):
        raise SDKError(
            f"{what} cannot be sent in a header: it contains a line break, a control or "
            "non-ASCII character, or leading or trailing whitespace (a value read from a "
            "file often ends in a newline: strip it)"
        )
    return value


def with_held_headers(
    carried: Mapping[str, str] | None, given: Mapping[str, str | None]
) -> dict[str, str]:
    """A client's ``default_headers`` with the headers it holds as arguments: those given now
    (not None) replace any of the same name in any case, those not given keep what a client was
    copied with (``with_options``) or what ``default_headers`` said."""
    held = {name: value for name, value in given.items() if value is not None}
    replaced = {name.lower() for name in held}
    kept = {name: value for name, value in (carried or {}).items() if name.lower() not in replaced}
    return {**kept, **held}
