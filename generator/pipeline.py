"""The pipeline end to end: spec bytes -> a package on disk.

    load -> normalize -> analyze (names, IR) -> models -> render
         -> write to staging -> format -> check -> swap in
    (the spec's structural check runs beside the stages, see structure.py)

Each stage is its own module; this one only sequences them. `regen.py` decides when to run it
for the APIs under specs/ and keeps their files (snapshot, names lock, state) consistent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .analyze import analyze
from .config import ApiConfig, default_config
from .docs import read_pages
from .errors import Problem
from .format import format_tree
from .ir import Api
from .load import read_document
from .lock import NamesLock
from .models import generate_models
from .normalize import normalize
from .output import write_tree
from .render import MARKER, render_package
from .split import split_models
from .state import ApiState
from .structure import StructureCheck


@dataclass(frozen=True)
class Generated:
    api: Api
    lock: NamesLock
    problems: tuple[Problem, ...]


def generate_package(
    data: bytes,
    file: str,
    out: Path,
    config: ApiConfig | None = None,
    *,
    lock: NamesLock | None = None,
    state: ApiState | None = None,
    templates: Path | None = None,
) -> Generated:
    """Generate the package for spec bytes `data` into `out` (replaced atomically).

    Without a config, names come from the spec's title (`Anam AI API` -> `anam_ai_client`).
    `templates` is the API's folder of template overrides, if it has one.
    """
    state = state or ApiState()
    document = read_document(data, file)
    structure = StructureCheck(document, file, data)
    try:
        if config is None:
            title = str((document.get("info") or {}).get("title") or Path(file).stem)
            config = default_config(title, Path(file).name)
        normalized, problems = normalize(document, file)
        api = analyze(
            normalized,
            config,
            lock=lock,
            version=state.version,
            spec_sha256=hashlib.sha256(data).hexdigest(),
            file=file,
        )
        models = split_models(generate_models(api.models, config.package, file))
        pages = read_pages(config.folder or Path(file).parent, config.docs)
        files = render_package(
            api, models, state.releases, normalized, pages=pages, overrides=templates
        )
    except Exception:
        structure.verify()  # a malformed spec explains a failure better than the failure does
        raise
    structure.verify()
    write_tree(files, out, prepare=format_tree, marker=MARKER)
    used = NamesLock(dict(api.models.pointers), api.operations_lock)
    return Generated(api, used, (*problems, *api.problems))
