"""The document the mock validates against: the normalized spec, read as 3.1, served locally.

* A 3.0 document is relabelled 3.1: normalization already rewrote what differs for validation
  (`nullable`, boolean exclusive bounds), and one JSON Schema dialect means one validator.
* Every `servers` list (root, path item, operation) points at the mock. When the client has a
  default base URL it is made without one, as most users make it, so each server is served at
  `<mock>/__origin/<host>/<base path>`, the address the verify transport sends a request for
  that host to (`transport.py`): a client that sends an operation with a server of its own to
  the root server is refused by routing, as a real deployment would refuse it. When it has
  none (a relative or missing server) it is given the mock's URL, and that base URL wins for
  every operation, so every operation is served at the mock's URL.
* A discriminator mapping to a schema's name (`dog: Dog`, as OpenAPI allows) names it by
  reference (`#/components/schemas/Dog`), which is what the validator follows.
* An `allOf` closed by `additionalProperties: false` is closed over all its members'
  properties (`closed.py`); then discriminators that cannot pick a branch are left out, and
  overlapping `oneOf`s are relaxed (`tolerances.py`).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import httpx

from ..walk import HTTP_METHODS, iter_schemas
from .closed import close_compositions
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
    by default (the config's or the spec's first server; "" if none), `mock_url` the mock's
    address."""
    return served(prepared_document(normalized), mock_url, base_url)


def prepared_document(normalized: dict[str, Any]) -> ValidationDocument:
    """Everything of the validation document but where it is served: the costly part (the
    tolerances try values against every `oneOf`), done once however many mocks serve it."""
    document = copy.deepcopy(normalized)
    document["openapi"] = "3.1.0"
    document.setdefault("paths", {})
    _mappings_as_refs(document)
    closed = close_compositions(document)
    discriminators = unusable_discriminators(document)
    drop_discriminators(document, discriminators)
    overlaps = overlapping_one_ofs(document)
    moves = relax(document, overlaps)
    return ValidationDocument(document, (*closed, *discriminators, *overlaps), moves)


def served(prepared: ValidationDocument, mock_url: str, base_url: str) -> ValidationDocument:
    """A prepared document served by the mock at `mock_url`: its own copies of the root, the
    path items and the operations get the local `servers`; schemas are shared, unchanged."""
    document = dict(prepared.document)
    document["servers"] = [{"url": local_url(base_url, mock_url) if base_url else mock_url}]
    paths: dict[str, Any] = {}
    for key, item in document["paths"].items():
        if isinstance(item, dict):
            item = {
                k: dict(v) if k in HTTP_METHODS and isinstance(v, dict) else v
                for k, v in item.items()
            }
            _serve_locally(item, mock_url, base_url)
        paths[key] = item
    document["paths"] = paths
    return dataclasses.replace(prepared, document=document)


def local_url(server_url: str, mock_url: str) -> str:
    """Where the mock serves what the spec serves at `server_url` (absolute): the address the
    verify transport delivers a request for it to (its host as httpx spells it)."""
    url, mock = httpx.URL(server_url), httpx.URL(mock_url)
    path = url.raw_path.decode("ascii").rstrip("/")
    if (url.scheme, url.host, url.port) == (mock.scheme, mock.host, mock.port):
        return mock_url + path  # the mock itself (the transport leaves such requests alone)
    return f"{mock_url}{ORIGIN_PREFIX}{url.netloc.decode('ascii')}{path}"


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


def _serve_locally(item: dict[str, Any], mock_url: str, base_url: str) -> None:
    """Localize a path item's and its operations' servers, the operation's winning (openapi-core
    would prefer the path item's, so the path item's move down to operations without their own).
    Without a default base URL the client is given one, which wins: they are dropped.
    """
    inherited = item.pop("servers", None)
    for method in HTTP_METHODS:
        operation = item.get(method)
        if not isinstance(operation, dict):
            continue
        servers = operation.pop("servers", None) or inherited
        if not base_url or not isinstance(servers, list) or not servers:
            continue
        url = urljoin(base_url + "/", expand_variables(servers[0]))
        with contextlib.suppress(httpx.InvalidURL):  # a server no client can address
            operation["servers"] = [{"url": local_url(url, mock_url)}]
