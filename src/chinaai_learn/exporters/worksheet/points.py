"""Points per question (defaults per type, the recipe's choices) and the grade each total earns."""

from __future__ import annotations

import math

from ...model import Cloze, Matching, QuestionBase
from .model import GradeStep, WorksheetOptions

# Points a question of each type is worth unless the recipe says otherwise: one per thing
# to get right, two where one answer holds several decisions.
DEFAULT_POINTS: dict[str, float] = {
    "single_choice": 1,
    "multiple_choice": 2,
    "true_false": 1,
    "numeric": 1,
    "short_answer": 1,
    "ordering": 2,
}


def question_points(question: QuestionBase, options: WorksheetOptions) -> float:
    """What ``question`` is worth: its own entry, else its type's, else the default (cloze: 1 per gap)."""
    if question.id in options.question_points:
        return float(options.question_points[question.id])
    qtype: str = question.type  # type: ignore[attr-defined]
    if qtype in options.points:
        return float(options.points[qtype])
    if isinstance(question, Cloze):
        return float(len(question.blanks))
    if isinstance(question, Matching):
        return float(len(question.pairs))
    return float(DEFAULT_POINTS[qtype])


def format_points(value: float, lang: str) -> str:
    """2 → "2", 1.5 → "1,5" (German) or "1.5"; at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "de" else text


def points_label(value: float, lang: str) -> str:
    """ "2 P." / "1 pt" / "2 pts": short enough for the margin of every question."""
    number = format_points(value, lang)
    if lang == "de":
        return f"{number} P."
    return f"{number} pt" if value == 1 else f"{number} pts"


def grade_thresholds(scale: tuple[GradeStep, ...], total: float) -> list[tuple[str, float, float]]:
    """(grade, from points, per cent) per step, best first; points rounded up to half points."""
    steps = sorted(scale, key=lambda s: -s.min_percent)
    return [(s.grade, math.ceil(total * s.min_percent / 100 * 2 - 1e-9) / 2, s.min_percent) for s in steps]
