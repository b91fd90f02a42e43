"""In the quiz, choices are shuffled: the number shown is what counts, and the right one is not always 1."""

from __future__ import annotations

from chinaai_learn.loading import load_bank
from chinaai_learn.model import Numeric, SingleChoice
from chinaai_learn.session import QuizSession, QuizSettings
from chinaai_learn_tui.app import create_app
from chinaai_learn_tui.screens.feedback_screen import FeedbackScreen
from chinaai_learn_tui.screens.question_screen import QuestionScreen

from .quiz_pilot import fixed_clock, run, visible_text


def shown_right_position(bank, seed: int) -> int:
    """Where a one-question single-choice quiz with ``seed`` shows the right choice (0-based)."""
    session = QuizSession.start(bank, QuizSettings(types=("single_choice",), count=1, seed=seed))
    question = session.current
    assert isinstance(question, SingleChoice)
    return session.layout(question).position(question.correct_indices[0])


def test_a_shuffled_question_is_answered_by_its_displayed_number_and_graded_right(make_app, quizbank) -> None:
    seed = next(s for s in range(50) if shown_right_position(quizbank, s) > 0)
    app = make_app(types=("single_choice",), count=1, seed=seed)

    async def scenario(pilot):
        question = app.session.current
        assert isinstance(question, SingleChoice)
        shown = app.session.layout(question).position(question.correct_indices[0])
        assert shown > 0
        right = question.choices[question.correct_indices[0]].text("de")
        rows = [line for line in visible_text(app).splitlines() if line.strip() == right]
        assert rows, "the right choice is on the screen"
        await pilot.press(str(shown + 1), "enter")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        text = visible_text(app)
        assert "✔ Richtig" in text
        assert f"Richtige Antwort: {shown + 1}) {right}" in text  # the number the learner saw
        assert "Wertung: Ganz oder gar nicht" in text

    run(app, scenario)


def test_pressing_1_blindly_does_not_pass_an_exam() -> None:
    bank = load_bank()
    singles = [q for q in bank.questions if isinstance(q, SingleChoice)]
    session = QuizSession(bank, singles, mode="exam", seed=11)
    for _ in singles:
        question = session.current
        assert question is not None
        session.submit(session.layout(question).order[0])  # key 1 on every question
    assert session.results().percent <= 40


def test_a_year_is_typed_read_and_shown_as_2027_in_the_quiz() -> None:
    bank = load_bank()
    (year,) = [q for q in bank.questions if isinstance(q, Numeric) and q.value == 2027 and not q.unit][:1]
    app = create_app(bank, QuizSettings(seed=1), clock=fixed_clock, cursor_blink=False)

    async def scenario(pilot):
        app.session = QuizSession(bank, [year], clock=fixed_clock)
        app.advance()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press(*"2027")
        await pilot.pause()
        assert "gelesen als 2027" in visible_text(app)
        await pilot.press("enter")
        await pilot.pause()
        text = visible_text(app)
        assert "✔ Richtig" in text
        assert "Richtige Antwort: 2027" in text
        assert "2.027" not in text

    run(app, scenario)
