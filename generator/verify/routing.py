"""Which operation a request addresses: openapi-core's path finder over the validation document.

The finder matches the full URL against every server (root, path item, operation) and path
template, so a request sent to the wrong server, path or method finds no operation. It is given
the path exactly as it arrived (still percent-encoded, so `a%2Fb` stays one segment and routes
as a real server routes it); the variables it returns are then decoded (`%2E` is the id `.`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from jsonschema_path import SchemaPath
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.paths.finders import APICallPathFinder


@dataclass(frozen=True)
class Route:
    method: str  # lower case
    template: str  # the spec's path key, e.g. /v1/avatars/{id}
    variables: Mapping[str, str]  # decoded path parameters

    @property
    def key(self) -> str:
        """The operation's key: `GET /v1/avatars/{id}`."""
        return f"{self.method.upper()} {self.template}"


class Router:
    def __init__(self, document: dict[str, Any], server_url: str) -> None:
        split = urlsplit(server_url)
        self.host_url = f"{split.scheme}://{split.netloc}"
        self._finder = APICallPathFinder(SchemaPath.from_dict(document))

    def route(self, method: str, raw_path: str) -> Route | str:
        """The operation `method raw_path` addresses, or why there is none."""
        try:
            found = self._finder.find(method.lower(), self.host_url + raw_path)
        except PathError as error:
            return f"{type(error).__name__}: {error}"
        template = str(found.path.parts[-1])
        variables = {name: unquote(value) for name, value in found.path_result.variables.items()}
        return Route(method.lower(), template, variables)
