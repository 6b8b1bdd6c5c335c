"""The plan of a run: every (input, format) and every digest mapped to one output path before any
work starts, so that no two outputs ever share a file, on any file system they are copied to.

The rule, applied the same way whatever order inputs were found in:

1. An output is named after its input, with the format's suffix in place of the input's
   (`sub/a.txt` → `sub/a.pdf`).
2. Outputs whose names would be the same file on a case-insensitive file system, or would be
   the manifest, a folder another output needs, or an output an earlier run wrote for another
   input into the same folder, keep their input's suffix (`a.txt.pdf`, `a.json.pdf`).
3. Where that name is taken too, a number goes before the suffix (`a.txt-2.pdf`), counted up
   from 2 in the order of the inputs' names.

Each clash gets one warning naming the inputs and the names they write.
"""

from __future__ import annotations

import itertools
import posixpath
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from convert.batch.discover import MANIFEST_NAME, Input
from convert.batch.names import clash_key, portable


@dataclass(frozen=True, slots=True)
class Target:
    """One output file: its format, and its path relative to the output folder (POSIX style)."""

    format: str
    relative: str


@dataclass(frozen=True, slots=True)
class FileJob:
    """One input and the outputs it becomes."""

    input: Input
    targets: tuple[Target, ...]


@dataclass(frozen=True, slots=True)
class Want:
    """An output someone wants: its owner, format, suffix, and its names in order of preference."""

    owner: str
    format: str
    suffix: str
    names: tuple[str, ...]


def plan_files(inputs: list[Input], formats: dict[str, str], taken: dict[str, str]) -> tuple[list[FileJob], list[str]]:
    """The outputs of each input in each format (name → suffix); `taken` maps the clash keys of
    outputs that belong to others (earlier runs' inputs) to their owners. Returns the jobs in
    input order and one warning per clash."""
    wants = [
        Want(item.shown, name, suffix, _names(item.relative, suffix))
        for item in inputs
        for name, suffix in formats.items()
    ]
    paths, notes = assign(wants, taken)
    jobs = []
    per_input = len(formats)
    for position, item in enumerate(inputs):
        chosen = paths[position * per_input : (position + 1) * per_input]
        targets = tuple(
            Target(want.format, path) for want, path in zip(wants[position * per_input :], chosen, strict=False)
        )
        jobs.append(FileJob(item, targets))
    return jobs, notes


def plan_digest(
    name: str, title: str, formats: dict[str, str], taken: dict[str, str]
) -> tuple[tuple[Target, ...], list[str]]:
    """The outputs of a digest whose file name (without suffix) is `name`."""
    wants = [Want(title, fmt, suffix, (portable(name) + suffix,)) for fmt, suffix in formats.items()]
    paths, notes = assign(wants, taken)
    return tuple(Target(want.format, path) for want, path in zip(wants, paths, strict=True)), notes


def assign(wants: list[Want], taken: dict[str, str]) -> tuple[list[str], list[str]]:
    """One path per want (in the same order), no two the same file; and the clash warnings."""
    reserved = {clash_key(MANIFEST_NAME): "the manifest", **taken}
    folders = {key for path in reserved for key in _folder_keys(path)}
    groups: dict[str, list[int]] = defaultdict(list)
    for index, want in enumerate(wants):
        key = clash_key(want.names[0])
        groups[key].append(index)
        folders.update(_folder_keys(key))
    paths: list[str | None] = [None] * len(wants)
    used: dict[str, int] = {}
    moved: list[int] = []
    for key, members in groups.items():
        if len(members) == 1 and key not in reserved and key not in folders:
            paths[members[0]] = wants[members[0]].names[0]
            used[key] = members[0]
        else:
            moved.extend(members)
    for index in sorted(moved, key=lambda index: (wants[index].owner, wants[index].format)):
        want = wants[index]
        for path in _candidates(want):
            key = clash_key(path)
            if key not in used and key not in reserved and key not in folders:
                paths[index] = path
                used[key] = index
                break
    chosen = [path for path in paths if path is not None]
    return chosen, _clash_notes(wants, moved, chosen, reserved)


def _names(relative: str, suffix: str) -> tuple[str, ...]:
    """Step 1's name and step 2's, for an input at `relative`."""
    portable_relative = portable(relative)
    stem, dot, _ = portable_relative.rpartition(".")
    folder = posixpath.dirname(portable_relative)
    plain = stem + suffix if dot and posixpath.dirname(stem) == folder and posixpath.basename(stem) else None
    kept = portable_relative + suffix
    return (plain, kept) if plain is not None else (kept,)


def _candidates(want: Want) -> Iterator[str]:
    """Step 2's name, then step 3's numbered ones, without end: one is always free."""
    yield want.names[-1]
    base = want.names[-1][: len(want.names[-1]) - len(want.suffix)]
    for number in itertools.count(2):
        yield f"{base}-{number}{want.suffix}"


def _folder_keys(key: str) -> list[str]:
    parts = key.split("/")[:-1]
    return ["/".join(parts[: depth + 1]) for depth in range(len(parts))]


def _clash_notes(wants: list[Want], moved: list[int], chosen: list[str], reserved: dict[str, str]) -> list[str]:
    """One warning per clash: the inputs that wanted one name, and what each writes instead (for
    the first format they clash in; the others follow the same rule)."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for index in moved:
        by_name[clash_key(wants[index].names[0])].append(index)
    notes: dict[tuple[str, ...], str] = {}
    for key, members in by_name.items():
        members.sort(key=lambda index: (wants[index].owner, wants[index].format))
        owners = tuple(dict.fromkeys(wants[index].owner for index in members))
        wanted = wants[members[0]].names[0]
        holder = reserved.get(key)
        if holder is not None:
            why = f"{_listed(owners)} would write {wanted}, which is {_holder(holder)}"
        elif len(members) > 1:
            why = (
                f"{_listed(owners)} would all write {wanted}"
                if len(owners) > 2
                else f"{_listed(owners)} would both write {wanted}"
            )
        else:
            why = f"{owners[0]} would write {wanted}, a folder other outputs need"
        notes.setdefault(owners, f"output names clash: {why}; writing {_listed(tuple(chosen[i] for i in members))}")
    return list(notes.values())


def _listed(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _holder(holder: str) -> str:
    return holder if holder == "the manifest" else f"written for {holder}"
