"""Build a worksheet from selected questions: versions A, B, … each shuffled from the seed."""

from __future__ import annotations

from collections.abc import Sequence
from math import factorial

from ...bank import Bank
from ...errors import UserError
from ...model import QuestionBase
from ...presentation import layout
from ...render import citation_reference, letter, split_quote, split_translation
from ...selection import SelectionCriteria
from ...shuffle import rng_for
from .model import KeyCitation, SheetQuestion, Worksheet, WorksheetOptions, WorksheetVersion
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
    citations = {q.id: _citations(bank, q, options.lang) for q in questions}
    orders = _question_orders(len(questions), options.seed, options.versions)
    versions = []
    for v, order in enumerate(orders):
        tag = letter(v)
        seed = ("worksheet", options.seed, tag)
        sheet = tuple(
            SheetQuestion(
                n + 1,
                questions[i],
                layout(questions[i], seed, shuffle_choices=True).order,
                citations[questions[i].id],
            )
            for n, i in enumerate(order)
        )
        versions.append(WorksheetVersion(tag, sheet))
    title = options.title if options.title is not None else _default_title(bank, questions, options.lang)
    return Worksheet(title, options, tuple(versions), tuple(q.id for q in questions), selection)


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
