"""The offer to resume an unfinished quiz: resume (the default), a new quiz that keeps it for later, or discard it."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..words import say

ResumeChoice = Literal["resume", "later", "discard"]


class ResumeScreen(ModalScreen[ResumeChoice]):
    """Dismisses with "resume" (Enter, J/Y), "later" (N, Esc: nothing is lost) or "discard" (V/D)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,y", "choose('resume')", show=False),
        Binding("n,escape", "choose('later')", show=False),
        Binding("v,d", "choose('discard')", show=False),
    ]

    def __init__(self, lang: str, detail: str, conflicts: list[str]) -> None:
        super().__init__()
        self.lang = lang
        self.detail = detail
        self.conflicts = conflicts  # one line per setting the command line asked differently

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="resume-box"):
            text = Text()
            text.append(say(lang, "resume_question"), style="bold")
            text.append("\n" + self.detail)
            if self.conflicts:
                text.append("\n\n" + say(lang, "resume_conflict"), style="bold")
                for row in self.conflicts:
                    text.append("\n • " + row)
                text.append("\n" + say(lang, "resume_keeps"))
            text.append("\n\n" + say(lang, "resume_choices"), style="dim")
            yield Static(text, id="resume-text")
            with Horizontal(id="resume-buttons"):
                yes = "J" if lang == "de" else "Y"
                discard = "V" if lang == "de" else "D"
                yield Button(f"{say(lang, 'resume_yes')} ({yes})", id="resume", variant="primary")
                yield Button(f"{say(lang, 'resume_later')} (N)", id="later")
                yield Button(f"{say(lang, 'resume_discard')} ({discard})", id="discard", variant="error")

    def on_mount(self) -> None:
        self.query_one("#resume").focus()  # a reflexive Enter keeps the quiz

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        if choice in ("resume", "later", "discard"):
            self.dismiss(choice)  # type: ignore[arg-type]
