"""Every answer widget takes mouse clicks (and taps in the browser) as well as keys."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import Static

from chinaai_learn_tui.screens.feedback_screen import FeedbackScreen
from chinaai_learn_tui.screens.start_screen import StartScreen
from chinaai_learn_tui.widgets.toggle_list import ToggleList

from .quiz_pilot import run, visible_text


def rows(app) -> list[Horizontal]:
    return list(app.screen.answer.query(".answer-row").results(Horizontal))


def test_a_single_choice_is_answered_by_clicking_the_right_row(make_app):
    app = make_app(types=("single_choice",))

    async def scenario(pilot):
        question = app.session.current
        position = list(app.session.layout(question).order).index(question.correct_indices[0])
        await pilot.click(rows(app)[position])
        await pilot.pause()
        assert app.screen.answer.response() == question.correct_indices[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert "✔ Richtig" in visible_text(app)

    run(app, scenario)


def test_multiple_choice_rows_toggle_on_each_click(make_app):
    app = make_app(types=("multiple_choice",))

    async def scenario(pilot):
        first = rows(app)[0]
        index = app.session.layout(app.session.current).order[0]
        await pilot.click(first)
        await pilot.pause()
        assert index in app.screen.answer.response()
        await pilot.click(first)
        await pilot.pause()
        assert index not in app.screen.answer.response()

    run(app, scenario)


def test_true_or_false_is_a_click(make_app):
    app = make_app(types=("true_false",))

    async def scenario(pilot):
        await pilot.click("#tf-false")
        await pilot.pause()
        assert app.screen.answer.response() is False
        await pilot.click("#tf-true")
        await pilot.pause()
        assert app.screen.answer.response() is True

    run(app, scenario)


def test_an_ordering_item_is_picked_up_and_put_down_by_clicks(make_app):
    app = make_app(types=("ordering",))

    async def scenario(pilot):
        before = list(app.screen.answer.response())
        await pilot.click(rows(app)[0])
        await pilot.pause()
        assert app.screen.answer.holding
        await pilot.click(rows(app)[-1])
        await pilot.pause()
        after = app.screen.answer.response()
        assert after == [*before[1:], before[0]]
        assert not app.screen.answer.holding

    run(app, scenario)


def test_a_matching_row_gets_an_option_by_clicking_it(make_app):
    app = make_app(types=("matching",))

    async def scenario(pilot):
        await pilot.click(rows(app)[1])
        await pilot.pause()
        assert app.screen.answer.cursor == 1
        await pilot.click(rows(app)[1])
        await pilot.pause()
        assert app.screen.answer.response()[1] is not None

    run(app, scenario)


def test_start_screen_topics_switch_on_a_click(make_app):
    app = make_app(start=False)

    async def scenario(pilot):
        assert isinstance(app.screen, StartScreen)
        topics = app.screen.query(ToggleList).first()
        before = list(topics.on)
        await pilot.click(topics.query(".toggle-row").first(Static))
        await pilot.pause()
        assert topics.on[0] != before[0]

    run(app, scenario)
