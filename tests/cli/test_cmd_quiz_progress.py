"""``chinaai-learn quiz`` with the progress store: where it is, what goes wrong, what is saved."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from chinaai_learn.cli import main
from chinaai_learn.progress import Answer, ProgressStore
from chinaai_learn_tui.app import QuizApp

from ..conftest import DATA, ROOT
from ..tui.quiz_pilot import answer_keys, visible_text

QUIZBANK = str(DATA / "quizbank")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "quiz", "--bank", QUIZBANK, *args],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "TERM": "dumb"},
        stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


def headless(seen: list, answers: int = 0):
    """Run the real app without a terminal: answer ``answers`` questions wrong, note what was shown, quit."""

    def run(self: QuizApp) -> None:
        async def go() -> None:
            async with self.run_test(size=(80, 24), notifications=True) as pilot:
                await pilot.pause()
                seen.append((type(self.screen).__name__, self.session, visible_text(self)))
                for _ in range(answers):
                    await pilot.press(*answer_keys(self.session, right=False))
                    await pilot.pause()
                    await pilot.press("enter")
                    await pilot.pause()
                await pilot.press("ctrl+q", "j")
                await pilot.pause()

        asyncio.run(go())

    return run


def test_answers_go_to_the_store_named_by_progress(tmp_path: Path, monkeypatch) -> None:
    seen: list = []
    monkeypatch.setattr(QuizApp, "run", headless(seen, answers=2))
    path = tmp_path / "mine.sqlite3"
    assert (
        main(["quiz", "--bank", QUIZBANK, "--progress", str(path), "--count", "3", "--seed", "2", "--start"])
        == 0
    )
    [(_screen, session, _)] = seen
    with ProgressStore.open(path) as store:
        assert [r.question_id for r in store.reviews()] == [q.id for q in session.questions[:2]]
        assert [r.correct for r in store.reviews()] == [False, False]
        assert store.unfinished_sessions()[0].position == 2  # quit after two of three: resumable


def test_without_progress_the_environment_names_the_store(isolated_progress_store: Path, monkeypatch) -> None:
    monkeypatch.setattr(QuizApp, "run", headless([], answers=1))
    assert main(["quiz", "--bank", QUIZBANK, "--count", "1", "--start"]) == 0
    with ProgressStore.open(isolated_progress_store) as store:
        assert len(store.reviews()) == 1


def test_the_mistakes_mode_asks_what_was_answered_wrong(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "p.sqlite3"
    with ProgressStore.open(path) as store:
        when = datetime.now(UTC) - timedelta(days=1)
        store.record(Answer("qb-first-model", "gods-eye", False, 0.0, when))
    seen: list = []
    monkeypatch.setattr(QuizApp, "run", headless(seen))
    assert main(["quiz", "--bank", QUIZBANK, "--progress", str(path), "--mode", "mistakes", "--start"]) == 0
    [(screen, session, _)] = seen
    assert screen == "QuestionScreen"
    assert [q.id for q in session.questions] == ["qb-first-model"]


def test_a_damaged_store_is_kept_aside_and_the_quiz_goes_on(tmp_path: Path, monkeypatch, capsys) -> None:
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"\x00garbage" * 512)
    seen: list = []
    monkeypatch.setattr(QuizApp, "run", headless(seen, answers=1))
    assert main(["quiz", "--bank", QUIZBANK, "--progress", str(path), "--count", "2", "--start"]) == 0
    assert "warning:" in capsys.readouterr().err
    [(screen, _, shown)] = seen
    assert screen == "QuestionScreen"
    assert "ließ sich nicht verwenden" in shown  # the quiz is in German: so is the notice
    assert "damaged-" in shown
    [kept] = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert kept.read_bytes() == b"\x00garbage" * 512
    with ProgressStore.open(path) as store:
        assert len(store.reviews()) == 1


def test_a_store_location_that_cannot_exist_is_a_clear_error_before_the_quiz_opens(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")  # a regular file where a folder should be: unwritable, even for root
    result = run_cli("--progress", str(blocker / "p.sqlite3"), "--start")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "cannot be created there" in result.stderr
    assert "--progress PATH" in result.stderr
    assert "Traceback" not in result.stderr


def test_nothing_to_practise_is_said_before_the_quiz_opens(tmp_path: Path) -> None:
    result = run_cli("--progress", str(tmp_path / "new.sqlite3"), "--mode", "mistakes", "--start")
    assert result.returncode == 2
    assert "no mistakes to practise" in result.stderr
    assert result.stdout == ""


def test_an_impossible_retention_is_an_option_error(tmp_path: Path) -> None:
    result = run_cli("--progress", str(tmp_path / "p.sqlite3"), "--retention", "1.5", "--start")
    assert result.returncode == 2
    assert "desired retention" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "p.sqlite3").exists()
