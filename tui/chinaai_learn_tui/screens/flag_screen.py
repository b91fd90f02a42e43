"""Flag a question as wrong or unclear, with an optional comment (kept in the progress store for the bank's maintainers)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..widgets.keys_in_order import OrderedInput
from ..words import say

MAX_COMMENT = 500


class FlagScreen(ModalScreen[str | None]):
    """Dismisses with the comment ("" for none) on Enter, or None on Esc (nothing is flagged)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: str, question_id: str) -> None:
        super().__init__()
        self.lang = lang
        self.question_id = question_id

    def compose(self) -> ComposeResult:
        with Vertical(id="flag-box"):
            text = Text()
            text.append(say(self.lang, "flag_title"), style="bold")
            text.append(f"\n{self.question_id}", style="dim")
            text.append("\n" + say(self.lang, "flag_hint"))
            yield Static(text)
            yield OrderedInput(
                placeholder=say(self.lang, "flag_placeholder"), max_length=MAX_COMMENT, id="flag-comment"
            )

    def on_mount(self) -> None:
        self.query_one("#flag-comment").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
