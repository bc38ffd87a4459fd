"""Class names for component schemas, whose keys Java tools often spell as qualified names.

Springdoc with fully qualified names, and other JVM generators, key schemas by class:
`com.acme.billing.web.InvoiceResponse`, a generic as `com.acme.ResponseJava.util.ListCom.acme.Item`
(`Response<List<Item>>`, each argument's package capitalised onto the word before it). The package
says nothing to a Python user and, cut to the length limit, leaves names that differ only by a
number. Such a key is named by its classes alone (`InvoiceResponse`, `ResponseListItem`), unless
two keys would then share a name: those keep their whole key, so no name is numbered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .naming import class_name

_PACKAGE = re.compile(r"[a-z][a-z0-9_]*")
_LAST_WORD = re.compile(r"(?<=[a-z0-9])[A-Z][a-z0-9]*$")


def component_class_names(keys: Iterable[str]) -> dict[str, str]:
    """Each component key's class name: its classes alone where that name is the key's own."""
    keys = list(keys)
    short = {key: class_name(unqualified(key), fallback="Schema") for key in keys}
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
