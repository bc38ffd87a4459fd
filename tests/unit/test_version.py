"""Semver bumps, including the 0.y.z rules, and refusal of versions the rules cannot handle."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import GeneratorError
from generator.version import VersionError, bump


@pytest.mark.parametrize(
    ("version", "kind", "expected"),
    [
        ("1.4.2", "major", "2.0.0"),
        ("1.4.2", "minor", "1.5.0"),
        ("1.4.2", "patch", "1.4.3"),
        ("1.0.0", "patch", "1.0.1"),
        ("10.20.30", "minor", "10.21.0"),
        # before 1.0: breaking moves the minor version, everything else the patch version
        ("0.1.0", "major", "0.2.0"),
        ("0.3.7", "major", "0.4.0"),
        ("0.3.7", "minor", "0.3.8"),
        ("0.3.7", "patch", "0.3.8"),
        ("0.0.0", "major", "0.1.0"),
    ],
)
def test_bump(version: str, kind: str, expected: str) -> None:
    assert bump(version, kind) == expected


@pytest.mark.parametrize(
    "version", ["1.0", "v1.0.0", "1.0.0-rc.1", "1.0.0+build", "01.2.3", "1.02.3", "", " 1.0.0"]
)
def test_invalid_versions_are_refused(version: str) -> None:
    with pytest.raises(VersionError, match="invalid version") as error:
        bump(version, "patch")
    assert isinstance(error.value, GeneratorError)
    assert "MAJOR.MINOR.PATCH" in str(error.value)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(VersionError, match="unknown bump kind 'breaking'") as error:
        bump("1.0.0", "breaking")
    assert "major, minor, patch" in str(error.value)


versions = st.tuples(*(st.integers(min_value=0, max_value=10**6) for _ in range(3)))


@given(versions, st.sampled_from(["major", "minor", "patch"]))
def test_a_bump_always_moves_forward(parts: tuple[int, int, int], kind: str) -> None:
    bumped = tuple(int(p) for p in bump(".".join(map(str, parts)), kind).split("."))
    assert bumped > parts
    if parts[0] >= 1:
        assert (bumped[0] > parts[0]) == (kind == "major")
    else:
        assert bumped[0] == 0
        assert (bumped[1] > parts[1]) == (kind == "major")
