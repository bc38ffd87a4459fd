"""`regen` and `fetch` for the APIs under specs/: when to regenerate, and what is released.

A regen whose inputs (spec, config, names lock, state, generator) and output are unchanged is a
no-op that answers in a fraction of a second, so this module imports the heavy generation stages
only once it knows there is work to do.

A regen first plans (`plan.py`: the new release, the generated tree merged with hand-written code)
and only then writes, in an order that a crash at any point leaves consistent: the package (one
atomic swap), the last generated tree, the spec and its released copy, the names lock, the state.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config_paths import CONFIG_FILE, ConfigPaths, read_config_paths
from .custom import base_path, conflict_path
from .errors import FetchError, GenerationError, GeneratorError, Problem, SpecError
from .fingerprint import generator_fingerprint
from .lock import LOCK_FILE, NamesLock, read_lock
from .output import recover, replace_tree, tree_digest, write_file_atomically
from .snapshot import RELEASED_DIR, SpecFiles, read_released, read_spec, write_released, write_spec
from .state import STATE_FILE, ApiState, Release, read_state

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from .config import ApiConfig
    from .plan import Plan

    Paths = ConfigPaths | ApiConfig  # what a no-op is decided on: the paths, or all of the config

Report = Callable[[Problem], None]
Step = Callable[[str], "AbstractContextManager[object]"]


@dataclass(frozen=True)
class RegenResult:
    """What one API's regen did (or, for a dry run, would do)."""

    name: str
    out: Path
    changed: bool
    old_version: str
    version: str
    source: str
    operations: int | None = None
    files: tuple[str, ...] = ()
    release: Release | None = None
    seconds: float = 0.0


def regen_api(
    api_dir: Path,
    out_root: Path,
    *,
    offline: bool = False,
    strict: bool = False,
    fresh_names: bool = False,
    dry_run: bool = False,
    deadline: float = 60.0,
    report: Report = lambda problem: None,
    step: Step | None = None,
) -> RegenResult:
    """Regenerate one API from its live spec (or pinned snapshot) into `out_root/<dist>`.

    A changed spec is a new release (version from the diff); a changed generator that alters the
    package is a patch release; identical inputs with an intact output do nothing (the config's
    paths decide that; all of it is validated once there is work). A dry run writes nothing.
    """
    started = time.monotonic()
    stage = step or _no_step
    state = read_state(api_dir / STATE_FILE)
    lock = NamesLock() if fresh_names else read_lock(api_dir / LOCK_FILE)
    paths = read_config_paths(api_dir / CONFIG_FILE) or _validated(api_dir)
    out = out_root / paths.distribution
    local = read_spec(api_dir, paths.spec, skip=_skipped(paths))
    if not dry_run:
        _recover(api_dir, out, local, state)
    with stage("fetch"):
        spec, source = _spec(api_dir, paths, local, offline, strict, deadline, report)
    if _unchanged(spec, api_dir, paths, lock, state, out):
        return RegenResult(paths.name, out, False, state.version, state.version, source)
    config = _validated(api_dir)
    with stage("generate"):
        try:
            plan = _plan(api_dir, out, spec, config, lock, state)
        except (SpecError, GenerationError) as error:
            if source != "live" or strict:
                raise
            _fall_back(error, api_dir / config.spec, report)  # a live spec we cannot generate
            spec, source = local, "snapshot"
            if _unchanged(spec, api_dir, config, lock, state, out):
                return RegenResult(config.name, out, False, state.version, state.version, source)
            plan = _plan(api_dir, out, spec, config, lock, state)
    for problem in plan.problems:
        report(problem)
    if not dry_run:
        with stage("write"):
            _apply(plan, api_dir, out, spec, config)
    return RegenResult(
        config.name,
        out,
        True,
        state.version,
        plan.state.version,
        source,
        plan.operations,
        plan.files,
        plan.state.releases[-1] if plan.state.releases != state.releases else None,
        time.monotonic() - started,
    )


def _validated(api_dir: Path) -> ApiConfig:
    """The API's config, validated whole (its import is most of a no-op regen's time)."""
    from .config import load_config

    return load_config(api_dir / CONFIG_FILE)


def _plan(
    api_dir: Path, out: Path, spec: SpecFiles, config: ApiConfig, lock: NamesLock, state: ApiState
) -> Plan:
    from .models_child import ModelsChild

    child = ModelsChild()  # before the pipeline's imports, which its own import overlaps
    try:
        from .plan import plan_regen

        same_api = state.source_sha256 == _source_fingerprint(spec, api_dir, config, lock, state)
        return plan_regen(
            api_dir, out, spec, config, lock, state, same_api=same_api, models_child=child
        )
    finally:
        child.close()


def _apply(plan: Plan, api_dir: Path, out: Path, spec: SpecFiles, config: ApiConfig) -> None:
    """Write the plan; each write is atomic and their order keeps a crash harmless."""
    replace_tree(plan.merged, out)
    replace_tree(plan.generated, base_path(out))
    shutil.rmtree(conflict_path(out), ignore_errors=True)
    write_spec(api_dir, spec)
    write_file_atomically(api_dir / LOCK_FILE, plan.lock.to_json().encode())
    final = replace(
        plan.state,
        source_sha256=_source_fingerprint(spec, api_dir, config, plan.lock, plan.state),
        generator_sha256=generator_fingerprint(),
        output_sha256=tree_digest(base_path(out)),
    )
    write_file_atomically(api_dir / STATE_FILE, final.to_json().encode())
    write_released(api_dir, spec)  # after the state: `_recover` redoes it if this run dies here


def _recover(api_dir: Path, out: Path, local: SpecFiles, state: ApiState) -> None:
    """Clean up after an interrupted run: leftovers of its swaps, and the released copy of the
    spec, which is written last (also for repositories from before it was kept)."""
    recover(out)
    recover(base_path(out))
    recover(api_dir / RELEASED_DIR)
    if state.releases and local.sha256 == state.spec_sha256:
        released = read_released(api_dir, local.root)
        if released is None or released.sha256 != local.sha256:
            write_released(api_dir, local)


def _unchanged(
    spec: SpecFiles, api_dir: Path, config: Paths, lock: NamesLock, state: ApiState, out: Path
) -> bool:
    """Same spec, config, names, state and generator as last time, and the output intact.

    Hand edits in the package do not count: they are carried over anyway.
    """
    base = base_path(out)
    return (
        state.source_sha256 == _source_fingerprint(spec, api_dir, config, lock, state)
        and state.generator_sha256 == generator_fingerprint()
        and out.is_dir()
        and base.is_dir()
        and tree_digest(base) == state.output_sha256
    )


def fetch_api(
    api_dir: Path, url: str | None = None, *, deadline: float = 60.0
) -> tuple[str, ApiState]:
    """Take the live spec in as the pinned snapshot, releasing it (version, changelog) if new.

    The package is regenerated by the next `regen`; until then `make check` reports it stale.
    """
    from .fetch import fetch_spec
    from .plan import previous_release
    from .release import accept_spec

    config = _validated(api_dir)
    source = url or config.source_url
    if not source:
        hint = "add source_url to the config or pass --url"
        raise GeneratorError(
            Problem(
                "error", "no URL to fetch from", str(api_dir / CONFIG_FILE), "/source_url", hint
            )
        )
    fetched = fetch_spec(source, deadline=deadline)
    local = read_spec(api_dir, config.spec, skip=_skipped(config))
    spec = local.with_root(fetched.data)
    state = read_state(api_dir / STATE_FILE)
    new_state = accept_spec(
        state,
        previous_release(api_dir, local, state),
        spec,
        config=config,
        lock=read_lock(api_dir / LOCK_FILE),
    )
    write_spec(api_dir, spec)
    write_file_atomically(api_dir / STATE_FILE, new_state.to_json().encode())
    write_released(api_dir, spec)
    return fetched.sha256, new_state


def _spec(
    api_dir: Path,
    config: Paths,
    local: SpecFiles,
    offline: bool,
    strict: bool,
    deadline: float,
    report: Report,
) -> tuple[SpecFiles, str]:
    if not config.source_url or offline:
        return local, "snapshot"
    from .fetch import fetch_spec  # the network stack is imported only when used

    try:
        return local.with_root(fetch_spec(config.source_url, deadline=deadline).data), "live"
    except FetchError as error:
        if strict:
            raise
        _fall_back(error, api_dir / config.spec, report)
    return local, "snapshot"


def _fall_back(error: GeneratorError, snapshot: Path, report: Report) -> None:
    """Say why the live spec is not used, as warnings: the pinned snapshot is, instead."""
    for problem in error.problems:
        report(replace(problem, level="warning"))
    report(
        Problem(
            "warning",
            f"using the pinned snapshot {snapshot}",
            str(snapshot),
            hint="run `sdkgen fetch` when the URL is reachable",
        )
    )


def _skipped(config: Paths) -> tuple[str, ...]:
    return (config.templates,) if config.templates else ()


def _source_fingerprint(
    spec: SpecFiles, api_dir: Path, config: Paths, lock: NamesLock, state: ApiState
) -> str:
    """The API's own inputs to generation: spec, config, names lock, releases, overrides, and
    the documentation pages its README includes."""
    recorded = replace(state, source_sha256="", generator_sha256="", output_sha256="")
    digest = hashlib.sha256()
    for part in (
        spec.sha256.encode(),
        (api_dir / CONFIG_FILE).read_bytes(),
        lock.to_json().encode(),
        recorded.to_json().encode(),
        tree_digest(api_dir / config.templates).encode() if config.templates else b"",
        *((api_dir / page).read_bytes() for page in config.docs),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _no_step(name: str) -> AbstractContextManager[object]:
    from contextlib import nullcontext

    return nullcontext()
