"""``chinaai-learn mark`` given a damaged or wrong manifest: a message naming the file and the place, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from ..conftest import ROOT

# A manifest as `worksheet` writes it (indented JSON), with one question's number given as text.
WRONG_TYPE = json.dumps(
    {
        "format": "chinaai-learn-worksheet-manifest",
        "versions": [
            {
                "label": "A",
                "questions": [
                    {"number": 1, "id": "q1", "type": "true_false", "shown_order": []},
                    {"number": "2", "id": "q2", "type": "single_choice", "shown_order": [1, 0, 2]},
                ],
            }
        ],
    },
    indent=2,
)
WRONG_TYPE_LINE = next(n for n, line in enumerate(WRONG_TYPE.splitlines(), 1) if '"number": "2"' in line)

DAMAGED = {
    # name: (file content, where the message points, what it says)
    "cut-off JSON": (b'{"versions": [\n', ":2:1:", "not valid JSON"),
    "a list, not an object": (b"[]\n", ":1:1:", "the file should be a JSON object"),
    "versions missing": (b'{"title": "Quiz"}\n', ":1:1:", "versions is missing"),
    "versions not a list": (b'{"versions": {}}\n', ":1:2:", "versions should be a list"),
    "a number as text": (
        WRONG_TYPE.encode("utf-8"),
        f":{WRONG_TYPE_LINE}:",
        "versions[0].questions[1].number should be a whole number",
    ),
    "not UTF-8 (saved as UTF-16)": ("{}".encode("utf-16"), ":1:1:", "not UTF-8"),
    "Latin-1 in the title": ('{\n  "title": "Übung"\n}'.encode("latin-1"), ":2:13:", "not UTF-8"),
}


def run_mark(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "mark", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "scan.png"
    cv2.imwrite(str(path), np.full((400, 300, 3), 255, np.uint8))
    return path


@pytest.mark.parametrize("case", DAMAGED, ids=list(DAMAGED))
def test_a_damaged_manifest_is_named_with_its_place_and_nothing_is_written(
    case: str, scan: Path, tmp_path: Path
) -> None:
    content, place, problem = DAMAGED[case]
    manifest = tmp_path / "worksheet-manifest.json"
    manifest.write_bytes(content)
    out = tmp_path / "marked"
    result = run_mark(scan, "--manifest", manifest, "-o", out)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"--manifest {manifest}{place}" in result.stderr
    assert "not a worksheet manifest" in result.stderr
    assert problem in result.stderr
    assert "give the worksheet-manifest.json that was written with the answer sheets" in result.stderr
    assert not (out / "results.csv").exists()


def test_a_missing_manifest_is_named(scan: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "worksheet-manifest.json"
    result = run_mark(scan, "--manifest", manifest, "-o", tmp_path / "marked")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"--manifest {manifest}: no such file" in result.stderr
