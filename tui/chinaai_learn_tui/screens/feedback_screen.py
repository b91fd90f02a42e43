"""Practice feedback after one answer: the feedback card with its source; Enter or n goes on."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from chinaai_learn.progress import RecordedAnswer, due_in_words
from chinaai_learn.session import AnswerRecord, QuizSession

from ..widgets.feedback_card import FeedbackCard, question_text
from ..widgets.quiz_status import QuizStatus
from ..words import bilingual_bindings, say, shown_in


class FeedbackScreen(Screen[None]):
    """Shows how the last answer went; the next question (or the results) follow on Enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *bilingual_bindings("enter,n", "next", "key_next", key_display="⏎"),
        *bilingual_bindings("enter,n", "results", "key_results", key_display="⏎"),
        *bilingual_bindings("u,ctrl+z", "undo", "key_undo", key_display="u"),
        *bilingual_bindings("m", "flag", "key_flag"),
        Binding("escape", "app.quit", show=False),
        *(Binding(str(n), f"rate({n})", show=False) for n in (1, 2, 3, 4)),
    ]

    class Continued(Message):
        """The learner is ready for the next question (or the results)."""

    class FlagRequested(Message):
        """The learner wants to report this question as wrong or unclear."""

        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    class UndoRequested(Message):
        """Take the answer back and ask the question again."""

    class RatingChosen(Message):
        """The learner overrides the spaced-repetition rating of this answer (1 Again … 4 Easy)."""

        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    def __init__(
        self, session: QuizSession, record: AnswerRecord, rated: RecordedAnswer | None = None
    ) -> None:
        super().__init__(classes="quiz-screen")
        self.session = session
        self.record = record
        self.rated = rated  # how the progress store scheduled this answer, when there is one
        self.continued = False
        self.help_topic = "help_feedback"

    def compose(self) -> ComposeResult:
        yield QuizStatus(self.session, shown=self.session.position)
        with VerticalScroll(id="feedback-body"):
            yield Static(id="feedback-question")
            yield FeedbackCard(self.session.bank, self.record, self.session.lang)
        if self.rated is not None:
            yield Static(id="feedback-rating")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.set_lang(self.session.lang)
        self.query_one("#feedback-body").focus()

    def set_lang(self, lang: str) -> None:
        self.query_one("#feedback-question", Static).update(
            Text(question_text(self.record.question, lang), style="bold")
        )
        self.query_one(QuizStatus).lang = lang
        self.query_one(FeedbackCard).lang = lang
        self._show_rating(lang)

    def show_rating(self, rated: RecordedAnswer) -> None:
        """The rating after the learner changed it, and the new due date."""
        self.rated = rated
        self._show_rating(self.session.lang)

    def _show_rating(self, lang: str) -> None:
        if self.rated is None:
            return
        rating = say(lang, f"rating_{int(self.rated.rating)}")
        when = due_in_words(self.rated.due, self.record.answered_at, lang)
        line = Text(" " + say(lang, "rated", rating=rating, when=when), style="bold")
        line.append("\n " + say(lang, "rate_keys"), style="dim")
        self.query_one("#feedback-rating", Static).update(line)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not shown_in(self.session.lang, parameters):
            return False
        ends = self.session.finished or self.session.time_up  # the time limit ends it after this answer
        if action == "next":
            return not ends
        if action == "results":
            return ends
        if action == "rate":
            return self.rated is not None
        if action == "flag":
            return bool(getattr(self.app, "store", None))  # flags are kept in the progress store
        return True

    def action_next(self, lang: str = "") -> None:
        self._continue()

    def action_results(self, lang: str = "") -> None:
        self._continue()

    def action_flag(self, lang: str = "") -> None:
        if not self.continued:
            self.post_message(self.FlagRequested(self.record.question_id))

    def action_undo(self, lang: str = "") -> None:
        if not self.continued:
            self.continued = True
            self.post_message(self.UndoRequested())

    def action_rate(self, rating: int) -> None:
        if self.rated is not None and not self.continued:
            self.post_message(self.RatingChosen(rating))

    def _continue(self) -> None:
        if not self.continued:  # once: a second Enter must not skip the next question
            self.continued = True
            self.post_message(self.Continued())
