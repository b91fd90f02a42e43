"""Which answer widget each question type gets (each widget's module imported when first needed)."""

from __future__ import annotations

import importlib

from chinaai_learn.model import QuestionBase

from .answer_input import AnswerInput

# Question type → (module in this package, class). A quiz's start imports only the widget of its
# first question: the text inputs bring Textual's Input along, which a choice question never needs.
WIDGETS: dict[str, tuple[str, str]] = {
    "single_choice": ("choice_input", "ChoiceInput"),
    "multiple_choice": ("choice_input", "ChoiceInput"),
    "true_false": ("true_false_input", "TrueFalseInput"),
    "cloze": ("cloze_input", "ClozeInput"),
    "numeric": ("number_input", "NumberInput"),
    "short_answer": ("text_answer_input", "TextAnswerInput"),
    "ordering": ("ordering_input", "OrderingInput"),
    "matching": ("matching_input", "MatchingInput"),
}


def input_class(question_type: str) -> type[AnswerInput]:
    """The answer widget class of a question type."""
    module, name = WIDGETS[question_type]
    cls: type[AnswerInput] = getattr(importlib.import_module(f"{__package__}.{module}"), name)
    return cls


def input_for(question: QuestionBase, order: tuple[int, ...], lang: str) -> AnswerInput:
    """A fresh answer widget for ``question`` with its parts in display ``order``."""
    return input_class(question.type)(question, order, lang, id="answer")  # type: ignore[attr-defined]
