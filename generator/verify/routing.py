"""Which operation a request addresses: openapi-core's path finder over the validation document.

The finder matches the full URL against every server (root, path item, operation) and path
template, so a request sent to the wrong server, path or method finds no operation. It is given
the path exactly as it arrived (still percent-encoded, so `a%2Fb` stays one segment and routes
as a real server routes it); the variables it returns are then decoded (`%2E` is the id `.`).

A path key with a fragment or a fixed query (`/pets#byTag`, `/{name}?restype=container`: how
some specs give one URL several operations) names the URL without it: fragments never reach a
server. Operations that share a URL and method are all candidates (`Route.candidates`), less
those whose fixed query the request lacks, the most specific first; the validator picks the one
the request satisfies. A fixed pair whose name the operation also declares as a query parameter
is the parameter's to send (the client sends it only when given, as `calls.py` does), so the
request need not carry it.

Path keys that differ only in their variables' names (`/folders/{folderId}` and
`/folders/{folderPath}`) are one template to the finder, which yields the first. OpenAPI forbids
them, yet published specs have them, telling them apart by the parameters' schemas (a `pattern`
of digits for the id): such keys are candidates too, each with the URL's variables under its own
names, and the validator picks the one whose parameters the request satisfies.

A path parameter that holds a path (`analyze.spans`: `/folders/{folderPath}` with a pattern
`.+`, or `/v1/{+name}`) arrives as several segments, which the finder's variables never match.
When the finder finds nothing, each such key is tried against the URL (`_Spanning`); where one
matches, the URL is given to the finder again with that variable's slashes escaped, as one
segment, so the finder still checks its server and method, and the variable decodes to the
value sent. A value sent as one segment (`a%2Fb`) routes as before.

The finder walks every path item of the document through its schema-path objects, which on a
spec of hundreds of paths costs more than the rest of a request's checks. So the path keys are
first tested here with the finder's own test (the key as a suffix of the URL, or its template
as openapi-core's `PathParser` searches it; `_PathIndex`), and the finder is given a document
holding only the path items that pass, in their order: it then yields the same paths it would
have yielded from the whole document, and finds the same operation and server, or raises the
same error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from jsonschema_path import SchemaPath
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.paths.finders import APICallPathFinder
from openapi_core.templating.paths.parsers import PathParser

from .. import jsonpointer
from ..analyze.paths import PLACEHOLDER
from ..analyze.spans import spanning_names
from ..refs import operation_parameters
from ..walk import HTTP_METHODS

_HINTS = {
    "ServerNotFound": (
        " (the path is the spec's, but not at this server: the operation or its path item "
        "declares `servers` of its own)"
    ),
}


_REMEMBERED = 4096  # routes kept per mock: a bound, not a tuning knob


@dataclass(frozen=True)
class Route:
    method: str  # lower case
    template: str  # the spec's path key, e.g. /v1/avatars/{id}
    variables: Mapping[str, str]  # decoded path parameters
    candidates: tuple[str, ...] = ()  # every path key this URL and method may mean

    @property
    def key(self) -> str:
        """The operation's key: `GET /v1/avatars/{id}`."""
        return f"{self.method.upper()} {self.template}"

    def alternatives(self) -> list[Route]:
        """This route for each path key the URL may mean (itself first), the variables under
        that key's names."""
        others = [t for t in self.candidates if t != self.template]
        return [self, *(self.as_template(template) for template in others)]

    def as_template(self, template: str) -> Route:
        """This route as `template`, a key of the same shape: its variables by position."""
        values = [self.variables.get(name, "") for name in _variable_names(self.template)]
        variables = dict(zip(_variable_names(template), values, strict=True))
        return Route(self.method, template, variables, self.candidates)


def _variable_names(key: str) -> list[str]:
    return PLACEHOLDER.findall(key.partition("#")[0].partition("?")[0])


def _finder_url(key: str) -> str:
    """The path key as the finder reads it: no fragment or fixed query, and `{+name}` written
    `{name}` (the finder knows no RFC 6570 operators)."""
    url = key.partition("#")[0].partition("?")[0]
    return PLACEHOLDER.sub(lambda found: "{" + found[1] + "}", url)


@dataclass(frozen=True)
class _Spanning:
    """A path key with variables holding paths: `pattern` matches the URL's tail it addresses,
    each such variable a group of one or more segments."""

    url: str  # as the finder reads it
    pattern: re.Pattern[str]

    @classmethod
    def of(cls, url: str, names: frozenset[str]) -> _Spanning:
        pieces = PLACEHOLDER.split(url)
        pattern = "".join(
            re.escape(piece)
            if index % 2 == 0
            else (f"(?P<s{index}>[^/]+(?:/[^/]+)*)" if piece in names else "[^/]+")
            for index, piece in enumerate(pieces)
        )
        return cls(url, re.compile(pattern))

    def as_one_segment(self, raw_path: str) -> list[str]:
        """`raw_path` with each spanning variable's slashes escaped, for every place in it
        where the key's tail may begin (the server's base path comes before it)."""
        rewritten = []
        for start in (i for i, char in enumerate(raw_path) if char == "/"):
            match = self.pattern.fullmatch(raw_path, start)
            if match is None or any("%2f" in value.lower() for value in match.groups()):
                continue  # a slash of a path sent escaped is not a separator: not this key
            text, last = raw_path[:start], start
            for group in sorted(self.pattern.groupindex.values()):
                begin, end = match.span(group)
                text += raw_path[last:begin] + raw_path[begin:end].replace("/", "%2F")
                last = end
            rewritten.append(text + raw_path[last:])
        return rewritten


def _shape(url: str) -> str:
    """A path's template with its variables unnamed: keys of one shape match the same URLs."""
    return PLACEHOLDER.sub("{}", url)


def _most_literal_first(paths: dict[str, Any]) -> dict[str, Any]:
    """The path items, those whose keys hold more plain text first (stably).

    openapi-core's finder prefers the key with fewer variables and, among keys with as many,
    the first in the document; so `/pulls/{index}` written before `/pulls/{index}.diff` would
    take `/pulls/3.diff` with the index `3.diff`. A server routes such a URL to the key that
    spells more of it, as the client means it, so the finder is given that key first.
    """
    return dict(sorted(paths.items(), key=lambda item: -len(PLACEHOLDER.sub("", item[0]))))


def fixed_query(template: str) -> frozenset[tuple[str, str]]:
    """The name/value pairs a `?` in the path key fixes, decoded."""
    query = template.partition("#")[0].partition("?")[2]
    return frozenset(parse_qsl(query, keep_blank_values=True))


def _required_query(document: dict[str, Any], key: str, method: str) -> frozenset[tuple[str, str]]:
    """The pairs of `key`'s fixed query that every request of its `method` operation carries:
    those no query parameter of the operation (or its path item) takes over."""
    pointer = jsonpointer.join("", "paths", key, method)
    sites = operation_parameters(document, key, document["paths"][key][method], pointer)
    declared = {site.name for site in sites if site.location == "query"}
    return frozenset(pair for pair in fixed_query(key) if pair[0] not in declared)


class Router:
    def __init__(self, document: dict[str, Any], server_url: str) -> None:
        split = urlsplit(server_url)
        self.host_url = f"{split.scheme}://{split.netloc}"
        paths: dict[str, Any] = {}
        self._keys: dict[tuple[str, str], list[str]] = {}
        self._fixed: dict[tuple[str, str], frozenset[tuple[str, str]]] = {}
        self._spanning: dict[str, list[_Spanning]] = {}
        self._spans_at: dict[tuple[str, str], frozenset[str]] = {}
        for key, item in (document.get("paths") or {}).items():
            url = _finder_url(key)
            paths.setdefault(url, {})
            for method in item if isinstance(item, dict) else ():
                paths[url].setdefault(method, item[method])
                self._keys.setdefault((url, method), []).append(key)
                if method in HTTP_METHODS and fixed_query(key):
                    self._fixed[(key, method)] = _required_query(document, key, method)
                if method in HTTP_METHODS and isinstance(item[method], dict):
                    self._note_spanning(document, key, method, item[method])
            for shared in ("parameters", "servers"):
                if isinstance(item, dict) and shared in item:
                    paths[url].setdefault(shared, item[shared])
        for spanning in self._spanning.values():  # as a server routes: most literal first
            spanning.sort(key=lambda each: -len(PLACEHOLDER.sub("", each.url)))
        # The document was read by the generator; openapi-core need not check it again.
        self._document, self._paths = document, _most_literal_first(paths)
        self._shapes: dict[str, list[str]] = {}
        for url in self._paths:
            self._shapes.setdefault(_shape(url), []).append(url)
        self._index = _PathIndex(list(self._paths))
        self._finders: dict[tuple[str, ...], APICallPathFinder] = {}
        self._found: dict[tuple[str, str], Route | str] = {}

    def _note_spanning(
        self, document: dict[str, Any], key: str, method: str, operation: dict[str, Any]
    ) -> None:
        pointer = jsonpointer.join("", "paths", key, method)
        names = spanning_names(document, key, operation, pointer)
        if names:
            self._spanning.setdefault(method, []).append(_Spanning.of(_finder_url(key), names))
            self._spans_at[(_finder_url(key), method)] = names

    def route(
        self, method: str, raw_path: str, query: Sequence[tuple[str, str]] = ()
    ) -> Route | str:
        """The operation `method raw_path` (with the decoded `query`) addresses, or why there is
        none.

        The finder tries every path template in turn, so on a spec of hundreds of paths it
        costs more than the rest of a request's checks; a client's retries and the sync and
        async runs of one call ask for the same path again, and get the answer already found.
        """
        key = (method.lower(), raw_path)
        if key not in self._found:
            if len(self._found) >= _REMEMBERED:
                self._found.clear()
            self._found[key] = self._find(*key)
        found = self._found[key]
        return found if isinstance(found, str) or not self._fixed else self._by_query(found, query)

    def _by_query(self, found: Route, query: Sequence[tuple[str, str]]) -> Route | str:
        """`found` narrowed to the path keys whose fixed query the request sent."""
        sent = set(query)
        fixed = {key: self._fixed.get((key, found.method), frozenset()) for key in found.candidates}
        keys = [key for key in found.candidates if fixed[key] <= sent]
        if not keys:
            return f"QueryNotFound: no operation at {found.template!r} takes the query sent"
        keys.sort(key=lambda key: -len(fixed[key]))
        return replace(found.as_template(keys[0]), candidates=tuple(keys))

    def _find(self, method: str, raw_path: str) -> Route | str:
        found = self._find_as_sent(method, raw_path, spanned=False)
        if not isinstance(found, str):
            return found
        for spanning in self._spanning.get(method, ()):
            for rewritten in spanning.as_one_segment(raw_path):
                routed = self._find_as_sent(method, rewritten, spanned=True)
                if isinstance(routed, str):
                    continue
                keys = tuple(k for k in routed.candidates if _finder_url(k) == spanning.url)
                if keys:  # the spanning key, not one of the same shape beside it
                    return replace(routed.as_template(keys[0]), candidates=keys)
        return found

    def _find_as_sent(self, method: str, raw_path: str, spanned: bool) -> Route | str:
        """The finder's route for `raw_path`; `spanned` when the variables holding paths were
        escaped here (else a `%2F` in one is the client's: it sent a path as one segment)."""
        name = self.host_url + raw_path
        try:
            found = self._finder(name).find(method, name)
        except PathError as error:
            hint = _HINTS.get(type(error).__name__, "")
            return f"{type(error).__name__}: {error}{hint}"
        url = str(found.path.parts[-1])
        same = [other for other in self._shapes.get(_shape(url), ()) if other != url]
        keys = (*self._keys.get((url, method), [url]),)
        keys += tuple(key for other in same for key in self._keys.get((other, method), ()))
        raw = found.path_result.variables
        route = Route(method, keys[0], raw, keys)
        if self._spans_at and not spanned:  # a key whose path came as one segment is not meant
            kept = tuple(k for k in keys if not self._escaped(route.as_template(k), method))
            if not kept:
                return (
                    f"SpanEscaped: {self._escaped(route, method)!r} holds a path, whose '/' must "
                    f"be sent as separators, not escaped as %2F ({raw_path!r})"
                )
            if kept != keys:
                route = replace(route.as_template(kept[0]), candidates=kept)
        variables = {name: unquote(value) for name, value in route.variables.items()}
        return replace(route, variables=variables)

    def _escaped(self, route: Route, method: str) -> str | None:
        """The variable of `route` holding a path that arrived with its slashes escaped."""
        names = self._spans_at.get((_finder_url(route.template), method), ())
        return next((n for n in names if "%2f" in route.variables.get(n, "").lower()), None)

    def _finder(self, name: str) -> APICallPathFinder:
        """openapi-core's finder over the path items whose key `name` may mean (all of them
        when none may: the finder then says why none does, as it would have)."""
        urls = self._index.matching(name) or tuple(self._paths)
        if urls not in self._finders:
            if len(self._finders) >= _REMEMBERED:
                self._finders.clear()
            paths = {url: self._paths[url] for url in urls}
            spec = SchemaPath.from_dict({**self._document, "paths": paths})
            self._finders[urls] = APICallPathFinder(spec)
        return self._finders[urls]


class _PathIndex:
    """The path keys a URL may mean, by the finder's own test, without testing every key.

    A key such as `/a/{x}/b` is searched for at the end of the URL, and its variables match no
    `/` (`PathParser`), so a match covers exactly the URL's last three segments, and so does a
    key the URL merely ends with. A key whose first segment is plain text can therefore only
    mean a URL whose segment at that place is that text: only those keys, and the keys whose
    first segment holds a variable, are tested.
    """

    def __init__(self, urls: list[str]) -> None:
        self._order = {url: index for index, url in enumerate(urls)}
        self._parsers = {url: PathParser(url, post_expression="$") for url in urls}
        self._anywhere = [url for url in urls if not url.startswith("/")]
        self._buckets: dict[tuple[int, str | None], list[str]] = {}
        for url in urls:
            if url.startswith("/"):
                segments = url.split("/")
                first = None if "{" in segments[1] else segments[1]
                self._buckets.setdefault((len(segments) - 1, first), []).append(url)
        self._depths = sorted({depth for depth, _ in self._buckets})

    def matching(self, name: str) -> tuple[str, ...]:
        """The keys the finder would yield for the URL `name`, in the document's order."""
        segments = name.split("/")
        found = list(self._anywhere)
        for depth in self._depths:
            if depth >= len(segments):
                break
            found += self._buckets.get((depth, segments[-depth]), ())
            found += self._buckets.get((depth, None), ())
        found.sort(key=self._order.__getitem__)
        return tuple(url for url in found if name.endswith(url) or self._parsers[url].search(name))
