"""Starting, tracking and resuming quiz sessions with a store, in every mode."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from chinaai_learn.bank import Bank
from chinaai_learn.loading import load_bank
from chinaai_learn.progress import ProgressRecorder, ProgressStore
from chinaai_learn.progress.quiz_link import (
    NothingScheduledError,
    resumable,
    resume_quiz,
    settings_from_record,
    settings_record,
    start_quiz,
)
from chinaai_learn.session import QuizSettings

from .conftest import T0, answer, write_bank


def clock():
    return T0


def test_a_practice_quiz_is_remembered_until_it_is_finished(store: ProgressStore, bank: Bank) -> None:
    recorder = ProgressRecorder(store, clock=clock)
    settings = QuizSettings(topics=("alpha",), count=2, seed=7, lang="en")
    session = start_quiz(store, recorder, bank, settings, T0, clock=clock)
    [unfinished] = store.unfinished_sessions()
    assert list(unfinished.question_ids) == [q.id for q in session.questions]
    assert settings_from_record(unfinished.settings) == settings
    session.submit(True)
    session.submit(False)
    assert store.unfinished_sessions() == []
    assert len(store.reviews()) == 2


def test_resume_asks_the_rest_with_the_same_settings(store: ProgressStore, bank: Bank) -> None:
    first = ProgressRecorder(store, clock=clock)
    settings = QuizSettings(count=4, seed=2, mode="exam", lang="en")
    session = start_quiz(store, first, bank, settings, T0, clock=clock)
    session.submit(True)  # then the app was closed

    unfinished = resumable(store, bank)
    assert unfinished is not None
    assert unfinished.position == 1
    again = ProgressRecorder(store, clock=clock)
    rest, restored = resume_quiz(again, bank, unfinished, clock=clock)
    assert restored == settings
    assert rest.mode == "exam"
    assert rest.lang == "en"
    assert [q.id for q in rest.questions] == [q.id for q in session.questions[1:]]
    assert rest.seed == session.seed  # so shuffled choices come back in the order first shown
    assert [rest.layout(q) for q in rest.questions] == [session.layout(q) for q in session.questions[1:]]
    for _ in range(3):
        rest.submit(True)
    assert resumable(store, bank) is None
    assert [r.position for r in store.reviews(session_id=unfinished.id)] == [1, 2, 3, 4]


def test_questions_that_left_the_bank_are_skipped_on_resume(
    store: ProgressStore, bank: Bank, tmp_path: Path
) -> None:
    recorder = ProgressRecorder(store, clock=clock)
    store.begin_session(["alpha-1", "alpha-5", "alpha-2"], settings_record(QuizSettings()), at=T0)
    smaller = load_bank(write_bank(tmp_path / "smaller", alpha=4, beta=1))  # alpha-5 was removed
    unfinished = resumable(store, smaller)
    assert unfinished is not None
    rest, _ = resume_quiz(recorder, smaller, unfinished, clock=clock)
    assert [q.id for q in rest.questions] == ["alpha-1", "alpha-2"]
    rest.submit(True)
    [now_unfinished] = store.unfinished_sessions()
    assert now_unfinished.question_ids == ("alpha-1", "alpha-2")
    assert now_unfinished.position == 1


def test_an_unfinished_quiz_of_vanished_questions_is_not_offered(
    store: ProgressStore, tmp_path: Path
) -> None:
    store.begin_session(["gone-1", "gone-2"], {}, at=T0)
    assert resumable(store, load_bank(write_bank(tmp_path / "b", alpha=1))) is None


def test_due_mode_starts_with_the_due_reviews(store: ProgressStore, bank: Bank) -> None:
    store.record(answer("beta-3", T0 - timedelta(days=2), correct=False))
    recorder = ProgressRecorder(store, clock=clock)
    session = start_quiz(store, recorder, bank, QuizSettings(mode="due", count=2), T0, clock=clock)
    assert [q.id for q in session.questions] == ["beta-3", "alpha-1"]
    assert session.feedback_after_each
    assert session.hints_allowed


def test_nothing_to_ask_in_a_scheduling_mode_says_when_the_next_review_is(
    store: ProgressStore, bank: Bank
) -> None:
    due = store.record(answer("alpha-1", T0)).due
    recorder = ProgressRecorder(store, clock=clock)
    with pytest.raises(NothingScheduledError) as caught:
        start_quiz(store, recorder, bank, QuizSettings(mode="mistakes"), T0, clock=clock)
    assert caught.value.next_due == due
    assert "no mistakes" in str(caught.value)
    assert store.unfinished_sessions() == []


def test_unreadable_settings_fall_back_to_defaults() -> None:
    assert settings_from_record({"mode": "karaoke", "lang": "en", "colour": "red"}) == QuizSettings(lang="en")
    assert settings_from_record({"count": 3, "topics": ["alpha"]}) == QuizSettings(count=3, topics=("alpha",))
