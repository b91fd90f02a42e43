"""Distractors (L501, L502): a wrong choice the cited span supports; a correct choice unlike the rest."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Choice, MultipleChoice, SingleChoice
from .context import Hit, LintContext, quoted
from .words import contains_phrase, fold


def check(ctx: LintContext) -> Iterator[Hit]:
    for q in ctx.bank.questions:
        if not isinstance(q, (SingleChoice, MultipleChoice)):
            continue
        spans = [c.highlight for c in q.citations if c.highlight]
        correct = [fold(c.text.de) for c in q.choices if c.correct]
        for choice in q.choices:
            text = choice.text.de
            if choice.correct or len(fold(text).strip()) < 3:
                continue
            # Conservative: only the highlighted span (what proves the answer), and only a wrong
            # choice that is not part of a correct one ("Henan" inside "Luoyang (Henan)").
            if any(contains_phrase(span, text) for span in spans) and not any(
                fold(text) in c for c in correct
            ):
                yield Hit(
                    "L501",
                    (q.id,),
                    f"the wrong choice {quoted(text, 40)} appears in the highlighted proof: "
                    "the quote supports it too; replace the distractor or narrow the question",
                )
                break
        if isinstance(q, SingleChoice) and len(q.choices) >= 3:
            kinds = [_kind(c) for c in q.choices]
            right = kinds[q.correct_indices[0]]
            wrong = [k for i, k in enumerate(kinds) if i != q.correct_indices[0]]
            if len(set(wrong)) == 1 and wrong[0] != right:
                yield Hit(
                    "L502",
                    (q.id,),
                    f"the correct choice is the only {right} among {wrong[0]}s: "
                    "write distractors of the same kind as the answer",
                )


_NUMBER = re.compile(r"\d")


def _kind(choice: Choice) -> str:
    """The shape of a choice (English text): a number, a name, or a phrase."""
    text = choice.text.en.strip()
    tokens = text.split()
    if (
        _NUMBER.search(text)
        and len(tokens) <= 3
        and sum(ch.isdigit() for ch in text) * 2 >= len(re.sub(r"\W", "", text)) - 8
    ):
        return "number"
    if len(tokens) <= 4 and all(t[:1].isupper() or t[:1].isdigit() or not t[:1].isalpha() for t in tokens):
        return "name"
    return "phrase"
