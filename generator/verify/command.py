"""`sdkgen verify`: which spec to prove, and what to print.

`--spec PATH [--config FILE]` proves any document (names from the config, else the spec's
title); `--api NAME` proves `specs/NAME/` with its config and names lock, as `regen` builds it.
`--package DIR` proves a package generated earlier (e.g. `generated/anam-client`) instead of a
fresh one. `--workers N` runs the cases in N processes (default: one per core; the result is
the same however many).
The output is the `contract: <name> N/M operations` line, one `FAIL` line per failed case
(operation and case, what was wrong, the spec's JSON pointer), and the `oneOf`s validated as
`anyOf` (`tolerances.py`). The exit status is 0 only when every operation was proven.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

from ..config import ApiConfig, load_config
from ..config_paths import CONFIG_FILE
from ..errors import ConfigError, Problem
from ..load import read_spec_bytes
from ..lock import LOCK_FILE, NamesLock, read_lock
from ..models_child import ModelsChild
from . import verify_spec
from .replies import SpecExampleWarning


def run_verify(
    spec: Path | None,
    config: Path | None,
    api: str | None,
    specs: Path,
    *,
    package: Path | None = None,
    workers: int | None = None,
    echo: Callable[[str], object],
    report: Callable[[Problem], object],
    models_child: ModelsChild | None = None,
) -> int:
    """Prove the chosen spec, print the result; the exit status. `models_child` is a models
    process started early (see `generate_package`)."""
    spec_path, api_config, lock, name = _inputs(spec, config, api, specs)
    if package is not None and not (package / "src").is_dir():
        raise ConfigError(
            Problem(
                "error",
                "not a generated package (no src/ folder)",
                str(package),
                hint="pass the folder `generate --out` wrote, e.g. generated/anam-client",
            )
        )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SpecExampleWarning)
        verified = verify_spec(
            read_spec_bytes(spec_path),
            str(spec_path),
            api_config,
            lock=lock,
            name=name,
            package=package,
            source=spec_path,
            models_child=models_child,
            workers=workers,
        )
    examples = verified.located(_example_problems(caught, str(spec_path)))
    for problem in [*verified.problems, *examples]:
        report(problem)
    result = verified.result
    echo(result.line())
    for failure in result.failures:
        echo(failure.line())
    for place in result.relaxed:
        echo(f"tolerated: {place}")
    return 0 if result.passed else 1


def _example_problems(caught: list[warnings.WarningMessage], file: str) -> list[Problem]:
    """Each spec example the mock could not use, once, as a located warning line (Python's own
    warning format would print our source line, and repeat nothing useful)."""
    found: dict[tuple[str, str], Problem] = {}
    for record in caught:
        warning = record.message
        if not isinstance(warning, SpecExampleWarning):
            warnings.warn_explicit(warning, record.category, record.filename, record.lineno)
            continue
        hint = "make the example match the schema, or drop it"
        problem = Problem("warning", str(warning), file, warning.pointer, hint)
        found.setdefault((warning.pointer, str(warning)), problem)
    return list(found.values())


def _inputs(
    spec: Path | None, config: Path | None, api: str | None, specs: Path
) -> tuple[Path, ApiConfig | None, NamesLock | None, str | None]:
    if (spec is None) == (api is None) or (api is not None and config is not None):
        raise ConfigError(
            Problem(
                "error",
                "verify takes either --spec PATH [--config FILE] or --api NAME",
                hint="`sdkgen verify --spec openapi.yaml` or `sdkgen verify --api anam`",
            )
        )
    if spec is not None:
        return spec, None if config is None else load_config(config), None, None
    assert api is not None
    api_dir = specs / api
    config_path = api_dir / CONFIG_FILE
    if not config_path.is_file():
        known = sorted(p.parent.name for p in specs.glob(f"*/{CONFIG_FILE}"))
        raise ConfigError(
            Problem(
                "error",
                f"unknown API {api!r}",
                str(specs),
                hint=f"known APIs: {', '.join(known) or 'none'}",
            )
        )
    api_config = load_config(config_path)
    lock = read_lock(api_dir / LOCK_FILE)
    return api_dir / api_config.spec, api_config, lock, api_config.name
