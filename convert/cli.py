"""The `convert` command: options become library calls, and each result becomes at most one line."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from convert import __version__
from convert.errors import ConvertError, UsageError

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"convert {__version__}")
        raise typer.Exit()


def _print_formats(value: bool) -> None:
    if value:
        from convert.writers import formats, load_writer

        broken = False
        for name in formats():
            try:
                writer = load_writer(name)
            except UsageError as error:
                _say(f"convert: {error.message}")
                broken = True
                continue
            typer.echo(f"{name:8} {writer.suffix:7} {writer.media_type}")
        raise typer.Exit(2 if broken else 0)


def _print_styles(value: bool) -> None:
    if value:
        from convert.styles import style_names
        from convert.styles.sheets import describe

        for name in style_names():
            typer.echo(f"{name:12} {describe(name)}")
        raise typer.Exit()


@app.command()
def main(
    paths: Annotated[
        list[Path], typer.Argument(help="Seed files, model JSON files, or folders of them.", show_default=False)
    ],
    to: Annotated[str, typer.Option("--to", "-t", help="Output formats, comma-separated, or 'all'.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the outputs.")] = Path("dist"),
    style: Annotated[str, typer.Option("--style", "-s", help="A built-in style name or a .toml sheet.")] = "default",
    overrides: Annotated[
        list[str] | None, typer.Option("--set", help="Override one style value: styles.body.size=12pt.")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language tag for the articles, such as en or ar.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print failures only.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version.")
    ] = False,
    list_formats: Annotated[
        bool, typer.Option("--list-formats", callback=_print_formats, is_eager=True, help="List the output formats.")
    ] = False,
    list_styles: Annotated[
        bool, typer.Option("--list-styles", callback=_print_styles, is_eager=True, help="List the built-in styles.")
    ] = False,
) -> None:
    """Convert plain-text news articles into EPUB, PDF, DOCX and JSON."""
    from convert.batch import find_inputs, plan_jobs, run_job
    from convert.styles import load_style
    from convert.writers import formats, load_writer

    started = time.perf_counter()
    try:
        names = _format_names(to, formats())
        suffixes = {name: load_writer(name).suffix for name in names}
        resolved = load_style(style, overrides or ())
    except UsageError as error:
        _usage_failure(error.message)
    inputs, missing = find_inputs(paths)
    jobs, notes = plan_jobs(inputs, suffixes, out)
    failed = len(missing)
    warnings = 0
    for shown, reason in missing:
        _say(f"{shown}: {reason}")
    for note in notes:
        warnings += 1
        if not quiet:
            _say(f"warning: {note}")
    written = 0
    for job in jobs:
        try:
            result = run_job(job, resolved, lang)
        except Exception as error:  # a bug: keep converting the others
            if debug:
                raise
            result_error = f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)"
            _say(f"{job.shown}: {result_error}")
            failed += 1
            continue
        written += len(result.written)
        warnings += len(result.warnings)
        if not quiet:
            for warning in result.warnings:
                _say(f"warning: {job.shown}: {warning}")
        if result.error is not None:
            failed += 1
            _say(f"{job.shown}: {result.error}")
    if not quiet:
        converted = len(jobs) + len(missing) - failed
        elapsed = time.perf_counter() - started
        _say(
            f"{converted} converted, {failed} failed, {written} files written to {out.as_posix()}/ "
            f"in {elapsed:.2f} s ({warnings} warning{'' if warnings == 1 else 's'})"
        )
    if not jobs and not missing:
        _usage_failure(f"no .txt or .json inputs found in {', '.join(path.as_posix() for path in paths)}")
    raise typer.Exit(1 if failed else 0)


def _format_names(requested: str, available: tuple[str, ...]) -> list[str]:
    names = [part.strip().lower() for part in requested.split(",") if part.strip()]
    if "all" in names:
        return list(available)
    if not names:
        raise UsageError(f"--to needs a format; available: {', '.join(available)}")
    return list(dict.fromkeys(names))


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def _usage_failure(message: str) -> NoReturn:
    _say(f"convert: {message}")
    raise typer.Exit(2)


def run() -> None:
    """Entry point of the console script."""
    try:
        app()
    except ConvertError as error:  # raised outside a job, such as while listing formats
        _say(f"convert: {error.message}")
        sys.exit(error.exit_code)
