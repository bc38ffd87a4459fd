"""What a package's README and `api.md` say, decided here so their templates only lay it out.

`api.md` is the reference: every resource and method, its HTTP operation, parameters with types
and descriptions, what it returns, and an example call. The README says which spec the package
was built from (file, sha256, source URL, how many operations: a build from a partial snapshot
cannot pass for the full client), shows an example per resource, and includes the API's own
documentation pages (`docs:` in its config: Markdown files beside it, written by people).
Spec text reaches both only through the Markdown escapers of `strings.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import strings
from .calls import return_type
from .errors import ConfigError, Problem
from .examples import Example, Examples
from .ir import Api, Argument, Operation, Resource
from .strings import Safe


@dataclass(frozen=True)
class Provenance:
    """Which spec a package was built from."""

    file: Safe
    sha256: Safe
    source_url: Safe | None
    operations: Safe
    resources: Safe


@dataclass(frozen=True)
class ParameterDoc:
    name: Safe
    type: Safe
    required: bool
    description: Safe
    default: Safe | None = None  # a required one's value when the caller gives none
    deprecated: bool = False


@dataclass(frozen=True)
class MethodDoc:
    """One method in `api.md`."""

    name: Safe
    http: Safe
    returns: Safe
    summary: Safe
    description: Safe
    deprecated: bool
    parameters: tuple[ParameterDoc, ...]
    example: Example


@dataclass(frozen=True)
class ResourceDoc:
    resource: Resource
    description: Safe
    methods: tuple[MethodDoc, ...]


def provenance(api: Api) -> Provenance:
    url = api.config.source_url
    return Provenance(
        file=strings.code_span(api.config.spec),
        sha256=strings.code_span(api.spec_sha256 or "unknown"),
        source_url=strings.markdown_prose(url) if url else None,
        operations=_count(len(api.operations), "operation"),
        resources=_count(len(api.resources), "resource"),
    )


def _count(number: int, noun: str) -> Safe:
    return Safe(f"{number} {noun}{'' if number == 1 else 's'}")


def reference(api: Api, book: Examples) -> list[ResourceDoc]:
    """Every resource and method, in the order of the client."""
    return [
        ResourceDoc(
            resource,
            strings.markdown_prose(resource.description),
            tuple(
                _method(book, resource, method)
                for operation in resource.operations
                for method in (operation, operation.events)
                if method is not None
            ),
        )
        for resource in api.resources
    ]


def _method(book: Examples, resource: Resource, operation: Operation) -> MethodDoc:
    arguments: list[Argument] = [
        *operation.parameters,
        *(operation.body.arguments if operation.body else ()),
    ]
    return MethodDoc(
        name=strings.code_span(f"client.{resource.name}.{operation.name}()"),
        http=strings.code_span(f"{operation.http_method.upper()} {operation.path.unsafe_value}"),
        returns=strings.code_span(return_type(operation, asynchronous=False)),
        summary=strings.markdown_prose(operation.summary),
        description=strings.markdown_prose(operation.description),
        deprecated=operation.deprecated,
        parameters=tuple(
            ParameterDoc(
                strings.code_span(argument.name),
                strings.code_span(argument.type.input),
                argument.required,
                strings.markdown_prose(argument.description),
                strings.code_span(argument.default) if argument.default is not None else None,
                argument.deprecated,
            )
            for argument in arguments
        ),
        example=book.of(resource, operation),
    )


def fence(reference: list[ResourceDoc]) -> Safe:
    """One code fence for every block of the README and `api.md` (spec values can hold '```')."""
    return strings.code_fence(*(str(m.example.call) for r in reference for m in r.methods))


def read_pages(folder: Path, names: Sequence[str]) -> tuple[Safe, ...]:
    """The API's documentation pages (`docs:` in its config), as written: they are the
    project's text, not the spec's.

    Each must be UTF-8 Markdown whose headings start at level 2, so it sits under the README's
    title; control characters are removed like everywhere else.
    """
    pages = []
    for name in names:
        path = folder / name
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            hint = "list Markdown files beside the config under `docs:`"
            raise ConfigError(
                Problem("error", f"cannot read docs page: {reason}", str(path), hint=hint)
            ) from None
        if _has_title(text):
            hint = "start the page's headings at '##'"
            raise ConfigError(
                Problem("error", "docs page has a level-1 heading", str(path), hint=hint)
            )
        pages.append(Safe(strings.clean(text).strip()))
    return tuple(pages)


def _has_title(text: str) -> bool:
    """Whether Markdown has a level-1 heading outside its code blocks."""
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("# "):
            return True
    return False
