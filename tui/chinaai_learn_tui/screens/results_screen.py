"""The end of a quiz: score, time, per-topic scores, missed questions (every question after an exam)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from chinaai_learn.progress import due_in_words
from chinaai_learn.session import AnswerRecord, QuizResults, QuizSession

from ..widgets.feedback_card import FeedbackCard
from ..words import bilingual_bindings, format_duration, format_score, say, shown_in


class ResultsScreen(Screen[None]):
    """Offers 'retry mistakes' and 'new quiz'; lists every answer to learn from with its source."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *bilingual_bindings("r", "retry", "key_retry"),
        *bilingual_bindings("n", "new_quiz", "key_new_quiz"),
        Binding("q", "app.quit", show=False),
        Binding("escape", "app.quit", show=False),
    ]

    class RetryRequested(Message):
        """Ask the missed questions again."""

    class NewQuizRequested(Message):
        """Back to the start screen."""

    def __init__(self, session: QuizSession, next_due: datetime | None = None) -> None:
        super().__init__(classes="quiz-screen")
        self.session = session
        self.next_due = next_due  # when the progress store next wants one of these questions
        self.results: QuizResults = session.results()
        self.left = False  # retry or new quiz was chosen; a second key press must not do it again
        self.help_topic = "help_results"

    @property
    def listed(self) -> tuple[AnswerRecord, ...]:
        """An exam reviews every answer; practice lists the mistakes (the rest was shown already)."""
        return self.results.answers if self.session.mode == "exam" else self.results.mistakes

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results-body"):
            yield Static(id="results-summary")
            yield Static(id="results-topics")
            yield Static(id="results-list-title")
            place = {id(a): n for n, a in enumerate(self.results.answers, start=1)}  # numbered as in the quiz
            for record in self.listed:
                yield FeedbackCard(self.session.bank, record, self.session.lang, number=place[id(record)])
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.set_lang(self.session.lang)
        self.query_one("#results-body").focus()

    def set_lang(self, lang: str) -> None:
        results = self.results
        summary = Text()
        summary.append(say(lang, "results"), style="bold underline")
        summary.append("\n")
        summary.append(
            say(
                lang,
                "summary",
                score=format_score(results.score, lang),
                asked=results.asked,
                percent=results.percent,
                correct=results.correct,
                time=format_duration(results.elapsed),
            )
        )
        if results.ended_by_time and results.time_limit is not None:
            minutes = round(results.time_limit.total_seconds() / 60)
            summary.append(
                "\n"
                + say(lang, "time_ended", minutes=minutes, asked=results.asked, total=self.session.total),
                style="bold",
            )
        if self.next_due is not None:
            finished = self.session.finished_at or self.session.started_at
            summary.append("\n" + say(lang, "next_due", when=due_in_words(self.next_due, finished, lang)))
        self.query_one("#results-summary", Static).update(summary)
        topics = Text()
        topics.append(say(lang, "per_topic"), style="bold")
        for row in results.per_topic:
            title = self.session.bank.topic(row.topic_id).topic.title(lang)  # type: ignore[union-attr]
            score = say(
                lang, "topic_row", score=format_score(row.score, lang), asked=row.asked, percent=row.percent
            )
            topics.append(f"\n  {title[:52]:<53} {score}")
        self.query_one("#results-topics", Static).update(topics)
        key = "review" if self.session.mode == "exam" else "missed"
        title = Text(say(lang, key, n=len(self.listed)), style="bold")
        if not self.listed:
            title = Text(say(lang, "none_missed"), style="bold")
        self.query_one("#results-list-title", Static).update(title)
        for card in self.query(FeedbackCard):
            card.lang = lang

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not shown_in(self.session.lang, parameters):
            return False
        if action == "retry":
            return bool(self.results.mistakes)
        return True

    def action_retry(self, lang: str = "") -> None:
        if self.results.mistakes and not self.left:
            self.left = True
            self.post_message(self.RetryRequested())

    def action_new_quiz(self, lang: str = "") -> None:
        if not self.left:
            self.left = True
            self.post_message(self.NewQuizRequested())
