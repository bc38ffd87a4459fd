"""The document the mock validates against: the normalized spec, read as 3.1, served locally.

* A 3.0 document is relabelled 3.1: normalization already rewrote what differs for validation
  (`nullable`, boolean exclusive bounds), and one JSON Schema dialect means one validator.
* Every `servers` list (root, path item, operation) points at the mock: the root server at the
  mock's URL plus its base path; a path item's or operation's own server at
  `<mock>/__origin/<host>/<base path>`, the address the verify transport sends a request for
  that host to (`transport.py`). A client that sends such an operation to the root server is
  then refused by routing, as a real deployment would refuse it.
* A discriminator mapping to a schema's name (`dog: Dog`, as OpenAPI allows) names it by
  reference (`#/components/schemas/Dog`), which is what the validator follows.
* Discriminators that cannot pick a branch are left out, then overlapping `oneOf`s are
  relaxed (`tolerances.py`).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..walk import HTTP_METHODS, iter_schemas
from .tolerances import (
    Relaxation,
    drop_discriminators,
    overlapping_one_ofs,
    relax,
    unusable_discriminators,
)

ORIGIN_PREFIX = "/__origin/"


@dataclass(frozen=True)
class ValidationDocument:
    document: dict[str, Any]
    relaxed: tuple[Relaxation, ...]
    moves: dict[str, str]  # `$ref` prefixes into relaxed `oneOf`s -> where they went


def validation_document(
    normalized: dict[str, Any], mock_url: str, base_url: str
) -> ValidationDocument:
    """`normalized` as the mock validates it; `base_url` is where the client sends requests
    by default (the config's or the spec's first server), `mock_url` the mock's address."""
    document = copy.deepcopy(normalized)
    document["openapi"] = "3.1.0"
    document.setdefault("paths", {})
    document["servers"] = [{"url": mock_url + _path_of(base_url)}]
    for item in document["paths"].values():
        if isinstance(item, dict):
            _serve_locally(item, mock_url)
    _mappings_as_refs(document)
    discriminators = unusable_discriminators(document)
    drop_discriminators(document, discriminators)
    overlaps = overlapping_one_ofs(document)
    moves = relax(document, overlaps)
    return ValidationDocument(document, (*discriminators, *overlaps), moves)


def local_url(server_url: str, mock_url: str) -> str:
    """Where the mock serves what the spec serves at a path item's or operation's server."""
    split = urlsplit(server_url)
    if not split.netloc:
        return mock_url + _path_of(server_url)
    return f"{mock_url}{ORIGIN_PREFIX}{split.netloc}{split.path.rstrip('/')}"


def expand_variables(server: dict[str, Any]) -> str:
    """A server's URL with each `{variable}` replaced by its default."""
    variables = server.get("variables") or {}
    url = str(server.get("url") or "")

    def default(match: re.Match[str]) -> str:
        variable = variables.get(match.group(1))
        return str(variable.get("default", "")) if isinstance(variable, dict) else ""

    return re.sub(r"\{([^}]*)\}", default, url)


def _mappings_as_refs(document: dict[str, Any]) -> None:
    names = (document.get("components") or {}).get("schemas") or {}
    for _pointer, schema in iter_schemas(document):
        mapping = (schema.get("discriminator") or {}).get("mapping")
        if not isinstance(mapping, dict):
            continue
        for key, target in mapping.items():
            if isinstance(target, str) and not target.startswith("#") and target in names:
                mapping[key] = f"#/components/schemas/{target}"


def _serve_locally(item: dict[str, Any], mock_url: str) -> None:
    """Localize a path item's and its operations' servers, the operation's winning (openapi-core
    would prefer the path item's, so the path item's move down to operations without their own).
    """
    inherited = item.pop("servers", None)
    for method in HTTP_METHODS:
        operation = item.get(method)
        if not isinstance(operation, dict):
            continue
        servers = operation.get("servers") or inherited
        if isinstance(servers, list) and servers and isinstance(servers[0], dict):
            operation["servers"] = [{"url": local_url(expand_variables(servers[0]), mock_url)}]


def _path_of(url: str) -> str:
    return urlsplit(url).path.rstrip("/")
