"""The next release of an API: its version, from the spec diff, and its changelog entry.

`regen` asks this module what the state becomes when the spec changed: the diff between the spec of
the last release (the pinned snapshot) and the new one decides the bump (`version.bump`), and the
breaking and additive changes become the changelog entry. Documentation changes are counted, not
listed. When the last release's spec is not available (the snapshot was replaced by hand), nothing
can be proven about compatibility, so the bump is major.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from .config import ApiConfig
from .diff import DiffReport, bump_for, diff_specs
from .load import parse_spec
from .lock import NamesLock
from .normalize import normalize
from .state import ApiState, Release
from .version import bump

_LABELS = {"breaking": "Breaking", "non-breaking": "Added or relaxed"}


def missing_bump(report: DiffReport, released: str, proposed: str) -> str | None:
    """Why `proposed` is not a big enough step from `released` for these changes, if it is not.

    CI runs this on every spec change: a breaking change must come with a major release (a minor
    one before 1.0), whatever route the new spec took into the repository.
    """
    needed = bump(released, bump_for(report))
    if _key(proposed) >= _key(needed):
        return None
    return (
        f"version {proposed} is too small a step from {released}: "
        f"the changes need at least {needed} ({report.summary.bump} bump)"
    )


def _key(version: str) -> tuple[int, ...]:
    bump(version, "patch")  # validates the version, raising VersionError with a hint
    return tuple(int(part) for part in version.split("."))


def accept_spec(
    state: ApiState, previous: bytes | None, data: bytes, *, config: ApiConfig, lock: NamesLock
) -> ApiState:
    """The state once `data` is the API's spec: a first release, a new release, or as it was."""
    if not state.releases:
        return first_release(state, data)
    if _sha(data) == state.spec_sha256:
        return state
    return spec_release(state, previous, data, config=config, lock=lock)


def first_release(state: ApiState, data: bytes) -> ApiState:
    sha = _sha(data)
    return replace(
        state, spec_sha256=sha, releases=(Release(state.version, sha, "Initial release."),)
    )


def spec_release(
    state: ApiState,
    previous: bytes | None,
    data: bytes,
    *,
    config: ApiConfig,
    lock: NamesLock,
) -> ApiState:
    """The state after a spec change; `previous` is the spec of the last release if known."""
    if previous is None or _sha(previous) != state.spec_sha256:
        summary = (
            "The spec was replaced outside `regen`, so its changes were not computed; "
            "major version bump to be safe."
        )
        return _released(state, data, "major", summary, ())
    report = diff_specs(
        _document(previous), _document(data), config=config, lock=lock, old_lock=lock
    )
    return _released(state, data, bump_for(report), _summary(report), _change_lines(report))


def generator_release(state: ApiState) -> ApiState:
    """The state after a generator change that altered the package but not the API."""
    summary = "Regenerated with a new generator version; the API did not change."
    return _released(state, None, "patch", summary, ())


def _released(
    state: ApiState, data: bytes | None, kind: str, summary: str, changes: tuple[str, ...]
) -> ApiState:
    version = bump(state.version, kind)
    sha = _sha(data) if data is not None else state.spec_sha256
    release = Release(version, sha, summary, changes)
    return replace(state, version=version, spec_sha256=sha, releases=(*state.releases, release))


def _summary(report: DiffReport) -> str:
    counts = report.summary.counts
    return (
        f"API changes: {counts['breaking']} breaking, {counts['non-breaking']} added or "
        f"relaxed, {counts['docs']} documentation only."
    )


def _change_lines(report: DiffReport) -> tuple[str, ...]:
    return tuple(
        f"{_LABELS[change.severity]} ({change.level}): {change.message}"
        for change in report.changes
        if change.severity in _LABELS
    )


def _document(data: bytes) -> dict[str, Any]:
    document, _notes = normalize(parse_spec(data, "<spec>"))
    return document


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
