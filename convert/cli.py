"""The `convert` command: options become library calls, and each result becomes at most one line."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
import warnings
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from convert import __version__
from convert.errors import ConvertError, ConvertWarning, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from convert.model.digest import GroupBy

GROUPINGS = ("day", "week", "month", "none")
"""The digest's groupings (convert.model.digest.GROUPINGS, which takes 50 ms to import; a test keeps them equal)."""
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse, with a mistake reported in one line as every other usage error is."""

    def error(self, message: str) -> NoReturn:
        _usage_failure(f"{message} (see convert --help)")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="convert",
        description="Convert plain-text news articles into EPUB, PDF, DOCX and JSON.",
        allow_abbrev=False,
    )
    add = parser.add_argument
    add("paths", nargs="*", type=Path, metavar="PATH", help="Seed files, model JSON files, or folders of them.")
    add("--to", "-t", metavar="FORMATS", help="Output formats, comma-separated, or 'all'.")
    add("--out", "-o", type=Path, metavar="DIR", default=Path("dist"), help="Folder for the outputs (default: dist).")
    add(
        "--style",
        "-s",
        default="default",
        metavar="NAME",
        help="A built-in style name or a .toml sheet (default: default).",
    )
    add(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="Override one style value: styles.body.size=12pt.",
    )
    add("--lang", metavar="TAG", help="Language tag for the articles, such as en or ar.")
    add("--digest", action="store_true", help="Package every article into one publication.")
    add("--title", metavar="TEXT", help="Title of the digest.")
    add("--group-by", default="week", choices=GROUPINGS, help="Digest groups (default: week).")
    add("--jobs", "-j", type=int, metavar="N", help="Worker processes; the number of CPUs unless given.")
    add("--force", action="store_true", help="Rebuild outputs even when they are current.")
    add("--quiet", "-q", action="store_true", help="Print failures only.")
    add("--debug", action="store_true", help="Show tracebacks of internal errors.")
    add("--version", action="store_true", help="Print the version.")
    add("--list-formats", action="store_true", help="List the output formats.")
    add("--list-styles", action="store_true", help="List the built-in styles.")
    return parser


def _print_formats() -> int:
    from convert.writers import formats, load_writer

    broken = False
    for name in formats():
        try:
            writer = load_writer(name)
        except UsageError as error:
            _say(f"convert: {error.message}")
            broken = True
            continue
        print(f"{name:8} {writer.suffix:7} {writer.media_type}")
    return 2 if broken else 0


def _print_styles() -> int:
    from convert.styles import style_names
    from convert.styles.sheets import describe

    for name in style_names():
        print(f"{name:12} {describe(name)}")
    return 0


def main(arguments: list[str] | None = None) -> int:
    """Run the command with `arguments` (the process's own by default); the exit status."""
    options = _parser().parse_args(arguments)
    if options.version:
        print(f"convert {__version__}")
        return 0
    if options.list_formats:
        return _print_formats()
    if options.list_styles:
        return _print_styles()
    if not options.paths:
        _usage_failure("give at least one PATH (see convert --help)")
    if options.to is None:
        _usage_failure("give the output formats with --to, such as --to pdf (see convert --help)")
    with warnings.catch_warnings():  # the run's own way of showing them, undone when it ends
        warnings.showwarning = partial(_show_warning, options.quiet, warnings.showwarning)
        return _convert(options)


def _show_warning(
    quiet: bool, shown_otherwise: Callable[..., None], message: Warning | str, category: type[Warning], *rest: Any
) -> None:
    """A ConvertWarning (about this machine: a library, the cache folder) as one line, unless quiet;
    worker processes started by fork show theirs the same way."""
    if not issubclass(category, ConvertWarning):
        shown_otherwise(message, category, *rest)
    elif not quiet:
        _say(f"convert: warning: {message}")


def _convert(options: argparse.Namespace) -> int:
    """Convert the inputs as the options say, one line per problem and a summary; the exit status."""
    from convert.batch.discover import find_inputs
    from convert.batch.lock import FolderBusyError
    from convert.batch.names import printable
    from convert.batch.run import DigestOptions, Request, run_batch
    from convert.batch.task import Settings
    from convert.progress import Progress
    from convert.styles import load_style
    from convert.writers import formats, suffix_of

    started = time.perf_counter()
    settings = Settings(options.style, tuple(options.overrides), options.lang)
    try:
        _check_text_options(options)
        names = _format_names(options.to, formats)
        suffixes = {name: suffix_of(name) for name in names}
        load_style(settings.style, settings.overrides)
        workers = _workers(options.jobs, options.quiet)
    except UsageError as error:
        _usage_failure(error.message)
    out = os.fspath(options.out)
    digest = DigestOptions(options.title, _group(options.group_by)) if options.digest else None
    request = Request(
        [os.fspath(path) for path in options.paths], out, suffixes, settings, workers, options.force, digest
    )
    found = find_inputs(request.paths, out)
    if not found.inputs and not found.refused:
        _usage_failure(f"no .txt or .json inputs found in {', '.join(printable(path) for path in request.paths)}")
    try:
        with Progress(options.quiet, options.debug) as progress:
            summary = run_batch(request, progress, found)
    except FolderBusyError:
        _say(f"convert: {printable(out)} is in use by another convert run; try again when it ends")
        return 1
    if not options.quiet:
        _say(summary.line(out, time.perf_counter() - started, options.digest))
    if summary.exit_status is not None:
        return summary.exit_status
    return 1 if summary.failed or summary.manifest_error else 0


def _check_text_options(options: argparse.Namespace) -> None:
    """Refuse an option that must be text but holds bytes that are not (the terminal's or the
    script's encoding is not UTF-8), and a `--lang` that is not a language tag. Paths may hold
    such bytes: they name files all the same, and are shown escaped."""
    from convert.batch.names import undecodable_byte
    from convert.text.language import is_language_tag

    texts = {"--to": [options.to], "--title": [options.title], "--lang": [options.lang], "--set": options.overrides}
    for option, values in texts.items():
        for value in values:
            bad = undecodable_byte(value or "")
            if bad is not None:
                raise UsageError(f"{option}: holds the byte 0x{bad:02X}, which is not UTF-8 text")
    if options.lang is not None and not is_language_tag(options.lang):
        raise UsageError(f"--lang: {options.lang!r} is not a language tag such as en, pt-BR or zh-Hant")


def _workers(jobs: int | None, quiet: bool) -> int:
    """The worker count: `--jobs`, at most one per CPU this process may use (said when capped)."""
    cpus = _cpus()
    if jobs is None:
        return cpus
    if jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    if jobs > cpus:
        if not quiet:
            plural = "s" if cpus > 1 else ""
            _say(f"convert: note: --jobs {jobs} is more than the {cpus} CPU{plural} this run may use; using {cpus}")
        return cpus
    return jobs


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _group(name: str) -> GroupBy:
    """`--group-by`'s value, which argparse has already checked against GROUPINGS."""
    return cast("GroupBy", name)


def _format_names(requested: str, available: Callable[[], tuple[str, ...]]) -> list[str]:
    """The formats `--to` names; plug-ins are looked for only for `all` (or to list them)."""
    names = [part.strip().lower() for part in requested.split(",") if part.strip()]
    if "all" in names:
        return list(available())
    if not names:
        raise UsageError(f"--to needs a format; available: {', '.join(available())}")
    return list(dict.fromkeys(names))


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def _usage_failure(message: str) -> NoReturn:
    _say(f"convert: {message}")
    raise SystemExit(2)


def run() -> None:
    """Entry point of the console script."""
    try:
        status = main()
    except ConvertError as error:  # raised outside a job, such as while listing formats
        _say(f"convert: {error.message}")
        status = error.exit_code
    except KeyboardInterrupt:  # before any file was written: while starting or finding inputs
        status = EXIT_INTERRUPTED
    # What is left is exiting (workers' clean-up included): a late Ctrl-C must not print a traceback over it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(status)
