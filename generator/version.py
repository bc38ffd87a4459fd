"""The next package version, from the kind of bump the spec diff calls for.

The version lives in the API's state, never in the spec: Anam kept `info.version: "1.0"` across
real releases, so only the diff (`generator.diff.bump_for`) can say what changed. Semver rules:

    bump          1.y.z and later      0.y.z (initial development)
    major         (x+1).0.0            0.(y+1).0   breaking changes move the minor version
    minor         x.(y+1).0            0.y.(z+1)   additions move the patch version
    patch         x.y.(z+1)            0.y.(z+1)   docs or generator-only changes

Before 1.0 anything may change (semver item 4), but consumers pin `~=0.y` and expect breaking
changes only when `y` moves, which is the convention pip users and Cargo share. Only plain
`MAJOR.MINOR.PATCH` versions are accepted: a pre-release or local tag cannot be bumped without a
policy we do not have, so it is an error rather than a guess.
"""

from __future__ import annotations

import re

from .errors import Problem, VersionError

KINDS = ("major", "minor", "patch")
_VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")


def bump(version: str, kind: str) -> str:
    """`version` moved by `kind` ("major", "minor" or "patch") under the rules above."""
    match = _VERSION.match(version)
    if match is None:
        raise VersionError(
            Problem(
                "error",
                f"invalid version {version!r}: expected MAJOR.MINOR.PATCH, e.g. 1.4.2",
                hint="numbers without leading zeros; no pre-release or build suffix",
            )
        )
    if kind not in KINDS:
        raise VersionError(
            Problem("error", f"unknown bump kind {kind!r}", hint=f"use one of: {', '.join(KINDS)}")
        )
    major, minor, patch = (int(part) for part in match.groups())
    if major == 0:
        return f"0.{minor + 1}.0" if kind == "major" else f"0.{minor}.{patch + 1}"
    if kind == "major":
        return f"{major + 1}.0.0"
    if kind == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"
