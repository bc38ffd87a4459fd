"""Which redirects a client follows, decided here rather than by httpx.

httpx follows any redirect it is allowed to, strips only ``Authorization`` when the host
changes, re-sends a POST body on 307/308 and turns a POST answered 301/302/303 into a GET. An
SDK call cannot afford any of that: an API key in another header, the query or a cookie would
go to whoever the ``Location`` names, and ``create()`` would report success for a request the
server never accepted. So a redirect is followed only when all of these hold:

- it is a GET or HEAD (nothing is re-sent, no method changes);
- the target has the same origin (scheme, host and port) as the request: the client's base
  URL, or the server the operation declares for itself, so the credentials it carries stay
  where they were sent;
- fewer than MAX_REDIRECTS redirects were followed so far in this attempt.

Any other redirect is not followed and raises RedirectError, whose ``location`` says where the
server pointed: a caller who trusts a cross-origin target (a download on a CDN, say) can fetch
it without the SDK's credentials. A redirect that an operation declares as its reply (Twilio
answers a 307 whose body holds ``redirect_to``) is neither followed nor refused: the plan's
``answer_status`` returns it like a 2xx.
"""

from __future__ import annotations

import httpx

__all__ = ["MAX_REDIRECTS", "Origin", "origin_of", "redirect_target"]

MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_FOLLOWABLE_METHODS = frozenset({"GET", "HEAD"})
_DEFAULT_PORTS = {"http": 80, "https": 443}

Origin = tuple[str, str, int | None]


def origin_of(url: httpx.URL) -> Origin:
    """(scheme, host, port) with the scheme's default port spelled out, as browsers compare."""
    return url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme)


def redirect_target(response: httpx.Response, hops: int) -> httpx.URL | str | None:
    """The URL to follow, a reason not to follow it, or None when this is no redirect."""
    if response.status_code not in _REDIRECT_STATUSES or "location" not in response.headers:
        return None
    method = response.request.method
    try:
        target = response.url.join(response.headers["location"]).copy_with(fragment=None)
    except httpx.InvalidURL:
        return "its Location is not a valid URL"
    if origin_of(target) != origin_of(response.request.url):
        shown = f"{target.scheme}://{target.netloc.decode('ascii', 'replace')}"
        return f"it points to another origin ({shown}), and credentials stay with their own"
    if method not in _FOLLOWABLE_METHODS:
        return f"a {method} request is neither repeated nor turned into a GET by a redirect"
    if hops >= MAX_REDIRECTS:
        return f"more than {MAX_REDIRECTS} redirects in a row"
    return target
