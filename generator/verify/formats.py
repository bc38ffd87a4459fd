"""Strings for the formats and patterns real specs use, distinct and deterministic.

Each string carries the caller's running number (`avatarId-3`, a UUID derived from it, a date
that many days after a fixed instant), so two fields never share a value and a client that sends
one field's value under another's name cannot pass by coincidence.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import re
import uuid
from collections.abc import Callable
from typing import Any

from .errors import NoValidValue

_EPOCH = dt.datetime(2024, 3, 1, 9, 0, 0, tzinfo=dt.UTC)
_UUID_NAMESPACE = uuid.UUID("6f1c1a8e-3d0b-4d8e-9b7c-0c5a2f6e9d41")


def formatted_text(format_name: str, hint: str, n: int) -> str:
    """The `n`th value of a string `format` (unknown formats: a word from the hint)."""
    make = _FORMATS.get(format_name)
    return make(word(hint), n) if make else f"{word(hint)}-{n}"


def _moment(n: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(days=n, hours=n, minutes=n, seconds=n)


_FORMATS: dict[str, Callable[[str, int], str]] = {
    "uuid": lambda w, n: str(uuid.uuid5(_UUID_NAMESPACE, f"{w}-{n}")),
    "date-time": lambda w, n: _moment(n).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "date": lambda w, n: _moment(n).strftime("%Y-%m-%d"),
    "time": lambda w, n: _moment(n).strftime("%H:%M:%SZ"),
    "duration": lambda w, n: f"P{n}DT{n}M",
    "email": lambda w, n: f"{w.lower()}.{n}@example.com",
    "idn-email": lambda w, n: f"{w.lower()}.{n}@example.com",
    "uri": lambda w, n: f"https://example.com/{w}/{n}",
    "url": lambda w, n: f"https://example.com/{w}/{n}",
    "iri": lambda w, n: f"https://example.com/{w}/{n}",
    "uri-reference": lambda w, n: f"/{w}/{n}",
    "iri-reference": lambda w, n: f"/{w}/{n}",
    "uri-template": lambda w, n: f"https://example.com/{w}/{{id}}/{n}",
    "json-pointer": lambda w, n: f"/{w}/{n}",
    "relative-json-pointer": lambda w, n: f"0/{w}{n}",
    "regex": lambda w, n: f"^{w}{n}$",
    "hostname": lambda w, n: f"{w.lower()}-{n}.example.com",
    "idn-hostname": lambda w, n: f"{w.lower()}-{n}.example.com",
    "ipv4": lambda w, n: f"192.0.2.{n % 254 + 1}",
    "ipv6": lambda w, n: f"2001:db8::{n:x}",
    "byte": lambda w, n: base64.b64encode(f"{w}-{n}".encode()).decode(),
    # octets inside JSON text travel as base64, as the runtime writes and reads them
    "binary": lambda w, n: base64.b64encode(f"{w}-{n}".encode() + bytes([n % 256, 255])).decode(),
    "password": lambda w, n: f"{w}-secret-{n}",
}


def object_key(schema: dict[str, Any], hint: str, n: int) -> tuple[str, Any] | None:
    """The `n`th key beyond an object's declared properties, with the schema its value meets:
    one a `patternProperties` pattern matches, else a plain one where the object admits others
    (neither `additionalProperties` nor `unevaluatedProperties` is false); None where it does
    not."""
    key = f"{word(hint)}Key{n}"
    patterns = schema.get("patternProperties")
    for pattern, extra in (patterns if isinstance(patterns, dict) else {}).items():
        if extra is False:
            continue  # the keys it matches are refused
        with contextlib.suppress(re.error, NoValidValue):
            if not re.search(pattern, key):
                key = matching_text(pattern, hint, n, 1, None)
            return key, extra
    if schema.get("additionalProperties") is False or schema.get("unevaluatedProperties") is False:
        return None
    return key, schema.get("additionalProperties")


def matching_text(pattern: str, hint: str, n: int, low: int, high: int | None) -> str:
    """A string matching `pattern` within the length bounds: the `n`th plain candidate that does
    (distinct and instant: ids and codes are mostly digits or words), else one hypothesis finds
    (hypothesis knows regexes; what it finds for a pattern is kept, it takes a while)."""
    for text in (str(n), f"{word(hint)}{n}", f"{word(hint)}-{n}", f"{n:08d}"):
        if (low <= len(text) and (high is None or len(text) <= high)) and re.search(pattern, text):
            return text
    return _searched(pattern, low, high)


@functools.cache
def _searched(pattern: str, low: int, high: int | None) -> str:
    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis import strategies as st
    from hypothesis.errors import HypothesisException

    try:
        strategy = st.from_regex(pattern).filter(
            lambda text: len(text) >= low and (high is None or len(text) <= high)
        )
        # Only the generate phase: the first match is enough, and shrinking it costs seconds.
        options = settings(
            database=None,
            derandomize=True,
            max_examples=500,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        return find(strategy, lambda _text: True, settings=options)
    except (re.error, HypothesisException) as error:
        raise NoValidValue(f"no string matches the pattern {pattern!r}: {error}") from None


def word(hint: str) -> str:
    """`display name` / `display_name` -> `displayname`-ish, safe in URLs and emails."""
    return re.sub(r"[^A-Za-z0-9]+", "", hint) or "value"
