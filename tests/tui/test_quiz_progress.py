"""The quiz with a progress store: due and mistakes modes, due counts, rating keys, resume, next review."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from chinaai_learn.progress import Answer, CardScheduler, ProgressStore, Rating
from chinaai_learn.session import QuizSettings
from chinaai_learn_tui.app import create_app
from chinaai_learn_tui.screens.feedback_screen import FeedbackScreen
from chinaai_learn_tui.screens.question_screen import QuestionScreen
from chinaai_learn_tui.screens.results_screen import ResultsScreen
from chinaai_learn_tui.screens.resume_screen import ResumeScreen
from chinaai_learn_tui.screens.start_screen import StartScreen

from ..conftest import ROOT
from .quiz_pilot import FIXED_TIME, SIZE, answer_keys, fixed_clock, run, visible_text

DAY = timedelta(days=1)


@pytest.fixture
def store(tmp_path: Path):
    with ProgressStore.open(tmp_path / "progress.sqlite3", scheduler=CardScheduler(fuzzing=False)) as opened:
        yield opened


def answered(store: ProgressStore, qid: str, days_ago: float, correct: bool) -> None:
    store.record(Answer(qid, "gods-eye", correct, float(correct), FIXED_TIME - days_ago * DAY))


def app_for(quizbank, store, *, start: bool = True, **settings):
    settings.setdefault("seed", 1)
    return create_app(
        quizbank, QuizSettings(**settings), start=start, clock=fixed_clock, cursor_blink=False, store=store
    )


def test_the_start_screen_offers_due_and_mistakes_and_counts_due_reviews(quizbank, store):
    answered(store, "qb-tier-b-tops", 3, False)
    answered(store, "qb-first-model", 2, False)
    app = app_for(quizbank, store, start=False)

    async def scenario(pilot):
        assert isinstance(app.screen, StartScreen)
        text = visible_text(app)
        assert "BYDs „Auge Gottes“ (8) · 2 fällig" in text
        assert "( ) Fällige Wiederholungen" in text
        assert "( ) Meine Fehler (zuletzt falsch)" in text
        await pilot.press("tab", "tab", "down", "down", "space")  # mode: due reviews
        assert "Fällige Fragen: 8 (Wiederholungen, dann neue); gefragt werden: 8." in visible_text(app)
        await pilot.press("down", "space")  # mode: my mistakes
        assert "Zuletzt falsch beantwortet: 2; gefragt werden: 2." in visible_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert [q.id for q in app.session.questions] == [
            "qb-first-model",
            "qb-tier-b-tops",
        ]  # latest mistake first

    run(app, scenario)


def test_due_mode_asks_the_most_overdue_review_first_and_feedback_shows_the_rating(quizbank, store):
    answered(store, "qb-tier-b-tops", 2, False)
    answered(store, "qb-first-model", 5, False)
    app = app_for(quizbank, store, mode="due", count=3)

    async def scenario(pilot):
        assert [q.id for q in app.session.questions] == [
            "qb-first-model",
            "qb-tier-b-tops",
            "qb-tier-b-model",
        ]
        await pilot.press(*answer_keys(app.session, right=True))
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        text = visible_text(app)
        assert "Bewertung: Gut · wieder fällig in 10 Minuten" in text
        assert "4 Leicht" in text
        await pilot.press("4")  # the learner knew it well
        await pilot.pause()
        assert "Bewertung: Leicht · wieder fällig in " in visible_text(app)
        [review] = [r for r in store.reviews("qb-first-model") if r.answered_at == FIXED_TIME]
        assert (review.rating, review.graded_rating) == (Rating.Easy, Rating.Good)
        assert store.card("qb-first-model").due - FIXED_TIME > DAY  # type: ignore[union-attr]

    run(app, scenario)


def test_mistakes_mode_with_nothing_missed_says_so_and_stays_on_the_start_screen(quizbank, store):
    answered(store, "qb-tier-b-tops", 1, True)
    app = app_for(quizbank, store, mode="mistakes")

    async def scenario():
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
            assert app.session is None
            assert "Keine Fehler zum Üben in diesen Themen." in visible_text(app)  # the notification

    asyncio.run(scenario())


def test_an_unfinished_quiz_is_offered_again_and_resumes_where_it_stopped(quizbank, store):
    first = app_for(quizbank, store, count=4)
    asked = []

    async def answer_two_then_quit(pilot):
        asked.extend(q.id for q in first.session.questions)
        for right in (True, False):
            await pilot.press(*answer_keys(first.session, right=right))
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(first.screen, QuestionScreen)
        first.exit(0)  # closed in the middle (Ctrl+Q, a closed window or a crash: the store is the same)

    run(first, answer_two_then_quit)
    assert [r.question_id for r in store.reviews()] == asked[:2]

    second = app_for(quizbank, store, start=False, lang="en")
    # The wrong answer may earn partial credit (by the scoring rules), so the score is read back.
    earned = sum(r.score for r in store.reviews())
    shown_en, shown_de = f"{earned:g}", f"{earned:g}".replace(".", ",")

    async def resume(pilot):
        assert isinstance(second.screen, ResumeScreen)
        text = visible_text(second)  # asked in the language the app was started in
        assert "Resume your unfinished quiz?" in text
        assert f"2 of 4 questions answered, score {shown_en}/2" in text
        assert "The command line asks" not in text  # nothing was asked explicitly
        await pilot.press("enter")  # the default button resumes
        await pilot.pause()
        assert isinstance(second.screen, QuestionScreen)
        assert [q.id for q in second.session.questions] == asked
        assert second.session.lang == "de"  # the resumed quiz keeps its own settings
        assert "Frage 3/4" in visible_text(second)
        assert f"Punkte {shown_de}/2" in visible_text(second)
        for _ in range(2):
            await pilot.press(*answer_keys(second.session, right=True))
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(second.screen, ResultsScreen)
        text = visible_text(second)
        total = earned + 2
        assert f"{total:g} von 4 Punkten ({round(100 * total / 4)} %)".replace(".", ",") in text
        assert "Verpasste Fragen (1)" in text
        assert "Frage 2" in text  # numbered by its place in the quiz
        assert "Nächste Wiederholung: in 1 Minute" in text  # the one missed before the break
        await pilot.press("r")  # retry mistakes: the one missed before the break
        await pilot.pause()
        assert [q.id for q in second.session.questions] == [asked[1]]

    run(second, resume)
    assert [r.question_id for r in store.reviews()] == asked


def test_new_command_line_options_are_named_and_resume_keeps_the_saved_ones(quizbank, store):
    first = app_for(quizbank, store, count=4)

    async def answer_one_then_quit(pilot):
        await pilot.press(*answer_keys(first.session, right=True), "enter")
        await pilot.pause()
        first.exit(0)

    run(first, answer_one_then_quit)
    second = create_app(
        quizbank, QuizSettings(mode="exam", count=2, seed=1), clock=fixed_clock, cursor_blink=False,
        store=store, asked_for=("mode", "count"),
    )  # fmt: skip

    async def resume(pilot):
        assert isinstance(second.screen, ResumeScreen)
        text = visible_text(second)
        assert "Die Befehlszeile verlangt etwas anderes:" in text
        assert "Modus: gespeichert „Üben“, jetzt verlangt „Prüfung“" in text
        assert "Anzahl: gespeichert 4, jetzt verlangt 2" in text
        await pilot.press("enter")
        await pilot.pause()
        assert (second.session.mode, second.session.total, second.session.position) == ("practice", 4, 1)

    run(second, resume)


def test_a_new_quiz_keeps_the_unfinished_one_and_only_discard_forgets_it(quizbank, store):
    store.begin_session(
        ["qb-tier-b-tops", "qb-first-model"], {"mode": "practice", "lang": "de"}, at=FIXED_TIME
    )
    store.record(
        Answer("qb-tier-b-tops", "gods-eye", True, 1.0, FIXED_TIME), session_id=store.unfinished_sessions()[0].id,
        position=1,
    )  # fmt: skip
    app = app_for(quizbank, store, start=False)

    async def later(pilot):
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)

    run(app, later)
    assert len(store.unfinished_sessions()) == 1  # kept for later
    app = app_for(quizbank, store, start=False)

    async def discard(pilot):
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)

    run(app, discard)
    assert store.unfinished_sessions() == []
    assert len(store.reviews()) == 1


def test_the_results_screen_says_when_the_next_review_is_due(quizbank, store):
    app = app_for(quizbank, store, count=1, mode="exam")

    async def scenario(pilot):
        await pilot.press(*answer_keys(app.session, right=False))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "Nächste Wiederholung: in 1 Minute" in visible_text(app)
        await pilot.press("f2")
        assert "Next review: in 1 minute" in visible_text(app)

    run(app, scenario)


def test_a_quiz_killed_mid_way_loses_no_answer_and_is_offered_for_resume(quizbank, tmp_path):
    path = tmp_path / "progress.sqlite3"
    driver = Path(__file__).with_name("quiz_kill_driver.py")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tui")])}
    quiz = subprocess.Popen(
        [sys.executable, str(driver), str(path), "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    answered_ids = [quiz.stdout.readline().split()[1] for _ in range(2)]  # type: ignore[union-attr]
    quiz.send_signal(signal.SIGKILL)
    quiz.wait(timeout=60)

    with ProgressStore.open(path) as store:
        assert [r.question_id for r in store.reviews()] == answered_ids
    with ProgressStore.open(path) as store:
        app = app_for(quizbank, store, start=False)

        async def resume(pilot):
            assert isinstance(app.screen, ResumeScreen)
            assert "2 von 4 Fragen beantwortet, Punkte 0/2" in visible_text(app)
            await pilot.press("j")
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            assert "Frage 3/4" in visible_text(app)
            assert "Punkte 0/2" in visible_text(app)
            assert [a.question_id for a in app.session.answers] == answered_ids
            for _ in range(2):
                await pilot.press(*answer_keys(app.session, right=True))
                await pilot.pause()
                await pilot.press("enter")
                await pilot.pause()
            assert isinstance(app.screen, ResultsScreen)
            text = visible_text(app)
            assert "2 von 4 Punkten (50 %)" in text
            assert "Verpasste Fragen (2)" in text  # both answers from before the kill

        run(app, resume)


def test_undo_on_the_feedback_asks_the_question_again_and_the_store_forgets_the_answer(quizbank, store):
    app = app_for(quizbank, store, count=3)

    async def scenario(pilot):
        first = app.session.current
        await pilot.press(*answer_keys(app.session, right=False))
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        footer = {b.binding.description for b in app.active_bindings.values() if b.enabled and b.binding.show}
        assert "Rückgängig" in footer
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.current == first
        assert "Frage 1/3" in visible_text(app)
        assert store.reviews() == []
        assert store.card(first.id) is None
        await pilot.press(*answer_keys(app.session, right=True))
        await pilot.pause()
        assert "Punkte 1/1" in visible_text(app)

    run(app, scenario)
    [review] = store.reviews()
    assert (review.correct, review.position) == (True, 1)


def test_a_question_flagged_on_the_feedback_is_kept_with_its_comment(quizbank, store):
    app = app_for(quizbank, store, count=2)

    async def scenario(pilot):
        question = app.session.current
        await pilot.press(*answer_keys(app.session, right=True))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert "Diese Frage melden: falsch oder unklar?" in visible_text(app)
        await pilot.press(*"Quelle sagt 84 TOPS", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)  # back where the learner was
        [flag] = store.flags()
        assert (flag.question_id, flag.comment, flag.lang) == (question.id, "Quelle sagt 84 TOPS", "de")
        await pilot.press("m", "escape")  # Esc: nothing flagged
        await pilot.pause()
        assert len(store.flags()) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)

    run(app, scenario)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("de", "ließ sich nicht verwenden und ist als progress.sqlite3.damaged-"),
        ("en", "could not be used and is kept as progress.sqlite3.damaged-"),
    ],
)
def test_a_store_kept_aside_is_told_in_the_quiz_language(
    quizbank, tmp_path: Path, lang: str, said: str
) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"not a database\n" * 100)

    async def go() -> list[str]:
        with ProgressStore.open(path) as store:
            app = app_for(quizbank, store, start=False, lang=lang)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                return [str(n.message) for n in app._notifications]

    (message,) = asyncio.run(go())
    assert said in message
    assert str(path) in message
