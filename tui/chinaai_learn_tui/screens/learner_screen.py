"""The classroom's first screen: the learner types the name under which their progress is kept."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from chinaai_learn.classroom import MAX_NAME_LENGTH, LearnerNameError, learner_key

from ..widgets.keys_in_order import OrderedInput
from ..words import say

WORDS = {
    "de": {
        "ask": "Wie heißen Sie?",
        "why": "Ihr Fortschritt wird unter diesem Namen gespeichert. Geben Sie beim nächsten Mal denselben Namen ein.",
        "placeholder": "Name, dann Enter",
        "empty": "✖ Der Name braucht mindestens einen Buchstaben oder eine Ziffer.",
        "too_long": f"✖ Der Name hat höchstens {MAX_NAME_LENGTH} Zeichen.",
    },
    "en": {
        "ask": "What is your name?",
        "why": "Your progress is kept under this name. Type the same name next time.",
        "placeholder": "name, then Enter",
        "empty": "✖ The name needs at least one letter or digit.",
        "too_long": f"✖ A name has at most {MAX_NAME_LENGTH} characters.",
    },
}


class LearnerScreen(Screen[None]):
    """Asks for the learner's name; posts Chosen with it (the app opens that learner's store)."""

    DEFAULT_CSS = """
    LearnerScreen #learner-box { height: auto; padding: 1 2; }
    LearnerScreen #learner-ask { margin-top: 1; }
    LearnerScreen #learner-name { width: 50; margin: 1 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.quit", show=False)]

    class Chosen(Message):
        """The learner typed a usable name, ``learner``."""

        def __init__(self, learner_screen: LearnerScreen, learner: str) -> None:
            super().__init__()
            self.learner_screen = learner_screen
            self.learner = learner

    def __init__(self, lang: str, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.lang = lang
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        with Vertical(id="learner-box"):
            yield Static(id="learner-title")
            yield Static(id="learner-ask")
            yield Static(id="learner-why")
            yield OrderedInput(id="learner-name", max_length=MAX_NAME_LENGTH)
            yield Static(id="learner-problem")
        yield Footer()

    def on_mount(self) -> None:
        name = self.query_one("#learner-name", Input)
        name.cursor_blink = self.cursor_blink
        self.set_lang(self.lang)
        name.focus()

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.query_one("#learner-title", Static).update(Text(say(lang, "app_title"), style="bold"))
        self.query_one("#learner-ask", Static).update(Text(WORDS[lang]["ask"], style="bold"))
        self.query_one("#learner-why", Static).update(WORDS[lang]["why"])
        self.query_one("#learner-name", Input).placeholder = WORDS[lang]["placeholder"]
        self.query_one("#learner-problem", Static).update("")

    def show_problem(self, text: str) -> None:
        self.query_one("#learner-problem", Static).update(Text(text, style="bold"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        try:
            learner_key(name)
        except LearnerNameError as problem:
            self.show_problem(WORDS[self.lang][problem.reason])
            return
        self.post_message(self.Chosen(self, name))
