"""Snapshots of the quiz at 80x24 on the fixed test bank (review the .svg diffs; --snapshot-update regenerates)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from chinaai_learn.model import QUESTION_TYPES
from chinaai_learn.progress import Answer, CardScheduler, ProgressStore
from chinaai_learn.progress.quiz_link import settings_record
from chinaai_learn.session import QuizSettings
from chinaai_learn_tui.app import create_app

from .quiz_pilot import FIXED_TIME, SIZE, answer_keys, fixed_clock


def answer(right_or_wrong: list[bool], then: tuple[str, ...] = ()):
    """run_before: answer the next questions right/wrong (continuing past feedback), then press ``then``."""

    async def run_before(pilot) -> None:
        app = pilot.app
        for right in right_or_wrong:
            await pilot.press(*answer_keys(app.session, right))
            await pilot.pause()
            if app.session.feedback_after_each:
                await pilot.press("enter")
                await pilot.pause()
        await pilot.press(*then)
        await pilot.pause()

    return run_before


def test_start_screen(snap_compare, make_app):
    assert snap_compare(make_app(start=False), terminal_size=SIZE)


def test_start_screen_in_english_with_options_from_the_command_line(snap_compare, make_app):
    app = make_app(start=False, lang="en", mode="exam", count=5, difficulties=(1, 2))
    assert snap_compare(app, terminal_size=SIZE)


@pytest.mark.parametrize("question_type", list(QUESTION_TYPES))
def test_question_screen(snap_compare, make_app, question_type):
    assert snap_compare(make_app(types=(question_type,)), terminal_size=SIZE)


def test_question_screen_in_english_with_a_partly_typed_cloze(snap_compare, make_app):
    app = make_app(types=("cloze",), lang="en")
    assert snap_compare(app, press=[*"lidar", "tab", "1"], terminal_size=SIZE)


def test_hint_removes_a_choice(snap_compare, make_app):
    assert snap_compare(make_app(types=("single_choice",)), press=["f3", "down"], terminal_size=SIZE)


def test_feedback_right_with_source_card(snap_compare, make_app):
    app = make_app(types=("numeric",))
    assert snap_compare(app, press=[*"254", "enter"], terminal_size=SIZE)


def test_feedback_in_english_shows_the_quote_and_its_translation(snap_compare, make_app):
    app = make_app(types=("numeric",), lang="en")
    assert snap_compare(app, press=[*"254", "enter"], terminal_size=SIZE)


def test_feedback_partly_right_with_two_sources(snap_compare, make_app):
    app = make_app(types=("ordering",))
    assert snap_compare(app, press=["enter"], terminal_size=SIZE)


def test_results_after_practice(snap_compare, make_app):
    app = make_app()
    assert snap_compare(
        app, run_before=answer([True, False, True, True, False, True, True, True]), terminal_size=SIZE
    )


def test_results_review_after_an_exam(snap_compare, make_app):
    app = make_app(mode="exam", count=3)
    assert snap_compare(app, run_before=answer([True, False, True]), terminal_size=SIZE)


def test_help_panel(snap_compare, make_app):
    assert snap_compare(make_app(types=("matching",)), press=["f1"], terminal_size=SIZE)


def test_quit_asks_first(snap_compare, make_app):
    assert snap_compare(make_app(types=("true_false",)), press=["ctrl+q"], terminal_size=SIZE)


def test_feedback_without_colour(snap_compare, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(types=("multiple_choice",))
    assert snap_compare(app, press=["1", "3", "enter"], terminal_size=SIZE)


@pytest.fixture
def berlin_time(monkeypatch):
    """The resume offer shows local times: fix the zone so the snapshot is the same everywhere."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def unfinished_store(path, quizbank):
    """A store holding a practice quiz of 4 left after 2 answers (one right) by a quiz that was closed."""
    store = ProgressStore.open(path, scheduler=CardScheduler(fuzzing=False))
    ids = [q.id for q in quizbank.questions][:4]
    session = store.begin_session(ids, settings_record(QuizSettings(count=4, seed=1)), at=FIXED_TIME)
    for position, qid in enumerate(ids[:2], start=1):
        right = position == 1
        store.record(
            Answer(qid, quizbank.topic_of(qid).id, right, float(right), FIXED_TIME), session_id=session.id,
            position=position,
        )  # fmt: skip
    return store


def test_resume_offer(snap_compare, quizbank, tmp_path, berlin_time):
    store = unfinished_store(tmp_path / "p.sqlite3", quizbank)
    app = create_app(quizbank, QuizSettings(seed=1), clock=fixed_clock, cursor_blink=False, store=store)
    assert snap_compare(app, terminal_size=SIZE)


def test_resume_offer_names_conflicting_options_in_english(snap_compare, quizbank, tmp_path, berlin_time):
    store = unfinished_store(tmp_path / "p.sqlite3", quizbank)
    app = create_app(
        quizbank, QuizSettings(seed=1, mode="exam", count=10, lang="en"), clock=fixed_clock, cursor_blink=False,
        store=store, asked_for=("mode", "count", "lang"),
    )  # fmt: skip
    assert snap_compare(app, terminal_size=SIZE)


def test_a_resumed_quiz_shows_its_place_and_score(snap_compare, quizbank, tmp_path, berlin_time):
    store = unfinished_store(tmp_path / "p.sqlite3", quizbank)
    app = create_app(quizbank, QuizSettings(seed=1), clock=fixed_clock, cursor_blink=False, store=store)
    assert snap_compare(app, press=["enter"], terminal_size=SIZE)


def test_flag_dialog_on_the_feedback(snap_compare, quizbank, tmp_path):
    store = ProgressStore.open(tmp_path / "p.sqlite3", scheduler=CardScheduler(fuzzing=False))
    app = create_app(
        quizbank, QuizSettings(seed=1, types=("numeric",)), start=True, clock=fixed_clock, cursor_blink=False,
        store=store,
    )  # fmt: skip
    assert snap_compare(app, press=[*"254", "enter", "m", *"Quelle?"], terminal_size=SIZE)


class _StillClock:
    """A clock for snapshots with a time limit: it moves only when the scenario says so."""

    def __init__(self) -> None:
        self.now = FIXED_TIME

    def __call__(self):
        return self.now


def _time_passes(seconds: int):
    """run_before: ``seconds`` go by with the app's heartbeat ticking, then the screen settles."""

    async def run_before(pilot) -> None:
        clock = pilot.app.clock
        for _ in range(seconds // 5):
            clock.now += timedelta(seconds=5)
            pilot.app.tick_clock()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("lang", ["de", "en"])
def test_question_screen_shows_the_time_left(snap_compare, quizbank, lang):
    app = create_app(
        quizbank,
        QuizSettings(types=("single_choice",), seed=1, lang=lang, minutes=10),
        start=True,
        clock=_StillClock(),
        cursor_blink=False,
    )
    assert snap_compare(app, run_before=_time_passes(7 * 60 + 25), terminal_size=SIZE)


def shipped_with_progress(path):
    """The shipped banks and a store with one review due, one question in learning and one buried today."""
    from chinaai_learn.loading import load_bank

    from ..conftest import SHIPPED_BANK

    bank = load_bank(SHIPPED_BANK)
    store = ProgressStore.open(path, scheduler=CardScheduler(fuzzing=False))
    first, second, third = (q.id for q in bank.questions[:3])
    for at in (FIXED_TIME - timedelta(days=10), FIXED_TIME - timedelta(days=10, minutes=-10)):
        store.record(Answer(first, bank.topic_of(first).id, True, 1.0, at))
    for qid in (second, third):
        store.record(Answer(qid, bank.topic_of(qid).id, False, 0.0, FIXED_TIME - timedelta(days=1)))
    store.bury(third, FIXED_TIME)
    return bank, store


@pytest.mark.parametrize(
    ("lang", "press"),
    [("de", []), ("en", ["down"] * 11)],  # in English, the cursor on the last topic scrolls it into view
    ids=["de", "en-last-topic"],
)
def test_start_screen_with_progress_shows_every_topic_and_what_is_left(snap_compare, tmp_path, lang, press):
    bank, store = shipped_with_progress(tmp_path / "p.sqlite3")
    app = create_app(bank, QuizSettings(lang=lang), clock=fixed_clock, cursor_blink=False, store=store)
    assert snap_compare(app, press=press, terminal_size=SIZE)
