"""The Jinja environment and its filters, and the walk from the IR to the files of a package.

The environment prints only `Safe` text (and numbers): raw spec text, or any other string that did
not pass through an escaper in `strings.py`, makes rendering fail instead of reaching a file.
Templates mirror the output tree under `templates/package/`; the runtime under
`templates/runtime/` is copied verbatim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from . import examples, strings
from .ir import Api, Operation, ParameterLocation, Resource
from .state import Release
from .strings import Safe, SpecText

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
GENERATOR_VERSION = "0.1.0"


@dataclass(frozen=True)
class PackageNames:
    """The package's identity as text templates may print (validated by `config.py`)."""

    package: Safe
    distribution: Safe
    client_class: Safe
    async_client_class: Safe
    env_prefix: Safe
    version: Safe
    spec_sha256: Safe
    generator: Safe

    @classmethod
    def of(cls, api: Api) -> PackageNames:
        config = api.config
        return cls(
            package=strings.identifier(config.package),
            distribution=Safe(config.distribution),
            client_class=strings.identifier(config.client_class),
            async_client_class=strings.identifier("Async" + config.client_class),
            env_prefix=Safe(config.env_prefix),
            version=Safe(api.version),
            spec_sha256=Safe(api.spec_sha256),
            generator=Safe(f"sdkgen {GENERATOR_VERSION}"),
        )


@dataclass(frozen=True)
class ReleaseNotes:
    """A changelog entry as templates see it: its text is spec-derived, so it is SpecText."""

    version: Safe
    summary: SpecText
    changes: tuple[SpecText, ...]


def render_package(
    api: Api, models_source: str, releases: Sequence[Release]
) -> dict[PurePosixPath, str]:
    """Every file of the generated project, keyed by its path relative to the project root."""
    env = environment()
    names = PackageNames.of(api)
    src = PurePosixPath("src") / names.package
    notes = [
        ReleaseNotes(Safe(r.version), SpecText(r.summary), tuple(SpecText(c) for c in r.changes))
        for r in reversed(releases)
    ]
    context = {"api": api, "names": names, "releases": notes}
    files = {
        PurePosixPath("pyproject.toml"): _render(env, "pyproject.toml.jinja", context),
        PurePosixPath("README.md"): _render(env, "README.md.jinja", context),
        PurePosixPath("CHANGELOG.md"): _render(env, "CHANGELOG.md.jinja", context),
        src / "__init__.py": _render(env, "src/__init__.py.jinja", context),
        src / "_version.py": _render(env, "src/_version.py.jinja", context),
        src / "_client.py": _render(env, "src/_client.py.jinja", context),
        src / "resources" / "__init__.py": _render(env, "src/resources/__init__.py.jinja", context),
        src / "types.py": models_source,
        src / "py.typed": "",
    }
    for resource in api.resources:
        files[src / "resources" / f"{resource.module}.py"] = _render(
            env, "src/resources/resource.py.jinja", {**context, "resource": resource}
        )
    for path, text in runtime_files().items():
        files[src / path] = text
    return files


@cache
def runtime_files() -> dict[str, str]:
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted((TEMPLATES / "runtime").glob("*.py"))
    }


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    return env.get_template(name).render(context)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "package"),
        undefined=jinja2.StrictUndefined,
        finalize=_only_safe,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        docstring=strings.docstring,
        pystr=strings.string_literal,
        comment=strings.comment,
        toml=strings.toml_string,
        md=strings.markdown,
    )
    env.globals.update(
        signature=signature,
        request_arguments=request_arguments,
        return_type=return_type,
        model_imports=model_imports,
        stdlib_imports=stdlib_imports,
        call_prefix=call_prefix,
        call_suffix=call_suffix,
        method_doc=method_doc,
        api_exports=api_exports,
        auth_setting=auth_setting,
        simple_call=examples.simple_call,
        paginated_call=examples.paginated_call,
        upload_call=examples.upload_call,
    )
    return env


def _only_safe(value: Any) -> Any:
    if isinstance(value, Safe | bool | int | float) or value is None or value == "":
        return "" if value is None else value
    kind = "spec text" if isinstance(value, SpecText) else type(value).__name__
    raise TypeError(f"template printed unescaped {kind} {value!r}: use an escaping filter")


def signature(operation: Operation) -> list[Safe]:
    """The parameter lines of a resource method (without `self` and the per-call options)."""
    lines: list[Safe] = []
    for parameter in operation.path_parameters:
        lines.append(Safe(f"{parameter.name}: {parameter.type.input},"))
    lines.append(Safe("*,"))
    keyword = [p for p in operation.parameters if p.location != "path"]
    body = operation.body
    entries = [(p.name, p.type.input, p.required) for p in keyword]
    if body is not None:
        fields = [body.whole] if body.whole else list(body.fields)
        entries += [(f.name, f.type.input, f.required) for f in fields if f is not None]
    for name, annotation, required in entries:
        if required:
            lines.append(Safe(f"{name}: {annotation},"))
        else:
            lines.append(Safe(f"{name}: {annotation} | NotGiven = NOT_GIVEN,"))
    return lines


def request_arguments(operation: Operation, asynchronous: bool) -> list[Safe]:
    """The keyword arguments a method passes to `_request`/`_request_page`, one per line."""
    lines = [
        Safe(f"{strings.string_literal(operation.http_method)},"),
        Safe(f"{strings.string_literal(operation.path)},"),
    ]
    path = operation.path_parameters
    if path:
        lines.append(_mapping("path_params", [(p.wire_name, p.name) for p in path]))
    locations: tuple[tuple[ParameterLocation, str], ...] = (
        ("query", "query"),
        ("header", "headers"),
    )
    for location, argument in locations:
        located = operation.located(location)
        if located:
            lines.append(_mapping(argument, [(p.wire_name, p.name) for p in located]))
    body = operation.body
    if body is not None:
        lines += _body_arguments(body)
    if operation.pagination is None:
        lines.append(Safe(f"cast_to={_cast_to(operation, asynchronous)},"))
    else:
        pagination = operation.pagination
        lines.append(Safe(f"item_type={pagination.item_type.output},"))
        lines.append(
            Safe(
                "pagination=PageNumberPagination("
                f"page_param={strings.string_literal(pagination.page_param)}, "
                f"items_field={strings.string_literal(pagination.items_field)}, "
                f"current_page={_path_tuple(pagination.current_page)}, "
                f"last_page={_path_tuple(pagination.last_page)}),"
            )
        )
    if operation.errors:
        entries = ", ".join(f"{error.status}: {error.type.output}" for error in operation.errors)
        lines.append(Safe(f"error_types={{{entries}}},"))
    return lines


def _body_arguments(body: Any) -> list[Safe]:
    if body.whole is not None:
        name = "content" if body.encoding == "binary" else "json"
        return [Safe(f"{name}={body.whole.name},")]
    if body.encoding in ("multipart", "form"):
        plain = [(f.wire_name, f.name) for f in body.fields if not f.is_file]
        files = [(f.wire_name, f.name) for f in body.fields if f.is_file]
        lines = [_mapping("form", plain)] if plain else []
        if files:
            lines.append(_mapping("files", files))
        return lines
    return [_mapping("json", [(f.wire_name, f.name) for f in body.fields])]


def _mapping(argument: str, pairs: list[tuple[SpecText, Safe]]) -> Safe:
    entries = ", ".join(f"{strings.string_literal(wire)}: {name}" for wire, name in pairs)
    return Safe(f"{argument}={{{entries}}},")


def _path_tuple(parts: tuple[SpecText, ...]) -> str:
    literals = [strings.string_literal(part) for part in parts]
    return f"({literals[0]},)" if len(literals) == 1 else f"({', '.join(literals)})"


def _cast_to(operation: Operation, asynchronous: bool) -> str:
    response = operation.response
    if response.kind == "none":
        return "None"
    if response.kind == "binary":
        return "AsyncBinaryResponse" if asynchronous else "BinaryResponse"
    assert response.type is not None
    return response.type.output


def return_type(operation: Operation, asynchronous: bool) -> Safe:
    if operation.pagination is not None:
        kind = "AsyncPaginator" if asynchronous else "SyncPage"
        return Safe(f"{kind}[{operation.pagination.item_type.output}]")
    response = operation.response
    if response.kind == "none":
        return Safe("None")
    if response.kind == "binary":
        return Safe("AsyncBinaryResponse" if asynchronous else "BinaryResponse")
    assert response.type is not None
    return response.type.output


def model_imports(resource: Resource) -> list[Safe]:
    """Model classes a resource module needs, sorted."""
    names: set[str] = set()
    for operation in resource.operations:
        for type_ in _types_of(operation):
            names |= type_.models
    return [Safe(name) for name in sorted(names)]


def stdlib_imports(resource: Resource) -> list[Safe]:
    names: set[str] = set()
    for operation in resource.operations:
        for type_ in _types_of(operation):
            names |= type_.imports
    lines = []
    if "datetime" in names or "date" in names:
        lines.append(
            Safe("from datetime import " + ", ".join(sorted(names & {"date", "datetime"})))
        )
    if "UUID" in names:
        lines.append(Safe("from uuid import UUID"))
    return lines


def _types_of(operation: Operation) -> list[Any]:
    types = [p.type for p in operation.parameters]
    if operation.body:
        fields = [operation.body.whole] if operation.body.whole else list(operation.body.fields)
        types += [f.type for f in fields if f is not None]
    if operation.response.type:
        types.append(operation.response.type)
    if operation.pagination:
        types.append(operation.pagination.item_type)
    types += [error.type for error in operation.errors]
    return types


def call_prefix(operation: Operation, asynchronous: bool) -> Safe:
    """`cast(<type>, await ` around a request whose result is returned typed."""
    awaited = "await " if asynchronous and operation.pagination is None else ""
    if operation.pagination is not None or operation.response.kind == "none":
        return Safe(awaited)
    return Safe(f"cast({return_type(operation, asynchronous)}, {awaited}")


def call_suffix(operation: Operation) -> Safe:
    if operation.pagination is not None or operation.response.kind == "none":
        return Safe("")
    return Safe(")")


def method_doc(operation: Operation) -> Safe:
    paragraphs = [text for text in (operation.summary, operation.description) if text]
    if operation.deprecated:
        paragraphs.append(_DEPRECATED)
    arguments = [(p.name, p.description) for p in operation.parameters]
    if operation.body is not None:
        fields = [operation.body.whole] if operation.body.whole else list(operation.body.fields)
        arguments += [(f.name, f.description) for f in fields if f is not None]
    items = [(name, text) for name, text in arguments if text]
    return strings.docstring_sections(paragraphs or [_DEFAULT_DOC], items, indent=8)


_DEFAULT_DOC = SpecText("Call the operation.")
_DEPRECATED = SpecText("Deprecated: the API marks this operation as deprecated.")

RUNTIME_EXPORTS = (
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAPIResponse",
    "AsyncBinaryResponse",
    "AsyncPage",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "BinaryResponse",
    "ConflictError",
    "InternalServerError",
    "NOT_GIVEN",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimitError",
    "SDKError",
    "SyncPage",
    "UnprocessableEntityError",
    "__generator__",
    "__spec_sha256__",
    "__version__",
)


def api_exports(names: PackageNames) -> list[Safe]:
    """The package's `__all__`: one sorted list of everything its `__init__` re-exports."""
    exported = {*RUNTIME_EXPORTS, names.client_class, names.async_client_class}
    return [Safe(name) for name in sorted(exported)]


def auth_setting(auth: Any) -> Safe:
    if auth.kind is None:
        return Safe("None")
    if auth.kind == "bearer":
        return Safe('"bearer"')
    return Safe(f'"{auth.kind}:" + {strings.string_literal(auth.name or SpecText(""))}')
