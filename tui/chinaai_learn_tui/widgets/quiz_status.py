"""The status line over every quiz screen: question n of total, a progress bar, the running score."""

from __future__ import annotations

import math
from datetime import timedelta

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from chinaai_learn.session import QuizSession

from ..words import format_duration, format_score, say

BAR_WIDTH = 24
TIMED_BAR_WIDTH = 18  # leaves room for the time left at 80 columns


class QuizStatus(Widget):
    """'Frage 3/8 ██████░░░░ Punkte 1,5/2 noch 9:41' – progress drawn with characters, not colour alone.

    With a time limit, the time left follows (bold in the last minute); once it is up, the
    line says the question on screen is the last one.

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
        width = BAR_WIDTH if self.session.time_limit is None else TIMED_BAR_WIDTH
        filled = round(width * done / total)
        line = Text.assemble(
            (say(self.lang, "question_of", n=self.shown, total=total), "bold"),
            "  ",
            "█" * filled,
            ("░" * (width - filled), "dim"),
        )
        if self.session.feedback_after_each:  # an exam keeps the score for the end
            score = format_score(self.session.score, self.lang)
            line.append("  " + say(self.lang, "score", score=score, answered=done))
        left = self.session.time_left()
        if left is not None and not self.session.finished:
            # Rounded up: "0:01" until the time is really up, then the question on screen is the last.
            seconds = math.ceil(left.total_seconds())
            words = say(self.lang, "time_left", time=format_duration(timedelta(seconds=seconds)))
            line.append("  ")
            line.append(
                words if seconds > 0 else say(self.lang, "time_up_last"), "bold" if seconds <= 60 else ""
            )
        return line
