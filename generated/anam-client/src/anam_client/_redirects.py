"""Which redirects a client follows, and what a followed redirect carries, decided here rather
than by httpx.

httpx follows any redirect it is allowed to, strips only ``Authorization`` when the host
changes, re-sends a POST body on 307/308 and turns a POST answered 301/302/303 into a GET. An
SDK call cannot afford any of that: an API key in another header, the query or a cookie would
go to whoever the ``Location`` names, and ``create()`` would report success for a request the
server never accepted. Yet refusing every redirect to another origin breaks downloads: Box,
GitHub, Dropbox and many more answer a download with 302 to a CDN or a pre-signed storage URL
that carries its own authorisation in its query. So a redirect is followed only when all of
these hold:

- it is a GET or HEAD (nothing is re-sent, no method changes);
- it does not go from https to http (the body, and whatever the URL carries, would travel in
  clear text);
- fewer than MAX_REDIRECTS redirects were followed so far in this attempt.

A target of the same origin (scheme, host and port) as the request is sent what the request
was: the credentials stay where they were sent. A target of another origin is sent only the
``Location`` URL as the server gave it and the headers of ``SAFE_HEADERS``: none of the
client's credentials (a header of any name, a query parameter, a cookie, basic auth), none of
its default or per-call headers (which may be secrets under any name), nothing of the httpx
client's own headers, query or cookies, and no body. Once a hop leaves the origin, every later
hop of the chain is sent the same way, even one that comes back.

Any other redirect is not followed and raises RedirectError, whose ``location`` says where the
server pointed. A redirect that an operation declares as its reply (Twilio answers a 307 whose
body holds ``redirect_to``) is neither followed nor refused: the plan's ``answer_status``
returns it like a 2xx.
"""

from __future__ import annotations

import httpx

__all__ = ["MAX_REDIRECTS", "SAFE_HEADERS", "Origin", "origin_of", "redirect_target"]

MAX_REDIRECTS = 5
# What a request to another origin keeps: what to send back and how, never who is asking.
SAFE_HEADERS = frozenset({"accept", "accept-encoding", "user-agent", "range", "if-range"})
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
    if target.scheme not in _DEFAULT_PORTS or not target.host:
        return "its Location is not an absolute http(s) URL"
    if method not in _FOLLOWABLE_METHODS:
        return f"a {method} request is neither repeated nor turned into a GET by a redirect"
    if response.request.url.scheme == "https" and target.scheme != "https":
        shown = f"{target.scheme}://{target.netloc.decode('ascii', 'replace')}"
        return f"it points from https to plain http ({shown})"
    if hops >= MAX_REDIRECTS:
        return f"more than {MAX_REDIRECTS} redirects in a row"
    return target
