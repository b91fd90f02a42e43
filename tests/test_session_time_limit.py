"""A session limited by time: it ends at the first question boundary after the limit, never mid-question.

The clock is a test double that only moves when told, so nothing here sleeps.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chinaai_learn.errors import UserError
from chinaai_learn.loading import load_bank
from chinaai_learn.session import PAUSE_GAP, QuizSession, QuizSettings

from .test_session import QUIZBANK, RIGHT, WRONG


class ManualClock:
    """A clock that stands still until the test moves it."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def run(self, session: QuizSession, seconds: int, *, tick_every: int = 1) -> None:
        """Let ``seconds`` pass while the front end ticks, as the running app does."""
        for _ in range(seconds // tick_every):
            self.advance(seconds=tick_every)
            session.tick()


@pytest.fixture(scope="module")
def bank():
    return load_bank(QUIZBANK)


def timed(bank, clock: ManualClock, minutes: int = 10, **settings) -> QuizSession:
    return QuizSession.start(bank, QuizSettings(minutes=minutes, seed=3, **settings), clock=clock)


def answer(session: QuizSession, right: bool = True) -> None:
    assert session.current is not None
    session.submit((RIGHT if right else WRONG)[session.current.id])


def test_without_a_limit_there_is_no_time_left_and_time_never_ends_the_quiz(bank) -> None:
    clock = ManualClock()
    session = QuizSession.start(bank, QuizSettings(seed=3), clock=clock)
    clock.advance(hours=5)
    answer(session)
    assert (session.time_left(), session.time_up, session.finished) == (None, False, False)


def test_the_time_left_counts_down_from_the_limit(bank) -> None:
    clock = ManualClock()
    session = timed(bank, clock)
    assert session.time_left() == timedelta(minutes=10)
    clock.run(session, 150)
    assert session.time_left() == timedelta(minutes=7, seconds=30)


def test_the_question_being_answered_when_the_time_runs_out_is_still_graded_and_ends_the_quiz(bank) -> None:
    clock = ManualClock()
    session = timed(bank, clock)
    clock.run(session, 240)
    answer(session, right=True)
    clock.run(session, 240)
    answer(session, right=False)
    clock.run(session, 150)  # 11 minutes in, in the middle of the third question
    assert session.time_up
    assert not session.finished  # the question on screen is not cut off
    assert session.current is not None
    answer(session, right=True)
    assert (session.finished, session.ended_by_time, session.current) == (True, True, None)
    results = session.results()
    assert (results.asked, results.correct, results.score, results.percent) == (3, 2, 2.0, 67)
    assert results.ended_by_time
    assert results.time_limit == timedelta(minutes=10)
    assert len(results.answers) == 3
    assert session.total == 8  # the questions not reached are simply not scored


def test_the_time_running_out_between_questions_ends_the_quiz_at_the_next_boundary(bank) -> None:
    clock = ManualClock()
    session = timed(bank, clock, minutes=1)
    answer(session)
    assert not session.end_if_time_is_up()  # the feedback screen, still within the minute
    clock.run(session, 61)  # reading the feedback past the limit
    assert session.end_if_time_is_up()  # "next" leads to the results
    assert session.finished
    assert session.results().asked == 1


def test_a_finished_quiz_is_not_marked_as_ended_by_time(bank) -> None:
    clock = ManualClock()
    session = timed(bank, clock, minutes=1, count=2)
    answer(session)
    clock.run(session, 100)
    answer(session)
    assert session.finished
    assert not session.ended_by_time  # every question was answered: the time did not end it
    assert not session.results().ended_by_time


def test_a_pause_of_the_process_does_not_use_up_the_time(bank) -> None:
    clock = ManualClock()
    session = timed(bank, clock)
    clock.run(session, 60)
    clock.advance(hours=2)  # stopped (Ctrl+Z, SIGSTOP, a suspended laptop): no tick in between
    session.tick()
    assert session.time_left() == timedelta(minutes=9)
    answer(session)
    assert not session.finished


def test_the_results_show_the_running_time_never_more_than_the_limit(bank) -> None:
    clock = ManualClock()
    session = timed(bank, clock, minutes=1)
    clock.run(session, 30)
    clock.advance(hours=2)  # a pause: the wall clock moves on, the limit's time does not
    session.tick()
    clock.run(session, 40)  # the time runs out while the first question is on screen
    answer(session)
    assert session.ended_by_time
    clock.advance(minutes=5)  # the results screen stays open; the quiz's time stands still
    assert session.results().elapsed == timedelta(minutes=1)


def test_silence_counts_when_the_front_end_never_promised_to_tick(bank) -> None:
    clock = ManualClock()
    session = timed(bank, clock)
    clock.advance(minutes=11)  # a front end without a heartbeat: all the time counts
    answer(session)
    assert session.ended_by_time


def test_a_gap_just_within_the_pause_threshold_still_counts(bank) -> None:
    clock = ManualClock()
    session = timed(bank, clock)
    session.tick()
    clock.advance(seconds=PAUSE_GAP.total_seconds())  # a busy machine delayed the tick
    assert session.time_left() == timedelta(minutes=10) - PAUSE_GAP


def test_a_clock_that_goes_back_counts_nothing(bank) -> None:
    clock = ManualClock()
    session = timed(bank, clock)
    clock.run(session, 60)
    clock.advance(minutes=-30)  # the wall clock was corrected
    assert session.time_left() == timedelta(minutes=9)
    clock.run(session, 60)
    assert session.time_left() == timedelta(minutes=8)


def test_a_resumed_session_continues_with_the_time_that_was_left(bank) -> None:
    clock = ManualClock()
    first = timed(bank, clock)
    answer(first)
    resumed = QuizSession(
        bank, first.questions, lang="de", seed=3, clock=clock, earlier=first.answers,
        started_at=clock() - timedelta(minutes=9), time_limit=timedelta(minutes=10),
        time_used=timedelta(minutes=9, seconds=30),
    )  # fmt: skip
    assert resumed.time_left() == timedelta(seconds=30)
    clock.run(resumed, 31)
    answer(resumed)
    assert resumed.ended_by_time
    assert resumed.results().asked == 2


def test_undo_after_the_time_ran_out_asks_the_question_again_and_its_answer_ends_the_quiz(bank) -> None:
    clock = ManualClock()
    session = timed(bank, clock, minutes=1)
    answer(session)
    clock.run(session, 70)
    answer(session, right=False)
    assert session.ended_by_time
    undone = session.undo()
    assert (session.finished, session.ended_by_time, session.current) == (False, False, undone.question)
    answer(session, right=True)
    assert session.ended_by_time
    assert session.results().correct == 2


def test_retrying_mistakes_gives_the_same_limit_afresh(bank) -> None:
    clock = ManualClock()
    session = timed(bank, clock, minutes=2)
    answer(session, right=False)
    clock.run(session, 130)
    answer(session, right=True)
    assert session.ended_by_time
    retry = session.retry_mistakes()
    assert retry.time_limit == timedelta(minutes=2)
    assert retry.time_left() == timedelta(minutes=2)


@pytest.mark.parametrize("minutes", [0, -5, True, 2.5, "10"])
def test_a_limit_that_is_not_a_positive_whole_number_of_minutes_is_refused(minutes) -> None:
    with pytest.raises(UserError, match="time limit"):
        QuizSettings(minutes=minutes)
