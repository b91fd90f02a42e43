"""How the bank's answers become Moodle grading data; shared by the Moodle XML and GIFT exporters.

Moodle only imports answer grades from a fixed list (100 %, 90 %, 83.33333 %, ...); a
multiple-answer question's positive grades must add up to 100 % and wrong choices take
negative grades so that ticking every box does not score. Moodle's text matching is
case-insensitive but does not fold ä/ae like our grading does, so the folded spellings
are added as further accepted answers.
"""

from __future__ import annotations

from ..grading import forgives_typo
from ..model import Cloze, QuestionBase, ShortAnswer

# Moodle's grade options (question_bank::fraction_options_full), as fractions of the mark.
MOODLE_FRACTIONS: tuple[float, ...] = (
    1.0,
    0.9,
    0.8333333,
    0.8,
    0.75,
    0.7,
    0.6666667,
    0.6,
    0.5,
    0.4,
    0.3333333,
    0.3,
    0.25,
    0.2,
    0.1666667,
    0.1428571,
    0.125,
    0.1111111,
    0.1,
    0.05,
)
_SUM_TOLERANCE = 0.005  # Moodle rounds the sum of positive grades to two decimals


def percent(fraction: float) -> str:
    """A grade as Moodle writes it: 100, 50, 33.33333, -25."""
    return f"{fraction * 100:.5f}".rstrip("0").rstrip(".")


def correct_shares(n_correct: int) -> list[float] | None:
    """Grades for ``n_correct`` correct choices that add up to 100 %, or None if the list has none.

    Up to ten correct choices get 1/n each, which is on Moodle's list. Beyond that the
    two neighbouring grades of the list are mixed (unequal shares) so that the sum still
    comes to 100 %; past twenty there is no such mix.
    """
    exact = 1 / n_correct
    nearest = min(MOODLE_FRACTIONS, key=lambda f: abs(f - exact))
    if abs(nearest * n_correct - 1) < _SUM_TOLERANCE:
        return [nearest] * n_correct
    lower = max((f for f in MOODLE_FRACTIONS if f <= exact), default=None)
    upper = min(f for f in MOODLE_FRACTIONS if f > exact)
    if lower is None:
        return None
    for n_upper in range(n_correct + 1):
        if abs(n_upper * upper + (n_correct - n_upper) * lower - 1) < _SUM_TOLERANCE:
            return [upper] * n_upper + [lower] * (n_correct - n_upper)
    return None


def wrong_penalty(n_wrong: int) -> float:
    """The negative grade of each wrong choice: ticking every wrong box cancels the whole mark."""
    return -min(MOODLE_FRACTIONS, key=lambda f: abs(f - 1 / n_wrong))


def plain_number(value: float) -> str:
    """A number as Moodle and GIFT read it: a dot for decimals, no grouping, no exponent."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.12f}".rstrip("0").rstrip(".")


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def accepted_spellings(answers: list[str]) -> list[str]:
    """The bank's accepted answers, then their ä→ae spellings that Moodle would otherwise reject."""
    result = list(dict.fromkeys(answers))
    known = {a.casefold() for a in result}
    for answer in answers:
        folded = answer.translate(_FOLD)
        if folded.casefold() not in known:
            known.add(folded.casefold())
            result.append(folded)
    return result


def choice_grades(correct: list[bool]) -> list[float] | None:
    """Moodle grades of a multiple-answer question's choices, in bank order (None: not possible)."""
    shares = correct_shares(sum(correct))
    if shares is None:
        return None
    n_wrong = len(correct) - sum(correct)
    penalty = wrong_penalty(n_wrong) if n_wrong else 0.0
    positive = iter(shares)
    return [next(positive) if is_correct else penalty for is_correct in correct]


def literal_answer(answer: str) -> str:
    """A text answer as Moodle's short-answer matching reads it: ``*`` is a wildcard there."""
    return answer.replace("*", "\\*")


TYPO_CAVEAT = (
    "short answers and cloze gaps: a typo is not forgiven (the quiz accepts one edit in words of"
    " six letters or more); only the listed spellings count"
)


def typo_forgiven_in_quiz(question: QuestionBase, lang: str) -> bool:
    """Whether the quiz would forgive a typo in one of the question's typed answers."""
    if isinstance(question, ShortAnswer):
        answers = question.answers(lang)
    elif isinstance(question, Cloze):
        answers = [a for blank in question.blanks for a in blank(lang)]
    else:
        return False
    return any(forgives_typo(a) for a in answers)
