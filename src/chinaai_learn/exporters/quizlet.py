"""Quizlet flashcards: one "term<TAB>definition" line per question, for Quizlet's import.

The term is the question as a learner sees it (choices in a fixed shuffle per question,
gaps, items to order, sides to match); the definition is the correct answer followed by the explanation. Quizlet's
import splits cards at line breaks and sides at tabs, so every run of whitespace in a
text (tabs and line breaks included) is written as one space. A card holds one answer:
where the bank accepts other answers too, the card shows the first, and the report
says which others Quizlet's Write mode will not accept.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..bank import Bank
from ..model import (
    Cloze,
    Matching,
    MultipleChoice,
    Ordering,
    QuestionBase,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    fold_whitespace,
)
from ..presentation import layout
from ..render import correct_answer, letter
from .report import ExportReport, ExportResult

FORMAT_NAME = "Quizlet"
TRUE_FALSE_HINT = {"de": "(wahr oder falsch?)", "en": "(true or false?)"}
GAP = "____"


def export_quizlet(bank: Bank, questions: Sequence[QuestionBase], lang: str) -> ExportResult:
    """Tab-separated flashcards, one line per question."""
    report = ExportReport(FORMAT_NAME)
    lines = []
    for q in questions:
        term = fold_whitespace(card_term(q, lang))
        definition = fold_whitespace(f"{correct_answer(q, lang)} — {q.explanation(lang)}")
        lines.append(f"{term}\t{definition}")
        report.wrote(q.type)  # type: ignore[attr-defined]
        _report_alternatives(q, lang, report)
    return ExportResult("".join(line + "\n" for line in lines), report)


def card_term(q: QuestionBase, lang: str) -> str:
    """The front of the card: the prompt and whatever the learner needs to answer it."""
    prompt = q.prompt(lang)
    if isinstance(q, (SingleChoice, MultipleChoice)):
        shown = layout(q).order  # the fixed per-question shuffle; correct_answer labels the same way
        return f"{prompt} " + " ".join(f"{letter(k)}) {q.choices[i].text(lang)}" for k, i in enumerate(shown))
    if isinstance(q, TrueFalse):
        return f"{prompt} {TRUE_FALSE_HINT[lang]}"
    if isinstance(q, Cloze):
        text = "".join(p if isinstance(p, str) else f"({p + 1}) {GAP}" for p in q.segments(lang))
        return f"{prompt} {text}"
    if isinstance(q, Ordering):
        return f"{prompt} " + " · ".join(q.items[i](lang) for i in layout(q).order)
    if isinstance(q, Matching):
        lefts = " · ".join(p.left(lang) for p in q.pairs)
        rights = " · ".join(q.pairs[i].right(lang) for i in layout(q).order)
        return f"{prompt} {lefts} ↔ {rights}"
    return prompt


def _report_alternatives(q: QuestionBase, lang: str, report: ExportReport) -> None:
    if isinstance(q, ShortAnswer):
        others = q.answers(lang)[1:]
    elif isinstance(q, Cloze):
        others = [a for blank in q.blanks for a in blank(lang)[1:]]
    else:
        return
    if others:
        report.downgrade(
            q.id,
            f"also accepted: {', '.join(others)}: the card shows one answer, and Quizlet's Write mode"
            " will not accept the others the bank accepts",
        )
