"""Finding a run's inputs: regular files only, each once, never inside the output folder, never
a manifest convert wrote; everything else that looks like an input is refused in one line."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

from convert.batch.names import printable
from convert.readers import SUFFIXES

MANIFEST_NAME = "manifest.json"
MANIFEST_MARK = b'"tool": "convert '
"""What the first lines of every manifest convert wrote hold, and an article's model JSON does not."""


@dataclass(frozen=True, slots=True)
class Input:
    """A file found under a path the user named."""

    path: str
    """Where to open it (a file-system path, as `os.fsdecode` gives it)."""
    relative: str
    """Its path below the folder it was found in (its own name when named directly), POSIX style."""
    shown: str
    """The input as the user sees it in messages and the manifest (always valid Unicode)."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """Something named or found as an input that cannot be one, and why."""

    shown: str
    reason: str


@dataclass(frozen=True, slots=True)
class Found:
    """What discovery found: the inputs in order, what it refused, and folders it passed over."""

    inputs: list[Input]
    refused: list[Refusal]
    notes: list[str]


def find_inputs(paths: list[str], out_dir: str | None = None) -> Found:
    """Every input under `paths`, folders searched recursively in name order.

    Links to files are followed and links to folders are not; a file reached twice (by a link,
    a hard link or two of the paths) is read once, under the name it was first found by. The
    folder `out_dir` and everything below it are never searched, nor, inside a folder named,
    other folders that hold a manifest convert wrote.
    """
    out_identity = _identity(out_dir) if out_dir is not None else None
    found = Found([], [], [])
    seen: set[tuple[int, int]] = set()
    for named in paths:
        given = os.path.normpath(named)  # `seeds/`, `./seeds` and `seeds` name the same inputs
        shown = printable(given)
        try:
            info = os.stat(given)
        except OSError as error:
            found.refused.append(Refusal(shown, _stat_failure(error, given)))
            continue
        if not stat.S_ISDIR(info.st_mode):
            _consider(given, os.path.basename(given.rstrip("/")), shown, info, found, seen, named=True)
        elif (info.st_dev, info.st_ino) == out_identity:
            found.refused.append(Refusal(shown, "is the output folder, which is never searched for inputs"))
        else:
            candidates = _search(given, out_identity, found)
            for relative, path, candidate in sorted(candidates, key=lambda item: item[0]):
                _consider(path, relative, printable(path), candidate, found, seen, named=False)
    found.refused.sort(key=lambda refusal: refusal.shown)
    return found


def _search(folder: str, out_identity: tuple[int, int] | None, found: Found) -> list[tuple[str, str, os.stat_result]]:
    """(relative path, path, status) of every file below `folder` named like an input. A folder
    below it that holds a manifest convert wrote is another run's output folder: passed over."""
    candidates = []
    pending = [(folder, "")]
    while pending:
        path, prefix = pending.pop()
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)  # lines in the same order every run
        except OSError as error:
            found.refused.append(Refusal(printable(path), f"cannot read folder: {error.strerror or error}"))
            continue
        if prefix and any(entry.name == MANIFEST_NAME and _is_manifest(entry.path) for entry in entries):
            found.notes.append(
                f"{printable(path)}: holds a manifest convert wrote; not searched (name it to convert it)"
            )
            continue
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                info = entry.stat(follow_symlinks=False)
                if (info.st_dev, info.st_ino) != out_identity:
                    pending.append((entry.path, relative + "/"))
                continue
            named_like_input = _suffix(entry.name).lower() in SUFFIXES
            if entry.is_symlink():
                note = _unfollowed_link(entry, named_like_input)
                if note is not None:
                    found.notes.append(f"{printable(entry.path)}: {note}")
                    continue
            if not named_like_input:
                continue
            try:
                info = entry.stat()  # follows a link: its target decides
            except OSError as error:
                found.refused.append(Refusal(printable(entry.path), _stat_failure(error, entry.path)))
                continue
            if not stat.S_ISDIR(info.st_mode):  # a link to a folder is not followed
                candidates.append((relative, entry.path, info))
    return candidates


def _unfollowed_link(entry: os.DirEntry[str], named_like_input: bool) -> str | None:
    """Why a link met in a folder is not followed, or None when its target is looked at as a file.

    A link to a folder is never followed (it could lead back up, into a loop); a loop of links
    not named like an input is said here, one named like an input fails as that input."""
    try:
        if entry.is_dir():
            return "a link to a folder; not followed (name it to convert it)"
    except OSError as error:
        if error.errno == errno.ELOOP and not named_like_input:
            return "symbolic link loop; not followed"
    return None


def _consider(
    path: str, relative: str, shown: str, info: os.stat_result, found: Found, seen: set[tuple[int, int]], named: bool
) -> None:
    if not stat.S_ISREG(info.st_mode):
        found.refused.append(Refusal(shown, f"not a regular file ({_kind(info.st_mode)})"))
        return
    identity = (info.st_dev, info.st_ino)
    if identity in seen:
        return
    if os.path.basename(relative).lower() == MANIFEST_NAME and _is_manifest(path):
        if named:
            found.refused.append(Refusal(shown, "is a manifest convert wrote, not an article"))
        return
    seen.add(identity)
    found.inputs.append(Input(path, relative, shown))


def _is_manifest(path: str) -> bool:
    try:
        with open(path, "rb") as stream:
            return MANIFEST_MARK in stream.read(256)
    except OSError:
        return False


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None  # an output folder that does not exist yet holds no inputs
    return info.st_dev, info.st_ino


def _stat_failure(error: OSError, path: str) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT:
        return "broken symbolic link" if os.path.islink(path) else "no such file or folder"
    return f"cannot read: {error.strerror or error}"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _suffix(name: str) -> str:
    """`PurePath(name).suffix`, without making a path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""
