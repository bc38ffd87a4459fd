"""Raw bytes spelt other ways -> OpenAPI 3.0's `type: string, format: binary`.

3.1 dropped 3.0's `format: binary` in favour of JSON Schema's content keywords: a string with a
`contentMediaType` (`image/png`) and no `contentEncoding` holds the raw bytes, a file in a
multipart body. A `contentEncoding` (base64) means text that encodes bytes, and stays a string.
Swagger 2.0's `format: file`, which AutoRest writes on `type: object` for a streamed body, is kept
by converters into OpenAPI 3 documents (Azure's among them), and means the same bytes. The
generator and its model library know the 3.0 spelling, so the others are written as it.
"""

from __future__ import annotations

from typing import Any

from .. import keywords
from ..errors import Problem
from .shared_walk import every_schema


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        if (
            "contentMediaType" in schema
            and "contentEncoding" not in schema
            and "format" not in schema
            and "string" in keywords.types(schema)
        ):
            schema["format"] = "binary"
            message = "`contentMediaType` without `contentEncoding` read as `format: binary`"
            problems.append(Problem("info", message, file, pointer))
        elif schema.get("format") == "file":
            null = ["null"] if "null" in keywords.types(schema) else []
            schema |= {"type": ["string", *null] if null else "string", "format": "binary"}
            message = "`format: file` read as `type: string, format: binary`"
            problems.append(Problem("info", message, file, pointer))
    return problems
