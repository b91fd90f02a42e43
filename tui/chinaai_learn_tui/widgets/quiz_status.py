"""The status line over every quiz screen: question n of total, a progress bar, the running score."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from chinaai_learn.session import QuizSession

from ..words import format_score, say

BAR_WIDTH = 24


class QuizStatus(Widget):
    """'Frage 3/8 ██████░░░░ Punkte 1,5/2' – progress drawn with characters, not colour alone.

    In an exam the score stays hidden until the results, since it would give answers away.
    """

    lang: reactive[str] = reactive("de")

    def __init__(self, session: QuizSession, *, shown: int, id: str | None = None) -> None:
        """``shown`` is the 1-based number of the question on screen."""
        super().__init__(id=id)
        self.session = session
        self.shown = shown
        self.set_reactive(QuizStatus.lang, session.lang)

    def render(self) -> Text:
        total = self.session.total
        done = self.session.position
        filled = round(BAR_WIDTH * done / total)
        line = Text.assemble(
            (say(self.lang, "question_of", n=self.shown, total=total), "bold"),
            "  ",
            "█" * filled,
            ("░" * (BAR_WIDTH - filled), "dim"),
        )
        if self.session.feedback_after_each:  # an exam keeps the score for the end
            score = format_score(self.session.score, self.lang)
            line.append("  " + say(self.lang, "score", score=score, answered=done))
        return line
