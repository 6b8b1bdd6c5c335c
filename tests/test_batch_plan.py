"""The plan of a batch, over random folder trees: no two outputs share a file on any file system,
no input is read twice, the output folder is never searched, and the rule ignores input order."""

from __future__ import annotations

import os
import random
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from convert.batch.discover import MANIFEST_NAME, find_inputs
from convert.batch.names import clash_key
from convert.batch.plan import plan_digest, plan_files

STEMS = ["a", "A", "a.txt", "A.TXT", "b", "manifest", "x-2", "x.txt-2", "x", "X", "caf\u00e9", "cafe\u0301"]
SUFFIXES = [".txt", ".TXT", ".json", ".txt.txt"]
FOLDERS = ["", "d", "D", "d/e", "a.json", "a", "out"]
FORMATS = {"json": ".json", "pdf": ".pdf", "epub": ".epub", "lower": ".txt"}


def same_file(path: str) -> str:
    """What a case-insensitive, normalising file system (macOS, Windows) sees of a path."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", path).casefold())


trees = st.lists(
    st.tuples(st.sampled_from(FOLDERS), st.sampled_from(STEMS), st.sampled_from(SUFFIXES)), min_size=1, max_size=14
)


def _build(root: Path, files: list[tuple[str, str, str]]) -> None:
    for folder, stem, suffix in files:
        path = root / "in" / folder / f"{stem}{suffix}"
        if any(parent.is_file() for parent in path.parents):
            continue  # a file where this one's folder would be
        if path.is_dir():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{folder}/{stem}{suffix}", encoding="utf-8")


@settings(max_examples=150)
@given(
    files=trees,
    formats=st.lists(st.sampled_from(sorted(FORMATS)), min_size=1, max_size=4, unique=True),
    taken=st.lists(st.sampled_from(["a.json", "A.pdf", "d/a.json", "x.txt.json", "d"]), max_size=3),
    seed=st.integers(0, 1000),
)
def test_no_two_outputs_share_a_file_and_no_input_is_read_twice(
    files: list[tuple[str, str, str]], formats: list[str], taken: list[str], seed: int
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        _build(root, files)
        out = root / "in" / "out"  # the output folder, inside the input folder
        found = find_inputs([os.fspath(root / "in"), os.fspath(root / "in")], os.fspath(out))
        identities = [(Path(item.path).stat().st_dev, Path(item.path).stat().st_ino) for item in found.inputs]
        assert len(identities) == len(set(identities))  # named twice, read once
        assert not [item for item in found.inputs if Path(item.path).resolve().is_relative_to(out.resolve())]
        wanted = {name: FORMATS[name] for name in formats}
        owners = {clash_key(path): "an earlier input" for path in taken}
        jobs, _ = plan_files(found.inputs, wanted, owners)
        paths = [target.relative for job in jobs for target in job.targets]
        keys = [same_file(path) for path in paths]
        assert len(keys) == len(set(keys))
        every = [*keys, *(same_file(path) for path in taken)]
        folders = {"/".join(key.split("/")[:depth]) for key in every for depth in range(1, key.count("/") + 1)}
        reserved = {same_file(path) for path in taken} | {same_file(MANIFEST_NAME)}
        assert not set(keys) & (folders | reserved)
        shuffled = list(found.inputs)
        random.Random(seed).shuffle(shuffled)
        again, _ = plan_files(shuffled, wanted, owners)
        assert {job.input: job.targets for job in again} == {job.input: job.targets for job in jobs}


@given(
    title=st.sampled_from(["manifest", "Manifest", "a", "News digest"]),
    taken=st.lists(st.sampled_from(["a.json", "manifest-2.json"])),
)
def test_a_digest_never_takes_the_manifests_name_or_another_output(title: str, taken: list[str]) -> None:
    owners = {clash_key(path): "an earlier input" for path in taken}
    targets, _ = plan_digest(title.lower(), title, {"json": ".json", "pdf": ".pdf"}, owners)
    keys = {same_file(target.relative) for target in targets}
    assert len(keys) == 2
    assert not keys & ({same_file(path) for path in taken} | {same_file(MANIFEST_NAME)})
