"""Numeric answers: a text field that reads German or English numbers and shows how it read them."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from chinaai_learn.model import Numeric
from chinaai_learn.render import is_year, number_text
from chinaai_learn.textnorm import parse_number

from ..words import say
from .answer_input import AnswerInput
from .keys_in_order import OrderedInput


class NumberInput(AnswerInput):
    """The number as typed (graded in the session language), its unit, and a 'read as' preview."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="number-row"):
            yield OrderedInput(id="number", classes="answer-field")
            yield Static(id="unit")
        yield Static(id="number-preview")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = getattr(self.app, "cursor_blink", True)
        self.relabel()

    def response(self) -> Any:
        return self.query_one(Input).value.strip()

    def is_answered(self) -> bool:
        return bool(self.response())

    def submit(self) -> None:
        if self.is_answered() and parse_number(self.response(), self.lang) is None:
            self._preview()
            self.notify(say(self.lang, "not_a_number"), severity="warning", timeout=3)
            return
        super().submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._preview()

    def relabel(self) -> None:
        question = self.question
        assert isinstance(question, Numeric)
        placeholder = "year_placeholder" if is_year(question) else "number_placeholder"
        self.query_one(Input).placeholder = say(self.lang, placeholder)
        self.query_one("#unit", Static).update(Text(question.unit(self.lang)) if question.unit else "")
        self._preview()

    def _preview(self) -> None:
        typed = self.response()
        preview = self.query_one("#number-preview", Static)
        if not typed:
            preview.update("")
            return
        number = parse_number(typed, self.lang)
        if number is None:
            preview.update(Text(say(self.lang, "not_a_number"), style="italic"))
        else:
            assert isinstance(self.question, Numeric)
            value = number_text(self.question, number, self.lang)
            preview.update(Text(say(self.lang, "read_as", value=value)))
