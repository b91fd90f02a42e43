"""A quiz with a time limit, driven at 80x24 with a clock that moves only when the test says so."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from chinaai_learn.progress import CardScheduler, ProgressStore
from chinaai_learn.session import QuizSettings
from chinaai_learn_tui.app import create_app
from chinaai_learn_tui.screens.feedback_screen import FeedbackScreen
from chinaai_learn_tui.screens.question_screen import QuestionScreen
from chinaai_learn_tui.screens.results_screen import ResultsScreen
from chinaai_learn_tui.screens.start_screen import StartScreen

from .quiz_pilot import FIXED_TIME, answer_keys, run, visible_text


class ManualClock:
    def __init__(self) -> None:
        self.now = FIXED_TIME

    def __call__(self):
        return self.now


def let_time_pass(app, clock: ManualClock, seconds: int) -> None:
    """``seconds`` go by while the app is running: the clock moves and the app's heartbeat ticks."""
    for _ in range(seconds // 5):
        clock.now += timedelta(seconds=5)
        app.tick_clock()


def timed_app(quizbank, clock, *, store=None, start=True, **settings):
    settings.setdefault("seed", 1)
    return create_app(
        quizbank, QuizSettings(**settings), start=start, clock=clock, cursor_blink=False, store=store
    )


def status_line(app) -> str:
    return str(app.screen.query_one("QuizStatus").render())


@pytest.fixture
def store(tmp_path: Path):
    with ProgressStore.open(tmp_path / "progress.sqlite3", scheduler=CardScheduler(fuzzing=False)) as opened:
        yield opened


def test_the_time_runs_out_mid_question_the_answer_counts_and_the_results_say_why(quizbank, store):
    clock = ManualClock()
    app = timed_app(quizbank, clock, store=store, minutes=10)

    async def scenario(pilot):
        assert "noch 10:00" in status_line(app)
        await pilot.press(*answer_keys(app.session, right=True))
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        let_time_pass(app, clock, 9 * 60 + 30)
        await pilot.pause()
        assert "noch 0:30" in status_line(app)
        let_time_pass(app, clock, 60)  # the limit passes while the second question is on screen
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)  # not cut off
        assert "Zeit um: letzte Frage" in status_line(app)
        await pilot.press(*answer_keys(app.session, right=False))
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)  # its feedback is still shown
        footer = " ".join(
            b.binding.description for b in app.active_bindings.values() if b.enabled and b.binding.show
        )
        assert "Ergebnis" in footer
        assert "Weiter" not in footer
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = visible_text(app)
        assert "Zeit abgelaufen nach 10 Min.: gewertet ist, was beantwortet wurde (2 von 8 Fragen)." in text
        assert "von 2 Punkten" in text
        assert "1 ganz richtig" in text

    run(app, scenario)
    assert store.unfinished_sessions() == []  # ended by its time: nothing to offer for resume
    assert len(store.reviews()) == 2


def test_an_exam_in_english_goes_straight_to_the_results_when_its_time_is_up(quizbank):
    clock = ManualClock()
    app = timed_app(quizbank, clock, minutes=1, mode="exam", lang="en")

    async def scenario(pilot):
        assert "1:00 left" in status_line(app)
        let_time_pass(app, clock, 65)
        await pilot.pause()
        assert "time up: last one" in status_line(app)
        await pilot.press(*answer_keys(app.session, right=True))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert (
            "Time limit reached after 1 min: what was answered is scored (1 of 8 questions)."
            in visible_text(app)
        )

    run(app, scenario)


def test_the_start_screen_has_a_minutes_field_filled_in_by_the_option_and_it_sets_the_limit(quizbank):
    clock = ManualClock()
    app = timed_app(quizbank, clock, start=False, minutes=15)

    async def scenario(pilot):
        assert isinstance(app.screen, StartScreen)
        field = app.screen.query_one("#minutes")
        assert field.value == "15"
        assert str(field.border_title) == "Minuten"
        field.value = "3"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.time_limit == timedelta(minutes=3)
        assert "noch 3:00" in status_line(app)

    run(app, scenario)


def test_an_empty_minutes_field_means_no_limit(quizbank):
    clock = ManualClock()
    app = timed_app(quizbank, clock, start=False, lang="en")

    async def scenario(pilot):
        field = app.screen.query_one("#minutes")
        assert (field.value, str(field.border_title), str(field.placeholder)) == ("", "Minutes", "none")
        await pilot.press("s")
        await pilot.pause()
        assert app.session.time_limit is None
        assert "left" not in status_line(app)

    run(app, scenario)


def left_unfinished(quizbank, store, clock, *, minutes: int, used_seconds: int, lang: str = "de") -> None:
    """A timed quiz with one answer, ``used_seconds`` into its limit when its process went away."""
    from chinaai_learn.progress import ProgressRecorder
    from chinaai_learn.progress.quiz_link import start_quiz

    recorder = ProgressRecorder(store, clock=clock)
    session = start_quiz(
        store, recorder, quizbank, QuizSettings(seed=1, minutes=minutes, lang=lang), clock(), clock=clock
    )
    session.submit(None)
    clock.now += timedelta(seconds=used_seconds)
    recorder.renew(session.time_used())  # the last heartbeat before the kill
    recorder.release()  # no time saved here, as after kill -9 once the lease has expired
    clock.now += timedelta(hours=5)  # dead time


def test_a_resumed_quiz_offers_and_continues_with_the_time_that_was_left(quizbank, store):
    clock = ManualClock()
    left_unfinished(quizbank, store, clock, minutes=10, used_seconds=9 * 60 + 30)
    app = timed_app(quizbank, clock, store=store)

    async def scenario(pilot):
        assert "Zeitlimit 10 Min., davon noch 0:30 übrig." in visible_text(app)
        await pilot.press("enter")  # resume
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "Frage 2/8" in status_line(app)
        assert "noch 0:30" in status_line(app)  # not a fresh limit, and the five dead hours do not count

    run(app, scenario)


def test_a_resumed_quiz_whose_time_was_up_shows_its_results(quizbank, store):
    clock = ManualClock()
    left_unfinished(quizbank, store, clock, minutes=1, used_seconds=90, lang="en")
    app = timed_app(quizbank, clock, store=store, lang="en")

    async def scenario(pilot):
        assert "Time limit 1 min, 0:00 of it left." in visible_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert (
            "Time limit reached after 1 min: what was answered is scored (1 of 8 questions)."
            in visible_text(app)
        )

    run(app, scenario)
    assert store.unfinished_sessions() == []


def test_in_the_classroom_the_minutes_field_limits_the_learner_s_quiz_and_it_ends_in_time(quizbank, tmp_path):
    from chinaai_learn_tui.classroom import ClassroomApp

    clock = ManualClock()
    app = ClassroomApp(
        quizbank, QuizSettings(seed=1, lang="en"), classroom=tmp_path, clock=clock, cursor_blink=False
    )

    async def scenario(pilot):
        await pilot.press(*"Mia", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        app.screen.query_one("#minutes").value = "2"
        await pilot.press("s")
        await pilot.pause()
        assert "2:00 left" in status_line(app)
        let_time_pass(app, clock, 125)
        await pilot.press(*answer_keys(app.session, right=True))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert (
            "Time limit reached after 2 min: what was answered is scored (1 of 8 questions)."
            in visible_text(app)
        )

    run(app, scenario)
