"""``chinaai-learn quiz``: bad input is reported before the app opens; options pre-fill the app."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from datetime import timedelta

import pytest

from chinaai_learn.cli import main
from chinaai_learn_tui.app import QuizApp

from ..conftest import DATA, ROOT

QUIZBANK = str(DATA / "quizbank")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "quiz", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "TERM": "dumb"},
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_a_bank_that_fails_to_load_is_reported_and_the_quiz_does_not_open(tmp_path):
    (tmp_path / "sources.yaml").write_text((DATA / "quizbank" / "sources.yaml").read_text(encoding="utf-8"))
    (tmp_path / "broken.yaml").write_text(
        "topic: {id: broken, title: Kaputt}\nquestions:\n  - id: x\n    typ: numeric\n"
    )
    result = run_cli("--bank", str(tmp_path), "--start")
    assert result.returncode == 2
    assert "broken.yaml:3:5: [x]" in result.stderr  # the loader's report: file, line, column, question
    assert "1 problem found." in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_an_unknown_topic_gets_a_suggestion():
    result = run_cli("--bank", QUIZBANK, "--topic", "gods-ey")
    assert result.returncode == 2
    # The same wording as worksheet and export: the option, the word, a suggestion, the choices.
    assert "--topic gods-ey: unknown topic (did you mean 'gods-eye'?); choose from:" in result.stderr


def test_filters_that_match_nothing_say_so_before_the_quiz_opens(tmp_path):
    shutil.copytree(DATA / "quizbank", tmp_path, dirs_exist_ok=True)
    shutil.copy(DATA / "quizbank-extra" / "prices.yaml", tmp_path)  # one question, difficulty 1
    result = run_cli("--bank", str(tmp_path), "--topic", "prices", "--difficulty", "3", "--start")
    assert result.returncode == 2
    assert "no questions match (topic prices; difficulty 3)" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("count", ["0", "-2", "drei"])
def test_a_bad_count_is_an_option_error(count):
    result = run_cli("--bank", QUIZBANK, "--count", count)
    assert result.returncode == 2
    assert "--count" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("minutes", "says"),
    [
        ("0", "argument --minutes: 0 is too small: give at least 1"),
        ("-3", "argument --minutes: -3 is too small: give at least 1"),
        ("zehn", "argument --minutes: 'zehn' is not a whole number"),
        ("2.5", "argument --minutes: '2.5' is not a whole number"),
    ],
)
def test_a_bad_time_limit_is_an_option_error(minutes, says):
    result = run_cli("--bank", QUIZBANK, "--minutes", minutes, "--start")
    assert result.returncode == 2
    assert says in result.stderr
    assert "usage: chinaai-learn quiz" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def headless(seen: list):
    """A stand-in for QuizApp.run that runs the real app without a terminal and records what it shows."""

    def run(self: QuizApp) -> None:
        async def go() -> None:
            async with self.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                seen.append((type(self.screen).__name__, self.settings, self.lang, self.session))
                await pilot.press("ctrl+q", "j")
                await pilot.pause()

        asyncio.run(go())

    return run


def test_options_pre_fill_the_quiz_and_start_skips_the_start_screen(monkeypatch):
    seen: list = []
    monkeypatch.setattr(QuizApp, "run", headless(seen))
    options = [
        "--topic",
        "gods-eye",
        "--lang",
        "en",
        "--mode",
        "exam",
        "--count",
        "3",
        "--seed",
        "4",
        "--difficulty",
        "2",
    ]
    code = main(["quiz", "--bank", QUIZBANK, *options, "--start"])
    assert code == 0
    [(screen, settings, lang, session)] = seen
    assert screen == "QuestionScreen"
    assert lang == "en"
    assert (settings.topics, settings.difficulties, settings.count, settings.seed, settings.mode) == (
        ("gods-eye",),
        (2,),
        3,
        4,
        "exam",
    )
    assert session.total == 3
    assert {q.difficulty for q in session.questions} == {2}


def test_without_start_the_start_screen_opens_and_a_seed_is_chosen(monkeypatch):
    seen: list = []
    monkeypatch.setattr(QuizApp, "run", headless(seen))
    assert main(["quiz", "--bank", QUIZBANK]) == 0
    [(screen, settings, lang, session)] = seen
    assert screen == "StartScreen"
    assert session is None
    assert lang == "de"
    assert isinstance(settings.seed, int)


def test_type_asks_only_questions_of_that_type(monkeypatch):
    seen: list = []
    monkeypatch.setattr(QuizApp, "run", headless(seen))
    assert main(["quiz", "--bank", QUIZBANK, "--type", "true_false", "--type", "numeric", "--start"]) == 0
    [(_screen, settings, _lang, session)] = seen
    assert settings.types == ("true_false", "numeric")
    assert {q.type for q in session.questions} == {"true_false", "numeric"}


def test_an_unknown_type_lists_the_types():
    result = run_cli("--bank", QUIZBANK, "--type", "essay")
    assert result.returncode == 2
    assert "invalid choice: 'essay'" in result.stderr
    assert "short_answer" in result.stderr
    assert "Traceback" not in result.stderr


def test_minutes_set_the_time_limit_of_the_quiz(monkeypatch):
    seen: list = []
    monkeypatch.setattr(QuizApp, "run", headless(seen))
    assert main(["quiz", "--bank", QUIZBANK, "--minutes", "5", "--start"]) == 0
    [(_screen, settings, _lang, session)] = seen
    assert settings.minutes == 5
    assert session.time_limit == timedelta(minutes=5)
