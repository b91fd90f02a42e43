"""``chinaai-learn stats`` as a learner and a script run it: a table, --json, and clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from chinaai_learn.progress import Answer, CardScheduler, ProgressStore

from ..conftest import ROOT
from .conftest import T0, answer, write_bank

NOW = {"CHINAAI_LEARN_NOW": T0.isoformat()}  # 2025-03-01T09:00:00+01:00


def stats(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    inherited = {k: v for k, v in os.environ.items() if k != "CHINAAI_LEARN_PROGRESS"}
    full_env = {**inherited, **NOW, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "stats", *args],
        capture_output=True, text=True, env=full_env, cwd=ROOT, timeout=120,
    )  # fmt: skip


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    bank = write_bank(tmp_path / "bank", alpha=5, beta=3)
    path = tmp_path / "progress.sqlite3"
    with ProgressStore.open(path, scheduler=CardScheduler(fuzzing=False)) as store:
        store.record(answer("alpha-1", T0 - timedelta(days=2), correct=False))  # due since Thursday
        store.record(answer("alpha-2", T0 - timedelta(days=1)))
        store.record(answer("alpha-2", T0 - timedelta(days=1) + timedelta(minutes=10)))  # due Sunday 09:10
        store.record(answer("beta-1", T0 - timedelta(minutes=30)))  # today; due at 08:40
    return bank, path


def test_the_table_shows_each_topic_and_the_total(setup: tuple[Path, Path]) -> None:
    bank, path = setup
    result = stats("--bank", str(bank), "--progress", str(path), "--lang", "en")
    assert result.returncode == 0, result.stderr
    rows = {
        line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[2:] if line[:1].isalpha()
    }
    assert rows["alpha"] == ["2/5", "67", "%", "1", "2", "2", "days"]
    assert rows["beta"] == ["1/3", "100", "%", "1", "1", "1", "day"]
    assert rows["total"] == ["3/8", "75", "%", "2", "3", "3", "days"]
    assert str(path) in result.stdout
    assert "reviews are due now" in result.stdout


def test_json_for_scripts(setup: tuple[Path, Path]) -> None:
    bank, path = setup
    result = stats("--bank", str(bank), "--json", "--lang", "en", env={"CHINAAI_LEARN_PROGRESS": str(path)})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["store"] == str(path)
    alpha, beta = data["topics"]
    assert alpha == {
        "topic_id": "alpha", "title": "Alpha", "seen": 2, "total": 5, "answers": 3, "correct": 2,
        "accuracy": 0.6667, "due_today": 1, "due_week": 2, "streak_days": 2, "score": 2.0,
    }  # fmt: skip
    assert (beta["seen"], beta["due_today"], beta["streak_days"]) == (1, 1, 1)
    assert data["total"]["seen"] == 3
    assert data["total"]["total"] == 8
    assert data["total"]["streak_days"] == 3
    assert data["next_due"].startswith("2025-02-27T")
    assert data["retired_questions"] == 0
    assert data["accuracy_definition"].startswith("points per answer")


def test_topics_can_be_chosen_and_typos_are_caught(setup: tuple[Path, Path]) -> None:
    bank, path = setup
    only = json.loads(stats("--bank", str(bank), "--progress", str(path), "--json", "--topic", "beta").stdout)
    assert [t["topic_id"] for t in only["topics"]] == ["beta"]
    typo = stats("--bank", str(bank), "--progress", str(path), "--topic", "alhpa")
    assert typo.returncode == 2
    assert "did you mean 'alpha'" in typo.stderr
    assert "Traceback" not in typo.stderr


def test_no_store_yet_shows_zero_progress_and_creates_nothing(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank", alpha=2)
    missing = tmp_path / "data" / "progress.sqlite3"
    result = stats("--bank", str(bank), "--progress", str(missing), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "0/2" in result.stdout
    assert "no answers recorded yet" in result.stdout
    assert not missing.parent.exists()


def test_a_damaged_store_is_kept_aside_with_a_warning(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank", alpha=2)
    path = tmp_path / "progress.sqlite3"
    path.write_text("not sqlite")
    result = stats("--bank", str(bank), "--progress", str(path))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "warning:" in result.stderr
    assert "damaged-" in result.stderr
    [kept] = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert kept.read_text() == "not sqlite"


def test_an_impossible_store_location_is_a_clear_error(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank", alpha=2)
    blocker = tmp_path / "file"
    blocker.write_text("x")  # a regular file where a folder should be: unwritable even for root
    result = stats("--bank", str(bank), "--progress", str(blocker / "sub" / "progress.sqlite3"))
    assert result.returncode == 2
    assert "cannot be created there" in result.stderr
    assert "--progress PATH" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_fixed_clock_is_a_clear_error(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank", alpha=2)
    result = stats(
        "--bank", str(bank), "--progress", str(tmp_path / "p.sqlite3"), env={"CHINAAI_LEARN_NOW": "soon"}
    )
    assert result.returncode == 2
    assert "CHINAAI_LEARN_NOW" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_table_speaks_german_by_default_and_counts_partial_credit_as_the_quiz_does(
    tmp_path: Path,
) -> None:
    bank = write_bank(tmp_path / "bank", alpha=2)
    path = tmp_path / "progress.sqlite3"
    with ProgressStore.open(path, scheduler=CardScheduler(fuzzing=False)) as store:
        store.record(answer("alpha-1", T0 - timedelta(days=1)))
        store.record(Answer("alpha-2", "alpha", False, 0.5, T0 - timedelta(days=1)))  # partly right
    result = stats("--bank", str(bank), "--progress", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["Thema", "gesehen", "Punkte", "heute", "fällig", "Woche", "Serie"]
    assert lines[2].split() == ["alpha", "2/2", "75", "%", "2", "2", "1", "Tag"]  # the quiz: 1,5 of 2 points
    assert "teilweise richtige zählen anteilig" in result.stdout
    assert all(len(line) <= 80 for line in lines[4:])
