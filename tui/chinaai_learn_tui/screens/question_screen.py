"""One question: status line, prompt, the answer widget for its type, an optional hint, Enter submits."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from chinaai_learn.hints import Hint, hint_for
from chinaai_learn.render import citation_reference
from chinaai_learn.session import QuizSession

from ..widgets.answer_input import AnswerInput
from ..widgets.input_for import input_for
from ..widgets.quiz_status import QuizStatus
from ..words import bilingual_bindings, say, shown_in


class QuestionScreen(Screen[None]):
    """Asks ``session.current``; posts Answered and leaves grading to the session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *bilingual_bindings("enter", "submit", "key_submit", priority=True, key_display="⏎"),
        *bilingual_bindings("f3,ctrl+t", "hint", "key_hint"),
        *bilingual_bindings("f4,ctrl+s", "bury", "key_bury"),
        Binding("escape", "app.quit", show=False),
    ]

    class Answered(Message):
        """The learner submitted ``response`` to the current question (with or without a hint)."""

        def __init__(self, question_id: str, response: Any, hinted: bool) -> None:
            super().__init__()
            self.question_id = question_id
            self.response = response
            self.hinted = hinted

    class BuryRequested(Message):
        """Put the current question away for today (Anki's "bury")."""

        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    def __init__(self, session: QuizSession) -> None:
        super().__init__(classes="quiz-screen")
        question = session.current
        assert question is not None
        self.session = session
        self.question = question
        self.hint: Hint | None = None
        self.answered = False  # a second Enter before the next screen appears must not answer again

    @property
    def help_topic(self) -> str:
        """The words key of this screen's help: with the bury key where it works."""
        return "help_question_bury" if self.check_action("bury", ()) else "help_question"

    @property
    def lang(self) -> str:
        return self.session.lang

    def compose(self) -> ComposeResult:
        yield QuizStatus(self.session, shown=self.session.position + 1)
        with VerticalScroll(id="question-body"):
            yield Static(id="prompt")
            yield Static(id="instruction")
            yield input_for(self.question, self.session.layout(self.question).order, self.lang)
            yield Static(id="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.set_lang(self.lang)
        self.answer.take_focus()

    @property
    def answer(self) -> AnswerInput:
        return self.query_one("#answer", AnswerInput)

    def set_lang(self, lang: str) -> None:
        """Show everything in ``lang``; what the learner has entered stays."""
        question = self.question
        self.query_one("#prompt", Static).update(Text(question.prompt(lang), style="bold"))
        self.query_one("#instruction", Static).update(Text(say(lang, f"do_{question.type}"), style="italic"))  # type: ignore[attr-defined]
        self.query_one(QuizStatus).lang = lang
        self.answer.lang = lang
        self._show_hint()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not shown_in(self.lang, parameters):
            return False
        if action == "hint":
            return self.session.hints_allowed and self.hint is None
        if action == "bury":  # needs the progress store; an exam asks every question it has
            return getattr(self.app, "progress", None) is not None and self.session.mode != "exam"
        return True

    def action_bury(self, lang: str = "") -> None:
        if not self.answered and self.check_action("bury", ()):
            self.answered = True
            self.post_message(self.BuryRequested(self.question.id))

    def action_submit(self, lang: str = "") -> None:
        # Enter is a priority binding, so it can arrive before the answer widget has handled a
        # key typed just before it (a number, a letter): queue the submit behind those keys, in
        # the queue of the widget they went to (a typed answer's text field, else the answer).
        if not self.answered:
            (self.app.focused or self.answer).call_later(self.answer.submit)

    def on_answer_input_submitted(self, message: AnswerInput.Submitted) -> None:
        message.stop()
        if not self.answered:
            self.answered = True
            self.post_message(self.Answered(self.question.id, message.response, hinted=self.hint is not None))

    def action_hint(self, lang: str = "") -> None:
        if not self.session.hints_allowed or self.hint is not None:
            return
        self.hint = hint_for(self.question, self.session.seed)
        if self.hint.removed_choice is not None:
            self.answer.remove_choice(self.hint.removed_choice)
        self._show_hint()
        self.refresh_bindings()

    def _show_hint(self) -> None:
        hint, lang = self.hint, self.lang
        box = self.query_one("#hint", Static)
        if hint is None:
            box.display = False
            return
        if hint.removed_choice is not None:
            choice = self.question.choices[hint.removed_choice].text(lang)  # type: ignore[attr-defined]
            position = self.session.layout(self.question).order.index(hint.removed_choice)
            text = say(lang, "hint_removed", n=position + 1, choice=choice)
        else:
            text = say(
                lang, "hint_source", reference=citation_reference(self.session.bank, hint.citation, lang)
            )
        box.update(Text(text))
        box.display = True
        box.scroll_visible(animate=False)
