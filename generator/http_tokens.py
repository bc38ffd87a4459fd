"""RFC 9110's `token`: what a header name, a cookie name or an authentication scheme may be.

Names from a spec or a config go into request heads; one that is not a token would be refused
by httpx at call time, or worse, split a header. Every check of such a name uses this one rule.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[-!#$%&'*+.^_`|~0-9A-Za-z]+")


def is_token(text: str) -> bool:
    """Whether `text` is one whole token (no spaces, no separators, not empty)."""
    return _TOKEN.fullmatch(text) is not None
