"""Swagger 2.0 documents, read as the OpenAPI 3.0 documents they describe.

Many teams still publish Swagger 2.0 (what springfox, go-swagger and older frameworks write).
Both versions describe the same HTTP contracts in different words, so a Swagger 2.0 document is
rewritten once, right after it is read, and every later stage sees OpenAPI 3 only. The rewrite
keeps what goes on the wire: body and form parameters become a request body, `consumes` and
`produces` become content maps, `host`, `basePath` and `schemes` become servers, and
`collectionFormat` becomes `style` and `explode`. That last one matters: Swagger's default, `csv`
(`ids=1,2`), is not OpenAPI's default (`ids=1&ids=2`), so an array left without a style would be
sent wrongly. The rewrite also records where each node came from (`origins.py`), so that a
problem found later names the place in the file the user wrote.
"""

from __future__ import annotations

from typing import Any

from ..errors import Problem
from .convert import Converter
from .origins import Origins, Source
from .schemas import mapping, rewrite_refs, schema_v3, written_ref

__all__ = [
    "Origins",
    "Source",
    "convert",
    "convert_components",
    "is_swagger2",
    "schema_v3",
    "written_ref",
]


def is_swagger2(document: Any) -> bool:
    return isinstance(document, dict) and str(document.get("swagger")) == "2.0"


def convert(document: dict[str, Any], file: str) -> tuple[dict[str, Any], list[Problem], Origins]:
    """The OpenAPI 3.0 document `document` describes, notes on what could not be kept, and where
    each converted node came from."""
    converter = Converter(document, file)
    converted = rewrite_refs(converter.document())
    converter.origins.converted = converted
    note = Problem("info", "Swagger 2.0 document read as OpenAPI 3.0", file, "/swagger")
    return converted, [note, *converter.problems], converter.origins


def convert_components(document: dict[str, Any]) -> None:
    """Schemas that bundling joined in from other files, in OpenAPI 3.0 words too."""
    schemas = mapping(mapping(document.get("components")).get("schemas"))
    for name, schema in schemas.items():
        schemas[name] = schema_v3(schema)
