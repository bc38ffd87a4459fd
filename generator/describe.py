"""What the spec says about an argument, when the argument itself says nothing.

Many specs describe a parameter only through its schema: a referenced model's description, a
title, the values of an enum, a format, bounds, a default. Docstrings and `api.md` then read
"One of `openai`, `gemini`." instead of nothing. A description is followed by the bounds and
default it leaves unsaid, which a caller needs as much. Only facts the spec states are used; an
argument the spec says nothing about stays undescribed rather than getting a made-up sentence.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from . import keywords
from .refs import component_name, is_read_only
from .strings import SpecText

# What may close after a sentence's full stop: quotes, brackets, Markdown emphasis and code.
_CLOSERS = "\"')]}*_`\u201d\u2019\u00bb"

_FORMATS = {
    "date-time": "An ISO 8601 date and time.",
    "date": "An ISO 8601 date.",
    "uuid": "A UUID.",
    "uri": "A URI.",
    "url": "A URL.",
    "email": "An email address.",
    "binary": "File content.",
}
_MAX_VALUES = 12


def describe(
    own: Any, schema: Any, schemas: Mapping[str, Any], name: str | None = None
) -> SpecText | None:
    """`own` (the parameter's or property's description) or else what its schema says. A
    title that only restates the argument's `name` or its class's (`Raw Scores` for
    `raw_scores`, as FastAPI writes every title) says nothing, so the facts are looked at."""
    said = {_plain(name)} if name else set()
    for text in (own, *_texts(schema, schemas, said)):
        if isinstance(text, str) and text.strip():
            return SpecText(_with_limits(text, schema))
    facts = _facts(schema) or _facts(_referenced(schema, schemas)) or _shape(schema, schemas)
    return SpecText(" ".join(facts)) if facts else None


def _with_limits(text: str, schema: Any) -> str:
    """`text` and what it leaves unsaid of the argument's own bounds and default: a reader of
    "How many items per page." still needs "From 1 to 100. Defaults to `10`." to call it."""
    if not isinstance(schema, dict):
        return text
    facts = []
    bounds = _bounds(schema)
    limits = [schema.get(key) for key in ("minimum", "maximum") if _is_number(schema.get(key))]
    if bounds and not all(_value(limit) in text for limit in limits):
        facts.append(bounds)
    if schema.get("default") is not None and "default" not in text.lower():
        facts.append(f"Defaults to `{_value(schema['default'])}`.")
    if not facts:
        return text
    return " ".join([as_sentence(text), *facts])


def as_sentence(text: str) -> str:
    """`text` ending its sentence, so another can follow: with a full stop added unless it
    ends one already, also where quotes, brackets or emphasis close after it (GitHub's
    `see "[Using pagination](...)."` got a second one)."""
    stripped = text.strip()
    if not stripped or stripped.rstrip(_CLOSERS).endswith((".", "!", "?", ":")):
        return stripped
    return f"{stripped}."


def _referenced(schema: Any, schemas: Mapping[str, Any]) -> Any:
    """The class a `$ref` names (an enum's values are facts wherever it is used), or None."""
    name = component_name(schema) if isinstance(schema, dict) else None
    return schemas.get(name) if name is not None else None


def _texts(schema: Any, schemas: Mapping[str, Any], said: set[str]) -> list[Any]:
    """Descriptions and titles: the schema's, then a referenced class's, then an array item's;
    titles that restate a name in `said` (or the class's own name) left out."""
    if not isinstance(schema, dict):
        return []
    texts = [schema.get("description"), _title(schema, said)]
    name = component_name(schema)
    if name is not None:
        named = schemas.get(name) or {}
        texts += [named.get("description"), _title(named, said | {_plain(name)})]
    items = schema.get("items")
    if isinstance(items, dict) and keywords.types(schema) <= {"array", "null"}:
        texts += _texts(items, schemas, said)
    return texts


def _title(schema: dict[str, Any], said: set[str]) -> Any:
    title = schema.get("title")
    return None if isinstance(title, str) and _plain(title) in said else title


def _plain(text: str) -> str:
    """`rawscores` for `Raw Scores`, `raw_scores` and `rawScores` alike."""
    return "".join(c for c in text.lower() if c.isalnum())


def _facts(schema: Any) -> list[str]:
    if not isinstance(schema, dict):
        return []
    facts = []
    values = schema.get("enum")
    if isinstance(values, list) and values:
        shown = ", ".join(f"`{_value(v)}`" for v in values[:_MAX_VALUES])
        more = ", ..." if len(values) > _MAX_VALUES else ""
        facts.append(f"One of {shown}{more}.")
    fmt = schema.get("format")
    if isinstance(fmt, str) and fmt in _FORMATS:
        facts.append(_FORMATS[fmt])
    bounds = _bounds(schema)
    if bounds:
        facts.append(bounds)
    if "default" in schema and schema["default"] is not None:
        facts.append(f"Defaults to `{_value(schema['default'])}`.")
    return facts


def _shape(schema: Any, schemas: Mapping[str, Any]) -> list[str]:
    """The keys an object argument takes, or the shapes a union of objects may take."""
    if not isinstance(schema, dict):
        return []
    branches = [b for key in ("oneOf", "anyOf") for b in schema.get(key) or []]
    named = [component_name(branch) for branch in branches]
    if branches and all(named):
        shapes = "; ".join(_branch(name, schemas) for name in named if name)
        return [f"One of: {shapes}."]
    items = schema.get("items")
    if isinstance(items, dict) and component_name(items):
        keys = _keys(items, schemas)
        return [f"A list of objects, each with {keys}."] if keys else []
    keys = _keys(schema, schemas) if component_name(schema) else ""
    return [f"An object with {keys}."] if keys else []


def _branch(name: str, schemas: Mapping[str, Any]) -> str:
    keys = _keys(schemas.get(name), schemas, frozenset({name}))
    return f"`{name}` ({keys})" if keys else f"`{name}`"


def _keys(schema: Any, schemas: Mapping[str, Any], seen: frozenset[str] = frozenset()) -> str:
    properties = _properties(schema, schemas, seen)
    if not properties:
        return ""
    names = [f"`{_value(key)}`" for key in properties[:_MAX_VALUES]]
    more = ", ..." if len(properties) > _MAX_VALUES else ""
    return f"key{'s' if len(properties) > 1 else ''} {', '.join(names)}{more}"


def _properties(schema: Any, schemas: Mapping[str, Any], seen: frozenset[str]) -> list[Any]:
    """The keys an argument takes: those its `allOf` members give, then its own, each once and
    none the server alone sets (`readOnly`, as a request's typed dict leaves them out). A model
    built on another (`SignedTokenRequest`: `TokenRequest` and a `mac`) takes its base's keys
    too, so they are listed rather than none."""
    if not isinstance(schema, dict):
        return []
    name = component_name(schema)
    if name is not None:
        target = schemas.get(name)
        return [] if name in seen else _properties(target, schemas, seen | {name})
    keys: list[Any] = []
    for member in schema.get("allOf") or []:
        keys += _properties(member, schemas, seen)
    properties = schema.get("properties")
    if isinstance(properties, dict):
        keys += [key for key, value in properties.items() if not is_read_only(value, schemas)]
    return list(dict.fromkeys(keys))


def _bounds(schema: dict[str, Any]) -> str | None:
    low, high = schema.get("minimum"), schema.get("maximum")
    if _is_number(low) and _is_number(high):
        return f"From {_value(low)} to {_value(high)}."
    if _is_number(low):
        return f"At least {_value(low)}."
    if _is_number(high):
        return f"At most {_value(high)}."
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _value(value: Any) -> str:
    """A JSON value as the spec wrote it (`true`, `5`, `cara-3`); backticks cannot end a span.
    A string a code span would not show as written (empty, or with spaces at its ends, which
    Markdown trims) is quoted: `""`."""
    plain = isinstance(value, str) and value and value.strip() == value
    text = value if plain else json.dumps(value, ensure_ascii=False)
    return text.replace("`", "'")
