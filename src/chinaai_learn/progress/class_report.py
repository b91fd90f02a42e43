"""How a class did: per learner and per question, from the learners' progress stores.

The statistics follow Moodle's quiz statistics, computed over learners instead of quiz
attempts (each learner's *last* answer to a question is that learner's score on it):

- **facility index**: the mean score on the question, as a percentage (100 % = everyone
  right). Low values mark hard or badly worded questions.
- **discrimination index**: the Pearson correlation, across the learners who answered the
  question, between their score on it and their mean score on the other questions they
  answered, as a percentage. High values (above 30 %) mean the learners who did well
  overall also got this one right; values near 0 or negative mark a question that does
  not separate strong from weak answers (or has a wrong key). Needs three learners.
- **most common wrong answer**: the wrong response given most often.

Stores are opened read-only, so a class that is still answering is never locked out.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..bank import Bank
from ..classroom import STORE_SUFFIX
from ..model import MultipleChoice, SingleChoice
from ..render import response_text
from .errors import ProgressStoreError
from .records import Review
from .store import ProgressStore

MIN_LEARNERS_FOR_DISCRIMINATION = 3


@dataclass(frozen=True)
class LearnerRow:
    """One learner's part: questions answered, answers given, mean score, time spent."""

    learner: str
    questions: int
    answers: int
    score: float  # mean of the learner's last score per question, 0..1
    seconds: float  # answering time recorded (sum of the time each question was shown)
    first: datetime | None
    last: datetime | None


@dataclass(frozen=True)
class QuestionRow:
    """One question across the class."""

    question_id: str
    topic_id: str
    learners: int
    facility: float  # 0..1
    discrimination: float | None  # -1..1, None below MIN_LEARNERS_FOR_DISCRIMINATION
    common_wrong: str | None
    common_wrong_count: int


@dataclass
class ClassReport:
    learners: list[LearnerRow] = field(default_factory=list)
    questions: list[QuestionRow] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def topic_facility(self) -> list[tuple[str, float, int]]:
        """(topic id, mean facility of its questions, questions) per topic, in first-seen order."""
        by_topic: dict[str, list[float]] = {}
        for row in self.questions:
            by_topic.setdefault(row.topic_id, []).append(row.facility)
        return [(t, sum(v) / len(v), len(v)) for t, v in by_topic.items()]


def learner_stores(folder: Path) -> list[Path]:
    """The learners' store files in a classroom folder (set-aside copies are not learners)."""
    return sorted(p for p in folder.glob(f"*{STORE_SUFFIX}") if p.is_file())


def _open(path: Path) -> list[Review]:
    try:
        with ProgressStore.open(path, read_only=True) as store:
            return store.reviews()
    except ProgressStoreError as problem:
        if "schema version" not in str(problem):
            raise
    with ProgressStore.open(path) as store:  # an older release's store: bring it up to date once
        return store.reviews()


def build_class_report(
    folder: Path, bank: Bank | None = None, lang: str = "de", since: datetime | None = None
) -> ClassReport:
    """Read every learner's store in ``folder``; answers before ``since`` are left out."""
    report = ClassReport()
    last_scores: dict[str, dict[str, float]] = {}
    topics: dict[str, str] = {}
    wrong: dict[str, Counter[str]] = {}
    for path in learner_stores(folder):
        learner = path.name[: -len(STORE_SUFFIX)]
        try:
            reviews = [r for r in _open(path) if since is None or r.answered_at >= since]
        except ProgressStoreError as problem:
            report.unreadable.append((path.name, str(problem)))
            continue
        if not reviews:
            continue
        scores: dict[str, float] = {}
        for review in reviews:
            scores[review.question_id] = review.score
            topics.setdefault(review.question_id, review.topic_id)
            if not review.correct:
                wrong.setdefault(review.question_id, Counter())[_response_words(bank, review, lang)] += 1
        last_scores[learner] = scores
        report.learners.append(
            LearnerRow(
                learner=learner,
                questions=len(scores),
                answers=len(reviews),
                score=sum(scores.values()) / len(scores),
                seconds=sum((r.duration_ms or 0) for r in reviews) / 1000,
                first=reviews[0].answered_at,
                last=reviews[-1].answered_at,
            )
        )
    order = _question_order(bank, topics)
    for qid in order:
        item = {learner: s[qid] for learner, s in last_scores.items() if qid in s}
        rest = {learner: _mean([v for q, v in last_scores[learner].items() if q != qid]) for learner in item}
        common = wrong.get(qid, Counter()).most_common(1)
        report.questions.append(
            QuestionRow(
                question_id=qid,
                topic_id=topics[qid],
                learners=len(item),
                facility=_mean(list(item.values())),
                discrimination=_correlation(
                    [item[learner] for learner in item if rest[learner] is not None],
                    [rest[learner] for learner in item if rest[learner] is not None],
                ),
                common_wrong=common[0][0] if common else None,
                common_wrong_count=common[0][1] if common else 0,
            )
        )
    return report


def _question_order(bank: Bank | None, topics: dict[str, str]) -> list[str]:
    if bank is None:
        return sorted(topics)
    position = {q.id: i for i, q in enumerate(bank.questions)}
    return sorted(topics, key=lambda qid: (position.get(qid, len(position)), qid))


def _response_words(bank: Bank | None, review: Review, lang: str) -> str:
    """The stored response in words (a choice's text, not its letter, which differs per learner)."""
    if review.response is None:
        return "—"
    question = bank.get(review.question_id) if bank is not None else None
    try:
        response: Any = json.loads(review.response)
        if question is None:
            return review.response
        if isinstance(question, SingleChoice):
            return question.choices[int(response)].text(lang)
        if isinstance(question, MultipleChoice):
            return "; ".join(question.choices[i].text(lang) for i in sorted(response)) or "—"
        return response_text(question, tuple(response) if isinstance(response, list) else response, lang)
    except (ValueError, IndexError, TypeError, KeyError):
        return review.response


def _mean(values: Sequence[float]) -> Any:
    return sum(values) / len(values) if values else None


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, or None with fewer than three pairs or no spread."""
    n = len(xs)
    if n < MIN_LEARNERS_FOR_DISCRIMINATION:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """A text typed by a learner as a spreadsheet shows it: never as a formula.

    Excel and LibreOffice run a CSV cell that starts with ``= + - @`` (or a tab or carriage
    return before one) as a formula, and a learner's answer or name can be anything, e.g.
    ``=HYPERLINK(...)``. Such a cell starts with an apostrophe, as OWASP advises: the
    spreadsheet shows the text, and a reader of the file sees what was typed after it.
    """
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def csv_rows(report: ClassReport) -> tuple[list[list[str]], list[list[str]]]:
    """The two tables as rows (header first): learners, questions; learners' texts through ``text_cell``."""
    learners = [
        ["learner", "questions", "answers", "score_percent", "seconds", "first_answer", "last_answer"]
    ]
    learners += [
        [
            text_cell(row.learner),
            str(row.questions),
            str(row.answers),
            f"{row.score * 100:.1f}",
            f"{row.seconds:.0f}",
            row.first.isoformat() if row.first else "",
            row.last.isoformat() if row.last else "",
        ]
        for row in report.learners
    ]
    questions = [
        [
            "question",
            "topic",
            "learners",
            "facility_percent",
            "discrimination_percent",
            "most_common_wrong_answer",
            "times",
        ]
    ]
    questions += [
        [
            row.question_id,
            row.topic_id,
            str(row.learners),
            f"{row.facility * 100:.1f}",
            "" if row.discrimination is None else f"{row.discrimination * 100:.1f}",
            text_cell(row.common_wrong or ""),
            str(row.common_wrong_count),
        ]
        for row in report.questions
    ]
    return learners, questions
