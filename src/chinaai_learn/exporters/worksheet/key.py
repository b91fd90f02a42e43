"""The correct answer of a sheet question in the labels and boxes of its version, as text and data."""

from __future__ import annotations

from typing import Any

from ...model import Cloze, Matching, MultipleChoice, Numeric, Ordering, ShortAnswer, SingleChoice, TrueFalse
from ...render import numeric_answer
from .model import SheetQuestion
from .words import label


def _clean(text: str) -> str:
    """A text as one item of a list: no closing full stop or semicolon to collide with the separator."""
    return text.strip().rstrip(".;,").rstrip()


def _listing(parts: list[str]) -> str:
    return "; ".join(_clean(p) for p in parts) if len(parts) > 1 else (parts[0] if parts else "")


def _correct_labels(sq: SheetQuestion) -> list[str]:
    q = sq.question
    assert isinstance(q, (SingleChoice, MultipleChoice))
    return [sq.labels[k] for k, i in enumerate(sq.order) if q.choices[i].correct]


def box_numbers(sq: SheetQuestion) -> list[int]:
    """Ordering: the number the pupil writes in each box, top to bottom."""
    return [i + 1 for i in sq.order]


def key_answer(sq: SheetQuestion, lang: str) -> str:
    """One line a teacher grades by: choice labels, box contents, accepted words, number with unit."""
    q = sq.question
    if isinstance(q, (SingleChoice, MultipleChoice)):
        return _listing(
            [
                f"{sq.labels[k]}) {q.choices[i].text(lang)}"
                for k, i in enumerate(sq.order)
                if q.choices[i].correct
            ]
        )
    if isinstance(q, TrueFalse):
        return label(lang, "true" if q.answer else "false")
    if isinstance(q, Cloze):
        return "; ".join(
            f"({n + 1}) {' / '.join(_clean(a) for a in blank(lang))}" for n, blank in enumerate(q.blanks)
        )
    if isinstance(q, Numeric):
        return numeric_answer(q, lang)
    if isinstance(q, ShortAnswer):
        return " / ".join(_clean(a) for a in q.answers(lang))
    if isinstance(q, Ordering):
        boxes = ", ".join(str(n) for n in box_numbers(sq))
        return f"{boxes} ({label(lang, 'order')}: {', '.join(_clean(item(lang)) for item in q.items)})"
    if isinstance(q, Matching):
        return "; ".join(
            f"{n + 1} = {sq.labels[sq.order.index(n)]} ({_clean(pair.left(lang))}: {_clean(pair.right(lang))})"
            for n, pair in enumerate(q.pairs)
        )
    raise TypeError(type(q).__name__)


def grid_answer(sq: SheetQuestion, lang: str) -> str:
    """The answer as short as a marker needs it beside the pupil's sheet: "B", "2, 3, 1", "1 = c, 2 = a"."""
    q = sq.question
    if isinstance(q, (SingleChoice, MultipleChoice)):
        return ", ".join(_correct_labels(sq))
    if isinstance(q, Ordering):
        return ", ".join(str(n) for n in box_numbers(sq))
    if isinstance(q, Matching):
        return ", ".join(f"{n + 1} = {sq.labels[sq.order.index(n)]}" for n in range(len(q.pairs)))
    if isinstance(q, Cloze):
        return "; ".join(f"({n + 1}) {_clean(blank(lang)[0])}" for n, blank in enumerate(q.blanks))
    if isinstance(q, ShortAnswer):
        return _clean(q.answers(lang)[0])
    return key_answer(sq, lang)


def key_data(sq: SheetQuestion, lang: str) -> dict[str, Any]:
    """The same answer as plain data, so a key can be rebuilt, checked or marked by a program."""
    q = sq.question
    if isinstance(q, (SingleChoice, MultipleChoice)):
        return {"letters": _correct_labels(sq)}
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
            "boxes": box_numbers(sq),
            "sequence": [sq.order.index(i) + 1 for i in range(len(q.items))],
        }
    if isinstance(q, Matching):
        return {"boxes": {str(n + 1): sq.labels[sq.order.index(n)] for n in range(len(q.pairs))}}
    raise TypeError(type(q).__name__)
