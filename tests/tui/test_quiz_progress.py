"""The quiz with a progress store: due and mistakes modes, due counts, rating keys, resume, next review."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from chinaai_learn.progress import Answer, CardScheduler, ProgressStore, Rating
from chinaai_learn.session import QuizSettings
from chinaai_learn_tui.app import create_app
from chinaai_learn_tui.screens.confirm_screen import ConfirmScreen
from chinaai_learn_tui.screens.feedback_screen import FeedbackScreen
from chinaai_learn_tui.screens.question_screen import QuestionScreen
from chinaai_learn_tui.screens.results_screen import ResultsScreen
from chinaai_learn_tui.screens.start_screen import StartScreen

from ..conftest import ROOT
from .quiz_pilot import FIXED_TIME, SIZE, answer_keys, fixed_clock, run, visible_text

DAY = timedelta(days=1)


@pytest.fixture
def store(tmp_path: Path):
    with ProgressStore.open(tmp_path / "progress.sqlite3", scheduler=CardScheduler(fuzzing=False)) as opened:
        yield opened


def answered(store: ProgressStore, qid: str, days_ago: float, correct: bool) -> None:
    store.record(Answer(qid, "gods-eye", correct, float(correct), FIXED_TIME - days_ago * DAY))


def app_for(quizbank, store, *, start: bool = True, **settings):
    settings.setdefault("seed", 1)
    return create_app(
        quizbank, QuizSettings(**settings), start=start, clock=fixed_clock, cursor_blink=False, store=store
    )


def test_the_start_screen_offers_due_and_mistakes_and_counts_due_reviews(quizbank, store):
    answered(store, "qb-tier-b-tops", 3, False)
    answered(store, "qb-first-model", 2, False)
    app = app_for(quizbank, store, start=False)

    async def scenario(pilot):
        assert isinstance(app.screen, StartScreen)
        text = visible_text(app)
        assert "BYDs „Auge Gottes“ (8) · 2 fällig" in text
        assert "( ) Fällige Wiederholungen" in text
        assert "( ) Meine Fehler (zuletzt falsch)" in text
        await pilot.press("tab", "tab", "down", "down", "space")  # mode: due reviews
        assert "Fällige Fragen: 8 (Wiederholungen, dann neue); gefragt werden: 8." in visible_text(app)
        await pilot.press("down", "space")  # mode: my mistakes
        assert "Zuletzt falsch beantwortet: 2; gefragt werden: 2." in visible_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert [q.id for q in app.session.questions] == [
            "qb-first-model",
            "qb-tier-b-tops",
        ]  # latest mistake first

    run(app, scenario)


def test_due_mode_asks_the_most_overdue_review_first_and_feedback_shows_the_rating(quizbank, store):
    answered(store, "qb-tier-b-tops", 2, False)
    answered(store, "qb-first-model", 5, False)
    app = app_for(quizbank, store, mode="due", count=3)

    async def scenario(pilot):
        assert [q.id for q in app.session.questions] == [
            "qb-first-model",
            "qb-tier-b-tops",
            "qb-tier-b-model",
        ]
        await pilot.press(*answer_keys(app.session, right=True))
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        text = visible_text(app)
        assert "Bewertung: Gut · wieder fällig in 10 Minuten" in text
        assert "4 Leicht" in text
        await pilot.press("4")  # the learner knew it well
        await pilot.pause()
        assert "Bewertung: Leicht · wieder fällig in " in visible_text(app)
        [review] = [r for r in store.reviews("qb-first-model") if r.answered_at == FIXED_TIME]
        assert (review.rating, review.graded_rating) == (Rating.Easy, Rating.Good)
        assert store.card("qb-first-model").due - FIXED_TIME > DAY  # type: ignore[union-attr]

    run(app, scenario)


def test_mistakes_mode_with_nothing_missed_says_so_and_stays_on_the_start_screen(quizbank, store):
    answered(store, "qb-tier-b-tops", 1, True)
    app = app_for(quizbank, store, mode="mistakes")

    async def scenario():
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
            assert app.session is None
            assert "Keine Fehler zum Üben in diesen Themen." in visible_text(app)  # the notification

    asyncio.run(scenario())


def test_an_unfinished_quiz_is_offered_again_and_resumes_where_it_stopped(quizbank, store):
    first = app_for(quizbank, store, count=4)
    asked = []

    async def answer_two_then_quit(pilot):
        asked.extend(q.id for q in first.session.questions)
        for _ in range(2):
            await pilot.press(*answer_keys(first.session, right=False))
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(first.screen, QuestionScreen)
        first.exit(0)  # closed in the middle (Ctrl+Q, a closed window or a crash: the store is the same)

    run(first, answer_two_then_quit)
    assert [r.question_id for r in store.reviews()] == asked[:2]

    second = app_for(quizbank, store, start=False, lang="en")

    async def resume(pilot):
        assert isinstance(second.screen, ConfirmScreen)
        text = visible_text(second)  # asked in the language the app was started in
        assert "Resume your unfinished quiz?" in text
        assert "2 of 4 questions answered" in text
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(second.screen, QuestionScreen)
        assert [q.id for q in second.session.questions] == asked[2:]
        assert second.session.lang == "de"  # the resumed quiz keeps its own settings
        for _ in range(2):
            await pilot.press(*answer_keys(second.session, right=True))
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(second.screen, ResultsScreen)
        assert "Nächste Wiederholung: in 10 Minuten" in visible_text(second)

    run(second, resume)
    assert [r.question_id for r in store.reviews()] == asked
    assert store.unfinished_sessions() == []


def test_declining_to_resume_forgets_the_quiz_but_keeps_its_answers(quizbank, store):
    store.begin_session(
        ["qb-tier-b-tops", "qb-first-model"], {"mode": "practice", "lang": "de"}, at=FIXED_TIME
    )
    answered(store, "qb-tier-b-tops", 0, True)
    app = app_for(quizbank, store, start=False)

    async def decline(pilot):
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)

    run(app, decline)
    assert store.unfinished_sessions() == []
    assert len(store.reviews()) == 1


def test_the_results_screen_says_when_the_next_review_is_due(quizbank, store):
    app = app_for(quizbank, store, count=1, mode="exam")

    async def scenario(pilot):
        await pilot.press(*answer_keys(app.session, right=False))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "Nächste Wiederholung: in 1 Minute" in visible_text(app)
        await pilot.press("f2")
        assert "Next review: in 1 minute" in visible_text(app)

    run(app, scenario)


def test_a_quiz_killed_mid_way_loses_no_answer_and_is_offered_for_resume(quizbank, tmp_path):
    path = tmp_path / "progress.sqlite3"
    driver = Path(__file__).with_name("quiz_kill_driver.py")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tui")])}
    quiz = subprocess.Popen(
        [sys.executable, str(driver), str(path), "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    answered_ids = [quiz.stdout.readline().split()[1] for _ in range(2)]  # type: ignore[union-attr]
    quiz.send_signal(signal.SIGKILL)
    quiz.wait(timeout=60)

    with ProgressStore.open(path) as store:
        assert [r.question_id for r in store.reviews()] == answered_ids
    with ProgressStore.open(path) as store:
        app = app_for(quizbank, store, start=False)

        async def resume(pilot):
            assert isinstance(app.screen, ConfirmScreen)
            assert "2 von 4 Fragen beantwortet" in visible_text(app)
            await pilot.press("j")
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            assert app.session.total == 2
            assert not {q.id for q in app.session.questions} & set(answered_ids)

        run(app, resume)
