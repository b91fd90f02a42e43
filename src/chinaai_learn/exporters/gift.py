"""GIFT export (Moodle's plain-text quiz format), with every downgrade reported.

Text is escaped by ``gift_escape`` (GIFT's special characters, ``->``, a leading
``%n%``). Texts are ``[html]`` (escaped HTML, as in Moodle XML); typed answers stay plain text. What GIFT cannot express is converted, and each
conversion is reported:

- a cloze with one gap becomes GIFT's native missing-word question;
- a cloze with several gaps becomes one missing-word question per gap, named
  ``<id>-gap-<n>``, the other gaps shown as ``[n] ____`` (GIFT allows one gap per question);
- an ordering question becomes a matching question "position → item" (graded per
  position, like Moodle's ordering type with absolute-position grading);
- a numeric question's unit moves into the question text (GIFT numbers take no unit).

GIFT has no shuffle flag, so choices are written in the fixed per-question shuffle (bank
order for ``shuffle: false``, reported: Moodle may still shuffle them on import).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..bank import Bank
from ..model import (
    Cloze,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    QuestionBase,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from ..presentation import fixed_choice_order
from .feedback import general_feedback_html, html_text
from .gift_escape import MATCH_ARROW, gift_escape, gift_html, typed_answer
from .moodle import CATEGORY_ROOT, UNIT_LABEL, category_path
from .moodle_grading import (
    TYPO_CAVEAT,
    accepted_spellings,
    choice_grades,
    literal_answer,
    percent,
    plain_number,
    typo_forgiven_in_quiz,
)
from .report import ExportReport, ExportResult

FORMAT_NAME = "GIFT"
POSITION_LABEL = {"de": "Platz", "en": "Position"}
GAP = "____"


def export_gift(
    bank: Bank, questions: Sequence[QuestionBase], lang: str, category_root: str | None = None
) -> ExportResult:
    """The questions as a GIFT file with a ``$CATEGORY`` line per topic."""
    report = ExportReport(FORMAT_NAME)
    root = category_root or CATEGORY_ROOT[lang]
    blocks = [f"// chinaai-learn export, language: {lang}"]
    current_topic = None
    for question in questions:
        topic = bank.topic_of(question)
        if topic.id != current_topic:
            current_topic = topic.id
            blocks.append(f"$CATEGORY: {category_path(root, topic.title(lang))}")
        feedback = "####" + gift_escape(general_feedback_html(bank, question, lang))
        written = _gift_questions(question, lang, feedback, report)
        if written and typo_forgiven_in_quiz(question, lang):
            report.caveat(TYPO_CAVEAT)
        if written:
            blocks += written
            report.wrote(question.type)  # type: ignore[attr-defined]
    return ExportResult("\n\n".join(blocks) + "\n", report)


def _head(name: str, html: str) -> str:
    return f"::{gift_escape(name)}::[html]{html}"


def _gift_questions(q: QuestionBase, lang: str, feedback: str, report: ExportReport) -> list[str]:
    prompt = f"<p>{gift_html(q.prompt(lang))}</p>"
    if isinstance(q, (SingleChoice, MultipleChoice)) and not q.shuffle:
        report.downgrade(
            q.id, "shuffle: false cannot be written in GIFT: Moodle may shuffle these choices on import"
        )
    if isinstance(q, SingleChoice):
        shown = [q.choices[i] for i in fixed_choice_order(q)]
        answers = [("=" if c.correct else "~") + gift_html(c.text(lang)) for c in shown]
        return [_head(q.id, prompt) + _block(answers, feedback)]
    if isinstance(q, MultipleChoice):
        grades = choice_grades([c.correct for c in q.choices])
        if grades is None:
            report.omit(
                q.id,
                f"{len(q.correct_indices)} correct choices: Moodle's grade list cannot share 100 % among them",
            )
            return []
        if len({g for g in grades if g > 0}) > 1:
            report.downgrade(
                q.id,
                f"{len(q.correct_indices)} correct choices: Moodle's grade list has no equal share, so they weigh slightly differently",
            )
        answers = [
            f"~%{percent(grades[i])}%{gift_html(q.choices[i].text(lang))}" for i in fixed_choice_order(q)
        ]
        return [_head(q.id, prompt) + _block(answers, feedback)]
    if isinstance(q, TrueFalse):
        return [_head(q.id, prompt) + "{" + ("TRUE" if q.answer else "FALSE") + feedback + "}"]
    if isinstance(q, ShortAnswer):
        typed = _typed_answers(q, q.answers(lang), report)
        return [_head(q.id, prompt) + _block(typed, feedback)] if typed else []
    if isinstance(q, Numeric):
        text = prompt
        if q.unit:
            text += gift_escape(f"<p>({UNIT_LABEL[lang]}: {html_text(q.unit(lang))})</p>")
            report.downgrade(
                q.id,
                f"unit {q.unit(lang)!r} shown in the question text: GIFT numbers take no unit, so learners type the number only",
            )
        answer = f"#{plain_number(q.value)}:{plain_number(q.absolute_tolerance)}"
        return [_head(q.id, text) + "{" + answer + feedback + "}"]
    if isinstance(q, Cloze):
        return _cloze(q, lang, prompt, feedback, report)
    if isinstance(q, Matching):
        # GIFT splits a pair at its first "->"; an HTML left side cannot contain one (">" is "&gt;").
        pairs = [f"={gift_html(p.left(lang))} -> {gift_escape(p.right(lang))}" for p in q.pairs]
        return [_head(q.id, prompt) + _block(pairs, feedback)]
    if isinstance(q, Ordering):
        label = POSITION_LABEL[lang]
        pairs = [f"={label} {n} -> {gift_escape(item(lang))}" for n, item in enumerate(q.items, 1)]
        report.downgrade(
            q.id,
            "ordering written as matching (position → item): GIFT has no ordering type, so it is graded"
            " per position, not per item followed by its right successor as in the quiz",
        )
        return [_head(q.id, prompt) + _block(pairs, feedback)]
    report.omit(q.id, f"GIFT export does not know the question type {type(q).__name__}")
    return []


def _block(answers: list[str], feedback: str) -> str:
    return "{\n" + "".join(f"\t{a}\n" for a in answers) + f"\t{feedback}\n}}"


def _typed_answers(q: QuestionBase, answers: list[str], report: ExportReport) -> list[str]:
    """``=answer`` per accepted spelling GIFT can hold; the others reported (none left: omitted)."""
    written = []
    for spelling in accepted_spellings(answers):
        escaped = typed_answer(literal_answer(spelling))
        if escaped is None:
            report.downgrade(
                q.id, f"accepted answer {spelling!r} left out: GIFT reads {MATCH_ARROW!r} as a matching pair"
            )
        else:
            written.append("=" + escaped)
    if not written:
        report.omit(q.id, f"no accepted answer GIFT can write (each contains {MATCH_ARROW!r})")
    return written


def _cloze(q: Cloze, lang: str, prompt: str, feedback: str, report: ExportReport) -> list[str]:
    """Missing-word questions: one for a one-gap cloze, else one per gap (reported)."""
    segments = q.segments(lang)
    n_gaps = len(q.blanks)
    typed = [_typed_answers(q, blank(lang), report) for blank in q.blanks]
    if not all(typed):
        return []
    written = []
    for gap in range(n_gaps):
        text = "".join(
            gift_html(part)
            if isinstance(part, str)
            else ("{" + " ".join(typed[part]) + feedback + "}" if part == gap else f"[{part + 1}] {GAP}")
            for part in segments
        )
        name = q.id if n_gaps == 1 else f"{q.id}-gap-{gap + 1}"
        written.append(_head(name, f"{prompt}<p>{text}</p>"))
    if n_gaps > 1:
        report.downgrade(
            q.id,
            f"cloze with {n_gaps} gaps split into {n_gaps} GIFT questions ({q.id}-gap-1 … -gap-{n_gaps}): GIFT allows one gap per question",
        )
    return written
