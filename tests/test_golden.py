"""Golden files: the model of every sample article, as JSON, reviewed by a person when it changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from convert import read, render
from tests.corpus import SEEDS

GOLDEN = Path(__file__).parent / "golden"
SAMPLES = sorted(SEEDS.glob("*.txt"))


def test_every_sample_has_a_golden_file() -> None:
    assert len(SAMPLES) >= 8
    assert sorted(path.stem for path in GOLDEN.glob("*.json")) == [path.stem for path in SAMPLES]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_sample_model_matches_its_golden_file(sample: Path) -> None:
    data = render(read(sample), "json")
    golden = GOLDEN / f"{sample.stem}.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_bytes(data)
    assert data.decode("utf-8") == golden.read_text(encoding="utf-8")
