"""Feedback on one answer: ✔/✖ in words, what was answered, the correct answer, why, and the source."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from chinaai_learn.bank import Bank
from chinaai_learn.model import Cloze, QuestionBase
from chinaai_learn.render import correct_answer, number, response_text
from chinaai_learn.scoring_rules import no_answer_words, points_text, scoring_rule, spelling_note
from chinaai_learn.session import AnswerRecord

from ..words import say
from .source_card import SourceCard


def question_text(question: QuestionBase, lang: str) -> str:
    """The prompt, and for a cloze its text with numbered gaps."""
    if isinstance(question, Cloze):
        gaps = "".join(p if isinstance(p, str) else f"[{p + 1}] ____" for p in question.segments(lang))
        return f"{question.prompt(lang)}\n{gaps}"
    return question.prompt(lang)


def verdict_text(record: AnswerRecord, lang: str) -> Text:
    """'✔ Richtig' / '✖ Falsch (teilweise richtig: 0,5 von 1 Punkt)' / '✖ Keine Antwort': never colour alone."""
    grade = record.grade
    if grade.outcome == "no_answer":
        return Text(f"✖ {no_answer_words(lang)}", style="bold")
    text = Text(say(lang, "correct" if grade.correct else "incorrect"), style="bold")
    if grade.partial:
        text.append(f"  ({say(lang, 'partly', points=points_text(grade.score, lang))})")
    spelling = spelling_note(grade, lang)
    if spelling:
        text.append(f"  ({spelling})")
    return text


class FeedbackCard(Widget):
    """Everything a learner needs to learn from one answer, in the current language."""

    lang: reactive[str] = reactive("de", init=False)

    def __init__(self, bank: Bank, record: AnswerRecord, lang: str, *, number: int | None = None) -> None:
        """``number`` titles the card 'Frage n' when several cards are listed (the results)."""
        super().__init__(classes="feedback-card -numbered" if number is not None else "feedback-card")
        self.bank = bank
        self.record = record
        self.number = number
        self.set_reactive(FeedbackCard.lang, lang)

    def compose(self) -> ComposeResult:
        if self.number is not None:
            yield Static(classes="card-question")
        yield Static(classes="verdict")
        yield Static(classes="feedback-body")
        yield SourceCard(self.bank, self.record.question, self.lang)

    def on_mount(self) -> None:
        self.watch_lang()

    def watch_lang(self) -> None:
        lang, record, question = self.lang, self.record, self.record.question
        verdict = self.query_one(".verdict", Static)
        verdict.update(verdict_text(record, lang))
        verdict.set_class(record.grade.correct, "-correct")
        verdict.set_class(not record.grade.correct, "-incorrect")
        if self.number is not None:
            title = Text()
            title.append(f"{say(lang, 'question')} {self.number}: ", style="bold")
            title.append(question_text(question, lang))
            self.query_one(".card-question", Static).update(title)
        body = Text()
        body.append(f"{say(lang, 'your_answer')}: ", style="bold")
        body.append(response_text(question, record.response, lang, label=number, order=record.shown))
        if record.hinted:
            body.append(f"  ({say(lang, 'hint_used')})", style="italic")
        body.append(f"\n{say(lang, 'correct_answer')}: ", style="bold")
        body.append(correct_answer(question, lang, label=number, order=record.shown))
        body.append(f"\n{say(lang, 'scoring')}: ", style="bold")
        body.append(scoring_rule(question, lang))
        body.append(f"\n{say(lang, 'explanation')}: ", style="bold")
        body.append(question.explanation(lang))
        self.query_one(".feedback-body", Static).update(body)
        self.query_one(SourceCard).lang = lang
