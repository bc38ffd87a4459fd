"""JSON Schema checks over a whole OpenAPI document, exactly as openapi-core checks bodies.

openapi-core 0.23.1 validates OpenAPI 3.1 schemas with `OAS31Validator` and the OpenAPI 3.0
format checker (so `binary`, `byte`, `uuid`, `date-time` are checked the same way in both
versions). Values the suite builds, parts of multipart bodies and the mock server's own replies
are checked with that same pair here, so "valid" means one thing throughout the suite.
"""

from __future__ import annotations

from typing import Any

from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30ReadValidator, OAS31Validator

from generator import jsonpointer

_MESSAGE_CHARS = 240  # jsonschema quotes whole subschemas in oneOf messages; keep the start
_QUOTE_CHARS = 60


def resolve(document: Any, ref: str) -> Any:
    """The target of a local ``$ref`` (``#/components/schemas/X``)."""
    if not ref.startswith("#"):
        raise ValueError(f"only local $refs are supported, not {ref!r}")
    return jsonpointer.resolve(document, ref)


class SchemaChecker:
    """Validates instances against schemas that may ``$ref`` anything in ``document``."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def errors(self, schema: Any, instance: Any) -> list[str]:
        """Every violation, each as ``<where in the instance>: <validator message>``."""
        if schema is True or schema is None:
            return []
        if schema is False:
            return ["<root>: no value is allowed here"]
        # The document is the root resource, so `#/components/...` resolves; OpenAPI's own keys
        # (`paths`, `info`, ...) are not JSON Schema keywords and are ignored by the validator.
        root = {**self.document, **schema}
        validator = OAS31Validator(root, format_checker=OAS30ReadValidator.FORMAT_CHECKER)
        found = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path)))
        return [describe(error) for error in found]

    def is_valid(self, schema: Any, instance: Any) -> bool:
        return not self.errors(schema, instance)


def describe(error: ValidationError) -> str:
    """`<where>: <the validator's message> [<keyword>]`, with long quoted values shortened."""
    where = "/".join(str(part) for part in error.absolute_path) or "<root>"
    message = error.message
    quoted = repr(error.instance)
    if len(quoted) > _QUOTE_CHARS:  # the message starts by quoting the whole invalid value
        message = message.replace(quoted, quoted[: _QUOTE_CHARS - 4] + "...}", 1)
    if len(message) > _MESSAGE_CHARS:
        message = message[: _MESSAGE_CHARS - 3] + "..."
    return f"{where}: {message} [{error.validator}]"
