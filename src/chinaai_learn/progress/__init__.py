"""Spaced repetition (py-fsrs) and the learner's progress store (SQLite), with no user-interface code.

Opening a store::

    store = ProgressStore.open(path)   # None: --progress / $CHINAAI_LEARN_PROGRESS / user data dir
    store.recovery                     # a Recovery when a damaged/foreign file was kept aside: show .message()
    # ProgressStoreError (a UserError) when the location cannot be written or the store is newer

A quiz front end (the terminal quiz does exactly this)::

    progress = QuizProgress(store, ProgressRecorder(store), new_per_day=20)
    session = progress.start(bank, settings, clock=clock)   # any mode; remembered for resume
    # NothingScheduledError(mode, next_due) when "due"/"mistakes" find nothing to ask
    unfinished = progress.resumable(bank)                    # >= 1 answer, >= 1 left, no live owner
    session, settings = progress.resume(bank, unfinished, clock=clock)  # the whole session, past answers too
    progress.discard(unfinished)                             # only on the learner's explicit choice
    progress.renew(); progress.release()                     # heartbeat every RENEW_SECONDS; on closing
    progress.due_by_topic(bank, clock=clock)                 # {topic_id: TopicDue} for the start screen
    progress.study_counts(bank, settings, clock=clock)       # StudyCounts(new, learning, review) left now
    progress.bury(session, clock=clock)                      # current question away until midnight → Burial
    progress.next_due(bank, session)                         # for the results screen

Recording (one transaction per answer, committed before the call returns)::

    recorder = ProgressRecorder(store)                   # the callable a QuizSession takes as ``recorder``
    session_id = recorder.begin(question_ids, settings)  # unfinished-session record for resume
    recorder.question_shown()                            # starts the answer timer
    recorded = recorder(answer_record)                   # → RecordedAnswer(review_id, question_id, rating, due)
    recorder.override(Rating.Easy)                       # learner's key 1–4 on the feedback screen
    # the session record is dropped after its last answer; recorder.finish() drops it earlier
    store.record(Answer(...), session_id=..., position=...)  # the same without a session object

Ratings: wrong → Again, right → Good, right after a hint → Hard (``rating_for``).
``CardScheduler(desired_retention=0.9, fuzzing=True)``; tests turn fuzzing off.

Resume::

    store.unfinished_sessions()   # [UnfinishedSession(id, question_ids, position, settings, ..., lease)], newest first
    recorder.resume(unfinished)   # claim its lease (False: another live instance holds it) and go on at its position
    store.reviews(session_id=id)  # the answers it already has (restore.answer_record rebuilds them)
    store.finish_session(id, owner)  # the learner discarded it (refused while another instance runs it)

Leases (progress/lease.py): a session belongs to one running instance (``Owner``: id, pid, host);
it is live while its heartbeat is younger than ``LEASE_SECONDS`` and, on this host, its process runs.

Quiz modes and screens (ids no longer in the bank keep their history but are never scheduled)::

    scheduled_questions(store, bank, settings, now)            # settings.mode "due" or "mistakes", filters, count
    due_queue(store, bank, now, topics=..., new_per_day=20)  # .reviews (most overdue first) + .new
    mistakes(store, bank, topics=...)                          # last answer not fully correct
    due_by_topic(store, bank, now)                             # [TopicDue(topic_id, due, new)] for the start screen
    study_counts(store, bank, now, topics=...)                 # StudyCounts(new, learning, review): the due mode's parts
    store.bury(question_id, now); store.buried(now)            # "not today": out of both modes and counts until midnight
    next_due(store, bank, question_ids=...)                    # earliest due date, for the results screen
    due_in_words(due, now, lang)                               # "in 10 Minuten" / "in 3 days"
    progress_stats(store, bank, now)                           # ProgressStats for ``chinaai-learn stats``
    store.review_logs()                                        # fsrs ReviewLogs for the FSRS optimizer

``now`` is an aware datetime in the learner's time zone (``clock.now()``; $CHINAAI_LEARN_NOW fixes it).
"""

from typing import TYPE_CHECKING, Any

from fsrs import Rating

from .clock import now
from .due_text import due_in_words
from .errors import PROGRESS_ENV, ProgressStoreError
from .location import default_store_path, store_path
from .modes import SCHEDULED_MODES, scheduled_questions
from .opening import Recovery
from .queues import (
    DEFAULT_NEW_PER_DAY,
    DueQueue,
    StudyCounts,
    TopicDue,
    due_by_topic,
    due_queue,
    mistakes,
    next_due,
    study_counts,
)
from .quiz_link import NothingScheduledError, QuizProgress
from .recorder import ProgressRecorder
from .records import Answer, Burial, CardInfo, Flag, RecordedAnswer, Review, UnfinishedSession
from .scheduler import DEFAULT_RETENTION, CardScheduler, rating_for
from .store import ProgressStore

if TYPE_CHECKING:
    from .stats import ProgressStats, TopicStats, progress_stats

_LATER = {
    "ProgressStats",
    "TopicStats",
    "progress_stats",
}  # for ``chinaai-learn stats``: not at a quiz's start


def __getattr__(name: str) -> Any:
    if name in _LATER:
        from . import stats

        return getattr(stats, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_NEW_PER_DAY",
    "DEFAULT_RETENTION",
    "PROGRESS_ENV",
    "SCHEDULED_MODES",
    "Answer",
    "Burial",
    "CardInfo",
    "CardScheduler",
    "DueQueue",
    "Flag",
    "NothingScheduledError",
    "ProgressRecorder",
    "ProgressStats",
    "ProgressStore",
    "ProgressStoreError",
    "QuizProgress",
    "Rating",
    "RecordedAnswer",
    "Recovery",
    "Review",
    "StudyCounts",
    "TopicDue",
    "TopicStats",
    "UnfinishedSession",
    "default_store_path",
    "due_by_topic",
    "due_in_words",
    "due_queue",
    "mistakes",
    "next_due",
    "now",
    "progress_stats",
    "rating_for",
    "scheduled_questions",
    "store_path",
    "study_counts",
]
