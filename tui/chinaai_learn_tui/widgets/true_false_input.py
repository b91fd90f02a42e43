"""True or false: T or W (wahr) for true, F for false, ↑↓ to move, Enter to submit."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from chinaai_learn.model import QuestionBase

from ..words import say
from .answer_input import AnswerInput
from .row_click import clicked_row

TRUE_KEYS = frozenset("twjy1")
FALSE_KEYS = frozenset("fn2")


class TrueFalseInput(AnswerInput, can_focus=True):
    """Two rows, 'true' and 'false'; nothing is chosen until the learner says so."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,left", "choose(True)", show=False),
        Binding("down,right", "choose(False)", show=False),
    ]

    def __init__(
        self, question: QuestionBase, order: tuple[int, ...], lang: str, *, id: str | None = None
    ) -> None:
        super().__init__(question, order, lang, id=id)
        self.chosen: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="answer-row", id="tf-true")
        yield Static(classes="answer-row", id="tf-false")

    def on_mount(self) -> None:
        self.relabel()

    def response(self) -> Any:
        return self.chosen

    def is_answered(self) -> bool:
        return self.chosen is not None

    def action_choose(self, value: bool) -> None:
        self.chosen = value
        self.relabel()

    def on_click(self, event: events.Click) -> None:
        row = clicked_row(event, [self.query_one("#tf-true", Static), self.query_one("#tf-false", Static)])
        if row is not None:
            self.focus()
            self.action_choose(row == 0)

    def on_key(self, event: events.Key) -> None:
        key = (event.character or "").lower()
        if key in TRUE_KEYS or key in FALSE_KEYS:
            event.stop()
            self.action_choose(key in TRUE_KEYS)

    def relabel(self) -> None:
        for value, row_id in ((True, "#tf-true"), (False, "#tf-false")):
            row = self.query_one(row_id, Static)
            key = say(self.lang, "true_key") if value else "F"
            word = say(self.lang, "true" if value else "false")
            pointer = "❯" if self.chosen is value else " "
            mark = "(•)" if self.chosen is value else "( )"
            row.update(Text.assemble(f"{pointer} ", (mark, "bold"), f" [{key}] ", word.capitalize()))
            row.set_class(self.chosen is value, "-cursor")
