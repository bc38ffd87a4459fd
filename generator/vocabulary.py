"""Every name the generated code itself uses, so that names taken from a spec stay clear of them.

A schema called `Timeout`, a tag called `body` or a property called `model_dump` must not shadow
what the generated modules import or define. The templates print their imports from the tables
below, and the reserved sets are derived from the same tables, so a name added to a template's
imports is reserved at once; `tests/unit/test_vocabulary.py` holds the tables against the runtime
and against what datamodel-code-generator emits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .strings import Safe

Imports = Mapping[str, tuple[str, ...]]

# What a package's `__init__` re-exports from its runtime modules (beside the two client classes).
PACKAGE_EXPORTS: Imports = {
    "._exceptions": (
        "APIConnectionError",
        "APIError",
        "APIResponseValidationError",
        "APIStatusError",
        "APITimeoutError",
        "AuthenticationError",
        "BadRequestError",
        "ConflictError",
        "InternalServerError",
        "NotFoundError",
        "PaginationLoopError",
        "PermissionDeniedError",
        "RateLimitError",
        "RedirectError",
        "ResponseTooLargeError",
        "SDKError",
        "UnprocessableEntityError",
    ),
    "._binary": ("AsyncBinaryResponse", "BinaryResponse"),
    "._jsonl": ("AsyncJSONLinesStream", "JSONLineError", "JSONLinesStream"),
    "._sse": ("AsyncStream", "ServerSentEvent", "Stream"),
    "._pagination": ("AsyncPage", "AsyncPaginator", "SyncPage"),
    "._response": ("APIResponse", "AsyncAPIResponse"),
    "._types": ("NOT_GIVEN", "NotGiven"),
    "._version": ("__generator__", "__spec_sha256__", "__version__"),
}

# What every resource module imports (ruff drops the ones a module does not use).
# Containers are spelt `List`/`Dict` because a method called `list` would shadow the builtin.
RESOURCE_IMPORTS: Imports = {
    "functools": ("cached_property",),
    "typing": ("Any", "Dict", "List", "Literal", "Mapping", "Sequence"),
    ".._binary": ("AsyncBinaryResponse", "BinaryResponse"),
    ".._files": ("FileArray",),
    ".._page_styles": ("CursorPagination", "NextLinkPagination", "OffsetPagination"),
    # (one line each, as ruff leaves it after dropping the names a module does not use)
    ".._pagination": ("AsyncPaginator", "LinkHeaderPagination", "PageNumberPagination", "SyncPage"),
    ".._resource": ("AsyncAPIResource", "SyncAPIResource"),
    ".._response": (
        "async_to_raw_response_wrapper",
        "async_to_streamed_response_wrapper",
        "to_raw_response_wrapper",
        "to_streamed_response_wrapper",
    ),
    ".._serialization": ("Styled", "WithContentType"),
    ".._jsonl": ("AsyncJSONLinesStream", "JSONLinesStream"),
    ".._sse": ("AsyncStream", "Stream"),
    ".._types": (
        "NOT_GIVEN",
        "Body",
        "FileTypes",
        "Headers",
        "NotGiven",
        "Query",
        "RequestOptions",
        "Timeout",
    ),
}

# What the module defining the two client classes imports.
CLIENT_IMPORTS: Imports = {
    "functools": ("cached_property",),
    "typing": ("TYPE_CHECKING",),
    "._base_client": ("AsyncAPIClient", "ClientSettings", "SecurityScheme", "SyncAPIClient"),
    "._version": ("__version__",),
}
# What the client module adds when its classes have constructors of their own (arguments for
# the variables of the API's URL, or for the headers the client holds), and for each of those.
CONSTRUCTOR_IMPORTS: Imports = {
    "typing_extensions": ("Unpack",),
    "._base_client": ("AsyncClientOptions", "SyncClientOptions"),
}
SERVER_IMPORTS: Imports = {
    "._base_client": ("ServerTemplate", "ServerVariable", "merged_variables"),
}
# A variable the spec lists the values of is typed as one of them.
SERVER_ENUM_IMPORTS: Imports = {"typing": ("Literal",)}
HELD_HEADER_IMPORTS: Imports = {"._base_client": ("with_held_headers",)}

# What every TypedDict module of `types/` imports (besides the annotations' own names).
PARAM_IMPORTS: Imports = {
    "typing": ("TYPE_CHECKING",),
    "typing_extensions": ("NotRequired", "Required", "TypedDict"),
}

# Standard-library names that annotations import where they are used.
STDLIB_ANNOTATIONS = ("UUID", "date", "datetime")

# Names datamodel-code-generator's model modules may import or define besides the models.
MODEL_MODULE_NAMES = (
    "Annotated",
    "Any",
    "AnyUrl",
    "AwareDatetime",
    "BaseModel",
    "ConfigDict",
    "Dict",
    "Field",
    "List",
    "Literal",
    "Octets",
    "Optional",
    "RootModel",
    "TypeAliasType",
    "UUID",
    "Union",
    "date",
    "datetime",
)

# Per-call options every generated method accepts after the operation's own arguments (name ->
# annotation and default); `idempotent` only where the HTTP method is not idempotent itself.
PER_CALL_OPTIONS: Mapping[str, str] = {
    "extra_headers": "Headers | None = None",
    "extra_query": "Query | None = None",
    "extra_body": "Body | None = None",
    "timeout": "Timeout | NotGiven = NOT_GIVEN",
    "max_retries": "int | NotGiven = NOT_GIVEN",
    "deadline": "float | NotGiven = NOT_GIVEN",
    "max_response_size": "int | NotGiven = NOT_GIVEN",
    "idempotent": "bool | NotGiven = NOT_GIVEN",
}
NON_IDEMPOTENT_METHODS = frozenset({"post", "patch"})

# Builtins spelt in model annotations: a field with one of these names would shadow the type.
MODEL_BUILTINS = ("None", "bool", "bytes", "float", "int", "list", "object", "set", "str", "tuple")

# Builtins a resource class must not shadow with a method (`list` is fine: annotations say `List`).
METHOD_BUILTINS = ("bool", "bytes", "dict", "float", "int", "object", "str", "type")

# Attributes of pydantic's BaseModel (v2 and the deprecated v1 names it still defines).
PYDANTIC_MODEL_ATTRIBUTES = (
    "construct",
    "copy",
    "dict",
    "from_orm",
    "json",
    "model_computed_fields",
    "model_config",
    "model_construct",
    "model_copy",
    "model_dump",
    "model_dump_json",
    "model_extra",
    "model_fields",
    "model_fields_set",
    "model_json_schema",
    "model_parametrized_name",
    "model_post_init",
    "model_rebuild",
    "model_validate",
    "model_validate_json",
    "model_validate_strings",
    "parse_file",
    "parse_obj",
    "parse_raw",
    "schema",
    "schema_json",
    "update_forward_refs",
    "validate",
)

# Attributes of the runtime's client classes, which a resource attribute must not shadow.
CLIENT_ATTRIBUTES = (
    "aclose",
    "api_key",
    "base_url",
    "close",
    "copy",
    "credentials",
    "deadline",
    "default_headers",
    "default_query",
    "delete",
    "fake",
    "get",
    "http_client",
    "max_response_size",
    "max_retries",
    "patch",
    "post",
    "put",
    "request",
    "retry_non_idempotent",
    "strict_response_validation",
    "timeout",
    "with_options",
    "with_raw_response",
)

# Names the client's constructor takes already, which an argument of its own (a variable of the
# API's URL, a header it holds) must not take.
CLIENT_ARGUMENTS_TAKEN = frozenset({*CLIENT_ATTRIBUTES, "server_variables", "options", "self"})

# Attributes of the runtime's resource classes besides the generated methods.
RESOURCE_ATTRIBUTES = ("with_raw_response", "with_streaming_response")

# The classes a resource module defines per resource: `Personas`, `PersonasWithRawResponse`...
RESOURCE_CLASS_SUFFIXES = ("", "WithRawResponse", "WithStreamingResponse")

# Methods our models add to pydantic's (`to_dict()`, `to_json()`).
MODEL_METHODS = ("to_dict", "to_json")

# File names Windows reserves in every folder: a module called `con.py` breaks the wheel there.
DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)}
)


def import_lines(table: Imports) -> list[Safe]:
    """`from module import a, b` for each module of a vocabulary table."""
    return [Safe(f"from {module} import {', '.join(names)}") for module, names in table.items()]


def imported_names(*tables: Imports) -> frozenset[str]:
    return frozenset(name for table in tables for names in table.values() for name in names)


def _names(*groups: Iterable[str]) -> frozenset[str]:
    return frozenset(name for group in groups for name in group)


_RESOURCE_MODULE_NAMES = imported_names(RESOURCE_IMPORTS) | set(STDLIB_ANNOTATIONS)

# Class names (models and resources) live in modules importing all of these.
CLASS_RESERVED = _RESOURCE_MODULE_NAMES | set(MODEL_MODULE_NAMES) | imported_names(PARAM_IMPORTS)

# Keyword arguments of a generated method: the options, and the runtime names its body uses.
# (The standard-library types are reserved per operation, only where its body spells them.)
KWARG_RESERVED = _names(PER_CALL_OPTIONS, ("self",), imported_names(RESOURCE_IMPORTS))

# Model fields double as keyword arguments, and sit in a class next to pydantic's attributes.
FIELD_RESERVED = KWARG_RESERVED | _names(
    PYDANTIC_MODEL_ATTRIBUTES, MODEL_METHODS, MODEL_MODULE_NAMES, MODEL_BUILTINS
)

# Parameters spell a builtin's name as model fields do (`object_`), so one wire name has one
# spelling: `get_check(object_=...)` beside `post_check(object_=...)` and `tuple.object_`.
PARAMETER_RESERVED = KWARG_RESERVED | _names(MODEL_BUILTINS)

# Methods sit in a resource class whose annotations use the module's names.
METHOD_RESERVED = _names(_RESOURCE_MODULE_NAMES, RESOURCE_ATTRIBUTES, METHOD_BUILTINS)

# Resources are attributes of the client classes, in a module importing CLIENT_IMPORTS.
CLIENT_RESERVED = frozenset(CLIENT_ATTRIBUTES) | imported_names(
    CLIENT_IMPORTS, CONSTRUCTOR_IMPORTS, SERVER_IMPORTS, HELD_HEADER_IMPORTS
)
