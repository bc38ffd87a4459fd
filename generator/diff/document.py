"""Wire-level rules for the document as a whole: info, servers, global security, schemes.

These have no operation (`operation` is None); a per-operation `security` is compared with the
operation, everything inherited from the document is compared once, here.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from .model import Change
from .rules import change
from .security import security_changes
from .values import mapping

_INFO_KEYS = ("title", "summary", "description", "version", "termsOfService", "contact", "license")
_SCHEME_KEYS = ("type", "scheme", "in", "name", "flows", "openIdConnectUrl")


def diff_document(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    return (
        _info(old, new)
        + _servers(old, new)
        + security_changes(
            old.get("security"), new.get("security"), "api-global-security", None, "/security"
        )
        + _schemes(old, new)
    )


def _info(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    before, after = mapping(old.get("info")), mapping(new.get("info"))
    return [
        change("info-changed", None, jsonpointer.join("", "info", key), f"info.{key} changed")
        for key in _INFO_KEYS
        if before.get(key) != after.get(key)
    ]


def _servers(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    before, after = _urls(old), _urls(new)
    changes = [
        change("server-removed", None, f"/servers/{index}", f"server {url} was removed")
        for url, index in sorted(before.items())
        if url not in after
    ]
    changes += [
        change("server-added", None, f"/servers/{index}", f"server {url} was added")
        for url, index in sorted(after.items())
        if url not in before
    ]
    return changes


def _urls(document: dict[str, Any]) -> dict[str, int]:
    servers = document.get("servers")
    entries = servers if isinstance(servers, list) else []
    return {
        str(server.get("url")).rstrip("/"): index
        for index, server in enumerate(entries)
        if isinstance(server, dict) and isinstance(server.get("url"), str)
    }


def _schemes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    before = mapping(mapping(old.get("components")).get("securitySchemes"))
    after = mapping(mapping(new.get("components")).get("securitySchemes"))
    changes = []
    for name in sorted(before.keys() | after.keys()):
        pointer = jsonpointer.join("", "components", "securitySchemes", name)
        if name not in after:
            changes.append(
                change(
                    "security-scheme-removed", None, pointer, f"security scheme {name} was removed"
                )
            )
        elif name not in before:
            changes.append(
                change("security-scheme-added", None, pointer, f"security scheme {name} was added")
            )
        else:
            old_scheme, new_scheme = mapping(before[name]), mapping(after[name])
            changed = [k for k in _SCHEME_KEYS if old_scheme.get(k) != new_scheme.get(k)]
            if changed:
                message = f"security scheme {name} changed its {', '.join(changed)}"
                changes.append(change("security-scheme-changed", None, pointer, message))
    return changes
