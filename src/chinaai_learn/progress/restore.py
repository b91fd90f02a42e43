"""A resumed session's past: its earlier answers rebuilt from the store, with the grade each one was given.

The store keeps every answer of a session (question, response as JSON, correct, score,
hint, time). Resuming rebuilds them as ``AnswerRecord`` objects, so the quiz shows the
whole session again: its position, its score, and every earlier answer in the results,
the missed list and 'retry mistakes'.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..bank import Bank
from ..grading import Grade, grade
from ..model import QuestionBase
from ..session import AnswerRecord
from .records import Review
from .store import ProgressStore


def session_answers(store: ProgressStore, session_id: str) -> dict[str, Review]:
    """The answer each question got in a session (the latest, should one have been recorded twice)."""
    return {review.question_id: review for review in store.reviews(session_id=session_id)}


def answer_record(bank: Bank, question: QuestionBase, review: Review, lang: str) -> AnswerRecord:
    """One stored answer as the session keeps it; its verdict is the stored one (what the learner was told)."""
    response = _response(review.response)
    try:
        regraded = grade(question, response, review.lang or lang)
    except (TypeError, ValueError, IndexError, KeyError):  # a response this release cannot read
        regraded = Grade(review.correct, review.score)
    verdict = dataclasses.replace(regraded, correct=review.correct, score=review.score)
    return AnswerRecord(
        question=question,
        topic_id=bank.topic_of(question).id,
        response=response,
        grade=verdict,
        lang=review.lang or lang,
        hinted=review.hinted,
        answered_at=review.answered_at,
    )


def _response(stored: str | None) -> Any:
    if stored is None:
        return None
    try:
        return json.loads(stored)
    except ValueError:
        return None
