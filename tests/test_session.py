"""Quiz sessions: choosing and ordering questions, grading in the session language, scores, retries."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chinaai_learn.errors import InternalError, UserError
from chinaai_learn.loading import load_bank
from chinaai_learn.session import (
    AnswerRecord,
    NoQuestionsError,
    QuizSession,
    QuizSettings,
    select_questions,
)

QUIZBANK = Path(__file__).parent / "data" / "quizbank"

# Right and wrong responses to each question of tests/data/quizbank (indices in bank order).
RIGHT = {
    "qb-tier-b-model": 1,
    "qb-tier-a-equipment": {0, 1},
    "qb-no-extra-price": False,
    "qb-tier-c-sensors": ["Lidar", "12"],
    "qb-tier-b-tops": "254",
    "qb-first-model": "Denza N7",
    "qb-tiers-by-power": [0, 1, 2],
    "qb-tier-logos": [0, 1, 2],
}
WRONG = {
    "qb-tier-b-model": 0,
    "qb-tier-a-equipment": {0},
    "qb-no-extra-price": True,
    "qb-tier-c-sensors": ["Lidar", "5"],
    "qb-tier-b-tops": "508",
    "qb-first-model": "Leopard 5",
    "qb-tiers-by-power": [2, 1, 0],
    "qb-tier-logos": [1, 0, 2],
}


class FakeClock:
    """A clock that advances by a fixed step each time it is read."""

    def __init__(self, step_seconds: float = 10):
        self.now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
        self.step = timedelta(seconds=step_seconds)

    def __call__(self) -> datetime:
        value = self.now
        self.now += self.step
        return value


@pytest.fixture(scope="module")
def bank():
    return load_bank(QUIZBANK)


@pytest.fixture
def two_topic_bank(tmp_path):
    shutil.copytree(QUIZBANK, tmp_path, dirs_exist_ok=True)
    shutil.copy(QUIZBANK.parent / "quizbank-extra" / "prices.yaml", tmp_path)
    return load_bank(tmp_path)


def answer_all(session: QuizSession, responses: dict, hinted: bool = False) -> list[AnswerRecord]:
    return [session.submit(responses[session.current.id], hinted=hinted) for _ in range(session.total)]


def test_same_seed_same_questions_in_same_order(bank):
    settings = QuizSettings(seed=7)
    first = [q.id for q in select_questions(bank, settings)]
    assert first == [q.id for q in select_questions(bank, settings)]
    assert sorted(first) == sorted(q.id for q in bank.questions)


def test_other_seeds_give_other_orders(bank):
    orders = {tuple(q.id for q in select_questions(bank, QuizSettings(seed=s))) for s in range(5)}
    assert len(orders) > 1


def test_count_and_filters_choose_the_questions(bank):
    assert len(select_questions(bank, QuizSettings(count=3))) == 3
    easy = select_questions(bank, QuizSettings(difficulties=(1,)))
    assert {q.id for q in easy} == {"qb-tier-b-model", "qb-no-extra-price"}
    only = select_questions(bank, QuizSettings(types=("ordering", "matching")))
    assert {q.type for q in only} == {"ordering", "matching"}


def test_count_larger_than_the_bank_asks_every_question(bank):
    assert len(select_questions(bank, QuizSettings(count=100))) == len(bank.questions)


def test_no_matching_question_is_a_user_error_naming_the_filters(bank):
    with pytest.raises(NoQuestionsError) as info:
        QuizSession.start(bank, QuizSettings(difficulties=(1,), types=("numeric",)))
    assert isinstance(info.value, UserError)
    assert "difficulty 1" in str(info.value)
    assert "type numeric" in str(info.value)


def test_settings_reject_a_count_below_one_and_unknown_modes():
    with pytest.raises(UserError, match="at least 1"):
        QuizSettings(count=0)
    with pytest.raises(UserError, match="practice, exam"):
        QuizSettings(mode="test")  # type: ignore[arg-type]


def test_every_question_answered_right_scores_full_marks(bank):
    session = QuizSession.start(bank, QuizSettings(seed=1))
    records = answer_all(session, RIGHT)
    assert all(r.grade.correct for r in records)
    assert session.finished
    assert session.current is None
    results = session.results()
    assert (results.asked, results.correct, results.score, results.percent) == (8, 8, 8.0, 100)
    assert results.mistakes == ()


def test_wrong_answers_score_partial_credit_and_become_mistakes(bank):
    session = QuizSession.start(bank, QuizSettings(seed=1))
    answer_all(session, WRONG)
    results = session.results()
    assert results.correct == 0
    # Partial credit: multiple choice +1/2 (one of two right ones, no wrong one), cloze 1/2,
    # ordering 0 (reversed: no item followed by its successor), matching 1/3.
    assert results.score == pytest.approx(0.5 + 0.5 + 0 + 1 / 3)
    assert {a.question_id for a in results.mistakes} == set(WRONG)


def test_answers_are_graded_in_the_session_language(bank):
    settings = QuizSettings(types=("cloze", "numeric"), seed=3)
    german = QuizSession.start(bank, settings)
    english = QuizSession.start(bank, QuizSettings(types=("cloze", "numeric"), seed=3, lang="en"))
    typed = {"qb-tier-c-sensors": ["Lidar", "zwölf"], "qb-tier-b-tops": "254,0 TOPS"}
    assert all(r.grade.correct for r in answer_all(german, typed))
    assert not any(r.grade.correct for r in answer_all(english, typed))


def test_switching_language_mid_session_grades_later_answers_in_the_new_language(bank):
    session = QuizSession.start(bank, QuizSettings(types=("short_answer", "cloze"), seed=3))
    session.lang = "en"
    records = answer_all(session, {"qb-tier-c-sensors": ["lidar", "twelve"], "qb-first-model": "Denza N7"})
    assert all(r.grade.correct and r.lang == "en" for r in records)


def test_recorder_gets_every_answer_with_its_hint_flag_and_time(bank):
    seen: list[AnswerRecord] = []
    clock = FakeClock()
    session = QuizSession.start(bank, QuizSettings(count=2, seed=5), recorder=seen.append, clock=clock)
    first = session.submit(RIGHT[session.current.id], hinted=True)
    second = session.submit(WRONG[session.current.id])
    assert seen == [first, second]
    assert (first.hinted, second.hinted) == (True, False)
    assert first.answered_at == datetime(2025, 3, 1, 12, 0, 10, tzinfo=UTC)
    assert first.topic_id == "gods-eye"


def test_elapsed_time_runs_from_start_to_last_answer(bank):
    session = QuizSession.start(bank, QuizSettings(count=3), clock=FakeClock(step_seconds=30))
    answer_all(session, RIGHT)
    assert session.results().elapsed == timedelta(seconds=90)
    assert session.elapsed() == timedelta(seconds=90)  # the clock keeps going; the quiz does not


def test_results_break_scores_down_per_topic_in_bank_order(two_topic_bank):
    session = QuizSession.start(two_topic_bank, QuizSettings(seed=2))
    answers = dict(RIGHT, **{"pr-cheapest": "10.000", "qb-first-model": "Leopard"})
    answer_all(session, answers)
    per_topic = {t.topic_id: t for t in session.results().per_topic}
    assert [t.topic_id for t in session.results().per_topic] == ["gods-eye", "prices"]
    assert (per_topic["gods-eye"].asked, per_topic["gods-eye"].correct, per_topic["gods-eye"].percent) == (
        8,
        7,
        88,
    )
    assert (per_topic["prices"].asked, per_topic["prices"].correct) == (1, 1)


def test_retry_mistakes_asks_only_the_missed_questions_again(bank):
    clock = FakeClock()
    seen: list[AnswerRecord] = []
    session = QuizSession.start(
        bank, QuizSettings(seed=4, mode="exam", lang="en"), recorder=seen.append, clock=clock
    )
    missed = {"qb-tier-b-tops", "qb-tier-logos"}
    answer_all(session, {qid: (WRONG if qid in missed else RIGHT)[qid] for qid in RIGHT})
    retry = session.retry_mistakes()
    assert [q.id for q in retry.questions] == [q.id for q in session.questions if q.id in missed]
    assert (retry.mode, retry.lang, retry.position) == ("exam", "en", 0)
    retry.submit(RIGHT[retry.current.id])
    assert len(seen) == 9  # the retry reports to the same recorder


def test_retry_without_mistakes_says_so(bank):
    session = QuizSession.start(bank, QuizSettings(count=1))
    answer_all(session, RIGHT)
    with pytest.raises(NoQuestionsError, match="no mistakes"):
        session.retry_mistakes()


def test_submitting_after_the_last_question_is_a_program_error(bank):
    session = QuizSession.start(bank, QuizSettings(count=1))
    answer_all(session, RIGHT)
    with pytest.raises(InternalError):
        session.submit(1)


def test_practice_gives_feedback_and_hints_an_exam_does_not(bank):
    practice = QuizSession.start(bank, QuizSettings())
    exam = QuizSession.start(bank, QuizSettings(mode="exam"))
    assert (practice.feedback_after_each, practice.hints_allowed) == (True, True)
    assert (exam.feedback_after_each, exam.hints_allowed) == (False, False)


def test_layout_is_stable_for_the_session_seed(bank):
    ordering = bank.get("qb-tiers-by-power")
    one = QuizSession.start(bank, QuizSettings(seed=11))
    again = QuizSession.start(bank, QuizSettings(seed=11))
    assert one.layout(ordering).order == again.layout(ordering).order
    assert sorted(one.layout(ordering).order) == [0, 1, 2]
