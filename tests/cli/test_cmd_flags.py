"""``chinaai-learn flags``: what learners flagged, as a list and as JSON, without creating a store."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from chinaai_learn.progress import ProgressStore

from ..conftest import DATA, ROOT
from ..tui.quiz_pilot import FIXED_TIME

QUIZBANK = str(DATA / "quizbank")


def flags_cli(store, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "flags", "--bank", QUIZBANK, "--progress", str(store), *args],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "TZ": "UTC"}, timeout=120,
    )  # fmt: skip


def test_flags_lists_every_flag_with_its_comment_and_says_which_left_the_bank(tmp_path):
    path = tmp_path / "p.sqlite3"
    with ProgressStore.open(path) as store:
        store.flag("qb-tier-b-tops", FIXED_TIME, comment="  Quelle sagt 254 TOPS ", lang="de")
        store.flag("gone-question", FIXED_TIME, lang="en")
    result = flags_cli(path)
    assert result.returncode == 0, result.stderr
    assert "2 flags, oldest first:" in result.stdout
    assert "  qb-tier-b-tops  2025-03-01 12:00  [de]\n      Quelle sagt 254 TOPS" in result.stdout
    assert "gone-question (no longer in the bank)" in result.stdout
    data = json.loads(flags_cli(path, "--json").stdout)
    assert data["flags"][0] == {
        "question_id": "qb-tier-b-tops", "flagged_at": "2025-03-01T12:00:00+00:00", "lang": "de",
        "comment": "Quelle sagt 254 TOPS", "in_bank": True,
    }  # fmt: skip
    assert data["flags"][1]["comment"] is None


def test_flags_on_a_store_that_does_not_exist_creates_nothing(tmp_path):
    result = flags_cli(tmp_path / "none.sqlite3")
    assert result.returncode == 0, result.stderr
    assert "no question has been flagged" in result.stdout
    assert list(tmp_path.iterdir()) == []
