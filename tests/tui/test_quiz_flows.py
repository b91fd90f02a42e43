"""The quiz driven with the keyboard alone: every question type right and wrong, feedback, results."""

from __future__ import annotations

import pytest

from chinaai_learn.model import QUESTION_TYPES
from chinaai_learn_tui.screens.feedback_screen import FeedbackScreen
from chinaai_learn_tui.screens.question_screen import QuestionScreen
from chinaai_learn_tui.screens.results_screen import ResultsScreen
from chinaai_learn_tui.widgets.feedback_card import FeedbackCard
from chinaai_learn_tui.widgets.input_for import input_class

from .quiz_pilot import answer_keys, run, visible_text

# Partial credit a wrong answer from answer_keys earns, per type.
# One right and one wrong tick cancel out (+1/2 − 1/2); the untouched shuffled order keeps one neighbour pair.
WRONG_SCORE = {"cloze": "0,5", "matching": "0,3", "ordering": "0,5"}


@pytest.mark.parametrize("question_type", list(QUESTION_TYPES))
@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
def test_each_type_answered_with_keys_gets_feedback_score_and_results(make_app, question_type, right):
    app = make_app(types=(question_type,))

    async def scenario(pilot):
        assert isinstance(app.screen, QuestionScreen)
        assert isinstance(app.screen.answer, input_class(question_type))
        assert app.session.current.prompt("de") in visible_text(app)
        await pilot.press(*answer_keys(app.session, right))
        await pilot.pause()

        assert isinstance(app.screen, FeedbackScreen)
        text = visible_text(app)
        assert ("✔ Richtig" in text) is right
        assert ("✖ Falsch" in text) is not right
        question = app.session.questions[0]
        assert "Richtige Antwort:" in text
        assert "Ihre Antwort:" in text
        assert question.explanation("de") in text
        assert "Asia Media Service, 1. März 2025" in text  # the source card's reference
        score = "1" if right else WRONG_SCORE.get(question_type, "0")
        assert f"Punkte {score}/1" in text

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = visible_text(app)
        assert f"{score} von 1 Punkten" in text
        assert f"{1 if right else 0} ganz richtig" in text
        assert "Zeit 0:00" in text  # the fixed clock
        assert ("Keine Fehler" in text) is right
        if not right:
            assert "Verpasste Fragen (1)" in text
            assert question.prompt("de") in text

    run(app, scenario)


def test_a_whole_practice_quiz_in_english_ends_with_per_topic_results(make_app):
    app = make_app(lang="en")
    answered_right = []

    async def scenario(pilot):
        for n in range(8):
            right = n % 2 == 0
            answered_right.append(right)
            await pilot.press(*answer_keys(app.session, right))
            await pilot.pause()
            assert isinstance(app.screen, FeedbackScreen)
            assert ("✔ Correct" if right else "✖ Incorrect") in visible_text(app)
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = visible_text(app)
        assert "4 fully correct" in text
        assert "BYD's \"God's Eye\"" in text  # the per-topic line
        assert "Missed questions (4)" in text
        assert len(app.screen.query(FeedbackCard)) == 4

    run(app, scenario)


def test_an_exam_shows_no_feedback_or_score_until_the_review_of_every_answer(make_app):
    app = make_app(mode="exam")

    async def scenario(pilot):
        for n in range(8):
            assert isinstance(app.screen, QuestionScreen)
            assert "Punkte" not in visible_text(app)  # the score would give answers away
            await pilot.press(*answer_keys(app.session, right=n < 5))
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = visible_text(app)
        assert "Alle Fragen (8)" in text
        cards = app.screen.query(FeedbackCard)
        assert len(cards) == 8
        verdicts = [str(card.query_one(".verdict").render()) for card in cards]
        assert sum(v.startswith("✔ Richtig") for v in verdicts) == 5
        assert sum(v.startswith("✖ Falsch") for v in verdicts) == 3

    run(app, scenario)


def test_the_exam_offers_no_hint(make_app):
    app = make_app(mode="exam", types=("single_choice",))

    async def scenario(pilot):
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.hint is None
        assert "Tipp" not in visible_text(app)
        assert not any(b.binding.action.startswith("hint") for b in app.screen.active_bindings.values())

    run(app, scenario)


def test_retry_mistakes_asks_only_the_missed_questions(make_app):
    app = make_app(count=3)

    async def scenario(pilot):
        first_three = [q.id for q in app.session.questions]
        for right in (True, False, True):
            await pilot.press(*answer_keys(app.session, right), "enter")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert [q.id for q in app.session.questions] == [first_three[1]]
        assert "Frage 1/1" in visible_text(app)
        await pilot.press(*answer_keys(app.session, True), "enter")
        await pilot.pause()
        assert "1 von 1 Punkten" in visible_text(app)
        assert "r" not in app.screen.active_bindings  # nothing left to retry

    run(app, scenario)


def test_new_quiz_goes_back_to_the_start_screen_with_a_new_order(make_app):
    app = make_app(count=1)

    async def scenario(pilot):
        await pilot.press(*answer_keys(app.session, True), "enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "StartScreen"
        assert app.settings.seed == 2
        assert app.session is None

    run(app, scenario)


def test_switching_language_mid_question_keeps_the_answer_and_grades_in_the_new_language(make_app):
    app = make_app(types=("cloze",))

    async def scenario(pilot):
        await pilot.press(*"Lidar", "tab", *"zwölf")
        await pilot.press("f2")
        await pilot.pause()
        text = visible_text(app)
        assert "Tier C has no [1: Lidar] and uses [2: zwölf" in text
        assert "Question 1/1" in text
        assert "Submit" in {b.binding.description for b in app.screen.active_bindings.values()}
        await pilot.press(*["backspace"] * 5, *"twelve", "enter")
        await pilot.pause()
        assert "✔ Correct" in visible_text(app)
        assert app.session.answers[0].lang == "en"
        await pilot.press("f2")
        await pilot.pause()
        assert "✔ Richtig" in visible_text(app)  # the feedback follows the switch too

    run(app, scenario)


def test_a_hint_removes_a_wrong_choice_and_is_recorded(make_app):
    recorded = []
    app = make_app(types=("single_choice",), recorder=recorded.append)

    async def scenario(pilot):
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.screen
        removed = screen.hint.removed_choice
        assert removed is not None
        assert not app.session.current.choices[removed].correct
        assert "(entfernt)" in visible_text(app)
        assert "Tipp: Antwort" in visible_text(app)
        position = app.session.layout(app.session.current).order.index(removed)
        await pilot.press(str(position + 1))
        assert screen.answer.response() is None  # a removed choice cannot be chosen
        await pilot.press(*answer_keys(app.session, True))
        await pilot.pause()
        assert "mit Tipp beantwortet" in visible_text(app)

    run(app, scenario)
    assert [(r.question_id, r.hinted, r.grade.correct) for r in recorded] == [("qb-tier-b-model", True, True)]


def test_a_source_hint_names_the_section(make_app):
    app = make_app(types=("numeric",))

    async def scenario(pilot):
        await pilot.press("f3")
        await pilot.pause()
        assert "Tipp: Die Antwort steht in" in visible_text(app)
        assert "Abschnitt „Drei Stufen des ‚Eye of God‘“" in visible_text(app)

    run(app, scenario)


def test_enter_without_an_answer_does_not_submit(make_app):
    app = make_app(types=("short_answer",))

    async def scenario(pilot):
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.answers == []

    run(app, scenario)


def test_a_number_that_cannot_be_read_is_explained_not_graded(make_app):
    app = make_app(types=("numeric",))

    async def scenario(pilot):
        await pilot.press(*"zweihundert", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "keine Zahl" in visible_text(app)
        await pilot.press(*["backspace"] * 11, *"254,0 TOPS")
        assert "gelesen als 254" in visible_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "✔ Richtig" in visible_text(app)

    run(app, scenario)


def test_ordering_can_also_be_moved_by_picking_an_item_up(make_app):
    app = make_app(types=("ordering",))

    async def scenario(pilot):
        widget = app.screen.answer
        before = list(widget.current_order)
        await pilot.press("space", "down", "space")
        assert widget.current_order == [before[1], before[0], *before[2:]]

    run(app, scenario)


def test_matching_gives_each_right_item_to_one_row_only(make_app):
    app = make_app(types=("matching",))

    async def scenario(pilot):
        widget = app.screen.answer
        await pilot.press("a", "a")
        assert widget.response() == [None, widget.order[0], None]
        await pilot.press("up", "up", "right")
        assert widget.response() == [widget.order[0], None, None]

    run(app, scenario)


def test_a_number_key_and_enter_arriving_together_answer_with_that_choice(make_app):
    """Over a slow link (the browser) both keys can arrive before the widget handles the first."""
    from textual import events

    app = make_app(types=("single_choice",))

    async def scenario(pilot):
        order = list(app.session.layout(app.session.current).order)
        position = order.index(app.session.current.correct_indices[0]) + 1
        app.post_message(events.Key(str(position), str(position)))
        app.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert "✔ Richtig" in visible_text(app)

    run(app, scenario)
