"""Burying a question for today on the question screen (F4), and the start screen's new / learning / review counts."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from chinaai_learn.progress import Answer, CardScheduler, ProgressStore
from chinaai_learn.session import QuizSettings
from chinaai_learn_tui.app import create_app
from chinaai_learn_tui.screens.question_screen import QuestionScreen
from chinaai_learn_tui.screens.results_screen import ResultsScreen
from chinaai_learn_tui.screens.start_screen import StartScreen

from .quiz_pilot import FIXED_TIME, SIZE, answer_keys, run, visible_text

DAY = timedelta(days=1)


@pytest.fixture
def store(tmp_path: Path):
    with ProgressStore.open(tmp_path / "progress.sqlite3", scheduler=CardScheduler(fuzzing=False)) as opened:
        yield opened


def app_for(quizbank, store, *, start: bool = True, at=FIXED_TIME, **settings):
    settings.setdefault("seed", 1)
    return create_app(
        quizbank, QuizSettings(**settings), start=start, clock=lambda: at, cursor_blink=False, store=store
    )


def missed(store: ProgressStore, qid: str, days_ago: float) -> None:
    """A wrong answer: the question is in FSRS's learning steps and due a minute later."""
    store.record(Answer(qid, "gods-eye", False, 0.0, FIXED_TIME - days_ago * DAY))


def test_the_bury_key_takes_the_question_out_of_the_quiz_and_of_the_next_starts_counts(quizbank, store):
    missed(store, "qb-tier-b-tops", 3)
    missed(store, "qb-first-model", 2)
    before = app_for(quizbank, store, start=False)

    async def counts_before(pilot):
        assert "Neu 6 · Lernen 2 · Wiederholen 0" in visible_text(before)

    run(before, counts_before)

    app = app_for(quizbank, store, mode="due")

    async def bury_the_first(pilot):
        assert app.session.current.id == "qb-tier-b-tops"  # the most overdue comes first
        assert "Frage 1/8" in visible_text(app)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "qb-tier-b-tops" not in [q.id for q in app.session.questions]
        assert app.session.current.id == "qb-first-model"
        assert "Frage 1/7" in visible_text(app)
        [unfinished] = store.unfinished_sessions()  # a resume would not ask it either
        assert unfinished.question_ids == tuple(q.id for q in app.session.questions)
        app.exit(0)

    run(app, bury_the_first)

    after = app_for(quizbank, store, start=False)

    async def counts_after(pilot):
        text = visible_text(after)
        assert "Neu 6 · Lernen 1 · Wiederholen 0" in text
        assert "BYDs „Auge Gottes“ (8) · 1 fällig" in text  # the buried one is not due today

    run(after, counts_after)

    tomorrow = app_for(quizbank, store, start=False, at=FIXED_TIME + DAY)

    async def counts_tomorrow(pilot):
        assert "Lernen 2" in visible_text(tomorrow)  # back after midnight

    run(tomorrow, counts_tomorrow)


def test_counts_follow_the_chosen_difficulties(quizbank, store):
    missed(store, "qb-tier-b-tops", 3)
    app = app_for(quizbank, store, start=False, lang="en")
    level = quizbank.get("qb-tier-b-tops").difficulty

    async def scenario(pilot):
        assert "New 7 · Learning 1 · To review 0" in visible_text(app)
        await pilot.press("tab", "tab", "tab", *["down"] * (level - 1), "space")  # its difficulty off
        assert "Learning 0" in visible_text(app)

    run(app, scenario)


def test_burying_the_last_question_left_ends_the_quiz(quizbank, store):
    app = app_for(quizbank, store, count=2)

    async def scenario(pilot):
        await pilot.press(*answer_keys(app.session, right=True), "enter")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.session.results().asked == 1

    run(app, scenario)
    assert store.unfinished_sessions() == []


def test_burying_every_question_of_a_quiz_goes_back_to_the_start_screen_saying_so(quizbank, store):
    app = app_for(quizbank, store, count=1)

    async def scenario():
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("f4")
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
            assert "Alle übrigen Fragen sind für heute zurückgestellt." in visible_text(app)

    asyncio.run(scenario())


@pytest.mark.parametrize("with_store", [False, True])
def test_there_is_no_bury_key_in_an_exam_or_without_a_progress_store(quizbank, store, with_store):
    app = (
        app_for(quizbank, store, mode="exam")
        if with_store
        else create_app(quizbank, QuizSettings(seed=1), start=True, cursor_blink=False)
    )

    async def scenario(pilot):
        first = app.session.current.id
        await pilot.press("f4")
        await pilot.pause()
        assert app.session.current.id == first
        assert app.session.total == 8
        assert "Heute nicht" not in str(app.screen.query_one("Footer").render())

    run(app, scenario)
    assert store.buried(FIXED_TIME) == {}


def test_the_question_help_names_the_bury_key_only_where_it_works(quizbank, store):
    for app, named in (
        (app_for(quizbank, store, lang="en"), True),
        (app_for(quizbank, store, mode="exam", lang="en"), False),
    ):

        async def scenario(pilot, app=app, named=named):
            await pilot.press("f1")
            await pilot.pause()
            assert ("F4 (or Ctrl+S) buries the question for today" in visible_text(app)) is named

        run(app, scenario)
