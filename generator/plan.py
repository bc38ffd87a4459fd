"""What a regen will write, computed before anything is: the release, the trees, the changes.

`regen` writes a plan (`regen._apply`); `regen --dry-run` prints it. The package is generated
into a scratch folder, then merged with the maintainer's hand-written code (`custom.py`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import ApiConfig, template_overrides
from .custom import MergeConflict, base_path, changed_files, conflict_path, merge_trees
from .errors import Problem
from .lock import NamesLock
from .models_child import ModelsChild
from .output import files_digest, read_tree, replace_tree
from .pipeline import Generated, generate_package
from .release import accept_spec, generator_release
from .snapshot import SpecFiles, read_released, read_spec
from .state import ApiState

Tree = dict[PurePosixPath, bytes]


@dataclass(frozen=True)
class Plan:
    state: ApiState
    lock: NamesLock
    generated: Tree  # what the generator writes, kept as the base of the next merge
    merged: Tree  # the package as it will be: generated, with the hand-written code carried over
    files: tuple[str, ...]  # files of the package that change
    operations: int
    problems: tuple[Problem, ...]


def previous_release(api_dir: Path, local: SpecFiles, state: ApiState) -> SpecFiles | None:
    """The spec of the last release: the kept copy, else the snapshot if it still is that spec."""
    released = read_released(api_dir, local.root)
    if released is not None and released.sha256 == state.spec_sha256:
        return released
    if local.sha256 == state.spec_sha256:
        return local
    return released


def plan_regen(
    api_dir: Path,
    out: Path,
    spec: SpecFiles,
    config: ApiConfig,
    lock: NamesLock,
    state: ApiState,
    *,
    same_api: bool,
    models_child: ModelsChild | None = None,
) -> Plan:
    """The plan for `spec`; `same_api` when only the generator can have changed the package.
    `models_child` serves the first generation (see `generate_package`)."""
    local = read_spec(api_dir, config.spec, skip=(config.templates,) if config.templates else ())
    new_state = accept_spec(
        state, previous_release(api_dir, local, state), spec, config=config, lock=lock
    )
    file = str(api_dir / spec.root)
    generated, tree = _generate(spec, file, config, lock, new_state, api_dir, models_child)
    if same_api and state.output_sha256 and files_digest(tree) != state.output_sha256:
        new_state = generator_release(new_state)  # same API, different package: a patch release
        generated, tree = _generate(spec, file, config, lock, new_state, api_dir)
    mine = read_tree(out)
    base = read_tree(base_path(out)) or None
    try:
        merged = merge_trees(base, mine, tree, out)
    except MergeConflict:
        replace_tree(tree, conflict_path(out))
        raise
    return Plan(
        new_state,
        generated.lock,
        tree,
        merged,
        changed_files(mine, merged),
        len(generated.api.operations),
        generated.problems,
    )


def _generate(
    spec: SpecFiles,
    file: str,
    config: ApiConfig,
    lock: NamesLock,
    state: ApiState,
    api_dir: Path,
    models_child: ModelsChild | None = None,
) -> tuple[Generated, Tree]:
    with tempfile.TemporaryDirectory(prefix="sdkgen-plan-") as scratch:
        out = Path(scratch) / config.distribution
        templates = template_overrides(config, api_dir)
        generated = generate_package(
            spec.data,
            file,
            out,
            config,
            lock=lock,
            state=state,
            source=spec.source,
            templates=templates,
            models_child=models_child,
        )
        return generated, read_tree(out)
