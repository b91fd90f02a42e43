"""``chinaai-learn show ID``: a question with its answer, explanation and cited source."""

from __future__ import annotations

import argparse

from ..bank import Bank
from ..model import Cloze, Matching, MultipleChoice, Numeric, Ordering, QuestionBase, SingleChoice, TrueFalse
from ..presentation import layout
from ..render import citation_reference, correct_answer, letter, split_quote
from .common import ExitStatus, add_bank_option, add_lang_option, bank_from, question_or_error

LABELS = {
    "de": {
        "question": "Frage",
        "answer": "Antwort",
        "explanation": "Erklärung",
        "source": "Quelle",
        "statement": "Aussage: wahr oder falsch?",
        "unit": "Einheit",
    },
    "en": {
        "question": "Question",
        "answer": "Answer",
        "explanation": "Explanation",
        "source": "Source",
        "statement": "Statement: true or false?",
        "unit": "Unit",
    },
}


def register(sub: argparse._SubParsersAction) -> None:
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


def source_lines(bank: Bank, question: QuestionBase, lang: str) -> list[str]:
    lines = []
    for cite in question.citations:
        parts = split_quote(cite)
        marked = f"{parts.before}**{parts.highlight}**{parts.after}" if parts.highlight else parts.before
        lines.append(f"{LABELS[lang]['source']}: {citation_reference(bank, cite, lang)}")
        lines.append(f"  »{marked}«")
    return lines


def run(args: argparse.Namespace) -> int:
    bank = bank_from(args)
    q = question_or_error(bank, args.id)
    lang = args.lang
    topic = bank.topic_of(q)
    print(f"{q.id} · {topic.title(lang)} · {q.type} · difficulty {q.difficulty}")  # type: ignore[attr-defined]
    print("\n".join(question_lines(q, lang)))
    print(f"{LABELS[lang]['answer']}: {correct_answer(q, lang)}")
    print(f"{LABELS[lang]['explanation']}: {q.explanation(lang)}")
    print("\n".join(source_lines(bank, q, lang)))
    return ExitStatus.SUCCESS
