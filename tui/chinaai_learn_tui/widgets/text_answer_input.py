"""Short answers: one text field; case, umlaut spellings and punctuation do not matter in grading."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from .answer_input import AnswerInput
from .keys_in_order import OrderedInput


class TextAnswerInput(AnswerInput):
    """A single-line answer, submitted with Enter."""

    def compose(self) -> ComposeResult:
        yield OrderedInput(id="answer-text", classes="answer-field")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = getattr(self.app, "cursor_blink", True)

    def response(self) -> Any:
        return self.query_one(Input).value.strip()

    def is_answered(self) -> bool:
        return bool(self.response())
