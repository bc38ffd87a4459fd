"""Numbers valid for a schema: inside its bounds, its format's range, a multiple of its step.

The `n`th number a schema gets is `n` itself when that is allowed, so values stay small,
distinct and readable; otherwise it is moved inside the bounds (`int32`'s range included, which
the OpenAPI format checker enforces).
"""

from __future__ import annotations

import math
from typing import Any


def integer_value(schema: dict[str, Any], n: int) -> int:
    low, high = _integer_bounds(schema)
    if (low is None or n >= low) and (high is None or n <= high):
        candidate = n
    elif low is not None and high is not None:
        candidate = low + (n % (high - low + 1)) if high >= low else low
    elif low is not None:
        candidate = low + n
    else:
        candidate = int(high or 0) - n
    step = schema.get("multipleOf")
    if isinstance(step, int) and step > 0:
        candidate = math.ceil(candidate / step) * step
        if high is not None and candidate > high:
            candidate -= step
    return candidate


def number_value(schema: dict[str, Any], n: int) -> float | int:
    low, high = _bounds(schema)
    step = schema.get("multipleOf")
    if low is not None and high is not None:
        fraction = ((n % 7) + 1) / 9  # strictly inside, so exclusive bounds hold too
        value: float = low + (high - low) * fraction
    elif low is not None:
        value = low + n + 0.5
    elif high is not None:
        value = high - n - 0.5
    else:
        value = n + 0.5
    if isinstance(step, int | float) and step > 0:
        value = math.ceil(value / step) * step
    return round(value, 6)


_FORMAT_RANGES: dict[str, tuple[float | None, float | None]] = {
    "int8": (-(2**7), 2**7 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint8": (0, 2**8 - 1),
    "uint16": (0, 2**16 - 1),
    "uint32": (0, 2**32 - 1),
    "uint64": (0, 2**64 - 1),
    "float": (-3.4e38, 3.4e38),
}


def _bounds(schema: dict[str, Any]) -> tuple[float | None, float | None]:
    low = schema.get("minimum")
    high = schema.get("maximum")
    exclusive_low = schema.get("exclusiveMinimum")
    exclusive_high = schema.get("exclusiveMaximum")
    if isinstance(exclusive_low, int | float) and not isinstance(exclusive_low, bool):
        low = exclusive_low if low is None else max(low, exclusive_low)
    if isinstance(exclusive_high, int | float) and not isinstance(exclusive_high, bool):
        high = exclusive_high if high is None else min(high, exclusive_high)
    return low, high


def _integer_bounds(schema: dict[str, Any]) -> tuple[int | None, int | None]:
    """The smallest and largest integers the schema allows (exclusive bounds stepped over)."""
    low, high = _bounds(schema)
    if low is None:
        low = _FORMAT_RANGES.get(str(schema.get("format")), (None, None))[0]
    if high is None:
        high = _FORMAT_RANGES.get(str(schema.get("format")), (None, None))[1]
    low_int = high_int = None
    if low is not None:
        exclusive = _is_exclusive(schema, "exclusiveMinimum", low)
        low_int = math.floor(low) + 1 if exclusive else math.ceil(low)
    if high is not None:
        exclusive = _is_exclusive(schema, "exclusiveMaximum", high)
        high_int = math.ceil(high) - 1 if exclusive else math.floor(high)
    return low_int, high_int


def _is_exclusive(schema: dict[str, Any], key: str, bound: float) -> bool:
    value = schema.get(key)
    return isinstance(value, int | float) and not isinstance(value, bool) and value == bound
