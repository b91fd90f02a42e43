"""The app around the questions: help, quitting, commands, NO_COLOR, 80x24 scrolling, shipped banks."""

from __future__ import annotations

import shutil

from textual.command import CommandInput

from chinaai_learn.loading import load_bank
from chinaai_learn.session import QuizSession, QuizSettings
from chinaai_learn_tui.app import create_app
from chinaai_learn_tui.screens.confirm_screen import ConfirmScreen
from chinaai_learn_tui.screens.feedback_screen import FeedbackScreen
from chinaai_learn_tui.screens.help_screen import HelpScreen
from chinaai_learn_tui.screens.question_screen import QuestionScreen
from chinaai_learn_tui.screens.results_screen import ResultsScreen
from chinaai_learn_tui.screens.start_screen import StartScreen
from chinaai_learn_tui.widgets.feedback_card import FeedbackCard
from chinaai_learn_tui.widgets.input_for import input_class
from chinaai_learn_tui.widgets.source_card import SourceCard

from .quiz_pilot import QUIZBANK, answer_keys, fixed_clock, run, visible_text


def footer_labels(app) -> set[str]:
    return {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}


def test_the_footer_shows_the_keys_of_each_screen_in_the_quiz_language(make_app):
    app = make_app(types=("true_false",))

    async def scenario(pilot):
        assert {"Antworten", "Tipp", "Hilfe", "English", "Beenden"} <= footer_labels(app)
        await pilot.press("f2")
        assert {"Submit", "Hint", "Help", "Deutsch", "Quit"} <= footer_labels(app)
        assert not {"Antworten", "Tipp"} & footer_labels(app)
        await pilot.press("t", "enter")
        await pilot.pause()
        assert "Results" in footer_labels(app)  # the last question leads to the results

    run(app, scenario)


def test_help_explains_the_current_screen_and_closes_with_escape(make_app):
    app = make_app(types=("single_choice",))

    async def scenario(pilot):
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = visible_text(app)
        assert "F3 (oder Strg+T) gibt einen Tipp" in text
        assert "Strg+P" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)

    run(app, scenario)


def test_quitting_mid_quiz_asks_first(make_app):
    app = make_app()

    async def scenario(pilot):
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "0 von 8 Fragen beantwortet" in visible_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j")
        await pilot.pause()
        assert not app.is_running

    run(app, scenario)
    assert app.return_code == 0


def test_quitting_outside_a_quiz_does_not_ask(make_app):
    app = make_app(start=False)

    async def scenario(pilot):
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running

    run(app, scenario)
    assert app.return_code == 0


def test_the_command_palette_offers_language_new_quiz_and_theme(make_app):
    app = make_app()

    async def scenario(pilot):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles == [
            "Sprache: English",
            "Neues Quiz",
            "Hilfe",
            "Farbschema",
            "Tastenübersicht",
            "Beenden",
        ]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Befehl suchen …"  # no English in German
        await pilot.press(*"Sprache", "enter")
        await pilot.pause()
        assert app.lang == "en"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert "Theme" in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press(*"New quiz", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # a quiz is running: ask first
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)

    run(app, scenario)


def test_no_color_keeps_every_meaning_in_words_and_styles(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(types=("numeric",))

    async def scenario(pilot):
        assert app.no_color
        await pilot.press(*answer_keys(app.session, False))
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert "✖ Falsch" in visible_text(app)
        quote = app.screen.query_one(SourceCard).render()
        marked = [quote.plain[s.start : s.end] for s in quote.spans if "underline" in str(s.style)]
        assert marked == ["254TOPS"]
        assert "bold" in str(next(s.style for s in quote.spans if "underline" in str(s.style)))

    run(app, scenario)


def long_text_bank(tmp_path):
    shutil.copy(QUIZBANK / "sources.yaml", tmp_path / "sources.yaml")
    long = "Ein sehr langer Satz über Rechenleistung, Laserradare und Chips, " * 4
    choices = "\n".join(f"      - text: '{n}: {long}'" for n in range(1, 8))
    (tmp_path / "long.yaml").write_text(
        f"""
topic: {{id: long, title: Lang}}
questions:
  - id: long-choice
    type: single_choice
    difficulty: 1
    shuffle: false  # the right choice stays the last row, the one that must scroll into view
    prompt: '{long}'
    choices:
{choices}
      - {{text: richtig, correct: true}}
    explanation: '{long}'
    source:
      doc: kiefer-2025-03-epochenumbruch
      quote: Das „Auge Gottes“ ist jedoch nicht neu und wurde erstmals mit dem Denza N7 im Jahr 2023 eingeführt.
""",
        encoding="utf-8",
    )
    return load_bank(tmp_path)


def test_long_texts_scroll_so_the_chosen_row_stays_in_view_at_80x24(make_app, tmp_path):
    app = make_app(bank=long_text_bank(tmp_path))

    async def scenario(pilot):
        body = app.screen.query_one("#question-body")
        assert body.scroll_y == 0
        await pilot.press("8")
        await pilot.pause()
        row = list(app.screen.query(".answer-row"))[-1]
        assert body.scroll_y > 0
        assert body.region.contains_region(row.region)
        await pilot.press("enter")
        await pilot.pause()
        assert "✔ Richtig" in visible_text(app)

    run(app, scenario)


def test_the_app_starts_on_the_shipped_banks_and_shows_a_first_question():
    bank = load_bank()
    app = create_app(bank, QuizSettings(seed=5), start=True, clock=fixed_clock, cursor_blink=False)

    async def scenario(pilot):
        assert isinstance(app.screen, QuestionScreen)
        question = app.session.current
        assert question.prompt("de") in visible_text(app)
        assert isinstance(app.screen.answer, input_class(question.type))

    run(app, scenario)


def test_one_shipped_question_of_each_type_can_be_shown_answered_and_reviewed():
    bank = load_bank()
    firsts = {}
    for question in bank.questions:
        firsts.setdefault(question.type, question)
    session = QuizSession(bank, list(firsts.values()), mode="exam", clock=fixed_clock)
    app = create_app(bank, QuizSettings(seed=5, mode="exam"), clock=fixed_clock, cursor_blink=False)

    async def scenario(pilot):
        app.session = session
        app.advance()
        await pilot.pause()
        while isinstance(app.screen, QuestionScreen):
            screen = app.screen
            assert isinstance(screen.answer, input_class(screen.question.type)), screen.question.id
            assert screen.question.prompt("de") in visible_text(app)
            screen.post_message(
                QuestionScreen.Answered(screen.question.id, screen.answer.response(), hinted=False)
            )
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert len(app.screen.query(FeedbackCard)) == len(firsts)

    run(app, scenario)


def test_enter_pressed_twice_answers_only_once(make_app):
    app = make_app(count=2, types=("single_choice", "true_false"))

    async def scenario(pilot):
        screen = app.screen
        await pilot.press(*answer_keys(app.session, True)[:-1])
        screen.action_submit()
        screen.action_submit()
        await pilot.pause()
        assert len(app.session.answers) == 1
        feedback = app.screen
        feedback.action_next()
        feedback.action_next()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.position == 1

    run(app, scenario)
