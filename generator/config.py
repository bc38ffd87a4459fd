"""The per-API generator config (`specs/<api>/config.yaml`), validated with helpful messages.

A misspelt key is the most common config mistake, so unknown keys are errors that suggest the key
that was probably meant (pypa/build does the same for its configuration).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
)

from . import checks, jsonpointer
from .errors import ConfigError, Problem
from .http_tokens import is_token
from .naming import POSSESSIVE

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


def _rule(check: Callable[[str], str | None]) -> Callable[[str], str]:
    """A field validator from one of the shared rules in `checks.py`."""

    def validate(value: str) -> str:
        problem = check(value)
        if problem is not None:
            raise ValueError(problem)
        return value

    return validate


def _plain_text(value: str) -> str:
    if not value.strip() or any(ord(c) < 32 for c in value):
        raise ValueError("must be one line of text")
    return value


def _classifier(value: str) -> str:
    from trove_classifiers import classifiers

    if value not in classifiers:
        raise ValueError(f"unknown trove classifier {value!r} (see pypi.org/classifiers)")
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError("must be an e-mail address")
    return value


def _header_name(value: str) -> str:
    if not is_token(value):
        raise ValueError("must be an HTTP header name, e.g. Idempotency-Key")
    return value


Text = Annotated[str, AfterValidator(_plain_text)]
Url = Annotated[str, AfterValidator(_rule(checks.http_url))]


PagingStyle = Literal["page", "offset", "cursor", "next_link", "link_header"]


def _property_name(value: str) -> str:
    if not value.strip() or "." in value:
        raise ValueError("must be one property name of the response body, e.g. data")
    return value


def _property_path(value: str) -> str:
    if not all(part.strip() for part in value.split(".")):
        raise ValueError("must be a property name, or names joined by '.' (meta.next_cursor)")
    return value


FieldName = Annotated[str, AfterValidator(_property_name)]
FieldPath = Annotated[str, AfterValidator(_property_path)]


class PaginationConfig(BaseModel):
    """How list operations page. Each style is detected from the spec's shape (see
    `pagination.py`); a field set here replaces the names detection looks for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    style: PagingStyle | None = Field(
        default=None,
        description="the one style to detect and to force on `include`d operations "
        "(unset: page, offset, cursor, next_link, then link_header, the first whose shape "
        "matches)",
    )
    items_field: FieldName | None = Field(
        default=None,
        description="the response's item array, e.g. data (unset: data, items, results, "
        "the response's only array, or for link_header the response itself when it is one)",
    )
    page_param: Text = Field(
        default="page",
        description="page style: the page number parameter (unset: page, page_number or "
        "pageNumber)",
    )
    current_page: FieldPath = "meta.currentPage"
    last_page: FieldPath = "meta.lastPage"
    offset_param: Text | None = Field(
        default=None, description="offset style: the request parameter (unset: offset)"
    )
    cursor_param: Text | None = Field(
        default=None,
        description="cursor style: the request parameter (unset: cursor, after, starting_after "
        "or a page token's usual names: page_token, next_token, continuation_token, ...)",
    )
    next_cursor: FieldPath | None = Field(
        default=None,
        description="cursor style: the response field holding the next cursor, dotted "
        "(unset: next_cursor, next_page_token, next_token, continuation_token, cursor, ...)",
    )
    next_link: FieldPath | None = Field(
        default=None,
        description="next_link style (and offset's end marker): the response field holding "
        "the next page's URL, dotted (unset: next, links.next, _links.next.href)",
    )
    include: tuple[str, ...] = Field(
        default=(), description="operations (operationId or 'GET /path') always paginated"
    )
    exclude: tuple[str, ...] = Field(
        default=(), description="operations never paginated even when their shape matches"
    )


class Author(BaseModel):
    """An author or maintainer, as `pyproject.toml` lists them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text | None = None
    email: Annotated[str, AfterValidator(_email)] | None = None


class PackageMetadata(BaseModel):
    """What the generated `pyproject.toml` tells PyPI about the package (all optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: Text | None = Field(default=None, description="one line; the spec title if unset")
    license: Text | None = Field(default=None, description="SPDX expression, e.g. MIT")
    authors: tuple[Author, ...] = ()
    keywords: tuple[Text, ...] = ()
    classifiers: tuple[Annotated[str, AfterValidator(_classifier)], ...] = ()
    urls: dict[Text, Url] = Field(
        default_factory=dict, description="label -> URL, e.g. Homepage, Repository"
    )

    @field_validator("license")
    @classmethod
    def _license_is_spdx(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

        try:
            return canonicalize_license_expression(value)
        except InvalidLicenseExpression as error:
            raise ValueError(f"not an SPDX license expression: {error}") from None


class ApiConfig(BaseModel):
    """Identity of one generated package and where its spec comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[str, AfterValidator(_rule(checks.api_name))] = Field(
        description="short name used on the command line (--api NAME)"
    )
    title: str = Field(description="human name of the API, used in docs")
    package: Annotated[str, AfterValidator(_rule(checks.package))] = Field(
        description="import name, e.g. anam_client"
    )
    distribution: Annotated[str, AfterValidator(_rule(checks.distribution))] = Field(
        description="distribution name on PyPI, e.g. anam-client"
    )
    client_class: Annotated[str, AfterValidator(_rule(checks.class_name))] = Field(
        description="sync client class name; the async one gets 'Async'"
    )
    env_prefix: Annotated[str, AfterValidator(_rule(checks.env_prefix))] = Field(
        description="prefix of <PREFIX>_API_KEY, <PREFIX>_BASE_URL, <PREFIX>_LOG"
    )
    spec: Annotated[str, AfterValidator(_rule(checks.local_file))] = Field(
        description="the pinned spec file, relative to the config file"
    )
    source_url: Url | None = Field(default=None, description="live spec URL, if published")
    base_url: Url | None = Field(default=None, description="overrides the spec's first server")
    templates: Annotated[str, AfterValidator(_rule(checks.local_file))] | None = Field(
        default=None,
        description="folder of template overrides, mirroring templates/package/, beside the config",
    )
    metadata: PackageMetadata = PackageMetadata()
    pagination: PaginationConfig = PaginationConfig()
    idempotency_header: Annotated[str, AfterValidator(_header_name)] | None = Field(
        default=None,
        description="header in which the API accepts an idempotency key (e.g. Idempotency-Key): "
        "the client sends a new key with each POST/PATCH call, the same one on its retries, "
        "which then retry like GET",
    )
    docs: tuple[str, ...] = Field(
        default=(),
        description="Markdown pages beside the config that the package README includes, in order",
    )
    # The folder the config was read from: `docs` (like `spec`) are relative to it.
    _folder: Path | None = PrivateAttr(default=None)

    @property
    def folder(self) -> Path | None:
        return self._folder

    @field_validator("docs")
    @classmethod
    def _docs_are_markdown_beside_the_config(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            problem = checks.doc_page(name)
            if problem is not None:
                raise ValueError(f"{name!r} {problem}")
        return value


def template_overrides(config: ApiConfig, config_dir: Path) -> Path | None:
    """The API's folder of template overrides (the `templates` key is relative to the config)."""
    return config_dir / config.templates if config.templates else None


def load_config(path: Path) -> ApiConfig:
    """Read and validate a config file; every problem is reported at once with its key."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(
            Problem("error", f"cannot read config: {error.strerror}", str(path))
        ) from None
    except yaml.YAMLError as error:
        raise ConfigError(Problem("error", f"invalid YAML: {error}", str(path))) from None
    if not isinstance(raw, dict):
        raise ConfigError(Problem("error", "config must be a mapping of keys", str(path)))
    config = parse_config(raw, str(path))
    config._folder = path.parent
    return config


def parse_config(raw: dict[str, Any], file: str) -> ApiConfig:
    try:
        return ApiConfig.model_validate(raw)
    except ValidationError as error:
        raise ConfigError([_problem(item, file) for item in error.errors()]) from None


def _problem(item: Any, file: str) -> Problem:
    location = [str(part) for part in item["loc"]]
    pointer = jsonpointer.from_tokens(location)
    model = _model_at(location[:-1])
    if item["type"] == "extra_forbidden":
        close = difflib.get_close_matches(location[-1], list(model.model_fields), n=1)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else f"known keys: {', '.join(model.model_fields)}"
        )
        return Problem("error", f"unknown key '{location[-1]}'", file, pointer, hint)
    if item["type"] == "missing":
        field = model.model_fields.get(location[-1])
        hint = field.description or "" if field else ""
        return Problem("error", f"missing required key '{location[-1]}'", file, pointer, hint)
    message = str(item["msg"]).removeprefix("Value error, ")
    return Problem("error", message, file, pointer)


def _model_at(location: list[str]) -> type[BaseModel]:
    """The config model that holds the key at `location` (list indexes skipped)."""
    model: type[BaseModel] = ApiConfig
    for part in location:
        field = model.model_fields.get(part)
        if field is None:
            continue
        nested = field.annotation
        for candidate in (nested, *getattr(nested, "__args__", ())):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                model = candidate
    return model


def config_schema() -> str:
    """The JSON Schema of `config.yaml`, for editors (`specs/config.schema.json` holds it)."""
    schema = ApiConfig.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "sdkgen API config"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


_GENERIC_WORDS = re.compile(r"(?i)\b(api|rest|http|openapi|swagger|documentation)\b")
# A trailing "Client" as a word, or as the last part of a CamelCase name (AutoRest's titles:
# "RedisManagementClient"), but not the end of a word ("Webclient").
_TRAILING_CLIENT = re.compile(r"(?:(?i:\b(?:client|sdk))|(?<=[a-z0-9])(?:Client|SDK|Sdk))\s*$")
_LEADING_ARTICLE = re.compile(r"(?i)^\s*the\s+(?=\S)")
# A brand's one word in CamelCase: two humps ("PagerDuty", "GitHub"), a run of capitals after
# one ("OpenAI"), or a one-letter prefix ("iCloud", "eBay").
_BRAND = re.compile(r"\b(?:[A-Z][a-z]+[A-Z][a-z]+|[A-Z][a-z]+[A-Z]{2,}|[a-z][A-Z][a-z]+)\b")
# Titles a framework writes when the API team set none: Springdoc's "OpenAPI definition", FastAPI's.
_PLACEHOLDER_TITLES = frozenset({"definition", "fastapi"})


def _letters_and_digits(text: str) -> str:
    """The title with its emoji, symbols and non-ASCII punctuation blanked: "♾️ Infinity" names
    the package `infinity`, not `u267e_ufe0f_infinity` (letters of any script stay)."""
    return "".join(
        char if char.isascii() or unicodedata.category(char)[0] in "LN" else " " for char in text
    )


def _api_name(title: str, spec_name: str) -> str:
    """The API's own name in its title: generic words go ("Anam AI API" -> "Anam AI"), so do a
    possessive ("Netlify's API documentation" -> "Netlify") and a trailing "Client" (the package
    adds its own suffix), and so does a leading "The" ("The Plaid API" -> "Plaid"), and a
    framework's placeholder title gives way to the spec file's name."""
    words = _letters_and_digits(_LEADING_ARTICLE.sub("", POSSESSIVE.sub("", title)))
    base = _TRAILING_CLIENT.sub(" ", _GENERIC_WORDS.sub(" ", words)).strip()
    if base.casefold() in _PLACEHOLDER_TITLES:
        base = _GENERIC_WORDS.sub(" ", Path(spec_name).stem).strip() or base
    return base or title


def _brands_whole(name: str, title: str) -> str:
    """`name` with each brand written as one word in a title of several words lowercased, so
    that snake_case keeps it whole: "PagerDuty API" names `pagerduty_client` and "GitHub v3 REST
    API" `github_v3_client`, as their makers spell their own packages, not `pager_duty` and
    `git_hub`. A title that is one CamelCase word is an identifier (AutoRest's
    "RedisManagementClient"), split into its words as usual; so is a word starting in lower case
    (`readOnly`)."""
    if len(title.split()) < 2:
        return name
    return _BRAND.sub(lambda match: match[0].lower(), name)


def sentence_title(title: str) -> str:
    """The title without a closing full stop: the docs and docstrings set it inside their own
    sentences ("client for Grafana HTTP API, generated"), where one gave "API., generated"."""
    return title.strip().rstrip(".").rstrip()


def default_config(title: str, spec_name: str) -> ApiConfig:
    """Names derived from a spec's title, for `generate` without a config file."""
    from .naming import class_name, python_name

    base = _api_name(title, spec_name)
    snake = python_name(_brands_whole(base, title), fallback="api").rstrip("_")
    return ApiConfig(
        name=snake if checks.api_name(snake) is None else "api",  # only --api uses it
        title=sentence_title(title) or snake,
        package=f"{snake}_client",
        distribution=f"{snake.replace('_', '-')}-client",
        client_class=class_name(base, fallback="Api"),
        env_prefix=snake.upper(),
        spec=spec_name,
    )
