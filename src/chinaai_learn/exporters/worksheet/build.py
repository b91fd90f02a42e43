"""Build a worksheet from selected questions: versions A, B, … each shuffled from the seed."""

from __future__ import annotations

from collections.abc import Sequence
from math import factorial

from ...bank import Bank
from ...errors import UserError, did_you_mean
from ...model import QUESTION_TYPES, Matching, MultipleChoice, Ordering, QuestionBase, SingleChoice
from ...presentation import layout
from ...render import citation_reference, letter, reference, split_quote, split_translation
from ...selection import SelectionCriteria
from ...shuffle import rng_for
from .labels import clash_free_labels
from .model import KeyCitation, SheetQuestion, SheetText, Worksheet, WorksheetOptions, WorksheetVersion
from .points import question_points
from .words import label

MAX_VERSIONS = 26  # labelled A to Z


def build_worksheet(
    bank: Bank,
    questions: Sequence[QuestionBase],
    options: WorksheetOptions,
    selection: SelectionCriteria | None = None,
) -> Worksheet:
    """The worksheet with ``options.versions`` versions of ``questions``; the same input gives the same sheet."""
    if not questions:
        raise UserError("a worksheet needs at least one question: widen the filters")
    if len({q.id for q in questions}) != len(questions):
        raise UserError("a question may appear only once on a worksheet")
    if not 1 <= options.versions <= MAX_VERSIONS:
        raise UserError(f"--versions {options.versions}: give 1 to {MAX_VERSIONS} versions (labelled A to Z)")
    _check_options(bank, options)
    texts = _texts(bank, questions, options)
    text_of = {t.doc: t.label for t in texts}
    citations = {q.id: _citations(bank, q, options.lang) for q in questions}
    orders = _question_orders(len(questions), options.seed, options.versions)
    versions = []
    for v, order in enumerate(orders):
        tag = letter(v)
        seed = ("worksheet", options.seed, tag)
        sheet = []
        for n, i in enumerate(order):
            q = questions[i]
            shown = layout(q, seed, shuffle_choices=True).order
            docs = dict.fromkeys(c.doc for c in q.citations)
            sheet.append(
                SheetQuestion(
                    n + 1,
                    q,
                    shown,
                    citations[q.id],
                    points=question_points(q, options),
                    labels=_labels(q, shown, options.lang),
                    texts=tuple(text_of[d] for d in docs if d in text_of) if len(texts) > 1 else (),
                )
            )
        versions.append(WorksheetVersion(tag, tuple(sheet)))
    title = options.title if options.title is not None else _default_title(bank, questions, options.lang)
    return Worksheet(title, options, tuple(versions), tuple(q.id for q in questions), selection, texts)


def _check_options(bank: Bank, options: WorksheetOptions) -> None:
    for qtype, value in options.points.items():
        if qtype not in QUESTION_TYPES:
            raise UserError(
                f"points for {qtype!r}: unknown question type{did_you_mean(qtype, QUESTION_TYPES)}; "
                f"types are: {', '.join(QUESTION_TYPES)}"
            )
        if value < 0:
            raise UserError(f"points for {qtype}: {value} is negative; give 0 or more")
    known_ids = [q.id for q in bank.questions]
    for qid in options.question_points:
        if bank.get(qid) is None:
            raise UserError(
                f"points for question {qid!r}: no such question{did_you_mean(qid, known_ids)} "
                "(list them with: chinaai-learn list --ids)"
            )
    for doc in options.sources or ():
        if doc not in bank.sources:
            raise UserError(
                f"sources: unknown document {doc!r}{did_you_mean(doc, bank.sources)}; "
                f"documents are: {', '.join(bank.sources)}"
            )


def _labels(question: QuestionBase, order: tuple[int, ...], lang: str) -> tuple[str, ...]:
    """What each shown choice or right side is labelled with; ordering items carry only a box."""
    if isinstance(question, (SingleChoice, MultipleChoice)):
        texts = [c.text(lang) for c in question.choices]
        return clash_free_labels(len(order), [question.prompt(lang), *texts])
    if isinstance(question, Matching):
        sides = [p.left(lang) for p in question.pairs] + [p.right(lang) for p in question.pairs]
        return clash_free_labels(len(order), [question.prompt(lang), *sides])
    if isinstance(question, Ordering):
        return ()
    return ()


def _texts(bank: Bank, questions: Sequence[QuestionBase], options: WorksheetOptions) -> tuple[SheetText, ...]:
    """The documents the sheet names ("Text 1", …), in the order the questions first cite them."""
    docs = dict.fromkeys(c.doc for q in questions for c in q.citations)
    named = [d for d in docs if options.sources is None or d in options.sources]
    word = label(options.lang, "text")
    out = []
    for n, doc in enumerate(named, 1):
        record = bank.sources.get(doc)
        out.append(SheetText(doc, f"{word} {n}", reference(record, options.lang) if record else doc))
    return tuple(out)


def _question_orders(n: int, seed: int, versions: int) -> list[tuple[int, ...]]:
    """One question order per version, each different from the others while that is possible."""
    orders: list[tuple[int, ...]] = []
    for v in range(versions):
        attempt = 0
        while True:
            order = list(range(n))
            rng_for("worksheet-order", seed, letter(v), attempt).shuffle(order)
            if tuple(order) not in orders or len(orders) >= factorial(min(n, 10)) or attempt >= 100:
                break
            attempt += 1
        orders.append(tuple(order))
    return orders


def _citations(bank: Bank, question: QuestionBase, lang: str) -> tuple[KeyCitation, ...]:
    out = []
    for cite in question.citations:
        parts = split_quote(cite)
        out.append(
            KeyCitation(
                citation_reference(bank, cite, lang),
                parts.before,
                parts.highlight,
                parts.after,
                split_translation(cite, lang),
            )
        )
    return tuple(out)


def _default_title(bank: Bank, questions: Sequence[QuestionBase], lang: str) -> str:
    topics = list(dict.fromkeys(bank.topic_of(q).title(lang) for q in questions))
    word = label(lang, "worksheet")
    return f"{word}: {', '.join(topics)}" if len(topics) <= 3 else word
