"""Which answer widget each question type gets."""

from __future__ import annotations

from chinaai_learn.model import QuestionBase

from .answer_input import AnswerInput
from .choice_input import ChoiceInput
from .cloze_input import ClozeInput
from .matching_input import MatchingInput
from .number_input import NumberInput
from .ordering_input import OrderingInput
from .text_answer_input import TextAnswerInput
from .true_false_input import TrueFalseInput

INPUTS: dict[str, type[AnswerInput]] = {
    "single_choice": ChoiceInput,
    "multiple_choice": ChoiceInput,
    "true_false": TrueFalseInput,
    "cloze": ClozeInput,
    "numeric": NumberInput,
    "short_answer": TextAnswerInput,
    "ordering": OrderingInput,
    "matching": MatchingInput,
}


def input_for(question: QuestionBase, order: tuple[int, ...], lang: str) -> AnswerInput:
    """A fresh answer widget for ``question`` with its parts in display ``order``."""
    return INPUTS[question.type](question, order, lang, id="answer")  # type: ignore[attr-defined]
