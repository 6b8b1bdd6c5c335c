"""Where cut faces are kept: the cache folder, or a private temporary one while it cannot be
written; each face checked against its recorded size and hash before it is used."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from pathlib import Path

from convert.atomic import write_atomically
from convert.caches import Lru
from convert.errors import warn_once

RECORD_SUFFIX = ".sha256"
"""Beside each face, `NAME.ttf.sha256` holds its size and SHA-256: a face that differs is cut again."""


def cache_dir() -> Path:
    """Per-user cache folder: $CONVERT_CACHE_DIR, or $XDG_CACHE_HOME/convert, or ~/.cache/convert."""
    explicit = os.environ.get("CONVERT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "convert"
    return Path.home() / ".cache" / "convert"


_DIGESTS: Lru[Path, tuple[int, int, str]] = Lru("convert.fonts.cache.content_digest", 1024)
"""Content digests: path -> (size, mtime_ns, sha256); mtime only invalidates."""


def content_digest(path: Path) -> tuple[int, str]:
    """Size and SHA-256 of the file's bytes, hashed once per process while the file is unchanged."""
    info = path.stat()
    memo = _DIGESTS.get(path)
    if memo is not None and memo[:2] == (info.st_size, info.st_mtime_ns):
        return memo[0], memo[2]
    import hashlib

    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    _DIGESTS.keep(path, (info.st_size, info.st_mtime_ns, digest))
    return info.st_size, digest


_ELSEWHERE: dict[Path, Path] = {}
"""Font folders that could not be written -> the temporary folder used instead, in this process."""
_LOCK = threading.Lock()


def cached_face(name: str) -> Path | None:
    """The face file `name`, when it is whole in the cache, or in the temporary folder that stands
    in for it (this process's, or this user's shared one, which an earlier process may have filled)."""
    folder = cache_dir() / "fonts"
    shared = _shared_folder()
    trusted = shared if _own_folder(shared.parent) and _own_folder(shared) else None
    for candidate in (folder, _ELSEWHERE.get(folder) or trusted):
        if candidate is not None and _whole(candidate / name):
            return candidate / name
    return None


def keep_face(name: str, data: bytes) -> Path:
    """Keep a cut face as `name`, with its record; in a temporary folder when the cache cannot be written."""
    folder = cache_dir() / "fonts"
    elsewhere = _ELSEWHERE.get(folder)
    if elsewhere is None:
        try:
            return _write(folder / name, data)
        except OSError as error:
            elsewhere = _stand_in(folder, error)
    return _write(elsewhere / name, data)


def _write(path: Path, data: bytes) -> Path:
    import hashlib

    write_atomically(path, data)  # the face first: a record never vouches for a face not yet there
    record = f"{len(data)} {hashlib.sha256(data).hexdigest()}\n"
    write_atomically(path.with_name(path.name + RECORD_SUFFIX), record.encode("ascii"))
    return path


def _whole(path: Path) -> bool:
    """Whether `path` is the face its record describes: not truncated, not overwritten, not missing."""
    try:
        recorded = path.with_name(path.name + RECORD_SUFFIX).read_text(encoding="ascii").split()
        size, digest = content_digest(path)
    except (OSError, UnicodeDecodeError):
        return False
    return recorded == [str(size), digest]


def _stand_in(folder: Path, error: OSError) -> Path:
    """This user's folder for faces under the system's temporary folder (a fresh one if that is not
    safely ours), chosen once per process and said in one warning."""
    with _LOCK:
        chosen = _ELSEWHERE.get(folder)
        if chosen is not None:
            return chosen
        chosen = _private_temporary_folder()
        _ELSEWHERE[folder] = chosen
    warn_once(
        "font-cache",
        f"cannot write the font cache {folder} ({error.strerror or error}); faces are kept in {chosen} instead",
    )
    return chosen


def _shared_folder() -> Path:
    """`convert-UID/fonts` in the temporary folder: this user's processes share it, so each face is cut once."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    return Path(tempfile.gettempdir()) / f"convert-{uid if uid is not None else 'user'}" / "fonts"


def _own_folder(folder: Path) -> bool:
    """Whether `folder` is a real folder that only this user can write."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        info = folder.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and not info.st_mode & 0o022 and (uid is None or info.st_uid == uid)


def _private_temporary_folder() -> Path:
    """The shared folder above, made if need be; a fresh folder when that name is not safely this user's."""
    shared = _shared_folder()
    for part in (shared.parent, shared):
        with contextlib.suppress(OSError):
            part.mkdir(mode=0o700, exist_ok=True)
        if not _own_folder(part):
            return Path(tempfile.mkdtemp(prefix="convert-fonts-"))
    return shared
