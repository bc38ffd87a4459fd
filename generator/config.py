"""The per-API generator config (`specs/<api>/config.yaml`), validated with helpful messages.

A misspelt key is the most common config mistake, so unknown keys are errors that suggest the key
that was probably meant (pypa/build does the same for its configuration).
"""

from __future__ import annotations

import difflib
import keyword
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from . import jsonpointer
from .errors import ConfigError, Problem

_DISTRIBUTION = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
_ENV_PREFIX = re.compile(r"^[A-Z][A-Z0-9_]*$")


class PaginationConfig(BaseModel):
    """Where page-number pagination lives in requests and responses; detection uses this shape."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    page_param: str = "page"
    items_field: str = "data"
    current_page: str = "meta.currentPage"
    last_page: str = "meta.lastPage"
    include: tuple[str, ...] = Field(
        default=(), description="operations (operationId or 'GET /path') always paginated"
    )
    exclude: tuple[str, ...] = Field(
        default=(), description="operations never paginated even when their shape matches"
    )


class ApiConfig(BaseModel):
    """Identity of one generated package and where its spec comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="short name used on the command line (--api NAME)")
    title: str = Field(description="human name of the API, used in docs")
    package: str = Field(description="import name, e.g. anam_client")
    distribution: str = Field(description="distribution name on PyPI, e.g. anam-client")
    client_class: str = Field(description="sync client class name; the async one gets 'Async'")
    env_prefix: str = Field(
        description="prefix of <PREFIX>_API_KEY, <PREFIX>_BASE_URL, <PREFIX>_LOG"
    )
    spec: str = Field(description="the pinned spec file, relative to the config file")
    source_url: str | None = Field(default=None, description="live spec URL, if published")
    base_url: str | None = Field(default=None, description="overrides the spec's first server")
    pagination: PaginationConfig = PaginationConfig()
    docs: tuple[str, ...] = Field(
        default=(),
        description="Markdown pages beside the config that the package README includes, in order",
    )
    # The folder the config was read from: `docs` (like `spec`) are relative to it.
    _folder: Path | None = PrivateAttr(default=None)

    @property
    def folder(self) -> Path | None:
        return self._folder

    @field_validator("package")
    @classmethod
    def _package_is_identifier(cls, value: str) -> str:
        if not (value.isidentifier() and value.isascii() and value.islower()):
            raise ValueError("must be a lower-case Python identifier, e.g. anam_client")
        if keyword.iskeyword(value):
            raise ValueError("must not be a Python keyword")
        return value

    @field_validator("client_class")
    @classmethod
    def _class_is_identifier(cls, value: str) -> str:
        if not (value.isidentifier() and value.isascii() and value[:1].isupper()):
            raise ValueError("must be a capitalised Python identifier, e.g. Anam")
        return value

    @field_validator("distribution")
    @classmethod
    def _distribution_is_valid(cls, value: str) -> str:
        if not _DISTRIBUTION.match(value):
            raise ValueError("must be a valid distribution name, e.g. anam-client")
        return value

    @field_validator("env_prefix")
    @classmethod
    def _env_prefix_is_valid(cls, value: str) -> str:
        if not _ENV_PREFIX.match(value):
            raise ValueError("must be upper-case letters, digits and '_', e.g. ANAM")
        return value

    @field_validator("spec")
    @classmethod
    def _spec_stays_local(cls, value: str) -> str:
        path = Path(value)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError("must be a file name inside the API's folder")
        return value

    @field_validator("docs")
    @classmethod
    def _docs_stay_local(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            path = Path(name)
            if path.is_absolute() or ".." in path.parts or path.suffix != ".md":
                raise ValueError(f"{name!r} must be a Markdown file inside the API's folder")
        return value

    @field_validator("source_url")
    @classmethod
    def _source_is_http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL")
        return value


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
    if item["type"] == "extra_forbidden":
        model: type[BaseModel] = PaginationConfig if location[0] == "pagination" else ApiConfig
        close = difflib.get_close_matches(location[-1], list(model.model_fields), n=1)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else f"known keys: {', '.join(model.model_fields)}"
        )
        return Problem("error", f"unknown key '{location[-1]}'", file, pointer, hint)
    if item["type"] == "missing":
        field = ApiConfig.model_fields.get(location[-1])
        hint = field.description or "" if field else ""
        return Problem("error", f"missing required key '{location[-1]}'", file, pointer, hint)
    message = str(item["msg"]).removeprefix("Value error, ")
    return Problem("error", message, file, pointer)


def default_config(title: str, spec_name: str) -> ApiConfig:
    """Names derived from a spec's title, for `generate` without a config file."""
    from .naming import class_name, python_name

    base = re.sub(r"(?i)\b(api|rest|http|openapi|swagger)\b", " ", title).strip() or title
    snake = python_name(base, fallback="api").rstrip("_")
    return ApiConfig(
        name=snake,
        title=title.strip() or snake,
        package=f"{snake}_client",
        distribution=f"{snake.replace('_', '-')}-client",
        client_class=class_name(base, fallback="Api"),
        env_prefix=snake.upper(),
        spec=spec_name,
    )
