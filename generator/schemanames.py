"""Class names for component schemas, whose keys Java tools often spell as qualified names.

Springdoc with fully qualified names, and other JVM generators, key schemas by class:
`com.acme.billing.web.InvoiceResponse`, a generic as `com.acme.ResponseJava.util.ListCom.acme.Item`
(`Response<List<Item>>`, each argument's package capitalised onto the word before it). The package
says nothing to a Python user and, cut to the length limit, leaves names that differ only by a
number. Such a key is named by its classes alone (`InvoiceResponse`, `ResponseListItem`), unless
two keys would then share a name: those keep their whole key, so no name is numbered.

FastAPI names the schema of an operation's form or multipart body after its operationId,
`Body_create_upload_files_uploadfiles__post` (function, path, method). Such a key, when its
operation sends it, is named after the operation as its methods are (the path and method cut,
and the tag that FastAPI's client-generation recipe puts in front, `items-create_item`):
`CreateUploadFilesBody`. The same rule of shared names keeps it unique.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from . import jsonpointer
from .naming import class_name, operation_id_without_path, words
from .refs import SCHEMA_PREFIX, refs_in
from .walk import iter_operations

_PACKAGE = re.compile(r"[a-z][a-z0-9_]*")
_LAST_WORD = re.compile(r"(?<=[a-z0-9])[A-Z][a-z0-9]*$")
_FASTAPI_BODY = "Body_"


def component_class_names(document: dict[str, Any]) -> dict[str, str]:
    """Each component key's class name: its readable form where that name is the key's own."""
    keys = list((document.get("components") or {}).get("schemas") or {})
    bodies = _operation_bodies(document, set(keys))
    short = {
        key: class_name(bodies.get(key) or unqualified(key), fallback="Schema") for key in keys
    }
    counts = Counter(short.values())
    return {
        key: short[key] if counts[short[key]] == 1 else class_name(key, fallback="Schema")
        for key in keys
    }


def unqualified(key: str) -> str:
    """`com.acme.web.Invoice` -> `Invoice`; `com.acme.ResponseJava.lang.Boolean` ->
    `ResponseBoolean`; a key that is not a dotted class name is returned as it is."""
    parts = key.split(".")
    if len(parts) < 2 or not parts[-1][:1].isupper() or not _PACKAGE.fullmatch(parts[0]):
        return key
    kept: list[str] = []
    for index, part in enumerate(parts):
        is_package = index < len(parts) - 1 and _PACKAGE.fullmatch(part)
        if is_package:
            if kept and index > 0 and not _PACKAGE.fullmatch(parts[index - 1]):
                kept[-1] = _LAST_WORD.sub("", kept[-1]) or kept[-1]
            continue
        kept.append(part)
    return "".join(kept) or key


def _operation_bodies(document: dict[str, Any], keys: set[str]) -> dict[str, str]:
    """FastAPI's `Body_<operationId>` keys -> `<operation>Body`, for those their operation sends."""
    found: dict[str, str] = {}
    for path, _, operation in iter_operations(document):
        operation_id = operation.get("operationId")
        key = f"{_FASTAPI_BODY}{operation_id}"
        if not isinstance(operation_id, str) or key not in keys:
            continue
        if SCHEMA_PREFIX + jsonpointer.escape(key) in refs_in(operation.get("requestBody")):
            name = _without_tag(operation_id_without_path(operation_id, path), operation)
            found[key] = f"{name}_body"
    return found


def _without_tag(name: str, operation: dict[str, Any]) -> str:
    """`items-create_item` -> `create_item` when `items` is the operation's first tag."""
    tags = operation.get("tags")
    tag = tags[0] if isinstance(tags, list) and tags and isinstance(tags[0], str) else None
    rest = name.removeprefix(f"{tag}-") if tag else name
    return rest if words(rest) else name
