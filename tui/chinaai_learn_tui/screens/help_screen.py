"""The help panel: how the current screen works and the keys that work everywhere."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..words import say


class HelpScreen(ModalScreen[None]):
    """A modal panel in the quiz's language; Esc, F1, ? or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss", "OK", show=False)
    ]

    def __init__(self, lang: str, topic: str | None) -> None:
        """``topic`` is the words key of the screen's own help (e.g. 'help_question')."""
        super().__init__()
        self.lang = lang
        self.topic = topic

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-panel"):
            yield Static(self._text())

    def on_mount(self) -> None:
        panel = self.query_one("#help-panel")
        panel.border_title = say(self.lang, "help_title")
        panel.border_subtitle = "Esc"
        panel.focus()

    def _text(self) -> Text:
        text = Text()
        if self.topic == "help_question_bury":  # the question's help and the bury key's
            text.append(say(self.lang, "help_question") + "\n" + say(self.lang, "help_bury") + "\n\n")
        elif self.topic:
            text.append(say(self.lang, self.topic) + "\n\n")
        text.append(say(self.lang, "help_general"))
        return text
