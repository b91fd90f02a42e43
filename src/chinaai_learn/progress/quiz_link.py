"""Quiz sessions with progress: start one in any mode, remember it for resume, and resume it.

The front end calls ``start_quiz`` instead of ``QuizSession.start`` when it has a store:
the scheduling modes take their questions from the store, and every session is written
as unfinished (with its settings) so that the next start can offer ``resume_quiz``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..bank import Bank
from ..errors import UserError
from ..session import SCHEDULED_MODES, AnswerRecord, Clock, NoQuestionsError, QuizSession, QuizSettings
from .clock import now
from .due_text import due_in_words
from .lease import Owner
from .modes import scheduled_questions
from .queues import DEFAULT_NEW_PER_DAY, StudyCounts, TopicDue, due_by_topic, next_due, study_counts
from .recorder import ProgressRecorder
from .records import Burial, UnfinishedSession
from .restore import answer_record, session_answers
from .store import ProgressStore


class NothingScheduledError(NoQuestionsError):
    """A scheduling mode found nothing to ask; ``next_due`` says when a review will be due (or None)."""

    def __init__(self, mode: str, next_due: datetime | None):
        self.mode = mode
        self.next_due = next_due
        what = "no reviews are due" if mode == "due" else "no mistakes to practise"
        when = f"; the next review is due {due_in_words(next_due, now(), 'en')}" if next_due else ""
        super().__init__(f"{what} in the chosen topics{when}")


class SessionTakenError(UserError):
    """The unfinished quiz was resumed by another running instance in the meantime."""

    def __init__(self) -> None:
        super().__init__("this quiz is now running in another window, so it was not resumed here")


def settings_record(settings: QuizSettings) -> dict[str, Any]:
    """The settings as plain JSON data for the unfinished-session record."""
    return {
        f.name: list(v) if isinstance(v := getattr(settings, f.name), tuple) else v
        for f in dataclasses.fields(settings)
    }


def settings_from_record(record: Mapping[str, Any]) -> QuizSettings:
    """Settings back from a record; fields this release does not know (or cannot read) are left at their default."""
    known = {f.name for f in dataclasses.fields(QuizSettings)}
    values: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in record.items() if k in known
    }
    try:
        return QuizSettings(**values)
    except (TypeError, ValueError, UserError):
        lang = values.get("lang")
        return QuizSettings(lang=lang if lang in ("de", "en") else "de")


def start_quiz(
    store: ProgressStore,
    recorder: ProgressRecorder,
    bank: Bank,
    settings: QuizSettings,
    now: datetime,
    *,
    clock: Clock,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
) -> QuizSession:
    """A new session recording into ``store``; NoQuestionsError (NothingScheduledError) when there is nothing to ask."""
    if settings.mode in SCHEDULED_MODES:
        questions = scheduled_questions(store, bank, settings, now, new_per_day=new_per_day)
        if not questions:
            raise NothingScheduledError(
                settings.mode, next_due(store, bank, topics=settings.topics or None, now=now)
            )
        session = QuizSession(
            bank,
            questions,
            mode=settings.mode,
            lang=settings.lang,
            seed=settings.seed,
            recorder=recorder,
            clock=clock,
            time_limit=settings.time_limit,
        )
    else:
        session = QuizSession.start(bank, settings, recorder=recorder, clock=clock)
    track(recorder, session, settings)
    return session


def track(recorder: ProgressRecorder, session: QuizSession, settings: QuizSettings) -> None:
    """Write ``session`` as unfinished (e.g. after 'retry mistakes' made a new one)."""
    recorder.begin([q.id for q in session.questions], settings_record(settings))


def resumable(store: ProgressStore, bank: Bank, owner: Owner | None = None) -> UnfinishedSession | None:
    """The most recent unfinished session worth resuming here, or None.

    Worth resuming: at least one answer given, at least one question left that is still in
    the bank, and no other running instance holding it (a live lease).
    """
    for unfinished in store.unfinished_sessions():
        lease = unfinished.lease
        if lease is not None and (owner is None or lease.owner != owner.id) and lease.live():
            continue
        if unfinished.position < 1:
            continue
        if any(bank.get(qid) is not None for qid in unfinished.question_ids[unfinished.position :]):
            return unfinished
    return None


def resume_quiz(
    recorder: ProgressRecorder, bank: Bank, unfinished: UnfinishedSession, *, clock: Clock
) -> tuple[QuizSession, QuizSettings]:
    """The whole unfinished session (its earlier answers rebuilt from the store) and its settings.

    Questions that left the bank are dropped from it. SessionTakenError when another
    instance resumed it first.
    """
    settings = settings_from_record(unfinished.settings)
    stored = session_answers(recorder.store, unfinished.id)
    answered = [
        (q, stored[qid])
        for qid in unfinished.question_ids[: unfinished.position]
        if (q := bank.get(qid)) is not None and qid in stored
    ]
    rest = [q for qid in unfinished.question_ids[unfinished.position :] if (q := bank.get(qid)) is not None]
    if not rest:
        raise NoQuestionsError("nothing is left to ask in the unfinished quiz")
    if not recorder.resume(unfinished):
        raise SessionTakenError()
    questions = [q for q, _ in answered] + rest
    if len(questions) != len(
        unfinished.question_ids
    ):  # some left the bank: the record lists what is asked now
        recorder.store.begin_session(
            [q.id for q in questions], at=clock(), session_id=unfinished.id, position=len(answered)
        )
        recorder.position = len(answered)
    earlier = [answer_record(bank, q, review, settings.lang) for q, review in answered]
    session = QuizSession(
        bank,
        questions,
        mode=settings.mode,
        lang=settings.lang,
        seed=settings.seed,
        recorder=recorder,
        clock=clock,
        earlier=earlier,
        started_at=_started_at(unfinished, earlier, clock),
        time_limit=settings.time_limit,
        time_used=_time_used(unfinished, earlier),
    )
    return session, settings


def _time_used(unfinished: UnfinishedSession, earlier: list[AnswerRecord]) -> timedelta:
    """The running time the session had used when it stopped, as saved; else up to its last answer."""
    if unfinished.time_used is not None:
        return unfinished.time_used
    if not earlier or unfinished.started_at is None:
        return timedelta(0)
    return max(earlier[-1].answered_at - unfinished.started_at, timedelta(0))


def _started_at(unfinished: UnfinishedSession, earlier: list[AnswerRecord], clock: Clock) -> datetime:
    """A start that counts the time spent before the interruption, not the break."""
    if not earlier or unfinished.started_at is None:
        return clock()
    spent = max(earlier[-1].answered_at - unfinished.started_at, timedelta(0))
    return clock() - spent


def conflicts(saved: QuizSettings, asked: QuizSettings, given: Collection[str]) -> list[str]:
    """The settings the command line gave (``given``: field names) that differ from the saved session's."""
    return [name for name in given if getattr(saved, name, None) != getattr(asked, name, None)]


@dataclass
class QuizProgress:
    """What a quiz front end needs from progress, bundled: one store, its recorder, the daily new-card limit.

    Times come from the front end's clock and are read in the local time zone (days are local days).
    """

    store: ProgressStore
    recorder: ProgressRecorder
    new_per_day: int = DEFAULT_NEW_PER_DAY

    def start(self, bank: Bank, settings: QuizSettings, *, clock: Clock) -> QuizSession:
        return start_quiz(
            self.store, self.recorder, bank, settings, local(clock), clock=clock, new_per_day=self.new_per_day
        )

    def track(self, session: QuizSession, settings: QuizSettings) -> None:
        track(self.recorder, session, settings)

    def undo(self, session: QuizSession, settings: QuizSettings) -> bool:
        """Take back the session's last answer in the store and in the session; False when it cannot be."""
        if not session.answers or not self.recorder.undo(
            [q.id for q in session.questions], settings_record(settings)
        ):
            return False
        session.undo()
        return True

    def bury(self, session: QuizSession, *, clock: Clock) -> Burial:
        """Put the session's current question away until midnight: out of this session and of the modes' selection."""
        question = session.current
        if question is None:
            raise NoQuestionsError("the quiz has no question left to bury")
        burial = self.recorder.bury(question.id, local(clock))
        session.drop_current()
        return burial

    def abandon(self) -> None:
        """The learner left the quiz on purpose (a new quiz): nothing to resume."""
        self.recorder.finish()

    def end(self) -> None:
        """The session ended before its last question (its time limit): nothing to resume."""
        self.recorder.finish()

    def resumable(self, bank: Bank) -> UnfinishedSession | None:
        return resumable(self.store, bank, self.recorder.owner)

    def resume(
        self, bank: Bank, unfinished: UnfinishedSession, *, clock: Clock
    ) -> tuple[QuizSession, QuizSettings]:
        return resume_quiz(self.recorder, bank, unfinished, clock=clock)

    def discard(self, unfinished: UnfinishedSession) -> bool:
        """The learner chose to throw the unfinished quiz away (its answers stay); False if another instance runs it."""
        return self.store.finish_session(unfinished.id, self.recorder.owner)

    def renew(self, session: QuizSession | None = None) -> bool:
        """Renew this instance's lease on its session, saving the running time ``session`` has used.

        False when another instance took the session over.
        """
        return self.recorder.renew(session.time_used() if session is not None else None)

    def release(self, session: QuizSession | None = None) -> None:
        """The quiz closes: the session may be resumed by a later start (with the running time it has used)."""
        self.recorder.release(session.time_used() if session is not None else None)

    def due_by_topic(self, bank: Bank, *, clock: Clock) -> dict[str, TopicDue]:
        return {
            row.topic_id: row
            for row in due_by_topic(self.store, bank, local(clock), new_per_day=self.new_per_day)
        }

    def study_counts(self, bank: Bank, settings: QuizSettings, *, clock: Clock) -> StudyCounts:
        """New, learning and review questions left now in the settings' topics, difficulties and types."""
        return study_counts(
            self.store, bank, local(clock), topics=settings.topics, difficulties=settings.difficulties,
            types=settings.types, new_per_day=self.new_per_day,
        )  # fmt: skip

    def available(self, bank: Bank, settings: QuizSettings, *, clock: Clock) -> int:
        """How many questions a scheduling mode would ask with these settings now."""
        return len(
            scheduled_questions(self.store, bank, settings, local(clock), new_per_day=self.new_per_day)
        )

    def next_due(self, bank: Bank, session: QuizSession) -> datetime | None:
        """When the next review of this session's questions is due."""
        return next_due(self.store, bank, question_ids=[q.id for q in session.questions])


def local(clock: Clock) -> datetime:
    """The clock's time in the local time zone."""
    return clock().astimezone()
