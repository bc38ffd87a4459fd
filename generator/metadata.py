"""The `[project]` metadata a config adds to the generated `pyproject.toml`, as escaped TOML.

Every value was validated by `config.PackageMetadata` (SPDX license, trove classifiers, http(s)
URLs, e-mail addresses) and is printed through `strings.toml_string`, so a config cannot break out
of the TOML value it fills. The package's pyproject template prints `project_metadata(config)`
after its own keys.
"""

from __future__ import annotations

from .config import ApiConfig
from .strings import Safe, toml_string

_CLASSIFIERS = ("Programming Language :: Python :: 3", "Typing :: Typed")


def project_metadata(config: ApiConfig) -> Safe:
    """TOML lines ending the `[project]` table; every package is typed Python 3."""
    metadata = config.metadata
    lines: list[str] = []
    if metadata.license:
        lines.append(f"license = {toml_string(metadata.license)}")
    if metadata.authors:
        authors = ", ".join(
            "{ "
            + ", ".join(
                f"{key} = {toml_string(value)}"
                for key, value in (("name", author.name), ("email", author.email))
                if value
            )
            + " }"
            for author in metadata.authors
        )
        lines.append(f"authors = [{authors}]")
    if metadata.keywords:
        lines.append(f"keywords = [{', '.join(toml_string(k) for k in metadata.keywords)}]")
    classifiers = dict.fromkeys([*_CLASSIFIERS, *metadata.classifiers])
    lines.append("classifiers = [" + ", ".join(toml_string(c) for c in classifiers) + "]")
    if metadata.urls:
        lines.append("")
        lines.append("[project.urls]")
        lines += [f"{toml_string(k)} = {toml_string(v)}" for k, v in metadata.urls.items()]
    return Safe("\n".join(lines))
