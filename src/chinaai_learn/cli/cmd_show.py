"""``chinaai-learn show ID``: a question with its answer, explanation and cited source."""

from __future__ import annotations

import argparse

from ..bank import Bank
from ..model import Cloze, Matching, MultipleChoice, Numeric, Ordering, QuestionBase, SingleChoice, TrueFalse
from ..presentation import layout
from ..render import (
    QuoteParts,
    citation_reference,
    correct_answer,
    letter,
    split_quote,
    split_translation,
    translation_label,
)
from .common import ExitStatus, add_bank_option, add_lang_option, bank_from, question_or_error
from .terminal_text import styling_allowed

LABELS = {
    "de": {
        "question": "Frage",
        "answer": "Antwort",
        "explanation": "Erklärung",
        "source": "Quelle",
        "statement": "Aussage: wahr oder falsch?",
        "unit": "Einheit",
        "evidence": "Beleg",
    },
    "en": {
        "question": "Question",
        "answer": "Answer",
        "explanation": "Explanation",
        "source": "Source",
        "statement": "Statement: true or false?",
        "unit": "Unit",
        "evidence": "Evidence",
    },
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "show",
        help="show a question, its answer and its source",
        description=__doc__
        + "\n\nChoices are listed in a fixed shuffle per question (the same every time, the order"
        " `check` letters refer to); a question with `shuffle: false` keeps bank order.",
    )
    p.add_argument("id", help="question id (see: chinaai-learn list --ids)")
    add_bank_option(p)
    add_lang_option(p)
    p.set_defaults(func=run)


def question_lines(question: QuestionBase, lang: str) -> list[str]:
    """The question as a learner sees it, with labels that `check` accepts."""
    words = LABELS[lang]
    lines = [f"{words['question']}: {question.prompt(lang)}"]
    order = layout(question).order
    if isinstance(question, (SingleChoice, MultipleChoice)):
        lines += [f"  {letter(k)}) {question.choices[i].text(lang)}" for k, i in enumerate(order)]
    elif isinstance(question, TrueFalse):
        lines.append(f"  ({words['statement']})")
    elif isinstance(question, Cloze):
        text = "".join(p if isinstance(p, str) else f"[{p + 1}] ____" for p in question.segments(lang))
        lines.append(f"  {text}")
    elif isinstance(question, Numeric) and question.unit:
        lines.append(f"  ({words['unit']}: {question.unit(lang)})")
    elif isinstance(question, Ordering):
        lines += [f"  {letter(k)}) {question.items[i](lang)}" for k, i in enumerate(order)]
    elif isinstance(question, Matching):
        lines += [f"  {n + 1}. {p.left(lang)}" for n, p in enumerate(question.pairs)]
        lines += [f"  {letter(k)}) {question.pairs[i].right(lang)}" for k, i in enumerate(order)]
    return lines


def emphasis_allowed() -> bool:
    """Bold in a terminal that shows it; plain text into pipes, files and under NO_COLOR."""
    return styling_allowed()


def source_lines(bank: Bank, question: QuestionBase, lang: str, *, bold: bool = False) -> list[str]:
    """Each citation's reference and quote (in English with its translation beneath); the span
    that proves the answer in bold on a terminal, else named on its own line."""
    lines = []
    for cite in question.citations:
        parts = split_quote(cite)
        lines.append(f"{LABELS[lang]['source']}: {citation_reference(bank, cite, lang)}")
        lines.append(f"  »{_marked(parts, bold)}«")
        translated = split_translation(cite, lang)
        if translated is not None:
            lines.append(f"  {translation_label(lang)}: »{_marked(translated, bold)}«")
        if parts.highlight and not bold:
            lines.append(f"  {LABELS[lang]['evidence']}: {parts.highlight}")
    return lines


def _marked(parts: QuoteParts, bold: bool) -> str:
    if parts.highlight and bold:
        return f"{parts.before}\x1b[1m{parts.highlight}\x1b[22m{parts.after}"
    return f"{parts.before}{parts.highlight}{parts.after}"


def run(args: argparse.Namespace) -> int:
    bank = bank_from(args)
    q = question_or_error(bank, args.id)
    lang = args.lang
    topic = bank.topic_of(q)
    print(f"{q.id} · {topic.title(lang)} · {q.type} · difficulty {q.difficulty}")  # type: ignore[attr-defined]
    print("\n".join(question_lines(q, lang)))
    print(f"{LABELS[lang]['answer']}: {correct_answer(q, lang)}")
    print(f"{LABELS[lang]['explanation']}: {q.explanation(lang)}")
    print("\n".join(source_lines(bank, q, lang, bold=emphasis_allowed())))
    return ExitStatus.SUCCESS
