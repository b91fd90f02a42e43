"""Hints for a question: take away one wrong choice, or point to where the source says it.

A hint must help without giving the answer away, so a wrong choice is only removed when
at least two wrong ones remain; otherwise (and for every other type) the hint names the
cited passage's document and section heading. The front end words it in its language.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Citation, MultipleChoice, QuestionBase, SingleChoice
from .shuffle import rng_for


@dataclass(frozen=True)
class Hint:
    """Either a removed wrong choice (bank index) or, when None, a pointer to ``citation``."""

    removed_choice: int | None
    citation: Citation


def hint_for(question: QuestionBase, seed: object = 0) -> Hint:
    """The hint for ``question`` in a session with ``seed`` (the same every time it is asked)."""
    citation = question.citations[0]
    if isinstance(question, (SingleChoice, MultipleChoice)):
        wrong = [i for i, choice in enumerate(question.choices) if not choice.correct]
        if len(wrong) >= 2:
            return Hint(rng_for(seed, question.id, "hint").choice(wrong), citation)
    return Hint(None, citation)
