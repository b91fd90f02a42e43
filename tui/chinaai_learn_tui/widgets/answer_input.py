"""The base of the per-type answer widgets: question, language, response and the Submitted message."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from chinaai_learn.model import QuestionBase

from ..words import say
from .keys_in_order import run_own_binding


class AnswerInput(Widget):
    """Collects the learner's response to one question in the form ``grading.grade`` expects."""

    lang: reactive[str] = reactive("de", init=False)

    class Submitted(Message):
        """The learner submitted a response (bank indices, texts or a number as typed)."""

        def __init__(self, response: Any) -> None:
            super().__init__()
            self.response = response

    def __init__(
        self, question: QuestionBase, order: tuple[int, ...], lang: str, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.question = question
        self.order = order
        self.set_reactive(AnswerInput.lang, lang)

    def response(self) -> Any:
        """The response as it stands."""
        raise NotImplementedError

    def is_answered(self) -> bool:
        """Whether there is anything to submit (an empty answer is not submitted by accident)."""
        raise NotImplementedError

    def submit(self) -> None:
        """Enter: post Submitted, or say that there is nothing to submit yet."""
        if self.is_answered():
            self.post_message(self.Submitted(self.response()))
        else:
            self.notify(say(self.lang, "answer_first"), severity="warning", timeout=3)

    async def _on_key(self, event: events.Key) -> None:
        # The widget's own keys (arrows, Tab, Backspace) in line with the typed ones (keys_in_order).
        await run_own_binding(self, event)

    def take_focus(self) -> None:
        """Focus this widget, or its first focusable part (the text field of typed answers)."""
        target = self if self.can_focus else next((w for w in self.query("*") if w.focusable), None)
        if target is not None:
            target.focus(scroll_visible=False)  # the prompt above stays in view

    def remove_choice(self, index: int) -> None:
        """A hint took away the choice with bank ``index`` (only choice widgets have any)."""

    def watch_lang(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        """Redraw every text in the current language, keeping the response."""
