"""Comparing values by meaning: what was sent with what was meant, what came back with what
was sent.

Every mismatch is reported with where it is (`body.avatarId`, `response.items[0]`) so a failure
names the field, not just the operation. JSON values are compared by meaning: `1 == 1.0`, and two
strings that are the same instant (`...Z` / `...+00:00`) or the same UUID in another case are
equal, because that is all a client may legitimately change; anything else is a difference.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import pydantic


def differences(expected: Any, actual: Any, where: str) -> list[str]:
    """How `actual` differs from `expected` (JSON values), one line per difference."""
    if _same_text(expected, actual):
        return []
    return _differences(expected, actual, where)


def _same_text(expected: Any, actual: Any) -> bool:
    """Whether both are the same JSON, written alike: most comparisons, settled by the C
    encoder instead of a walk. Text that differs (`1` and `1.0`, two spellings of one instant)
    is left to the walk, which compares by meaning."""
    try:
        return _canonical(expected) == _canonical(actual)
    except (TypeError, ValueError):  # not JSON (bytes, a model), or NaN: the walk decides
        return False


_canonical = json.JSONEncoder(
    sort_keys=True, allow_nan=False, check_circular=False, separators=(",", ":")
).encode


def _differences(expected: Any, actual: Any, where: str) -> list[str]:
    if isinstance(expected, Mapping) and isinstance(actual, Mapping):
        found = []
        for key in expected:
            if key not in actual:
                found.append(f"{where}: missing {key!r} (expected {short(expected[key])})")
            else:
                found += _differences(expected[key], actual[key], f"{where}.{key}")
        found += [
            f"{where}: unexpected {key!r} ({short(actual[key])})"
            for key in actual
            if key not in expected
        ]
        return found
    if isinstance(expected, list | tuple) and isinstance(actual, list | tuple):
        if len(expected) != len(actual):
            return [f"{where}: expected {len(expected)} items, got {len(actual)}"]
        return [
            line
            for index, (e, a) in enumerate(zip(expected, actual, strict=True))
            for line in _differences(e, a, f"{where}[{index}]")
        ]
    if same_scalar(expected, actual):
        return []
    return [f"{where}: expected {short(expected)}, got {short(actual)}"]


def same_scalar(expected: Any, actual: Any) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return expected == actual
    if isinstance(expected, str) and isinstance(actual, str):
        if expected == actual:
            return True
        for parse in (_instant, _uuid):
            left, right = parse(expected), parse(actual)
            if left is not None and left == right:
                return True
        return False
    return type(expected) is type(actual) and expected == actual


def _instant(text: str) -> dt.datetime | None:
    if "T" not in text:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# -- results ----------------------------------------------------------------------------------


def to_wire(value: Any) -> Any:
    """A result as the JSON it stands for: models by their API (alias) names, unset left out."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {str(key): to_wire(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_wire(item) for item in value]
    if isinstance(value, enum.Enum):
        return to_wire(value.value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


_SCALARS = frozenset({str, int, float, bool, type(None)})


def leaked_fields(value: Any, declared: Mapping[str, set[str]], where: str = "result") -> list[str]:
    """Spec properties a model kept as unknown extras instead of reading into its fields.

    Models allow unknown fields, so a model whose alias is wrong (`session_token` instead of
    `sessionToken`) still round-trips the data; only its attribute is silently None. A property
    the spec declares for that model must never end up in `model_extra`.
    """
    if isinstance(value, pydantic.BaseModel):
        names = declared.get(type(value).__name__, set())
        found = [
            f"{where}: {type(value).__name__} kept the declared property {key!r} as an "
            "unknown extra, so its attribute is not set"
            for key in sorted(set(value.model_extra or {}) & names)
        ]
        members: Iterable[tuple[object, Any]] = value.__dict__.items()  # its fields only
        label = ".{}"
    elif isinstance(value, Mapping):
        found, members, label = [], value.items(), ".{}"
    elif isinstance(value, list | tuple):
        found, members, label = [], enumerate(value), "[{}]"
    else:
        return []
    for key, item in members:
        if type(item) not in _SCALARS:  # most of a big reply: no label made, no call
            found += leaked_fields(item, declared, where + label.format(key))
    return found
