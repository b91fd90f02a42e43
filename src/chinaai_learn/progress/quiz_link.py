"""Quiz sessions with progress: start one in any mode, remember it for resume, and resume it.

The front end calls ``start_quiz`` instead of ``QuizSession.start`` when it has a store:
the scheduling modes take their questions from the store, and every session is written
as unfinished (with its settings) so that the next start can offer ``resume_quiz``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..bank import Bank
from ..errors import UserError
from ..session import SCHEDULED_MODES, Clock, NoQuestionsError, QuizSession, QuizSettings
from .clock import now
from .due_text import due_in_words
from .modes import scheduled_questions
from .queues import DEFAULT_NEW_PER_DAY, TopicDue, due_by_topic, next_due
from .recorder import ProgressRecorder
from .records import UnfinishedSession
from .store import ProgressStore


class NothingScheduledError(NoQuestionsError):
    """A scheduling mode found nothing to ask; ``next_due`` says when a review will be due (or None)."""

    def __init__(self, mode: str, next_due: datetime | None):
        self.mode = mode
        self.next_due = next_due
        what = "no reviews are due" if mode == "due" else "no mistakes to practise"
        when = f"; the next review is due {due_in_words(next_due, now(), 'en')}" if next_due else ""
        super().__init__(f"{what} in the chosen topics{when}")


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
            raise NothingScheduledError(settings.mode, next_due(store, bank, topics=settings.topics or None))
        session = QuizSession(
            bank,
            questions,
            mode=settings.mode,
            lang=settings.lang,
            seed=settings.seed,
            recorder=recorder,
            clock=clock,
        )
    else:
        session = QuizSession.start(bank, settings, recorder=recorder, clock=clock)
    track(recorder, session, settings)
    return session


def track(recorder: ProgressRecorder, session: QuizSession, settings: QuizSettings) -> None:
    """Write ``session`` as unfinished (e.g. after 'retry mistakes' made a new one)."""
    recorder.begin([q.id for q in session.questions], settings_record(settings))


def resumable(store: ProgressStore, bank: Bank) -> UnfinishedSession | None:
    """The most recent unfinished session that still has a question in the bank to ask, or None."""
    for unfinished in store.unfinished_sessions():
        if any(bank.get(qid) is not None for qid in unfinished.question_ids[unfinished.position :]):
            return unfinished
    return None


def resume_quiz(
    recorder: ProgressRecorder, bank: Bank, unfinished: UnfinishedSession, *, clock: Clock
) -> tuple[QuizSession, QuizSettings]:
    """The rest of an unfinished session (questions that left the bank are skipped) and its settings."""
    settings = settings_from_record(unfinished.settings)
    remaining = unfinished.question_ids[unfinished.position :]
    rest = [q for qid in remaining if (q := bank.get(qid)) is not None]
    if not rest:
        raise NoQuestionsError("nothing is left to ask in the unfinished quiz")
    if len(rest) == len(remaining):
        recorder.resume(unfinished)
    else:  # positions would no longer match: continue as a new record of what is left
        recorder.store.finish_session(unfinished.id)
        recorder.begin([q.id for q in rest], settings_record(settings))
    session = QuizSession(
        bank, rest, mode=settings.mode, lang=settings.lang, seed=settings.seed, recorder=recorder, clock=clock
    )
    return session, settings


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

    def abandon(self) -> None:
        """The learner left the quiz on purpose (a new quiz): nothing to resume."""
        self.recorder.finish()

    def resumable(self, bank: Bank) -> UnfinishedSession | None:
        return resumable(self.store, bank)

    def resume(
        self, bank: Bank, unfinished: UnfinishedSession, *, clock: Clock
    ) -> tuple[QuizSession, QuizSettings]:
        return resume_quiz(self.recorder, bank, unfinished, clock=clock)

    def decline(self, unfinished: UnfinishedSession) -> None:
        self.store.finish_session(unfinished.id)

    def due_by_topic(self, bank: Bank, *, clock: Clock) -> dict[str, TopicDue]:
        return {
            row.topic_id: row
            for row in due_by_topic(self.store, bank, local(clock), new_per_day=self.new_per_day)
        }

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
