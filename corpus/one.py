"""One spec, in a process of its own: generate, import, ruff, mypy --strict, verify.

`python -m corpus.one SPEC WORK REPORT [API_DIR]` writes the row (JSON) to REPORT. Every step
runs even when an earlier one found problems (a package with a type error can still be proven),
except that nothing runs on a package that was not generated. Messages keep only what is the
same from run to run (no temporary paths, no ports), so the table is deterministic.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generator.config import ApiConfig, load_config
from generator.errors import GeneratorError
from generator.load import read_spec_bytes
from generator.lock import LOCK_FILE, NamesLock, read_lock
from generator.pipeline import generate_package
from generator.verify.run import open_contract, operation_keys, prove
from generator.verify.source import spec_document

MAX_NOTES = 8  # failure lines kept per spec; the count says how many there were


@dataclass
class Row:
    operations: int | None = None
    generated: bool = False
    import_errors: int | None = None
    ruff_issues: int | None = None
    mypy_errors: int | None = None
    proven: int | None = None
    failures: int = 0
    unproven: list[str] = field(default_factory=list)  # operation keys, sorted
    notes: list[str] = field(default_factory=list)


def run(spec: Path, work: Path, api_dir: Path | None) -> Row:
    row = Row()
    config, lock = _shipped(api_dir)
    root = work / "package"
    try:
        data = read_spec_bytes(spec)
        document = spec_document(data, str(spec), spec)
        row.operations = len(operation_keys(document))
        generated = generate_package(data, str(spec), root, config, lock=lock, source=spec)
    except GeneratorError as error:
        row.notes = [_clean(str(problem), spec, work) for problem in error.problems[:MAX_NOTES]]
        return row
    except Exception as error:  # what the CLI reports as an internal error
        row.notes = [_clean(f"internal error: {type(error).__name__}: {error}", spec, work)]
        return row
    row.generated = True
    package = generated.api.config.package
    row.ruff_issues = _ruff(root)
    row.mypy_errors, mypy_notes = _mypy(root, package, work)
    try:
        with open_contract("corpus", root, generated.api, document) as contract:
            result = prove(contract, document, workers=1)  # specs already run one per core
    except Exception as error:  # the package itself does not import
        row.import_errors = 1
        row.notes = [_clean(f"import {package}: {type(error).__name__}: {error}", spec, work)]
        return row
    row.import_errors = sum(1 for failure in result.failures if not failure.key)
    row.proven = len(result.proven & set(result.total))
    row.unproven = sorted(set(result.total) - result.proven)
    row.failures = len(result.failures) - row.import_errors
    notes = mypy_notes + [failure.line() for failure in result.failures]
    row.notes = [_clean(note, spec, work) for note in notes[:MAX_NOTES]]
    return row


def _shipped(api_dir: Path | None) -> tuple[ApiConfig | None, NamesLock | None]:
    if api_dir is None:
        return None, None
    return load_config(api_dir / "config.yaml"), read_lock(api_dir / LOCK_FILE)


def _ruff(root: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "json", "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    found: list[Any] = json.loads(done.stdout or "[]")
    return len(found)


def _mypy(root: Path, package: str, work: Path) -> tuple[int, list[str]]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(work / "mypy-cache"),
            f"src/{package}",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    return len(errors), [f"mypy: {line}" for line in errors[:2]]


def _clean(text: str, spec: Path, work: Path) -> str:
    """Without what changes from run to run: the work folder, the mock's port, long tails."""
    text = text.replace(str(work), "<out>").replace(str(spec.parent), "<spec>")
    text = re.sub(r"http://127\.0\.0\.1:\d+", "http://mock", text)
    text = re.sub(r"\.staging-[A-Za-z0-9_]+", ".staging", text)
    text = " ".join(text.split())
    return text if len(text) <= 400 else text[:397] + "..."


def main(argv: list[str]) -> int:
    spec, work, report = Path(argv[0]), Path(argv[1]), Path(argv[2])
    api_dir = Path(argv[3]) if len(argv) > 3 else None
    row = run(spec, work, api_dir)
    report.write_text(json.dumps(asdict(row)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
