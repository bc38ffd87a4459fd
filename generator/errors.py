"""Errors of the pipeline stages, each carrying where the problem is and what to do about it.

Problems found in a spec are values (`Problem`) so that one run reports all of them together;
a stage raises only once it has collected everything it can say::

    GeneratorError                 any failure a user should see as one clear message, no traceback
     ├── ConfigError               specs/<api>/config.yaml is missing, malformed or misspelt
     ├── FetchError                the live spec could not be fetched or is not acceptable
     ├── SpecError                 the spec is unreadable or not a valid OpenAPI 3.x document
     ├── GenerationError           the spec is valid but cannot be turned into a package
     ├── VersionError              a version the semver bump rules cannot handle
     └── OutputError               the output folder could not be written safely
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Problem:
    """One finding about an input file, located by a JSON pointer and paired with a fix."""

    level: Level
    message: str
    file: str = ""
    pointer: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = self.file or "<spec>"
        if self.pointer:
            where += f"#{self.pointer}"
        text = f"{where}: {self.level}: {self.message}"
        if self.hint:
            text += f" (fix: {self.hint})"
        return text


class GeneratorError(Exception):
    """Base of every error the CLI reports as a one-line message and a non-zero exit."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(GeneratorError):
    """The per-API generator config is missing, malformed or has unknown keys."""


class FetchError(GeneratorError):
    """The live spec could not be fetched, or what came back is not an acceptable spec."""


class SpecError(GeneratorError):
    """The spec cannot be read or is not a valid OpenAPI 3.x document."""


class GenerationError(GeneratorError):
    """The spec is valid but the package cannot be generated from it."""


class VersionError(GeneratorError):
    """A version string or bump kind that the semver rules in `version.py` cannot handle."""


class OutputError(GeneratorError):
    """Writing the output folder failed; the previous output is left as it was."""
