"""The rules for every value of ours that decides a path, a URL, a name or a version.

`config.yaml`, `state.json` and `names.lock.json` are all edited by people and all end up deciding
where files are written, what is fetched and what is released, so they are held to one set of rules:
each function returns what is wrong with a value (for a one-line error) or None when it is fine.
Plain functions, not pydantic, so that a no-op `regen` can check `state.json` without importing it.
"""

from __future__ import annotations

import keyword
import re
from pathlib import PurePosixPath

_API_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_DISTRIBUTION = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
_ENV_PREFIX = re.compile(r"^[A-Z][A-Z0-9_]*$")
_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_SHA256 = re.compile(r"^([0-9a-f]{64})?$")


def api_name(value: str) -> str | None:
    """The name of an API's folder under specs/ and of `--api NAME`."""
    if not _API_NAME.match(value):
        return "must be lower-case letters, digits and '_', starting with a letter, e.g. billing"
    return None


def distribution(value: str) -> str | None:
    if not _DISTRIBUTION.match(value):
        return "must be a valid distribution name, e.g. anam-client"
    return None


def package(value: str) -> str | None:
    if not (value.isidentifier() and value.isascii() and value.islower()):
        return "must be a lower-case Python identifier, e.g. anam_client"
    if keyword.iskeyword(value):
        return "must not be a Python keyword"
    return None


def class_name(value: str) -> str | None:
    if not (value.isidentifier() and value.isascii() and value[:1].isupper()):
        return "must be a capitalised Python identifier, e.g. Anam"
    return None


def python_name(value: str) -> str | None:
    """A lower-case public Python name (resource attribute, method), never a dunder."""
    if not (value.isidentifier() and value.isascii() and value == value.lower()):
        return "must be a lower-case Python identifier, e.g. create_token"
    if keyword.iskeyword(value) or value.startswith("_"):
        return "must not be a Python keyword or start with '_'"
    return None


def env_prefix(value: str) -> str | None:
    if not _ENV_PREFIX.match(value):
        return "must be upper-case letters, digits and '_', e.g. ANAM"
    return None


def local_file(value: str) -> str | None:
    """A relative path that stays inside the API's folder (`spec`, `templates`)."""
    path = PurePosixPath(value)
    if not value or "\\" in value or "\0" in value or path.is_absolute() or ".." in path.parts:
        return "must be a relative path inside the API's folder"
    if any(part.startswith(".") for part in path.parts):
        return "must not name a hidden file or folder"
    return None


def doc_page(value: str) -> str | None:
    """A Markdown page beside the config that the package README includes."""
    if local_file(value) is not None or not value.endswith(".md"):
        return "must be a Markdown file inside the API's folder"
    return None


def http_url(value: str) -> str | None:
    if not value.startswith(("https://", "http://")) or any(c.isspace() for c in value):
        return "must be an http(s) URL"
    return None


def release_version(value: str) -> str | None:
    """A MAJOR.MINOR.PATCH version, the only kind the bump rules can move."""
    if not _SEMVER.match(value):
        return f"invalid version {value!r}: expected MAJOR.MINOR.PATCH, e.g. 1.4.2"
    return None


def pep440_version(value: str) -> str | None:
    """Any version a wheel may carry (`generate --version`)."""
    from packaging.version import InvalidVersion, Version

    try:
        Version(value)
    except InvalidVersion:
        return f"invalid version {value!r}: not a PEP 440 version, e.g. 1.4.2 or 2.0.0rc1"
    if value != str(Version(value)):
        return f"invalid version {value!r}: write it as {str(Version(value))!r}"
    return None


def sha256(value: str) -> str | None:
    if not _SHA256.match(value):
        return "must be a sha256 hex digest"
    return None
