"""The scoring rule of each question type in words, German and English, as every output states it.

The quiz's feedback, ``check``, worksheet keys and the docs say how points were given,
so a learner can see that guessing does not pay. The rules themselves live in ``grading``.
"""

from __future__ import annotations

from .grading import TYPO_MIN_LETTERS, Grade
from .model import Cloze, Matching, MultipleChoice, Ordering, QuestionBase, ShortAnswer
from .textnorm import format_number

_RULES = {
    "de": {
        "multiple_choice": "Je richtig angekreuzte Antwort +1/{k}, je falsch angekreuzte −1/{wrong}, mindestens 0 Punkte.",
        "multiple_choice_all": "Je richtig angekreuzte Antwort +1/{k}.",
        "ordering": "Je Eintrag, auf den sein richtiger Nachfolger direkt folgt, 1/{pairs} Punkt.",
        "matching": "Je richtig zugeordnetes Paar 1/{n} Punkt.",
        "cloze": "Je richtig gefüllte Lücke 1/{n} Punkt; ein Tippfehler in Wörtern ab {letters} Buchstaben wird verziehen.",
        "short_answer": "Ganz oder gar nicht; ein Tippfehler in Wörtern ab {letters} Buchstaben wird verziehen, in Zahlen und Codes nie.",
        "all_or_nothing": "Ganz oder gar nicht: 1 Punkt für die richtige Antwort.",
    },
    "en": {
        "multiple_choice": "+1/{k} for each correct choice ticked, −1/{wrong} for each wrong one, never below 0 points.",
        "multiple_choice_all": "+1/{k} for each correct choice ticked.",
        "ordering": "1/{pairs} point for each item directly followed by its right successor.",
        "matching": "1/{n} point for each pair matched right.",
        "cloze": "1/{n} point for each gap filled right; one typo is forgiven in words of {letters} letters or more.",
        "short_answer": "All or nothing; one typo is forgiven in words of {letters} letters or more, never in numbers or codes.",
        "all_or_nothing": "All or nothing: 1 point for the right answer.",
    },
}
_NO_ANSWER = {"de": "Keine Antwort", "en": "No answer"}
_SPELLING = {
    "de": "akzeptiert, richtige Schreibweise: {spelling}",
    "en": "accepted, correct spelling: {spelling}",
}
_POINTS = {"de": "{points} von 1 Punkt", "en": "{points} of 1 point"}


def scoring_rule(question: QuestionBase, lang: str) -> str:
    """How ``question`` is scored, in one sentence of ``lang``."""
    rules = _RULES["en" if lang == "en" else "de"]
    if isinstance(question, MultipleChoice):
        k = len(question.correct_indices)
        wrong = len(question.choices) - k
        return (rules["multiple_choice"] if wrong else rules["multiple_choice_all"]).format(k=k, wrong=wrong)
    if isinstance(question, Ordering):
        return rules["ordering"].format(pairs=len(question.items) - 1)
    if isinstance(question, Matching):
        return rules["matching"].format(n=len(question.pairs))
    if isinstance(question, Cloze):
        return rules["cloze"].format(n=len(question.blanks), letters=TYPO_MIN_LETTERS)
    if isinstance(question, ShortAnswer):
        return rules["short_answer"].format(letters=TYPO_MIN_LETTERS)
    return rules["all_or_nothing"]


def no_answer_words(lang: str) -> str:
    """'Keine Antwort' / 'No answer': the outcome of an empty answer."""
    return _NO_ANSWER["en" if lang == "en" else "de"]


def spelling_note(grade: Grade, lang: str) -> str | None:
    """'accepted, correct spelling: Hangzhou' when a typo was forgiven, else None."""
    if not grade.spellings:
        return None
    return _SPELLING["en" if lang == "en" else "de"].format(spelling=", ".join(grade.spellings))


def points_text(score: float, lang: str) -> str:
    """'0,5 von 1 Punkt' / '0.5 of 1 point' (two decimals at most)."""
    return _POINTS["en" if lang == "en" else "de"].format(points=format_number(round(score, 2), lang))
