"""The next release of an API: its version, from the spec diff, and its changelog entry.

`regen` asks this module what the state becomes when the spec changed: the diff between the spec of
the last release (kept in `specs/<api>/released/`, see `snapshot.py`) and the new one decides the
bump (`version.bump`), and the breaking and additive changes become the changelog entry.
Documentation changes are counted, not listed. Only when the last release's spec is lost (a
repository from before it was kept, whose snapshot was replaced by hand) can nothing be proven
about compatibility; then the bump is major.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .config import ApiConfig, load_config
from .config_paths import CONFIG_FILE
from .diff import DiffReport, bump_for, changelog, diff_files, diff_specs
from .errors import GeneratorError, Problem
from .load import parse_spec
from .lock import NamesLock
from .normalize import normalize
from .snapshot import SpecFiles
from .state import STATE_FILE, ApiState, Release, read_state
from .version import bump


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


@dataclass(frozen=True)
class ReleaseCheck:
    """The spec diff between an API folder as last released and as proposed, and both versions."""

    name: str
    report: DiffReport
    released: str
    proposed: str
    state_file: Path

    def raise_for_bump(self) -> None:
        """Raise when the proposed version is too small a step for the changes (the CI gate)."""
        problem = missing_bump(self.report, self.released, self.proposed)
        if problem:
            hint = "run `make regen`, which bumps the version from the diff"
            raise GeneratorError(Problem("error", problem, str(self.state_file), "/version", hint))


def check_release(released: Path, proposed: Path) -> ReleaseCheck:
    """Diff two API folders: the one last released and the one proposed."""
    config = load_config(proposed / CONFIG_FILE)
    report = diff_files(
        released / load_config(released / CONFIG_FILE).spec, proposed / config.spec, config=config
    )
    return ReleaseCheck(
        config.name,
        report,
        read_state(released / STATE_FILE).version,
        read_state(proposed / STATE_FILE).version,
        proposed / STATE_FILE,
    )


def _key(version: str) -> tuple[int, ...]:
    bump(version, "patch")  # validates the version, raising VersionError with a hint
    return tuple(int(part) for part in version.split("."))


def accept_spec(
    state: ApiState,
    previous: SpecFiles | None,
    spec: SpecFiles,
    *,
    config: ApiConfig | None,
    lock: NamesLock | None,
) -> ApiState:
    """The state once `spec` is the API's spec: a first release, a new release, or as it was.

    `previous` is the spec of the last release, if it was kept.
    """
    if not state.releases:
        return replace(
            state,
            spec_sha256=spec.sha256,
            releases=(Release(state.version, spec.sha256, "Initial release."),),
        )
    if spec.sha256 == state.spec_sha256:
        return state
    if previous is None or previous.sha256 != state.spec_sha256:
        summary = (
            "The spec of the last release was not kept, so the changes were not computed; "
            "major version bump to be safe."
        )
        return _released(state, spec.sha256, "major", summary, ())
    lock = lock or NamesLock()
    report = diff_specs(
        _document(previous), _document(spec), config=config, lock=lock, old_lock=lock
    )
    return _released(
        state, spec.sha256, bump_for(report), _summary(report), changelog.entries(report)
    )


def first_release(state: ApiState, data: bytes) -> ApiState:
    """The state of an API whose single-file spec `data` is released for the first time."""
    return accept_spec(replace(state, releases=()), None, _single(data), config=None, lock=None)


def spec_release(
    state: ApiState, previous: bytes | None, data: bytes, *, config: ApiConfig, lock: NamesLock
) -> ApiState:
    """The state after a change of a single-file spec from `previous` (the last release's)."""
    old = _single(previous) if previous is not None else None
    return accept_spec(state, old, _single(data), config=config, lock=lock)


def _single(data: bytes) -> SpecFiles:
    return SpecFiles("openapi", {"openapi": data})


def generator_release(state: ApiState) -> ApiState:
    """The state after a generator change that altered the package but not the API."""
    summary = "Regenerated with a new generator version; the API did not change."
    return _released(state, state.spec_sha256, "patch", summary, ())


def _released(
    state: ApiState, sha: str, kind: str, summary: str, changes: tuple[str, ...]
) -> ApiState:
    version = bump(state.version, kind)
    release = Release(version, sha, summary, changes)
    return replace(state, version=version, spec_sha256=sha, releases=(*state.releases, release))


def _summary(report: DiffReport) -> str:
    counts = report.summary.counts
    return (
        f"API changes: {counts['breaking']} breaking, {counts['non-breaking']} added or "
        f"relaxed, {counts['docs']} documentation only."
    )


def _document(spec: SpecFiles) -> dict[str, Any]:
    """The spec as generation reads it: bundled with the files it refers to, normalized."""
    source = spec.source
    document, _notes = normalize(parse_spec(spec.data, str(source or "<spec>"), root=source))
    return document
