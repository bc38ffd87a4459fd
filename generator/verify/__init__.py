"""`verify`: prove a generated package against its spec, on loopback, operation by operation.

The package is generated into a temporary folder and every module imported. A mock of the API,
built from the spec, serves on 127.0.0.1 and validates each request (route, credentials,
parameters, body) as the spec says; every operation is called through the generated client,
sync and async, with schema-valid arguments (required-only, all fields, nulls, awkward path ids)
and with each documented error; each result must be the declared type and hold exactly what the
mock sent. The test suite runs these same checks (`tests/contract/`).

    load + generate -> import every module -> mock (document.py, validation.py, replies.py)
        -> cases (cases.py), shared out over one forked worker per core (workers.py)
        -> calls (calls.py) -> invoke (invoke.py) -> checks (checks.py, expect.py, results.py)
        -> `contract: <name> N/M operations` (run.py)

The package reads the generator's IR only through `surface.py`. Nothing leaves the machine:
the clients' transport delivers every request to the mock, whatever host it names.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..config import ApiConfig
from ..errors import ConfigError, Problem
from ..lock import NamesLock
from ..models_child import ModelsChild
from ..pipeline import generate_package
from .run import ContractResult, Failure, open_contract, prove

__all__ = ["ContractResult", "Failure", "Verified", "verify_spec"]


@dataclass(frozen=True)
class Verified:
    result: ContractResult
    problems: tuple[Problem, ...]  # what the generator said while generating
    # Problems about the spec named where the user's files have them (a Swagger 2.0 one's).
    located: Callable[[Iterable[Problem]], list[Problem]]


def verify_spec(
    data: bytes,
    file: str,
    config: ApiConfig | None = None,
    *,
    lock: NamesLock | None = None,
    name: str | None = None,
    package: Path | None = None,
    source: Path | None = None,
    models_child: ModelsChild | None = None,
    workers: int | None = None,
) -> Verified:
    """Generate the package for spec bytes `data` into a temporary folder and prove it.

    With `package` (a distribution folder holding `src/<package>/`, e.g. one `generate` wrote
    earlier), that package is proven instead of the fresh one: the fresh generation then only
    tells the harness what the package should offer. `source` is the file `data` was read
    from: a multi-file spec's other files are read beside it. `models_child` is a models
    process the caller started early (see `generate_package`). The cases run in `workers`
    processes (default: one per core; see `run.prove`).
    """
    with tempfile.TemporaryDirectory(prefix="sdkgen-verify-") as scratch:
        root = Path(scratch) / "package"
        generated = generate_package(
            data, file, root, config, lock=lock, source=source, models_child=models_child
        )
        if package is not None:
            _check_package(package, generated.api.config.package)
        document = generated.document  # the mock validates what the package was made from
        label = name or generated.api.config.name
        with open_contract(label, package or root, generated.api, document) as contract:
            result = prove(contract, document, workers=workers)
    return Verified(result, generated.problems, generated.located)


def _check_package(root: Path, package: str) -> None:
    if not (root / "src" / package / "__init__.py").is_file():
        raise ConfigError(
            Problem(
                "error",
                f"no package {package!r} here (no src/{package}/__init__.py)",
                str(root),
                hint="pass the folder `generate` wrote for this spec and config",
            )
        )
