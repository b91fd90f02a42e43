"""The recorder a QuizSession calls: each graded answer committed, timed, re-ratable, resumable."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from chinaai_learn.bank import Bank
from chinaai_learn.progress import CardScheduler, ProgressRecorder, ProgressStore, ProgressStoreError, Rating
from chinaai_learn.session import QuizSession

from .conftest import T0


class Ticking:
    """A fixed clock that moves on by ``step`` every time it is read."""

    def __init__(self, step: timedelta = timedelta(seconds=7)):
        self.now, self.step = T0, step

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


def quiz(
    bank: Bank, store: ProgressStore, ids: list[str], clock: Ticking
) -> tuple[QuizSession, ProgressRecorder]:
    recorder = ProgressRecorder(store, clock=clock)
    recorder.begin(ids, {"mode": "practice", "lang": "de", "seed": 3})
    return QuizSession(bank, [bank.get(i) for i in ids], recorder=recorder, clock=clock), recorder


def test_every_answer_is_in_the_store_when_submit_returns(store: ProgressStore, bank: Bank) -> None:
    session, recorder = quiz(bank, store, ["alpha-1", "beta-2"], Ticking())
    session.submit(False)  # the statement is true: a wrong answer
    [review] = store.reviews()
    assert (review.question_id, review.topic_id, review.correct, review.rating) == (
        "alpha-1",
        "alpha",
        False,
        Rating.Again,
    )
    assert review.answered_at == session.answers[0].answered_at
    assert review.lang == "de"
    assert recorder.last is not None
    assert recorder.last.due == review.answered_at + timedelta(minutes=1)
    session.submit(True, hinted=True)
    assert [(r.question_id, r.rating, r.hinted) for r in store.reviews()][1] == ("beta-2", Rating.Hard, True)


def test_the_time_from_showing_a_question_to_the_answer_is_logged(store: ProgressStore, bank: Bank) -> None:
    clock = Ticking()
    session, recorder = quiz(bank, store, ["alpha-1", "alpha-2"], clock)
    recorder.question_shown()  # reads the clock once; submit reads it once more: 7 s later
    session.submit(True)
    session.submit(True)  # not timed: question_shown was not called for it
    assert [log.review_duration for log in store.review_logs()] == [7000, None]


def test_the_feedback_key_overrides_the_rating_of_the_last_answer(store: ProgressStore, bank: Bank) -> None:
    session, recorder = quiz(bank, store, ["alpha-1", "alpha-2"], Ticking())
    assert recorder.override(Rating.Easy) is None  # nothing answered yet
    session.submit(True)
    easy = recorder.override(4)
    assert easy is not None
    assert easy.rating is Rating.Easy
    assert store.reviews()[0].rating is Rating.Easy
    assert store.card("alpha-1").due == easy.due


def test_resume_continues_the_unfinished_session_and_finishing_clears_it(
    store: ProgressStore, bank: Bank
) -> None:
    session, recorder = quiz(bank, store, ["alpha-1", "alpha-2", "alpha-3"], Ticking())
    session.submit(True)
    recorder.release()  # the app was closed
    [unfinished] = store.unfinished_sessions()
    assert unfinished.position == 1
    assert unfinished.settings["seed"] == 3

    again = ProgressRecorder(store, clock=Ticking())  # the next start of the app
    assert again.resume(unfinished)
    rest = QuizSession(
        bank, [bank.get(i) for i in unfinished.question_ids[unfinished.position :]], recorder=again
    )
    rest.submit(True)
    assert store.unfinished_sessions()[0].position == 2
    rest.submit(False)
    assert store.unfinished_sessions() == []
    assert [(r.position, r.question_id) for r in store.reviews(session_id=unfinished.id)] == [
        (1, "alpha-1"), (2, "alpha-2"), (3, "alpha-3"),
    ]  # fmt: skip


def test_a_learner_who_declines_to_resume_drops_the_session(store: ProgressStore, bank: Bank) -> None:
    session, recorder = quiz(bank, store, ["alpha-1", "alpha-2"], Ticking())
    session.submit(True)
    recorder.finish()
    assert store.unfinished_sessions() == []
    assert len(store.reviews()) == 1


def test_a_failed_save_does_not_move_the_resume_point(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "p.sqlite3"
    with ProgressStore.open(path, scheduler=CardScheduler(fuzzing=False)) as store:
        quiz(bank, store, ["alpha-1", "alpha-2"], Ticking())
    with ProgressStore.open(path, read_only=True) as read_only:
        recorder = ProgressRecorder(read_only, clock=Ticking())
        recorder.session_id = read_only.unfinished_sessions()[0].id  # as if it had resumed it
        session = QuizSession(bank, [bank.get("alpha-1")], recorder=recorder)
        with pytest.raises(ProgressStoreError):
            session.submit(True)
        assert recorder.position == 0
        assert recorder.last is None


def test_undo_takes_the_answer_back_in_the_store_and_the_session(store: ProgressStore, bank: Bank) -> None:
    session, recorder = quiz(bank, store, ["alpha-1", "alpha-2"], Ticking())
    session.submit(True)
    card_after_first = store.card("alpha-1")
    session.submit(False)  # the last answer: the session is finished in the store
    assert store.unfinished_sessions() == []
    assert recorder.undo(["alpha-1", "alpha-2"], {"mode": "practice"})
    session.undo()
    assert [r.question_id for r in store.reviews()] == ["alpha-1"]
    assert store.card("alpha-2") is None  # new again: its only answer was taken back
    assert store.card("alpha-1") == card_after_first
    [unfinished] = store.unfinished_sessions()  # back to unfinished, one step back
    assert unfinished.position == 1
    assert session.current is not None
    assert session.current.id == "alpha-2"
    session.submit(True)
    assert [(r.position, r.correct) for r in store.reviews()] == [(1, True), (2, True)]
    assert store.unfinished_sessions() == []


def test_undo_restores_the_card_as_it_was_before_the_answer(store: ProgressStore, bank: Bank) -> None:
    session, recorder = quiz(bank, store, ["alpha-1"], Ticking())
    session.submit(True)
    before = store.card("alpha-1")
    again, recorder = quiz(bank, store, ["alpha-1"], Ticking(timedelta(days=3)))
    again.submit(False)
    assert recorder.undo(["alpha-1"])
    assert store.card("alpha-1") == before
    assert not recorder.undo(["alpha-1"])  # only the last answer, once
