"""Starting, tracking and resuming quiz sessions with a store, in every mode."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

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


def answered_record(question_id: str) -> SimpleNamespace:
    """What a session hands its recorder for a right answer (only the fields the recorder reads)."""
    return SimpleNamespace(
        question_id=question_id, topic_id="alpha", grade=SimpleNamespace(correct=True, score=1.0),
        hinted=False, answered_at=T0, lang="de", response=True,
    )  # fmt: skip


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


def test_resume_brings_back_the_whole_session_with_the_same_settings(
    store: ProgressStore, bank: Bank
) -> None:
    first = ProgressRecorder(store, clock=clock)
    settings = QuizSettings(count=4, seed=2, mode="exam", lang="en")
    session = start_quiz(store, first, bank, settings, T0, clock=clock)
    session.submit(True)
    session.submit(False)
    first.release()  # then the app was closed

    unfinished = resumable(store, bank)
    assert unfinished is not None
    assert unfinished.position == 2
    again = ProgressRecorder(store, clock=clock)
    resumed, restored = resume_quiz(again, bank, unfinished, clock=clock)
    assert restored == settings
    assert (resumed.mode, resumed.lang) == ("exam", "en")
    assert [q.id for q in resumed.questions] == [q.id for q in session.questions]
    assert (resumed.position, resumed.total, resumed.score) == (2, 4, 1.0)
    assert resumed.current == session.questions[2]
    assert [a.response for a in resumed.answers] == [True, False]
    assert [a.grade.correct for a in resumed.answers] == [True, False]
    for _ in range(2):
        resumed.submit(True)
    results = resumed.results()
    assert (results.asked, results.correct) == (4, 3)
    assert [a.question_id for a in results.mistakes] == [
        session.questions[1].id
    ]  # the answer before the break
    assert [q.id for q in resumed.retry_mistakes().questions] == [session.questions[1].id]
    assert resumed.seed == session.seed  # so shuffled choices come back in the order first shown
    assert [resumed.layout(q) for q in resumed.questions] == [session.layout(q) for q in session.questions]
    assert resumable(store, bank) is None
    assert [r.position for r in store.reviews(session_id=unfinished.id)] == [1, 2, 3, 4]


def test_the_stored_verdict_is_kept_on_resume_even_if_grading_changed(
    store: ProgressStore, bank: Bank
) -> None:
    first = ProgressRecorder(store, clock=clock)
    session = start_quiz(store, first, bank, QuizSettings(count=3, seed=1), T0, clock=clock)
    session.submit(True)
    first.release()
    store._conn.execute("UPDATE reviews SET correct = 0, score = 0.5")  # as a stricter release had graded it
    resumed, _ = resume_quiz(ProgressRecorder(store, clock=clock), bank, resumable(store, bank), clock=clock)  # type: ignore[arg-type]
    assert (resumed.answers[0].grade.correct, resumed.score) == (False, 0.5)


def test_a_quiz_without_answers_is_not_offered(store: ProgressStore, bank: Bank) -> None:
    recorder = ProgressRecorder(store, clock=clock)
    start_quiz(store, recorder, bank, QuizSettings(count=3), T0, clock=clock)
    recorder.release()
    assert resumable(store, bank) is None
    assert store.unfinished_sessions() == []  # nothing was answered, so nothing is lost


def test_questions_that_left_the_bank_are_skipped_on_resume(
    store: ProgressStore, bank: Bank, tmp_path: Path
) -> None:
    recorder = ProgressRecorder(store, clock=clock)
    recorder.begin(["alpha-1", "alpha-5", "alpha-2"], settings_record(QuizSettings()))
    recorder(answered_record("alpha-1"))
    recorder.release()
    smaller = load_bank(write_bank(tmp_path / "smaller", alpha=4, beta=1))  # alpha-5 was removed
    unfinished = resumable(store, smaller)
    assert unfinished is not None
    resumed, _ = resume_quiz(ProgressRecorder(store, clock=clock), smaller, unfinished, clock=clock)
    assert [q.id for q in resumed.questions] == ["alpha-1", "alpha-2"]
    assert resumed.position == 1
    [now_unfinished] = store.unfinished_sessions()
    assert now_unfinished.question_ids == ("alpha-1", "alpha-2")
    assert now_unfinished.position == 1
    resumed.submit(True)
    assert store.unfinished_sessions() == []


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


def test_a_resumed_quiz_keeps_its_time_limit_and_continues_with_the_time_that_was_left(
    store: ProgressStore, bank: Bank
) -> None:
    now = [T0]

    def moving() -> datetime:
        return now[0]

    first = ProgressRecorder(store, clock=moving)
    settings = QuizSettings(count=4, seed=2, minutes=10)
    session = start_quiz(store, first, bank, settings, T0, clock=moving)
    for _ in range(7 * 60 // 5):  # seven minutes of a running app, ticking
        now[0] += timedelta(seconds=5)
        session.tick()
    session.submit(True)
    first.renew(session.time_used())  # the heartbeat saves the running time
    first.release()  # the lease goes without saving any time, as when the process is killed
    now[0] += timedelta(hours=3)  # three hours later the quiz starts again

    unfinished = resumable(store, bank)
    assert unfinished is not None
    assert unfinished.time_used == timedelta(minutes=7)
    assert "time_used_seconds" not in unfinished.settings  # kept beside the settings, not one of them
    resumed, restored = resume_quiz(ProgressRecorder(store, clock=moving), bank, unfinished, clock=moving)
    assert restored.minutes == 10
    assert resumed.time_limit == timedelta(minutes=10)
    assert resumed.time_left() == timedelta(minutes=3)  # not a fresh limit, and the dead hours do not count


def test_the_time_used_is_saved_when_the_quiz_is_closed(store: ProgressStore, bank: Bank) -> None:
    now = [T0]
    recorder = ProgressRecorder(store, clock=lambda: now[0])
    session = start_quiz(store, recorder, bank, QuizSettings(count=3, minutes=5), T0, clock=lambda: now[0])
    now[0] += timedelta(seconds=90)
    session.submit(True)
    now[0] += timedelta(seconds=30)
    recorder.release(session.time_used())
    unfinished = resumable(store, bank)
    assert unfinished is not None
    assert unfinished.time_used == timedelta(minutes=2)


def test_a_session_saved_without_its_time_counts_the_time_up_to_its_last_answer(
    store: ProgressStore, bank: Bank
) -> None:
    now = [T0]
    recorder = ProgressRecorder(store, clock=lambda: now[0])
    session = start_quiz(store, recorder, bank, QuizSettings(count=3, minutes=5), T0, clock=lambda: now[0])
    now[0] += timedelta(minutes=4)
    session.submit(True)
    recorder.release()  # killed before any heartbeat saved the time
    now[0] += timedelta(days=1)
    unfinished = resumable(store, bank)
    assert unfinished is not None
    assert unfinished.time_used is None
    resumed, _ = resume_quiz(
        ProgressRecorder(store, clock=lambda: now[0]), bank, unfinished, clock=lambda: now[0]
    )
    assert resumed.time_left() == timedelta(minutes=1)


@pytest.mark.parametrize("stored", ['"zehn"', "-5", "true", "null"])
def test_an_unreadable_saved_time_is_ignored(store: ProgressStore, bank: Bank, stored: str) -> None:
    recorder = ProgressRecorder(store, clock=clock)
    session = start_quiz(store, recorder, bank, QuizSettings(count=3, minutes=5), T0, clock=clock)
    session.submit(True)
    recorder.release()
    store._conn.execute(
        f"UPDATE sessions SET settings = json_set(settings, '$.time_used_seconds', json('{stored}'))"
    )
    unfinished = resumable(store, bank)
    assert unfinished is not None
    assert unfinished.time_used is None
    assert settings_from_record(unfinished.settings).minutes == 5
