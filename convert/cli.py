"""The `convert` command: options become library calls, and each result becomes at most one line."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from convert import __version__
from convert.errors import ConvertError, UsageError

if TYPE_CHECKING:
    from convert.digest import GroupBy

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)

GROUPINGS = ("day", "week", "month", "none")
EXIT_INTERRUPTED = 130


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
        list[Path],
        typer.Argument(metavar="PATH", help="Seed files, model JSON files, or folders of them.", show_default=False),
    ],
    to: Annotated[str, typer.Option("--to", "-t", help="Output formats, comma-separated, or 'all'.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the outputs.")] = Path("dist"),
    style: Annotated[str, typer.Option("--style", "-s", help="A built-in style name or a .toml sheet.")] = "default",
    overrides: Annotated[
        list[str] | None, typer.Option("--set", help="Override one style value: styles.body.size=12pt.")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language tag for the articles, such as en or ar.")] = None,
    digest: Annotated[bool, typer.Option("--digest", help="Package every article into one publication.")] = False,
    title: Annotated[str | None, typer.Option("--title", help="Title of the digest.")] = None,
    group_by: Annotated[str, typer.Option("--group-by", help="Digest groups: day, week, month or none.")] = "week",
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes; the number of CPUs unless given.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild outputs even when they are current.")] = False,
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
    from convert import batch
    from convert.conversion import Settings
    from convert.progress import Progress
    from convert.styles import load_style
    from convert.writers import formats, load_writer

    started = time.perf_counter()
    settings = Settings(style, tuple(overrides or ()), lang)
    try:
        names = _format_names(to, formats())
        suffixes = {name: load_writer(name).suffix for name in names}
        load_style(settings.style, settings.overrides)
        if group_by not in GROUPINGS:
            raise UsageError(f"--group-by must be one of {', '.join(GROUPINGS)}, not {group_by!r}")
        if jobs is not None and jobs < 1:
            raise UsageError("--jobs must be 1 or more")
    except UsageError as error:
        _usage_failure(error.message)
    inputs, missing = batch.find_inputs(paths)
    if not inputs and not missing:
        _usage_failure(f"no .txt or .json inputs found in {', '.join(path.as_posix() for path in paths)}")
    workers = jobs or batch.default_workers()
    with Progress(len(inputs) + len(missing), quiet) as progress:
        run = batch.Run(out, suffixes, settings, workers, force, progress.entry)
        try:
            if digest:
                options = batch.DigestOptions(title, _group(group_by))
                batch.run_digest(run, inputs, missing, options)
            else:
                planned, notes = batch.plan_jobs(inputs, suffixes, out)
                for note in notes:
                    progress.warn(note)
                run.summary.warnings += len(notes)
                batch.run_files(run, planned, missing)
        except KeyboardInterrupt:
            run.summary.interrupted = True
        except Exception as error:
            if debug:
                raise
            _say(f"convert: internal error: {type(error).__name__}: {error} (run with --debug for the traceback)")
            run.summary.failed += 1
        finally:
            batch.finish(run)
    summary = run.summary
    if not quiet:
        _say(summary.line(out, time.perf_counter() - started, digest))
    if summary.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    raise typer.Exit(1 if summary.failed else 0)


def _group(name: str) -> GroupBy:
    from convert.digest import GROUPINGS as KNOWN

    for known in KNOWN:
        if known == name:
            return known
    raise UsageError(f"--group-by must be one of {', '.join(KNOWN)}")


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
