"""Snapshots of the quiz at 80x24 on the fixed test bank (review the .svg diffs; --snapshot-update regenerates)."""

from __future__ import annotations

import pytest

from chinaai_learn.model import QUESTION_TYPES

from .quiz_pilot import SIZE, answer_keys


def answer(right_or_wrong: list[bool], then: tuple[str, ...] = ()):
    """run_before: answer the next questions right/wrong (continuing past feedback), then press ``then``."""

    async def run_before(pilot) -> None:
        app = pilot.app
        for right in right_or_wrong:
            await pilot.press(*answer_keys(app.session, right))
            await pilot.pause()
            if app.session.feedback_after_each:
                await pilot.press("enter")
                await pilot.pause()
        await pilot.press(*then)
        await pilot.pause()

    return run_before


def test_start_screen(snap_compare, make_app):
    assert snap_compare(make_app(start=False), terminal_size=SIZE)


def test_start_screen_in_english_with_options_from_the_command_line(snap_compare, make_app):
    app = make_app(start=False, lang="en", mode="exam", count=5, difficulties=(1, 2))
    assert snap_compare(app, terminal_size=SIZE)


@pytest.mark.parametrize("question_type", list(QUESTION_TYPES))
def test_question_screen(snap_compare, make_app, question_type):
    assert snap_compare(make_app(types=(question_type,)), terminal_size=SIZE)


def test_question_screen_in_english_with_a_partly_typed_cloze(snap_compare, make_app):
    app = make_app(types=("cloze",), lang="en")
    assert snap_compare(app, press=[*"lidar", "tab", "1"], terminal_size=SIZE)


def test_hint_removes_a_choice(snap_compare, make_app):
    assert snap_compare(make_app(types=("single_choice",)), press=["f3", "down"], terminal_size=SIZE)


def test_feedback_right_with_source_card(snap_compare, make_app):
    app = make_app(types=("numeric",))
    assert snap_compare(app, press=[*"254", "enter"], terminal_size=SIZE)


def test_feedback_in_english_shows_the_quote_and_its_translation(snap_compare, make_app):
    app = make_app(types=("numeric",), lang="en")
    assert snap_compare(app, press=[*"254", "enter"], terminal_size=SIZE)


def test_feedback_partly_right_with_two_sources(snap_compare, make_app):
    app = make_app(types=("ordering",))
    assert snap_compare(app, press=["enter"], terminal_size=SIZE)


def test_results_after_practice(snap_compare, make_app):
    app = make_app()
    assert snap_compare(
        app, run_before=answer([True, False, True, True, False, True, True, True]), terminal_size=SIZE
    )


def test_results_review_after_an_exam(snap_compare, make_app):
    app = make_app(mode="exam", count=3)
    assert snap_compare(app, run_before=answer([True, False, True]), terminal_size=SIZE)


def test_help_panel(snap_compare, make_app):
    assert snap_compare(make_app(types=("matching",)), press=["f1"], terminal_size=SIZE)


def test_quit_asks_first(snap_compare, make_app):
    assert snap_compare(make_app(types=("true_false",)), press=["ctrl+q"], terminal_size=SIZE)


def test_feedback_without_colour(snap_compare, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(types=("multiple_choice",))
    assert snap_compare(app, press=["1", "3", "enter"], terminal_size=SIZE)
