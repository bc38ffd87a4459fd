"""The pipeline end to end: spec bytes -> a package on disk.

    load -> normalize -> analyze (names, IR) -> models -> render -> format -> write to staging
         -> check -> swap in
    (the spec's structural check runs beside the stages, see structure.py, and so do the
    models: a child process imports their library at once and makes them while the rest of
    the package is rendered, and formatted, see models_child.py and format.py)

Each stage is its own module; this one only sequences them. `regen.py` decides when to run it
for the APIs under specs/ and keeps their files (snapshot, names lock, state) consistent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .analyze import analyze
from .bundle import Bundle
from .config import ApiConfig, default_config
from .docs import read_pages
from .errors import GeneratorError, Problem
from .format import Formatter
from .heap import sparse_collections
from .ir import Api, ModelSet
from .load import read_bundle
from .lock import NamesLock
from .models import PendingModels, start_models
from .models_child import ModelsChild
from .normalize import normalize
from .output import write_tree
from .render import MARKER, model_paths, render_package
from .split import ModelModules, split_models
from .state import ApiState
from .structure import StructureCheck, structure_passed


@dataclass(frozen=True)
class Generated:
    api: Api
    lock: NamesLock
    problems: tuple[Problem, ...]
    document: dict[str, Any]  # the normalized spec it was generated from (`verify` reads it)
    # Problems found later (by `verify`) named where the user's files have them: see Bundle.
    located: Callable[[Iterable[Problem]], list[Problem]]


@sparse_collections()
def generate_package(
    data: bytes,
    file: str,
    out: Path,
    config: ApiConfig | None = None,
    *,
    lock: NamesLock | None = None,
    state: ApiState | None = None,
    source: Path | None = None,
    templates: Path | None = None,
    models_child: ModelsChild | None = None,
) -> Generated:
    """Generate the package for spec bytes `data` into `out` (replaced atomically).

    Without a config, names come from the spec's title (`Anam AI API` -> `anam_ai_client`).
    `source` is the file `data` was read from: the files its relative `$ref`s name are read too.
    `templates` is the API's folder of template overrides, if it has one. `models_child` is a
    models process the caller started early, so that its import overlapped the caller's: it
    makes the models if they are not known yet, and is closed in any case.
    """
    state = state or ApiState()
    child = models_child
    formatter = Formatter()
    bundle: Bundle | None = None
    try:
        bundle = read_bundle(data, file, source)
        child = _models_child(bundle.sha256, len(data), child)
        normalized, problems = _normalized(bundle.document, file, bundle.sha256)
        structure = StructureCheck(normalized, file, bundle.sha256.encode())
        try:
            started: list[PendingModels] = []

            def begin(models: ModelSet, package: str) -> None:
                started.append(start_models(models, package, file, child))

            api = _analyze(normalized, file, config, lock, state, bundle.sha256, models_known=begin)
            files, cut = _render(api, file, started[0], state, normalized, templates, formatter)
        except Exception:
            structure.verify()  # a malformed spec explains a failure better than the failure does
            raise
        structure.verify()
        formatter.add(files, parsed=cut)  # the model modules: the rest is formatted already
        formatted = formatter.result()
    except GeneratorError as error:  # a Swagger 2.0 spec's problems, where its file has them
        if bundle is None:
            raise
        raise type(error)(bundle.located(error.problems)) from None
    finally:
        if child is not None:
            child.close()
        formatter.close()
    write_tree(formatted, out, marker=MARKER)
    used = NamesLock(dict(api.models.pointers), api.operations_lock)
    located = bundle.located([*problems, *api.problems])
    return Generated(api, used, (*bundle.problems, *located), normalized, bundle.located)


def _render(
    api: Api,
    file: str,
    pending: PendingModels,
    state: ApiState,
    normalized: dict[str, Any],
    templates: Path | None,
    formatter: Formatter,
) -> tuple[dict[PurePosixPath, str], set[PurePosixPath]]:
    """The package's files, those that do not depend on the models handed to `formatter` while
    the models are made; and which files hold model code (cut from the checked module)."""
    pages = read_pages(api.config.folder or Path(file).parent, api.config.docs)
    split: list[ModelModules] = []

    def models() -> ModelModules:
        split.append(split_models(pending.result().parts, package=api.config.package))
        return split[0]

    files = render_package(
        api,
        models,
        state.releases,
        normalized,
        pages=pages,
        overrides=templates,
        rendered=formatter.add,
    )
    return files, model_paths(api, split[0])


def _models_child(sha256: str, size: int, child: ModelsChild | None) -> ModelsChild | None:
    """The process to make the models in, or None when a cached structural check says this spec
    was generated before (its models are cached too)."""
    if structure_passed(sha256.encode()):
        if child is not None:
            child.close()
        return None
    child = child or ModelsChild()
    child.expect(size)
    return child


def _analyze(
    normalized: dict[str, Any],
    file: str,
    config: ApiConfig | None,
    lock: NamesLock | None,
    state: ApiState,
    sha256: str,
    *,
    models_known: Callable[[ModelSet, str], None],
) -> Api:
    """The IR; `models_known` gets the model set and the package's name once they are known."""
    if config is None:
        title = str((normalized.get("info") or {}).get("title") or Path(file).stem)
        config = default_config(title, Path(file).name)
    package = config.package
    return analyze(
        normalized,
        config,
        lock=lock,
        version=state.version,
        spec_sha256=sha256,
        file=file,
        models_known=lambda models: models_known(models, package),
    )


def _normalized(
    document: dict[str, Any], file: str, sha256: str
) -> tuple[dict[str, Any], list[Problem]]:
    """The document normalized; the structural check runs on that (so the lenient rewrites,
    an empty `enum` dropped say, are not refused), unless normalizing a malformed one fails."""
    try:
        return normalize(document, file)
    except Exception:
        StructureCheck(document, file, sha256.encode()).verify()
        raise
