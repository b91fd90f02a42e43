"""The questions of a quiz in a scheduling mode ("due" reviews or "mistakes"), from quiz settings.

Settings are anything with ``topics``, ``difficulties``, ``types``, ``count`` and ``mode``
(the session's QuizSettings); empty filters mean "all". An empty list means nothing is due
or nothing was missed: the front end says so (and when the next review is due).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..bank import Bank
from ..model import QuestionBase
from ..session import SCHEDULED_MODES
from .queues import DEFAULT_NEW_PER_DAY, due_queue, mistakes
from .store import ProgressStore

__all__ = ["SCHEDULED_MODES", "scheduled_questions"]


def scheduled_questions(
    store: ProgressStore, bank: Bank, settings: Any, now: datetime, *, new_per_day: int = DEFAULT_NEW_PER_DAY
) -> list[QuestionBase]:
    """Due reviews (most overdue first, then new ones) or last-answered-wrong questions, cut to ``count``."""
    filters = {"topics": settings.topics, "difficulties": settings.difficulties, "types": settings.types}
    if settings.mode == "due":
        questions = due_queue(store, bank, now, new_per_day=new_per_day, **filters).questions
    elif settings.mode == "mistakes":
        questions = mistakes(store, bank, now=now, **filters)
    else:
        raise ValueError(f"not a scheduling mode: {settings.mode!r}")
    return questions[: settings.count] if settings.count else questions
