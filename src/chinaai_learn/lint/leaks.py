"""Cross-question leaks (L201): within a topic, one question prints the answer of another."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import LANGS, Cloze, QuestionBase
from .context import Hit, LintContext, quoted
from .words import answers, contains_phrase, content_stems, fold, is_number, shown_texts, stem, words

_CONTEXT_WINDOW = 3  # words either side of a number that must share a word with the asking question


_SUMMARY_FROM = 4  # an answer printed in this many other questions gets one warning, not one per pair


def check(ctx: LintContext) -> Iterator[Hit]:
    for tb in ctx.bank.topics:
        for asker in tb.questions:
            yield from _leaks_of(asker, tb.questions)


def _leaks_of(asker: QuestionBase, topic: list[QuestionBase]) -> Iterator[Hit]:
    by_lang: list[dict[str, tuple[str, str]]] = []  # per language: other id -> (part, answer)
    for lang in LANGS:
        context = _context_stems(asker, lang)
        found: dict[str, tuple[str, str]] = {}
        for answer in _significant(answers(asker, lang)):
            for other in topic:
                if other is not asker and other.id not in found:
                    part = _printed_in(other, lang, answer, context)
                    if part:
                        found[other.id] = (part, answer)
        by_lang.append(found)
    # A leak in one language only is mostly a shared word, not a shared answer.
    leaked = {k: v for k, v in by_lang[0].items() if all(k in other for other in by_lang[1:])}
    per_answer: dict[str, list[str]] = {}
    for other_id, (_, answer) in leaked.items():
        per_answer.setdefault(answer, []).append(other_id)
    for answer, others in per_answer.items():
        if len(others) >= _SUMMARY_FROM:
            yield Hit(
                "L201",
                (asker.id, *others),
                f"the answer {quoted(answer, 40)} is printed in {len(others)} other questions of the topic: "
                "a learner reads it there; ask this question without that answer, or in another topic",
            )
            continue
        for other_id in others:
            part = leaked[other_id][0]
            yield Hit(
                "L201",
                (other_id, asker.id),
                f"the {part} {'print' if part.endswith('s') else 'prints'} {quoted(answer, 40)}, the answer of {asker.id}: "
                "reword one of them, ask one differently, or move it to another topic",
            )


def _significant(texts: list[str]) -> list[str]:
    """Answers worth searching for: numbers (judged in context) and texts of two letters or more."""
    return list(dict.fromkeys(t for t in texts if is_number(t) or len(fold(t).strip()) >= 2))


def _context_stems(question: QuestionBase, lang: str) -> set[str]:
    text = question.prompt(lang)
    if isinstance(question, Cloze):
        text += " " + " ".join(p for p in question.segments(lang) if isinstance(p, str))
    return content_stems(text)


def _printed_in(other: QuestionBase, lang: str, answer: str, context: set[str]) -> str | None:
    for part, text in shown_texts(other, lang, correct_choices_only=True):
        if is_number(answer):
            if _number_in_context(text, fold(answer), context):
                return part
        elif contains_phrase(text, answer):
            return part
    return None


def _number_in_context(text: str, number: str, context: set[str]) -> bool:
    """A bare number leaks only where the words around it are those the asking question is about."""
    tokens = words(text)
    for i, token in enumerate(tokens):
        if token == number:
            near = tokens[max(0, i - _CONTEXT_WINDOW) : i + _CONTEXT_WINDOW + 1]
            if {stem(w) for w in near if len(w) >= 4} & context:
                return True
    return False
