"""The pipeline end to end: spec bytes -> package on disk, and `regen` over every API in specs/.

    fetch (or read) -> load -> normalize -> analyze (names, IR) -> models -> render
                    -> write to staging -> format -> check -> swap in

Each stage is its own module; this one only sequences them and keeps the per-API files (pinned
snapshot, names lock, state) consistent: they are written only after the package was.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from .analyze import analyze
from .config import ApiConfig, default_config, load_config
from .errors import FetchError, GeneratorError, Problem
from .format import format_tree
from .ir import Api
from .load import parse_spec
from .lock import LOCK_FILE, NamesLock, read_lock
from .models import generate_models
from .normalize import normalize
from .output import tree_digest, write_file_atomically, write_tree
from .release import accept_spec, generator_release
from .render import render_package
from .state import STATE_FILE, ApiState, read_state

GENERATOR_ROOT = Path(__file__).resolve().parent
CONFIG_FILE = "config.yaml"

Report = Callable[[Problem], None]


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
) -> Generated:
    """Generate the package for spec bytes `data` into `out` (replaced atomically).

    Without a config, names come from the spec's title (`Anam AI API` -> `anam_ai_client`).
    """
    state = state or ApiState()
    document = parse_spec(data, file)
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
    )
    models_source = generate_models(api.models, config.package, file)
    files = render_package(api, models_source, state.releases)
    write_tree(files, out, prepare=format_tree)
    used = NamesLock(dict(api.models.pointers), api.operations_lock)
    return Generated(api, used, tuple(problems))


@dataclass(frozen=True)
class RegenResult:
    name: str
    out: Path
    changed: bool
    version: str
    source: str


def regen_api(
    api_dir: Path,
    out_root: Path,
    *,
    offline: bool = False,
    strict: bool = False,
    fresh_names: bool = False,
    report: Report = lambda problem: None,
) -> RegenResult:
    """Regenerate one API from its live spec (or pinned snapshot) into `out_root/<dist>`.

    A changed spec is a new release (version from the diff); a changed generator that alters the
    package is a patch release; identical inputs with an intact output do nothing.
    """
    config = load_config(api_dir / CONFIG_FILE)
    snapshot = api_dir / config.spec
    state_path, lock_path = api_dir / STATE_FILE, api_dir / LOCK_FILE
    data, source = _spec_bytes(config, snapshot, offline=offline, strict=strict, report=report)
    state = read_state(state_path)
    lock = NamesLock() if fresh_names else read_lock(lock_path)
    out = out_root / config.distribution
    own_inputs = _source_fingerprint(data, api_dir, lock, state)
    same_api = state.source_sha256 == own_inputs
    intact = out.is_dir() and tree_digest(out) == state.output_sha256
    if same_api and state.generator_sha256 == generator_fingerprint() and intact:
        return RegenResult(config.name, out, False, state.version, source)
    previous = snapshot.read_bytes() if snapshot.is_file() else None
    state = accept_spec(state, previous, data, config=config, lock=lock)
    generated = generate_package(data, str(snapshot), out, config, lock=lock, state=state)
    if same_api and state.output_sha256 and tree_digest(out) != state.output_sha256:
        state = generator_release(state)  # same API, different package: a patch release
        generated = generate_package(data, str(snapshot), out, config, lock=lock, state=state)
    if previous != data:
        write_file_atomically(snapshot, data)
    write_file_atomically(lock_path, generated.lock.to_json().encode())
    final = replace(
        state,
        source_sha256=_source_fingerprint(data, api_dir, generated.lock, state),
        generator_sha256=generator_fingerprint(),
        output_sha256=tree_digest(out),
    )
    write_file_atomically(state_path, final.to_json().encode())
    return RegenResult(config.name, out, True, final.version, source)


def fetch_api(api_dir: Path, url: str | None = None) -> tuple[str, ApiState]:
    """Take the live spec in as the pinned snapshot, releasing it (version, changelog) if new.

    The package is regenerated by the next `regen`; until then `make check` reports it stale.
    """
    from .fetch import fetch_spec

    config = load_config(api_dir / CONFIG_FILE)
    source = url or config.source_url
    if not source:
        hint = "add source_url to the config or pass --url"
        raise GeneratorError(
            Problem(
                "error", "no URL to fetch from", str(api_dir / CONFIG_FILE), "/source_url", hint
            )
        )
    fetched = fetch_spec(source)
    snapshot = api_dir / config.spec
    previous = snapshot.read_bytes() if snapshot.is_file() else None
    state = accept_spec(
        read_state(api_dir / STATE_FILE),
        previous,
        fetched.data,
        config=config,
        lock=read_lock(api_dir / LOCK_FILE),
    )
    write_file_atomically(snapshot, fetched.data)
    write_file_atomically(api_dir / STATE_FILE, state.to_json().encode())
    return fetched.sha256, state


def _spec_bytes(
    config: ApiConfig, snapshot: Path, *, offline: bool, strict: bool, report: Report
) -> tuple[bytes, str]:
    if config.source_url and not offline:
        from .fetch import fetch_spec  # the network stack is imported only when used

        try:
            return fetch_spec(config.source_url).data, "live"
        except FetchError as error:
            if strict:
                raise
            for problem in error.problems:
                report(replace(problem, level="warning"))
            report(
                Problem(
                    "warning",
                    f"using the pinned snapshot {snapshot}",
                    str(snapshot),
                    hint="run `python -m generator fetch` when the URL is reachable",
                )
            )
    try:
        return snapshot.read_bytes(), "snapshot"
    except OSError as error:
        raise GeneratorError(
            Problem("error", f"cannot read spec: {error.strerror}", str(snapshot))
        ) from None


def _source_fingerprint(data: bytes, api_dir: Path, lock: NamesLock, state: ApiState) -> str:
    """The API's own inputs to generation: spec, config, names lock and releases."""
    recorded = replace(state, source_sha256="", generator_sha256="", output_sha256="")
    digest = hashlib.sha256()
    for part in (
        data,
        (api_dir / CONFIG_FILE).read_bytes(),
        lock.to_json().encode(),
        recorded.to_json().encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


@cache
def generator_fingerprint() -> str:
    """Hash of everything that decides generated bytes besides the spec and config."""
    digest = hashlib.sha256()
    roots = (GENERATOR_ROOT, GENERATOR_ROOT.parent / "templates")
    for root in roots:
        for path in sorted(
            p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ):
            digest.update(str(path.relative_to(root.parent)).encode())
            digest.update(path.read_bytes())
    for dependency in ("datamodel-code-generator", "ruff", "jinja2"):
        digest.update(f"{dependency}=={importlib.metadata.version(dependency)}".encode())
    return digest.hexdigest()
