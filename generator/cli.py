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
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Generate versioned Python client packages from OpenAPI specs.",
)
_state = {"debug": False, "verbose": False}

SpecsOption = Annotated[Path, typer.Option(help="folder holding one folder per API")]
DeadlineOption = Annotated[
    float, typer.Option(min=0.1, help="seconds a fetch may take in all, retries included")
]
OutOption = Annotated[Path, typer.Option(help="folder receiving one package per API")]


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"sdkgen {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option(help="show tracebacks")] = False,
    verbose: Annotated[bool, typer.Option(help="also show info-level notes")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="show the version"),
    ] = False,
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
    dry_run: Annotated[
        bool, typer.Option(help="show the bump, changelog entry and changed files; write nothing")
    ] = False,
    deadline: DeadlineOption = 60.0,
    specs: SpecsOption = Path("specs"),
    out: OutOption = Path("generated"),
) -> None:
    """Regenerate every API's package (fetching live specs; pinned snapshots as fallback)."""
    from .console import preview, progress, summary
    from .regen import regen_api

    results = []
    for api_dir in _api_dirs(specs, api):
        result = regen_api(
            api_dir,
            out,
            offline=offline,
            strict=strict,
            fresh_names=fresh_names,
            dry_run=dry_run,
            deadline=deadline,
            report=_report,
            step=progress(api_dir.name),
        )
        if dry_run:
            preview(result)
        results.append(result)
    if not dry_run:
        summary(results)


@app.command()
def generate(
    spec: Annotated[Path, typer.Option(help="OpenAPI 3.x or Swagger 2.0 document, JSON or YAML")],
    out: Annotated[Path, typer.Option(help="output folder (replaced atomically)")],
    config: Annotated[Optional[Path], typer.Option(help="generator config YAML")] = None,  # noqa: UP045
    version: Annotated[str, typer.Option(help="package version (PEP 440)")] = "0.1.0",
) -> None:
    """Generate one package from any OpenAPI document."""
    from . import checks
    from .models_child import ModelsChild

    invalid = checks.pep440_version(version)
    if invalid:
        raise GeneratorError(Problem("error", invalid, hint="e.g. --version 1.4.2"))
    child = ModelsChild()  # before the pipeline's imports, which its own import overlaps
    try:
        from .config import load_config, template_overrides
        from .load import read_spec_bytes
        from .pipeline import generate_package
        from .state import ApiState

        api_config = load_config(config) if config is not None else None
        templates = template_overrides(api_config, config.parent) if config and api_config else None
        generated = generate_package(
            read_spec_bytes(spec),
            str(spec),
            out,
            api_config,
            state=ApiState(version=version),
            source=spec,
            templates=templates,
            models_child=child,
        )
    finally:
        child.close()
    for problem in generated.problems:
        _report(problem)
    operations = len(generated.api.operations)
    typer.echo(f"generated {generated.api.config.distribution} ({operations} operations) in {out}")


@app.command()
def fetch(
    api: Annotated[str, typer.Option(help="API folder name under specs/")],
    url: Annotated[Optional[str], typer.Option(help="override the config's source_url")] = None,  # noqa: UP045
    deadline: DeadlineOption = 60.0,
    specs: SpecsOption = Path("specs"),
) -> None:
    """Refresh an API's pinned snapshot from its live URL (validated, atomic, version recorded)."""
    from .regen import fetch_api

    (api_dir,) = _api_dirs(specs, [api])
    sha256, state = fetch_api(api_dir, url, deadline=deadline)
    typer.echo(f"{api}: snapshot sha256 {sha256}, version {state.version}")


@app.command()
def check(
    api: Annotated[Optional[list[str]], typer.Option(help="only these APIs")] = None,  # noqa: UP045
    specs: SpecsOption = Path("specs"),
    out: OutOption = Path("generated"),
) -> None:
    """Fail when generated/ is not what the pinned specs and this generator produce."""
    from .drift import drift

    api_dirs = _api_dirs(specs, api)
    with tempfile.TemporaryDirectory() as scratch:
        differences = drift(api_dirs, out, Path(scratch))
    if differences:
        for line in differences:
            typer.echo(line, err=True)
        typer.echo("generated/ is stale: run `make regen`", err=True)
        raise typer.Exit(1)
    typer.echo(f"generated/ matches the specs ({', '.join(p.name for p in api_dirs)})")


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
    from .diff import render
    from .release import check_release

    result = check_release(released, proposed)
    if format is not None:
        typer.echo(render(result.report, format), nl=False)
    result.raise_for_bump()
    needed = result.report.summary.bump
    typer.echo(
        f"{result.name}: {result.released} -> {result.proposed} covers the changes "
        f"({needed} needed)",
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


@app.command()
def init(
    api: Annotated[str, typer.Option(help="name of the new API (its folder under specs/)")],
    url: Annotated[Optional[str], typer.Option(help="live spec URL to fetch")] = None,  # noqa: UP045
    spec: Annotated[Optional[Path], typer.Option(help="spec file to copy in")] = None,  # noqa: UP045
    specs: SpecsOption = Path("specs"),
) -> None:
    """Scaffold specs/NAME/config.yaml from a spec URL or file (names from the spec's title)."""
    from .scaffold import init_api

    config = init_api(specs, api, url=url, spec=spec)
    typer.echo(f"{api}: wrote {config}; review it, then run `make regen`")


@app.command()
def schema(
    out: Annotated[Optional[Path], typer.Option(help="write here instead of stdout")] = None,  # noqa: UP045
) -> None:
    """Print the JSON Schema of config.yaml (editors validate and complete configs with it)."""
    from .config import config_schema
    from .output import write_file_atomically

    if out is None:
        typer.echo(config_schema(), nl=False)
    else:
        write_file_atomically(out, config_schema().encode())


@app.command()
def verify(
    spec: Annotated[Optional[Path], typer.Option(help="OpenAPI 3 or Swagger 2 document")] = None,  # noqa: UP045
    config: Annotated[Optional[Path], typer.Option(help="generator config YAML")] = None,  # noqa: UP045
    api: Annotated[Optional[str], typer.Option(help="an API folder under specs/")] = None,  # noqa: UP045
    package: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="prove this generated package instead of a fresh one"),
    ] = None,
    workers: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(min=1, help="processes to run the cases in (default: one per core)"),
    ] = None,
    specs: SpecsOption = Path("specs"),
) -> None:
    """Generate a package into a temporary folder and prove every operation against a mock."""
    from .models_child import ModelsChild

    child = ModelsChild()  # before the harness's imports, which its own import overlaps
    try:
        from .verify.command import run_verify

        code = run_verify(
            spec,
            config,
            api,
            specs,
            package=package,
            workers=workers,
            echo=typer.echo,
            report=_report,
            models_child=child,
        )
    finally:
        child.close()
    raise typer.Exit(code)


def _api_dirs(specs: Path, names: list[str] | None) -> list[Path]:
    """The API folders to work on; an unknown name or a folder without APIs is an error."""
    from .config_paths import CONFIG_FILE

    available = sorted(p.parent for p in specs.glob(f"*/{CONFIG_FILE}"))
    if not available:
        message = f"no APIs in {specs}/: no {specs}/<api>/{CONFIG_FILE} found"
        hint = "run from the project folder, pass --specs, or create one with `sdkgen init`"
        raise GeneratorError(Problem("error", message, str(specs), hint=hint))
    if not names:
        return available
    by_name = {p.name: p for p in available}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise GeneratorError(
            Problem(
                "error",
                f"unknown API {unknown[0]!r}",
                str(specs),
                hint=f"known APIs: {', '.join(by_name)}",
            )
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
