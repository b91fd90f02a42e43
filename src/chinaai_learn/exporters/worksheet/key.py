"""The correct answer of a sheet question in the letters and boxes of its version, as text and data."""

from __future__ import annotations

from typing import Any

from ...model import Cloze, Matching, MultipleChoice, Numeric, Ordering, ShortAnswer, SingleChoice, TrueFalse
from ...render import letter, numeric_answer
from ...scoring_rules import scoring_rule
from .model import SheetQuestion
from .words import label


def key_answer(sq: SheetQuestion, lang: str) -> str:
    """One line a teacher grades by: choice letters, box contents, accepted words, number with unit."""
    q = sq.question
    if isinstance(q, (SingleChoice, MultipleChoice)):
        letters = "; ".join(
            f"{letter(k)}) {q.choices[i].text(lang)}" for k, i in enumerate(sq.order) if q.choices[i].correct
        )
        # Partial credit needs its rule beside the key (issue 15); all-or-nothing types need none.
        return f"{letters} ({scoring_rule(q, lang)})" if isinstance(q, MultipleChoice) else letters
    if isinstance(q, TrueFalse):
        return label(lang, "true" if q.answer else "false")
    if isinstance(q, Cloze):
        return "; ".join(f"({n + 1}) {' / '.join(blank(lang))}" for n, blank in enumerate(q.blanks))
    if isinstance(q, Numeric):
        return numeric_answer(q, lang)
    if isinstance(q, ShortAnswer):
        return " / ".join(q.answers(lang))
    if isinstance(q, Ordering):
        boxes = ", ".join(f"{letter(k)} = {i + 1}" for k, i in enumerate(sq.order))
        order = ", ".join(item(lang) for item in q.items)
        return f"{boxes} ({label(lang, 'order')}: {order}; {scoring_rule(q, lang)})"
    if isinstance(q, Matching):
        return "; ".join(
            f"{n + 1} = {letter(sq.order.index(n))} ({pair.left(lang)}: {pair.right(lang)})"
            for n, pair in enumerate(q.pairs)
        )
    raise TypeError(type(q).__name__)


def key_data(sq: SheetQuestion, lang: str) -> dict[str, Any]:
    """The same answer as plain data, so a key can be rebuilt or checked by a program."""
    q = sq.question
    if isinstance(q, (SingleChoice, MultipleChoice)):
        return {"letters": [letter(k) for k, i in enumerate(sq.order) if q.choices[i].correct]}
    if isinstance(q, TrueFalse):
        return {"true": q.answer}
    if isinstance(q, Cloze):
        return {"blanks": [blank(lang) for blank in q.blanks]}
    if isinstance(q, Numeric):
        return {"value": q.value, "tolerance": q.tolerance, "unit": q.unit(lang) if q.unit else None}
    if isinstance(q, ShortAnswer):
        return {"accepted": q.answers(lang)}
    if isinstance(q, Ordering):
        return {
            "boxes": {letter(k): i + 1 for k, i in enumerate(sq.order)},
            "sequence": [letter(sq.order.index(i)) for i in range(len(q.items))],
        }
    if isinstance(q, Matching):
        return {"boxes": {str(n + 1): letter(sq.order.index(n)) for n in range(len(q.pairs))}}
    raise TypeError(type(q).__name__)
