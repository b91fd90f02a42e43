"""The start screen: pre-filled from the command line, filters with live counts, empty results said."""

from __future__ import annotations

import shutil

from chinaai_learn.loading import load_bank
from chinaai_learn_tui.screens.question_screen import QuestionScreen
from chinaai_learn_tui.screens.start_screen import StartScreen

from .quiz_pilot import QUIZBANK, run, visible_text


def two_topic_bank(tmp_path):
    shutil.copytree(QUIZBANK, tmp_path, dirs_exist_ok=True)
    shutil.copy(QUIZBANK.parent / "quizbank-extra" / "prices.yaml", tmp_path)
    return load_bank(tmp_path)


def test_the_start_screen_lists_topics_with_counts_and_starts_with_the_defaults(make_app):
    app = make_app(start=False)

    async def scenario(pilot):
        assert isinstance(app.screen, StartScreen)
        text = visible_text(app)
        assert "[x] BYDs „Auge Gottes“ (8)" in text
        assert "(•) Üben" in text
        assert "( ) Prüfung" in text
        assert "Passende Fragen: 8; gefragt werden: 8." in text
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.total == 8
        assert app.session.mode == "practice"

    run(app, scenario)


def test_command_line_settings_pre_fill_the_start_screen(make_app):
    app = make_app(start=False, mode="exam", count=3, difficulties=(2,), lang="en")

    async def scenario(pilot):
        text = visible_text(app)
        assert "(•) Exam" in text
        assert "( ) Practice" in text
        assert "[ ] 1 easy" in text
        assert "[x] 2 medium" in text
        assert "[ ] 3 hard" in text
        assert "Matching questions: 4; asked: 3." in text
        await pilot.press("s")
        await pilot.pause()
        assert (app.session.total, app.session.mode, app.session.lang) == (3, "exam", "en")
        assert {q.difficulty for q in app.session.questions} == {2}

    run(app, scenario)


def test_choosing_with_the_keyboard_changes_what_is_asked(make_app):
    app = make_app(start=False)

    async def scenario(pilot):
        # Tab to mode → exam; Tab to difficulty → off 1; Tab to count → 2; Enter in the count starts.
        await pilot.press("tab", "tab", "down", "space", "tab", "space", "tab", "2")
        assert "Passende Fragen: 6; gefragt werden: 2." in visible_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.total == 2
        assert app.session.mode == "exam"
        assert all(q.difficulty > 1 for q in app.session.questions)

    run(app, scenario)


def test_no_topic_chosen_says_so_and_does_not_start(make_app):
    app = make_app(start=False)

    async def scenario(pilot):
        await pilot.press("a")  # all topics off
        assert "✖ Wählen Sie mindestens ein Thema" in visible_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.session is None
        await pilot.press("a")
        assert "Passende Fragen: 8" in visible_text(app)

    run(app, scenario)


def test_an_empty_filter_result_says_so(make_app, tmp_path):
    app = make_app(start=False, bank=two_topic_bank(tmp_path), topics=("prices",), difficulties=(3,))

    async def scenario(pilot):
        assert "✖ Keine Fragen passen zu dieser Auswahl" in visible_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)

    run(app, scenario)


def test_the_language_can_be_switched_on_the_start_screen(make_app):
    app = make_app(start=False)

    async def scenario(pilot):
        await pilot.press("tab", "down", "enter")  # language list: English
        await pilot.pause()
        assert app.lang == "en"
        text = visible_text(app)
        assert "BYD's \"God's Eye\" (8)" in text
        assert "(•) English" in text
        await pilot.press("f2")
        assert "(•) Deutsch" in visible_text(app)

    run(app, scenario)
