"""Quiz sessions: which questions, in which order, graded answers, scores per topic, retrying mistakes.

A session is what every quiz front end drives (the terminal quiz today, others later):
the front end shows ``session.current``, collects a response and calls ``submit``; the
session grades it in the session's language and keeps the record. Scheduling plugs in
through ``recorder``: a callable that receives every ``AnswerRecord`` as it is graded
(the progress store maps wrong → Again, right → Good, right with a hint → Hard).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from .bank import Bank, describe_filters
from .errors import InternalError, UserError
from .grading import Grade, grade
from .model import QuestionBase
from .presentation import Layout, layout
from .shuffle import rng_for

Mode = Literal["practice", "exam", "due", "mistakes"]
MODES: tuple[str, ...] = ("practice", "exam", "due", "mistakes")
# Modes whose questions come from the progress store (chinaai_learn.progress.modes); they give feedback like practice.
SCHEDULED_MODES: tuple[str, ...] = ("due", "mistakes")

Clock = Callable[[], datetime]

# A front end that calls ``QuizSession.tick`` (the terminal quiz does, every second) promises to
# read the clock that often while it runs; a longer silence means the process was not running
# (stopped with Ctrl+Z or SIGSTOP, a suspended laptop), and that time does not count.
PAUSE_GAP = timedelta(seconds=30)


def utc_now() -> datetime:
    """The wall clock in UTC (what answers are stamped with unless a test fixes the clock)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class QuizSettings:
    """What the learner asked for; empty filters mean 'all', ``count=None`` means 'every match'."""

    topics: tuple[str, ...] = ()
    difficulties: tuple[int, ...] = ()
    types: tuple[str, ...] = ()
    count: int | None = None
    seed: int = 0
    mode: Mode = "practice"
    lang: str = "de"
    minutes: int | None = None  # the time limit of the session; None: no limit

    @property
    def time_limit(self) -> timedelta | None:
        return timedelta(minutes=self.minutes) if self.minutes else None

    def __post_init__(self) -> None:
        if self.count is not None and self.count < 1:
            raise UserError(f"the number of questions must be at least 1, not {self.count}")
        if self.minutes is not None and (
            isinstance(self.minutes, bool) or not isinstance(self.minutes, int) or self.minutes < 1
        ):
            raise UserError(
                f"the time limit must be a whole number of minutes, at least 1, not {self.minutes!r}"
            )
        if self.mode not in MODES:
            raise UserError(f"unknown quiz mode {self.mode!r}; use one of: {', '.join(MODES)}")


class NoQuestionsError(UserError):
    """The filters leave no question to ask."""


def select_questions(bank: Bank, settings: QuizSettings) -> list[QuestionBase]:
    """The questions of a quiz: every match of the filters, shuffled by the seed, cut to ``count``."""
    pool = bank.select(settings.topics or None, settings.difficulties or None, settings.types or None)
    rng_for(settings.seed, "quiz-order").shuffle(pool)
    return pool[: settings.count] if settings.count else pool


@dataclass(frozen=True)
class AnswerRecord:
    """One graded answer: the question, the response, the verdict, and whether a hint was used."""

    question: QuestionBase
    topic_id: str
    response: Any
    grade: Grade
    lang: str
    hinted: bool
    answered_at: datetime
    # The display order of the question's choices/items when it was asked (bank indices).
    shown: tuple[int, ...] = ()

    @property
    def question_id(self) -> str:
        return self.question.id


Recorder = Callable[[AnswerRecord], object]  # what it returns is ignored


def accuracy(score: float, answers: int) -> float | None:
    """The quiz's accuracy: points earned over answers given, each answer worth at most 1 point.

    A partly right answer counts its share, a wrong or empty one 0; None before any answer.
    The results screen and ``chinaai-learn stats`` both count it so.
    """
    return score / answers if answers else None


def accuracy_percent(score: float, answers: int) -> int | None:
    """``accuracy`` as a whole percentage, rounded as the quiz shows it (None before any answer)."""
    share = accuracy(score, answers)
    return None if share is None else round(100 * share)


@dataclass(frozen=True)
class TopicScore:
    """How one topic went: questions asked, fully correct answers, points (partial credit counts)."""

    topic_id: str
    asked: int
    correct: int
    score: float

    @property
    def percent(self) -> int:
        return accuracy_percent(self.score, self.asked) or 0


@dataclass(frozen=True)
class QuizResults:
    """The end of a quiz: totals, time, per-topic scores in bank order, and what was missed."""

    asked: int
    correct: int
    score: float
    elapsed: timedelta
    per_topic: tuple[TopicScore, ...]
    answers: tuple[AnswerRecord, ...]
    time_limit: timedelta | None = None
    ended_by_time: bool = False  # the time limit ended the quiz: only the answered questions are scored

    @property
    def percent(self) -> int:
        return accuracy_percent(self.score, self.asked) or 0

    @property
    def mistakes(self) -> tuple[AnswerRecord, ...]:
        """Answers that were not fully correct (partly right ones included)."""
        return tuple(a for a in self.answers if not a.grade.correct)


class ActiveTime:
    """The time a session has spent running: what earlier runs used, plus this run's since it began.

    Time between two readings of the clock counts, except after ``tick`` was called once: the
    front end then promises to tick at least every few seconds, and a gap longer than
    ``PAUSE_GAP`` between readings is a pause of the whole process, which does not count.
    A clock that goes backwards counts nothing.
    """

    def __init__(self, clock: Clock, since: datetime, used: timedelta = timedelta(0)) -> None:
        """``since``: when this run began; ``used``: what earlier runs used."""
        self._clock = clock
        self._used = max(used, timedelta(0))
        self._mark = since
        self._ticking = False

    def used(self) -> timedelta:
        now = self._clock()
        gap = now - self._mark
        if gap > timedelta(0) and not (self._ticking and gap > PAUSE_GAP):
            self._used += gap
        self._mark = now
        return self._used

    def tick(self) -> None:
        self.used()
        self._ticking = True


class QuizSession:
    """A quiz in progress: the questions in order, the answers so far, the mode and language."""

    def __init__(
        self,
        bank: Bank,
        questions: Sequence[QuestionBase],
        *,
        mode: Mode = "practice",
        lang: str = "de",
        seed: int = 0,
        recorder: Recorder | None = None,
        clock: Clock = utc_now,
        earlier: Sequence[AnswerRecord] = (),
        started_at: datetime | None = None,
        time_limit: timedelta | None = None,
        time_used: timedelta = timedelta(0),
    ) -> None:
        """``earlier``: answers already given to the first questions (a resumed session; not recorded again).

        ``time_limit``: the session ends at the first question boundary after that much
        running time; ``time_used``: the running time a resumed session had already spent.
        """
        if not questions:
            raise NoQuestionsError("no questions to ask")
        if [a.question_id for a in earlier] != [q.id for q in questions[: len(earlier)]]:
            raise InternalError("earlier answers must answer the first questions, in order")
        self.bank = bank
        self.questions = list(questions)
        self.mode: Mode = mode
        self.lang = lang
        self.seed = seed
        # An earlier answer was shown in this session's order (same seed): say so where the
        # record does not, so that feedback names its choices by the numbers the learner saw.
        self.answers: list[AnswerRecord] = [
            a if a.shown else replace(a, shown=self.layout(a.question).order) for a in earlier
        ]
        self._recorder = recorder
        self._clock = clock
        self.started_at = started_at or clock()
        self.finished_at: datetime | None = None
        self.time_limit = time_limit
        # A resumed session's start lies before the break: its running time counts from now.
        self._time = ActiveTime(clock, self.started_at if started_at is None else clock(), time_used)
        self.ended_by_time = False  # the time limit ended the session before its last question
        self._used_at_end: timedelta | None = None  # the running time when the session ended

    @classmethod
    def start(
        cls, bank: Bank, settings: QuizSettings, *, recorder: Recorder | None = None, clock: Clock = utc_now
    ) -> QuizSession:
        """A new session for ``settings``, or NoQuestionsError when the filters match nothing."""
        questions = select_questions(bank, settings)
        if not questions:
            raise NoQuestionsError(
                f"no questions match ({describe_filters(settings.topics, settings.difficulties, settings.types)}): choose more topics or difficulties"
            )
        return cls(
            bank,
            questions,
            mode=settings.mode,
            lang=settings.lang,
            seed=settings.seed,
            recorder=recorder,
            clock=clock,
            time_limit=settings.time_limit,
        )

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def position(self) -> int:
        """The 0-based index of the current question (= number answered)."""
        return len(self.answers)

    @property
    def current(self) -> QuestionBase | None:
        return self.questions[self.position] if not self.finished else None

    @property
    def finished(self) -> bool:
        return self.ended_by_time or self.position >= self.total

    def time_used(self) -> timedelta:
        """Running time so far, earlier runs of a resumed session included, pauses of the process not."""
        return self._time.used()

    def time_left(self) -> timedelta | None:
        """What is left of the time limit (never below zero), or None without a limit."""
        if self.time_limit is None:
            return None
        return max(self.time_limit - self.time_used(), timedelta(0))

    @property
    def time_up(self) -> bool:
        left = self.time_left()
        return left is not None and left <= timedelta(0)

    def tick(self) -> None:
        """The front end's regular heartbeat (about every second): from now on, long silences are pauses."""
        self._time.tick()

    def end_if_time_is_up(self) -> bool:
        """At a question boundary: end the session here if its time limit is reached; True when it has ended."""
        if not self.finished and self.answers and self.time_up:
            self.ended_by_time = True
            self.finished_at = self._clock()
            self._used_at_end = self.time_used()
        return self.ended_by_time

    @property
    def feedback_after_each(self) -> bool:
        """Practice (and due reviews, mistakes) show feedback after every answer; an exam only at the end."""
        return self.mode != "exam"

    @property
    def hints_allowed(self) -> bool:
        return self.mode != "exam"

    @property
    def score(self) -> float:
        """Points so far: 1 per fully correct answer, a share for partly correct ones."""
        return sum(a.grade.score for a in self.answers)

    @property
    def correct_count(self) -> int:
        return sum(a.grade.correct for a in self.answers)

    def layout(self, question: QuestionBase) -> Layout:
        """The display order of the question's parts in this session (stable for its seed, so on resume)."""
        return layout(question, self.seed)

    def submit(self, response: Any, *, hinted: bool = False) -> AnswerRecord:
        """Grade ``response`` to the current question, record it, and move on."""
        question = self.current
        if question is None:
            raise InternalError("submit() called after the last question was answered")
        record = AnswerRecord(
            question=question,
            topic_id=self.bank.topic_of(question).id,
            response=response,
            grade=grade(question, response, self.lang),
            lang=self.lang,
            hinted=hinted,
            answered_at=self._clock(),
            shown=self.layout(question).order,
        )
        self.answers.append(record)
        if self.finished:
            self.finished_at = record.answered_at
            self._used_at_end = self.time_used()
        else:
            self.end_if_time_is_up()
        if self._recorder is not None:
            self._recorder(record)
        return record

    def undo(self) -> AnswerRecord:
        """Take back the last answer: its question is current again (the front end undoes the recording)."""
        if not self.answers:
            raise InternalError("undo() called before any answer")
        self.finished_at = None
        self._used_at_end = None
        self.ended_by_time = False
        return self.answers.pop()

    def drop_current(self) -> QuestionBase:
        """Take the current question out of the session (the learner buried it): the next one is current."""
        question = self.current
        if question is None:
            raise InternalError("drop_current() called after the last question was answered")
        del self.questions[self.position]
        if self.finished:
            self.finished_at = self.answers[-1].answered_at if self.answers else self._clock()
            self._used_at_end = self.time_used()
        return question

    def elapsed(self) -> timedelta:
        """Time from the start to the last answer (or to now, while going).

        With a time limit it is the running time the limit counts (pauses of the process
        left out), so that the results never show more time than the limit allowed.
        """
        if self.time_limit is not None:
            used = self.time_used() if self._used_at_end is None else self._used_at_end
            return min(used, self.time_limit)
        end = self.finished_at or self._clock()
        return max(end - self.started_at, timedelta(0))

    def results(self) -> QuizResults:
        per_topic = []
        for tb in self.bank.topics:
            answers = [a for a in self.answers if a.topic_id == tb.topic.id]
            if answers:
                per_topic.append(
                    TopicScore(
                        tb.topic.id,
                        len(answers),
                        sum(a.grade.correct for a in answers),
                        sum(a.grade.score for a in answers),
                    )
                )
        return QuizResults(
            asked=self.position,
            correct=self.correct_count,
            score=self.score,
            elapsed=self.elapsed(),
            per_topic=tuple(per_topic),
            answers=tuple(self.answers),
            time_limit=self.time_limit,
            ended_by_time=self.ended_by_time,
        )

    def retry_mistakes(self) -> QuizSession:
        """A new session of the questions not answered fully correctly, in the same order and mode.

        It has the same time limit, counted afresh."""
        missed = [a.question for a in self.answers if not a.grade.correct]
        if not missed:
            raise NoQuestionsError("no mistakes to retry: every answer was correct")
        return QuizSession(
            self.bank,
            missed,
            mode=self.mode,
            lang=self.lang,
            seed=self.seed,
            recorder=self._recorder,
            clock=self._clock,
            time_limit=self.time_limit,
        )
