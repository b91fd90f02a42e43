"""The bridge a quiz session calls: records each graded answer the moment it is graded, tracks resume.

Usage from a front end (the session's ``recorder`` is any callable taking its answer record)::

    recorder = ProgressRecorder(store)
    recorder.begin([q.id for q in session.questions], settings_dict)   # or resume(unfinished)
    session = QuizSession(..., recorder=recorder)
    recorder.question_shown()          # when a question appears (times the answer)
    session.submit(response)           # → recorder(record): committed before submit returns
    recorder.override(Rating.Easy)     # the learner's key 1–4 on the feedback screen
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from fsrs import Rating

from .clock import now as clock_now
from .lease import Owner
from .records import Answer, Burial, RecordedAnswer, UnfinishedSession
from .store import ProgressStore


def response_json(response: Any) -> str | None:
    """A response as the store keeps it: JSON (tuples become lists); None for no answer."""
    if response is None:
        return None
    try:
        return json.dumps(response, ensure_ascii=False, default=list)
    except (TypeError, ValueError):
        return json.dumps(str(response), ensure_ascii=False)


class ProgressRecorder:
    """Records answers into a store and keeps the unfinished-session record in step with them.

    Each recorder is one running instance (``owner``): it holds the lease of the session it
    tracks, and ``lost`` turns True when another instance took that session over.
    """

    def __init__(self, store: ProgressStore, *, clock: Callable[[], datetime] = clock_now):
        self.store = store
        self._clock = clock
        self.owner = Owner.this_process()
        self.session_id: str | None = None
        self.position = 0
        self.last: RecordedAnswer | None = None
        self.lost = False
        self._shown_at: datetime | None = None

    def begin(self, question_ids: Sequence[str], settings: Mapping[str, Any] | None = None) -> str:
        """Start tracking a new session (written at once, with this instance's lease)."""
        session = self.store.begin_session(question_ids, settings, at=self._clock(), owner=self.owner)
        self.session_id, self.position, self.last, self.lost = session.id, 0, None, False
        return session.id

    def resume(self, unfinished: UnfinishedSession) -> bool:
        """Take over an unfinished session at its stored position; False if another live instance holds it."""
        if self.store.claim_session(unfinished.id, self.owner) is None:
            return False
        self.session_id, self.position, self.last, self.lost = unfinished.id, unfinished.position, None, False
        return True

    def renew(self, time_used: timedelta | None = None) -> bool:
        """Renew the lease of the tracked session (saving ``time_used``); False (and ``lost``) when another instance took it."""
        if self.session_id is None:
            return not self.lost
        if not self.store.renew_lease(self.session_id, self.owner, time_used=time_used) and self.store_has(
            self.session_id
        ):
            self._lose()
        return not self.lost

    def store_has(self, session_id: str) -> bool:
        return any(s.id == session_id for s in self.store.unfinished_sessions())

    def release(self, time_used: timedelta | None = None) -> None:
        """The quiz closes: give up the lease so a later start can offer the session (one without answers is dropped)."""
        if self.session_id is None:
            return
        if self.position == 0:
            self.store.finish_session(self.session_id, self.owner)
        else:
            self.store.release_session(self.session_id, self.owner, time_used=time_used)
        self.session_id = None

    def finish(self) -> None:
        """Drop the unfinished-session record (done automatically after the session's last answer)."""
        if self.session_id is not None:
            self.store.finish_session(self.session_id, self.owner)
        self.session_id = None

    def _lose(self) -> None:
        self.session_id, self.lost = None, True

    def question_shown(self, at: datetime | None = None) -> None:
        """Start the answer timer (its duration goes into the review log for the FSRS optimizer)."""
        self._shown_at = at or self._clock()

    def __call__(self, record: Any) -> RecordedAnswer:
        """Commit a graded answer: anything with question_id, topic_id, grade (correct, score), hinted, answered_at."""
        answered_at: datetime = getattr(record, "answered_at", None) or self._clock()
        position = self.position + 1
        self.last = None  # stays None when saving fails: there is nothing to re-rate
        self.last = self.store.record(
            Answer(
                question_id=record.question_id,
                topic_id=record.topic_id,
                correct=bool(record.grade.correct),
                score=float(record.grade.score),
                answered_at=answered_at,
                hinted=bool(getattr(record, "hinted", False)),
                lang=getattr(record, "lang", None),
                duration_ms=self._duration_ms(answered_at),
                response=response_json(getattr(record, "response", None)),
            ),
            session_id=self.session_id,
            position=position if self.session_id else None,
            owner=self.owner,
        )
        self.position, self._shown_at = position, None
        if not self.last.in_session:
            self._lose()
        return self.last

    def override(self, rating: Rating | int) -> RecordedAnswer | None:
        """Change the rating of the last recorded answer; None when nothing was recorded yet."""
        if self.last is None:
            return None
        self.last = self.store.override_rating(self.last.review_id, rating)
        return self.last

    def undo(self, question_ids: Sequence[str], settings: Mapping[str, Any] | None = None) -> bool:
        """Take back the last recorded answer (also in the store); False when there is none to take back.

        ``question_ids`` and ``settings`` re-create the unfinished-session record when that
        answer had finished the session.
        """
        if self.last is None:
            return False
        self.store.undo(self.last.review_id)
        self.position, self.last = max(self.position - 1, 0), None
        if self.session_id is not None and not self.store_has(self.session_id):
            self.store.begin_session(
                question_ids, settings, at=self._clock(), session_id=self.session_id, position=self.position,
                owner=self.owner,
            )  # fmt: skip
        return True

    def bury(self, question_id: str, at: datetime) -> Burial:
        """Bury a question until midnight (local time ``at``) and take it out of the tracked session."""
        burial = self.store.bury(question_id, at, session_id=self.session_id, owner=self.owner)
        if self.session_id is not None and not burial.in_session and self.store_has(self.session_id):
            self._lose()  # another instance runs the session now
        self._shown_at = None
        return burial

    def _duration_ms(self, answered_at: datetime) -> int | None:
        if self._shown_at is None:
            return None
        return max(int((answered_at - self._shown_at) / timedelta(milliseconds=1)), 0)
