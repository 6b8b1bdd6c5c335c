"""`OUT/manifest.json`: what each input in the output folder became, kept true across runs, and
what a later run may skip."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from convert.atomic import write_atomically
from convert.batch.discover import MANIFEST_NAME
from convert.model.jsonlayout import laid_out

MANIFEST_VERSION = 2


class Status(StrEnum):
    """What became of an output, an input or a digest's source."""

    CONVERTED = "converted"
    """Written by the run that recorded it."""
    CURRENT = "current"
    """Found to be the bytes an earlier run wrote for the same input and options, and kept."""
    FAILED = "failed"
    INCLUDED = "included"
    """A digest's source, read and packaged."""


@dataclass(frozen=True, slots=True)
class Output:
    """One output file of an input or digest, in one format."""

    format: str
    path: str
    """Relative to the output folder, POSIX style."""
    status: Status
    run: int
    """The number of the run that last decided this output's status."""
    key: str
    """Digest of everything the output depends on but the input itself: options, style, versions."""
    size: int | None = None
    sha256: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class InputEntry:
    """One input converted on its own: its bytes, its outputs, its warnings, or why it failed."""

    input: str
    sha256: str | None
    outputs: tuple[Output, ...] = ()
    warnings: tuple[str, ...] = ()
    reason: str | None = None
    """Why the input itself failed (unreadable, not an article); failures of one format are its output's."""

    @property
    def status(self) -> Status:
        """What the latest run that touched this input made of it."""
        return _status(self.reason, self.outputs)


@dataclass(frozen=True, slots=True)
class Source:
    """One input of a digest."""

    input: str
    sha256: str | None
    status: Status
    warnings: tuple[str, ...] = ()
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class DigestEntry:
    """One digest publication: its sources and its outputs."""

    title: str
    sources: tuple[Source, ...]
    outputs: tuple[Output, ...] = ()
    warnings: tuple[str, ...] = ()
    reason: str | None = None

    @property
    def status(self) -> Status:
        return _status(self.reason, self.outputs)


@dataclass(slots=True)
class Manifest:
    """Every entry of the output folder, by input (or digest title)."""

    run: int = 0
    inputs: dict[str, InputEntry] = field(default_factory=dict)
    digests: dict[str, DigestEntry] = field(default_factory=dict)


def _status(reason: str | None, outputs: tuple[Output, ...]) -> Status:
    """Failed when anything failed, converted when anything was written, else current; of the
    outputs of the latest run among them (others are formats an earlier run made)."""
    latest = max((output.run for output in outputs), default=0)
    statuses = {output.status for output in outputs if output.run == latest}
    if reason is not None or Status.FAILED in statuses:
        return Status.FAILED
    return Status.CONVERTED if Status.CONVERTED in statuses or not outputs else Status.CURRENT


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(path: str) -> str:
    """Hex SHA-256 of a file's bytes, read a block at a time so that memory stays flat."""
    with open(path, "rb") as stream:  # noqa: PTH123 (paths are strings throughout the batch layer)
        return hashlib.file_digest(stream, "sha256").hexdigest()


def job_key(*parts: str) -> str:
    """One key for everything an output depends on."""
    return sha256_of("\x1f".join(parts).encode("utf-8", "surrogatepass"))


def still_on_disk(output: Output, out_dir: str, verify: bool) -> bool:
    """Whether an output file is still there with its recorded size (and, if `verify`, its bytes)."""
    if output.status is Status.FAILED or output.size is None:
        return False
    path = os.path.join(out_dir, output.path)  # noqa: PTH118
    try:
        if os.stat(path).st_size != output.size:  # noqa: PTH116
            return False
        return not verify or sha256_of_file(path) == output.sha256
    except OSError:
        return False


def load_manifest(out_dir: str) -> tuple[Manifest, str | None]:
    """The manifest in `out_dir` (empty when there is none), and why one that is there cannot be
    used, if it cannot."""
    try:
        with open(os.path.join(out_dir, MANIFEST_NAME), "rb") as stream:  # noqa: PTH118, PTH123
            tree = json.load(stream)
    except (FileNotFoundError, NotADirectoryError):  # no manifest yet, or no output folder to hold one
        return Manifest(), None
    except Exception as error:  # anything at all may be found under that name
        return Manifest(), f"not readable ({type(error).__name__})"
    try:
        if tree.get("manifest") != "convert" or tree.get("version") != MANIFEST_VERSION:
            return Manifest(), f"not a version {MANIFEST_VERSION} manifest"
        return Manifest(
            run=int(tree["run"]),
            inputs={item["input"]: _input_entry(item) for item in tree["inputs"]},
            digests={item["title"]: _digest_entry(item) for item in tree["digests"]},
        ), None
    except Exception as error:
        return Manifest(), f"not a manifest this version can read ({type(error).__name__})"


def save_manifest(out_dir: str, manifest: Manifest, tool: str, complete: bool) -> None:
    """Write the manifest atomically; entries in name order, so the same folder gives the same bytes."""
    tree: dict[str, Any] = {
        "manifest": "convert",
        "version": MANIFEST_VERSION,
        "tool": tool,
        "run": manifest.run,
        "complete": complete,
        "inputs": [_input_tree(manifest.inputs[name]) for name in sorted(manifest.inputs)],
        "digests": [_digest_tree(manifest.digests[title]) for title in sorted(manifest.digests)],
    }
    data = laid_out(tree, _is_entry) + "\n"
    write_atomically(os.path.join(out_dir, MANIFEST_NAME), data.encode("utf-8"))  # noqa: PTH118


def kept_from_earlier(previous: Manifest, out_dir: str, inputs_now: set[str], digest_now: str | None) -> Manifest:
    """The entries of earlier runs that still describe the folder: inputs not in this run whose
    file still exists, with the outputs still there, and digests other than this run's."""
    kept = Manifest(run=previous.run)
    for name, entry in previous.inputs.items():
        if name in inputs_now or not os.path.exists(name):  # noqa: PTH110
            continue
        outputs = tuple(output for output in entry.outputs if still_valid(output, out_dir))
        if outputs or entry.reason is not None:
            kept.inputs[name] = replace(entry, outputs=outputs)
    for title, digest in previous.digests.items():
        if title == digest_now:
            continue
        outputs = tuple(output for output in digest.outputs if still_valid(output, out_dir))
        if outputs:
            kept.digests[title] = replace(digest, outputs=outputs)
    return kept


def other_formats(old: InputEntry | DigestEntry | None, formats: set[str], out_dir: str) -> tuple[Output, ...]:
    """The outputs in `old` in formats this run did not ask for that are still there (the caller
    passes an entry only when what it was made from is unchanged)."""
    if old is None:
        return ()
    return tuple(output for output in old.outputs if output.format not in formats and still_valid(output, out_dir))


def still_valid(output: Output, out_dir: str) -> bool:
    """A failure, or a file still there with its recorded size: an entry that still holds."""
    return output.status is Status.FAILED or still_on_disk(output, out_dir, verify=False)


def _is_entry(tree: dict[str, object]) -> bool:
    """An input's or a digest source's entry, and each output, is written whole on one line."""
    return "input" in tree or "format" in tree


def _output_tree(output: Output) -> dict[str, Any]:
    tree = {
        "format": output.format,
        "path": output.path,
        "status": output.status.value,
        "run": output.run,
        "key": output.key,
        "size": output.size,
        "sha256": output.sha256,
        "reason": output.reason,
    }
    return _dropping_none(tree, "size", "sha256", "reason")


def _input_tree(entry: InputEntry) -> dict[str, Any]:
    tree = {
        "input": entry.input,
        "sha256": entry.sha256,
        "status": entry.status.value,
        "outputs": [_output_tree(output) for output in entry.outputs],
        "warnings": list(entry.warnings),
        "reason": entry.reason,
    }
    return _dropping_none(tree, "reason")


def _digest_tree(entry: DigestEntry) -> dict[str, Any]:
    tree = {
        "title": entry.title,
        "status": entry.status.value,
        "sources": [_source_tree(source) for source in entry.sources],
        "outputs": [_output_tree(output) for output in entry.outputs],
        "warnings": list(entry.warnings),
        "reason": entry.reason,
    }
    return _dropping_none(tree, "reason")


def _source_tree(source: Source) -> dict[str, Any]:
    tree = {
        "input": source.input,
        "sha256": source.sha256,
        "status": source.status.value,
        "warnings": list(source.warnings),
        "reason": source.reason,
    }
    return _dropping_none(tree, "reason")


def _dropping_none(tree: dict[str, Any], *optional: str) -> dict[str, Any]:
    """`tree` without the optional members that have no value."""
    return {key: value for key, value in tree.items() if value is not None or key not in optional}


def _output(tree: dict[str, Any]) -> Output:
    return Output(
        format=tree["format"],
        path=tree["path"],
        status=Status(tree["status"]),
        run=int(tree["run"]),
        key=tree["key"],
        size=tree.get("size"),
        sha256=tree.get("sha256"),
        reason=tree.get("reason"),
    )


def _input_entry(tree: dict[str, Any]) -> InputEntry:
    return InputEntry(
        input=tree["input"],
        sha256=tree["sha256"],
        outputs=tuple(_output(item) for item in tree["outputs"]),
        warnings=tuple(tree["warnings"]),
        reason=tree.get("reason"),
    )


def _digest_entry(tree: dict[str, Any]) -> DigestEntry:
    return DigestEntry(
        title=tree["title"],
        sources=tuple(
            Source(item["input"], item["sha256"], Status(item["status"]), tuple(item["warnings"]), item.get("reason"))
            for item in tree["sources"]
        ),
        outputs=tuple(_output(item) for item in tree["outputs"]),
        warnings=tuple(tree["warnings"]),
        reason=tree.get("reason"),
    )
