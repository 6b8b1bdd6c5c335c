"""The record of a run, `OUT/manifest.json`: what each input became, and what can be skipped next time."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from convert.atomic import write_atomically
from convert.jsonlayout import laid_out

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True, slots=True)
class WrittenOutput:
    """One output file as written: where (relative to the output folder), in what format, its bytes."""

    path: str
    format: str
    size: int
    sha256: str


@dataclass(slots=True)
class Entry:
    """What became of one input, or of the digest."""

    input: str
    sha256: str
    key: str
    """Digest of everything the outputs depend on: input bytes, style, options, version."""
    status: str
    """"converted", "skipped" or "failed"."""
    outputs: list[WrittenOutput] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def job_key(*parts: str) -> str:
    """One key for everything an output depends on."""
    return sha256_of("\x1f".join(parts).encode("utf-8"))


def load_manifest(out_dir: Path) -> dict[str, Entry]:
    """The entries of the last run by input, or none when there is no readable manifest."""
    try:
        tree = json.loads((out_dir / MANIFEST_NAME).read_bytes())
        if tree.get("version") != MANIFEST_VERSION:
            return {}
        return {item["input"]: _entry(item) for item in [*tree["inputs"], *tree.get("digests", [])]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def still_current(entry: Entry | None, key: str, out_dir: Path) -> bool:
    """True when an entry was converted with the same key and its outputs are still the bytes written."""
    if entry is None or entry.key != key or entry.status == "failed" or not entry.outputs:
        return False
    for output in entry.outputs:
        path = out_dir / output.path
        try:
            if path.stat().st_size != output.size or sha256_of(path.read_bytes()) != output.sha256:
                return False
        except OSError:
            return False
    return True


def save_manifest(out_dir: Path, tool: str, inputs: list[Entry], digests: list[Entry], interrupted: bool) -> None:
    """Write the manifest atomically; entries sorted so that the same run gives the same bytes."""
    tree: dict[str, Any] = {
        "version": MANIFEST_VERSION,
        "tool": tool,
        "complete": not interrupted,
        "inputs": [_tree(entry) for entry in sorted(inputs, key=lambda entry: entry.input)],
        "digests": [_tree(entry) for entry in sorted(digests, key=lambda entry: entry.input)],
    }
    data = laid_out(tree, _is_entry) + "\n"
    write_atomically(out_dir / MANIFEST_NAME, data.encode("utf-8"))


def _is_entry(tree: dict[str, object]) -> bool:
    """An input's or a digest's entry is written whole, on one line."""
    return "input" in tree


def _tree(entry: Entry) -> dict[str, Any]:
    tree: dict[str, Any] = {
        "input": entry.input,
        "sha256": entry.sha256,
        "key": entry.key,
        "status": entry.status,
        "outputs": [
            {"path": output.path, "format": output.format, "size": output.size, "sha256": output.sha256}
            for output in entry.outputs
        ],
        "warnings": entry.warnings,
    }
    if entry.error is not None:
        tree["error"] = entry.error
    return tree


def _entry(tree: dict[str, Any]) -> Entry:
    return Entry(
        input=tree["input"],
        sha256=tree["sha256"],
        key=tree["key"],
        status=tree["status"],
        outputs=[WrittenOutput(**item) for item in tree["outputs"]],
        warnings=list(tree["warnings"]),
        error=tree.get("error"),
    )
