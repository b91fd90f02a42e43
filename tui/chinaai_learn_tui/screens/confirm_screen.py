"""A yes/no question in a modal box (quitting or abandoning a quiz in the middle)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..words import say


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True for yes (j, y, Enter on 'Ja'), False for no (n, Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,y", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, lang: str, question: str, detail: str = "") -> None:
        super().__init__()
        self.lang = lang
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            text = Text()
            text.append(self.question, style="bold")
            if self.detail:
                text.append("\n" + self.detail)
            yield Static(text)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{say(self.lang, 'key_yes')} ({'J' if self.lang == 'de' else 'Y'})", id="yes")
                yield Button(f"{say(self.lang, 'key_no')} (N)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
