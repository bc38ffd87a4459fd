"""The command line: a thin shell over the pipeline stages.

Every failure the user can act on is a `GeneratorError` printed as one line per problem (file,
JSON pointer, fix) with a non-zero exit; `--debug` shows the traceback instead.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import GeneratorError, Problem

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Generate versioned Python client packages from OpenAPI specs.",
)
_state = {"debug": False, "verbose": False}

SpecsOption = Annotated[Path, typer.Option(help="folder holding one folder per API")]
OutOption = Annotated[Path, typer.Option(help="folder receiving one package per API")]


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option(help="show tracebacks")] = False,
    verbose: Annotated[bool, typer.Option(help="also show info-level notes")] = False,
) -> None:
    _state["debug"] = debug
    _state["verbose"] = verbose


@app.command()
def regen(
    api: Annotated[Optional[list[str]], typer.Option(help="only these APIs")] = None,  # noqa: UP045
    offline: Annotated[bool, typer.Option(help="use the pinned snapshots")] = False,
    strict: Annotated[
        bool, typer.Option(help="fail instead of falling back when a fetch fails")
    ] = False,
    fresh_names: Annotated[bool, typer.Option(help="ignore the names lock")] = False,
    specs: SpecsOption = Path("specs"),
    out: OutOption = Path("generated"),
) -> None:
    """Regenerate every API's package (fetching live specs; pinned snapshots as fallback)."""
    from .regen import regen_api

    for api_dir in _api_dirs(specs, api):
        result = regen_api(
            api_dir, out, offline=offline, strict=strict, fresh_names=fresh_names, report=_report
        )
        state = "regenerated" if result.changed else "unchanged"
        typer.echo(
            f"{result.name}: {state} {result.out} (version {result.version}, from {result.source})"
        )


@app.command()
def generate(
    spec: Annotated[Path, typer.Option(help="OpenAPI 3.0/3.1 document, JSON or YAML")],
    out: Annotated[Path, typer.Option(help="output folder (replaced atomically)")],
    config: Annotated[Optional[Path], typer.Option(help="generator config YAML")] = None,  # noqa: UP045
    version: Annotated[str, typer.Option(help="package version")] = "0.1.0",
) -> None:
    """Generate one package from any OpenAPI document."""
    from .config import load_config
    from .load import read_spec_bytes
    from .pipeline import generate_package
    from .state import ApiState

    api_config = load_config(config) if config is not None else None
    generated = generate_package(
        read_spec_bytes(spec),
        str(spec),
        out,
        api_config,
        state=ApiState(version=version),
        root=spec,
    )
    for problem in generated.problems:
        _report(problem)
    operations = len(generated.api.operations)
    typer.echo(f"generated {generated.api.config.distribution} ({operations} operations) in {out}")


@app.command()
def fetch(
    api: Annotated[str, typer.Option(help="API folder name under specs/")],
    url: Annotated[Optional[str], typer.Option(help="override the config's source_url")] = None,  # noqa: UP045
    specs: SpecsOption = Path("specs"),
) -> None:
    """Refresh an API's pinned snapshot from its live URL (validated, atomic, version recorded)."""
    from .regen import fetch_api

    sha256, state = fetch_api(specs / api, url)
    typer.echo(f"{api}: snapshot sha256 {sha256}, version {state.version}")


@app.command()
def check(specs: SpecsOption = Path("specs"), out: OutOption = Path("generated")) -> None:
    """Fail when generated/ is not exactly what the pinned specs and this generator produce."""
    from .drift import drift

    with tempfile.TemporaryDirectory() as scratch:
        differences = drift(specs, out, Path(scratch))
    if differences:
        for line in differences:
            typer.echo(line, err=True)
        typer.echo("generated/ is stale or was edited by hand: run `make regen`", err=True)
        raise typer.Exit(1)
    typer.echo("generated/ matches the specs")


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="the spec before")],
    new: Annotated[Path, typer.Argument(help="the spec after")],
    format: Annotated[str, typer.Option("--format", help="text, markdown or json")] = "text",
    fail_on: Annotated[str | None, typer.Option(help="exit 1 at this severity: breaking")] = None,
) -> None:
    """Compare two specs as a client sees them: wire and SDK changes, severities, the bump."""
    from .diff import run_diff

    output, code = run_diff(old, new, format, fail_on)
    typer.echo(output, nl=False)
    raise typer.Exit(code)


@app.command("release-check")
def release_check(
    released: Annotated[Path, typer.Argument(help="the API folder as last released")],
    proposed: Annotated[Path, typer.Argument(help="the API folder as proposed")],
    format: Annotated[
        str | None, typer.Option("--format", help="also print the diff: text, markdown or json")
    ] = None,
) -> None:
    """Fail when the proposed version is too small a step for the spec changes (CI gate)."""
    from .config import load_config
    from .diff import diff_files, render
    from .regen import CONFIG_FILE
    from .release import missing_bump
    from .state import STATE_FILE, read_state

    config = load_config(proposed / CONFIG_FILE)
    report = diff_files(
        released / load_config(released / CONFIG_FILE).spec, proposed / config.spec, config=config
    )
    if format is not None:
        typer.echo(render(report, format), nl=False)
    old, new = read_state(released / STATE_FILE).version, read_state(proposed / STATE_FILE).version
    problem = missing_bump(report, old, new)
    if problem:
        raise GeneratorError(
            Problem(
                "error",
                problem,
                str(proposed / STATE_FILE),
                "/version",
                "run `make regen`, which bumps the version from the diff",
            )
        )
    typer.echo(
        f"{config.name}: {old} -> {new} covers the changes ({report.summary.bump} needed)",
        err=format is not None,
    )


@app.command()
def build(
    out: Annotated[Path, typer.Option(help="folder receiving wheels and sdists")] = Path("dist"),
    generated: Annotated[Path, typer.Option(help="folder of generated packages")] = Path(
        "generated"
    ),
) -> None:
    """Build a wheel and an sdist of every generated package."""
    from .build import build_packages

    for archive in build_packages(generated, out):
        typer.echo(str(archive))


def _api_dirs(specs: Path, names: list[str] | None) -> list[Path]:
    from .regen import CONFIG_FILE

    available = sorted(p.parent for p in specs.glob(f"*/{CONFIG_FILE}"))
    if not names:
        return available
    by_name = {p.name: p for p in available}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        known = ", ".join(by_name) or "none"
        raise GeneratorError(
            Problem("error", f"unknown API {unknown[0]!r}", str(specs), hint=f"known APIs: {known}")
        )
    return [by_name[n] for n in names]


def _report(problem: Problem) -> None:
    if problem.level != "info" or _state["verbose"]:
        typer.echo(str(problem), err=True)


def main() -> None:
    try:
        code = app(standalone_mode=False)
    except GeneratorError as error:
        if _state["debug"]:
            raise
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        sys.exit(1)
    except typer.TyperException as usage:  # a mistyped command or option: click's own message
        show = getattr(usage, "show", None)
        if callable(show):
            show()
        sys.exit(getattr(usage, "exit_code", 2))
    except (typer.Exit, typer.Abort) as stop:
        sys.exit(getattr(stop, "exit_code", 1))
    except Exception as error:
        if _state["debug"]:
            raise
        typer.echo(
            f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)",
            err=True,
        )
        sys.exit(3)
    if isinstance(code, int) and code:
        sys.exit(code)
