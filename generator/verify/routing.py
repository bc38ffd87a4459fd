"""Which operation a request addresses: openapi-core's path finder over the validation document.

The finder matches the full URL against every server (root, path item, operation) and path
template, so a request sent to the wrong server, path or method finds no operation. It is given
the path exactly as it arrived (still percent-encoded, so `a%2Fb` stays one segment and routes
as a real server routes it); the variables it returns are then decoded (`%2E` is the id `.`).

A path key with a fragment or a fixed query (`/pets#byTag`, `/{name}?restype=container`: how
some specs give one URL several operations) names the URL without it: fragments never reach a
server. Operations that share a URL and method are all candidates (`Route.candidates`), less
those whose fixed query the request lacks, the most specific first; the validator picks the one
the request satisfies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from openapi_core import Config, OpenAPI
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.paths.finders import APICallPathFinder

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
        """This route for each path key the URL may mean (itself first)."""
        others = [t for t in self.candidates if t != self.template]
        return [self, *(Route(self.method, t, self.variables, self.candidates) for t in others)]


def fixed_query(template: str) -> frozenset[tuple[str, str]]:
    """The name/value pairs a `?` in the path key fixes, decoded."""
    query = template.partition("#")[0].partition("?")[2]
    return frozenset(parse_qsl(query, keep_blank_values=True))


class Router:
    def __init__(self, document: dict[str, Any], server_url: str) -> None:
        split = urlsplit(server_url)
        self.host_url = f"{split.scheme}://{split.netloc}"
        paths: dict[str, Any] = {}
        self._keys: dict[tuple[str, str], list[str]] = {}
        self._fixed: dict[str, frozenset[tuple[str, str]]] = {}
        for key, item in (document.get("paths") or {}).items():
            url = key.partition("#")[0].partition("?")[0]
            if fixed_query(key):
                self._fixed[key] = fixed_query(key)
            paths.setdefault(url, {})
            for method in item if isinstance(item, dict) else ():
                paths[url].setdefault(method, item[method])
                self._keys.setdefault((url, method), []).append(key)
            for shared in ("parameters", "servers"):
                if isinstance(item, dict) and shared in item:
                    paths[url].setdefault(shared, item[shared])
        # The document was read by the generator; openapi-core need not check it again.
        app = OpenAPI.from_dict(
            {**document, "paths": paths}, config=Config(spec_validator_cls=None)
        )
        self._finder = APICallPathFinder(app.spec)
        self._found: dict[tuple[str, str], Route | str] = {}

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
        keys = [key for key in found.candidates if self._fixed.get(key, frozenset()) <= sent]
        if not keys:
            return f"QueryNotFound: no operation at {found.template!r} takes the query sent"
        keys.sort(key=lambda key: -len(self._fixed.get(key, ())))
        return Route(found.method, keys[0], found.variables, tuple(keys))

    def _find(self, method: str, raw_path: str) -> Route | str:
        try:
            found = self._finder.find(method, self.host_url + raw_path)
        except PathError as error:
            hint = _HINTS.get(type(error).__name__, "")
            return f"{type(error).__name__}: {error}{hint}"
        url = str(found.path.parts[-1])
        keys = tuple(self._keys.get((url, method), [url]))
        variables = {name: unquote(value) for name, value in found.path_result.variables.items()}
        return Route(method, keys[0], variables, keys)
