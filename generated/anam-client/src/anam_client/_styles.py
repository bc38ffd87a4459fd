"""How a parameter value is written in a query, a form body, a header, a cookie or a path.

OpenAPI's ``style`` and ``explode`` decide (``Styled`` carries them; each location has a
default). For a parameter ``id`` holding the array ``[3, 4]`` or the object ``{"r": "a", "n": 1}``:

    query  form (default)    id=3&id=4         r=a&n=1
           form, no explode  id=3,4            id=r,a,n,1
           spaceDelimited    id=3%204          id=r%20a%20n%201
           pipeDelimited     id=3|4            id=r|a|n|1
           deepObject        id[0]=3&id[1]=4   id[r]=a&id[n]=1
    header simple (default)  3,4               r,a,n,1       exploded: r=a,n=1
    path   simple (default)  3,4               r,a,n,1       exploded: r=a,n=1
           label             .3,4              .r,a,n,1      exploded: .3.4 and .r=a.n=1
           matrix            ;id=3,4           ;id=r,a,n,1   exploded: ;id=3;id=4 and ;r=a;n=1
    cookie (one each)        id=3,4            id=r,a,n,1

Names and values are percent-encoded one by one and the delimiters are written as they are, so
a comma inside a value never reads as a delimiter. Two choices OpenAPI leaves open: an object
field of a form body without an ``encoding`` is written with brackets (``owner[name]=x``, as
servers read forms), and a cookie holds its whole value, since a cookie jar keeps one value per
name. Items that are themselves objects or arrays are written as JSON, except in a deepObject,
which nests (``filter[owner][id]=7``, arrays indexed: ``items[0][id]=7``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from urllib.parse import quote

from ._serialization import (
    Styled,
    WithContentType,
    format_value,
    is_absent,
    is_json_media,
    json_text,
    to_jsonable,
)

__all__ = [
    "Pairs",
    "cookie_header",
    "form_pairs",
    "header_params",
    "merge_params",
    "path_text",
    "query_pairs",
    "query_params",
]

Pairs = list[tuple[str, str]]  # percent-encoded (name, value) pairs, in order
_Escape = Callable[[str], str]

_DELIMITERS = {"spaceDelimited": "%20", "pipeDelimited": "|"}
# RFC 3986 unreserved characters: what quote() never escapes.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")
# RFC 3986 reserved characters that `allowReserved` leaves as they are ('#' would end the URL).
_RESERVED = ":/?[]@!$&'()*+,;="


def _escape(text: str) -> str:
    # Most values (ids, numbers, names) have nothing to escape, and checking is far cheaper
    # than quote(), which returns such text unchanged.
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe="")


def _escape_reserved(text: str) -> str:
    return quote(text, safe=_RESERVED)


def _how(value: object, style: str, explode: bool) -> tuple[object, str, bool]:
    """The bare value, its style and explode: ``Styled`` overrides the location's default."""
    if isinstance(value, Styled):
        return value.value, value.style, value.exploded
    return value, style, explode


def _value_escaper(value: object) -> _Escape:
    allow_reserved = isinstance(value, Styled) and value.allow_reserved
    return _escape_reserved if allow_reserved else _escape


def _data(value: object) -> object:
    """JSON data (dict, list or scalar) with absent entries dropped; None when absent."""
    if is_absent(value):
        return None
    data = to_jsonable(value)
    if isinstance(data, dict):
        return {key: item for key, item in data.items() if item is not None}
    if isinstance(data, list):
        return [item for item in data if item is not None]
    return data


def _entries(data: dict[str, object] | list[object]) -> list[tuple[str, object]]:
    items = data.items() if isinstance(data, dict) else enumerate(data)
    return [(str(key), item) for key, item in items]


def _flat(data: dict[str, object], escape: _Escape) -> list[str]:
    """An object as ``key, value, key, value...`` (each escaped), for the unexploded styles."""
    return [escape(text) for key, item in data.items() for text in (key, format_value(item))]


def query_pairs(name: str, value: object, *, form_field: bool = False) -> Pairs:
    """The pairs one query parameter adds; ``form_field`` writes objects with brackets."""
    if isinstance(value, WithContentType):
        data = _data(value.value)
        return [] if data is None else [(_escape(name), _escape(_media_text(value)))]
    bare, style, explode = _how(value, "form", True)
    data, escape, key = _data(bare), _value_escaper(value), _escape(name)
    if data is None or data == [] or data == {}:
        return []
    if form_field and not isinstance(value, Styled) and isinstance(data, dict):
        style = "deepObject"
    if style == "deepObject" and isinstance(data, dict | list):
        return _deep([key], data, escape)
    if isinstance(data, dict):
        if explode:
            return [(_escape(k), escape(format_value(item))) for k, item in data.items()]
        return [(key, _DELIMITERS.get(style, ",").join(_flat(data, escape)))]
    if isinstance(data, list):
        texts = [escape(format_value(item)) for item in data]
        if explode:
            return [(key, text) for text in texts]
        return [(key, _DELIMITERS.get(style, ",").join(texts))]
    return [(key, escape(format_value(data)))]


def _deep(keys: list[str], data: object, escape: _Escape) -> Pairs:
    if not isinstance(data, dict | list):
        name = keys[0] + "".join(f"[{key}]" for key in keys[1:])
        return [(name, escape(format_value(data)))]
    pairs: Pairs = []
    for key, item in _entries(data):
        if item is not None:
            pairs += _deep([*keys, _escape(key)], item, escape)
    return pairs


def header_text(value: object) -> str | None:
    """A header parameter's value (``simple`` style), or None to leave the header out."""
    if isinstance(value, WithContentType):
        return None if is_absent(value.value) else _media_text(value)
    bare, _style, explode = _how(value, "simple", False)
    return _joined(_data(bare), explode, lambda text: text, ",", "=")


def _joined(
    data: object, explode: bool, escape: _Escape, separator: str, assign: str
) -> str | None:
    """``a,b`` for an array, ``k,v,k2,v2`` (or ``k=v,k2=v2`` exploded) for an object."""
    if data is None or data == [] or data == {}:
        return None
    if isinstance(data, dict):
        if explode:
            return separator.join(
                f"{escape(key)}{assign}{escape(format_value(item))}" for key, item in data.items()
            )
        return separator.join(_flat(data, escape))
    if isinstance(data, list):
        return separator.join(escape(format_value(item)) for item in data)
    return escape(format_value(data))


def path_text(name: str, value: object) -> str:
    """A path parameter as the text that replaces ``{name}``: every character of the value
    that could end a segment is percent-encoded; ValueError if it is empty or absent."""
    if type(value) is str:  # the common case, an id: no style, nothing to convert
        return _escape(value)
    bare, style, explode = _how(value, "simple", False)
    data = _data(bare)
    if data in (None, "", [], {}):
        return ""  # nothing to put in the segment, whatever the style adds around it
    if style == "label":
        text = _joined(data, explode, _escape, "." if explode else ",", "=")
        return "" if text is None else "." + text
    if style == "matrix":
        return _matrix(_escape(name), data, explode) or ""
    text = _joined(data, explode, _escape, ",", "=")
    return "" if text is None else text


def _matrix(key: str, data: object, explode: bool) -> str | None:
    if data is None or data == [] or data == {}:
        return None
    if explode and isinstance(data, dict):
        return "".join(f";{_escape(k)}={_escape(format_value(v))}" for k, v in data.items())
    if explode and isinstance(data, list):
        return "".join(f";{key}={_escape(format_value(item))}" for item in data)
    return f";{key}={_joined(data, False, _escape, ',', '=')}"


def cookie_header(params: Mapping[str, object]) -> str | None:
    """The ``Cookie`` header for cookie parameters (``a=1; b=x,y``), or None if all are absent."""
    cookies = []
    for name, value in params.items():
        if isinstance(value, WithContentType):
            text = None if is_absent(value.value) else _escape(_media_text(value))
        else:
            bare = value.value if isinstance(value, Styled) else value
            text = _joined(_data(bare), False, _escape, ",", "=")
        if text is not None:
            cookies.append(f"{_escape(name)}={text}")
    return "; ".join(cookies) or None


def _media_text(value: WithContentType) -> str:
    if is_json_media(value.content_type):
        return json_text(value.value)
    return format_value(value.value)


def query_params(params: Mapping[str, object]) -> dict[str, Pairs]:
    """Each given query parameter's pairs, by parameter name (for merging layers: an absent
    parameter leaves a lower layer's value in place)."""
    return {
        name: query_pairs(name, value)
        for name, value in params.items()
        if not is_absent(value.value if isinstance(value, Styled | WithContentType) else value)
    }


def form_pairs(fields: Mapping[str, object]) -> Pairs:
    """An ``application/x-www-form-urlencoded`` body's pairs, written like query parameters."""
    return [
        pair for name, value in fields.items() for pair in query_pairs(name, value, form_field=True)
    ]


def merge_params(*layers: Mapping[str, Pairs]) -> Pairs:
    """Flatten query layers in order of precedence; a later layer replaces a name entirely."""
    merged: dict[str, Pairs] = {}
    for layer in layers:
        merged.update(layer)
    return [pair for pairs in merged.values() for pair in pairs]


def header_params(params: Mapping[str, object]) -> dict[str, str]:
    """Header values by name; absent ones are left out."""
    texts = {name: header_text(value) for name, value in params.items()}
    return {name: text for name, text in texts.items() if text is not None}
