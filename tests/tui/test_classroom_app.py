"""The browser quiz's app, driven with Pilot: the learner's name first, then answers into that learner's store."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from chinaai_learn.classroom import learner_store_path
from chinaai_learn.progress import ProgressRecorder, ProgressStore
from chinaai_learn.session import QuizSettings
from chinaai_learn_tui.classroom import ClassroomApp
from chinaai_learn_tui.screens.feedback_screen import FeedbackScreen
from chinaai_learn_tui.screens.learner_screen import LearnerScreen
from chinaai_learn_tui.screens.question_screen import QuestionScreen
from chinaai_learn_tui.screens.resume_screen import ResumeScreen
from chinaai_learn_tui.screens.start_screen import StartScreen

from .quiz_pilot import answer_keys, fixed_clock, run, visible_text


def classroom_app(
    bank, folder: Path, lang: str = "de", types: tuple[str, ...] = ("single_choice",)
) -> ClassroomApp:
    settings = QuizSettings(types=types, seed=1, lang=lang)
    return ClassroomApp(bank, settings, classroom=folder, clock=fixed_clock, cursor_blink=False)


def take_quiz(bank, folder: Path, name: str, *, right: bool) -> None:
    """Sign in as ``name`` and answer the one single-choice question of the test bank."""
    app = classroom_app(bank, folder)

    async def scenario(pilot):
        await pilot.press(*name, "enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press(*answer_keys(app.session, right))
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)

    run(app, scenario)


def reviews(folder: Path, key: str) -> list[bool]:
    with ProgressStore.open(folder / f"{key}.sqlite3", read_only=True) as store:
        return [review.correct for review in store.reviews()]


def test_the_name_comes_first_and_a_name_without_letters_is_refused(quizbank, tmp_path):
    app = classroom_app(quizbank, tmp_path, lang="en")

    async def scenario(pilot):
        assert isinstance(app.screen, LearnerScreen)
        assert "What is your name?" in visible_text(app)
        app.action_new_quiz()  # as from the command palette: no way around the name
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen)
        await pilot.press("space", "?", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen)
        assert "at least one letter or digit" in visible_text(app)
        await pilot.press("backspace", "backspace", *"Lea", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.learner == "Lea"

    run(app, scenario)
    # The store, beside the lock file that instances opening it at once take turns on.
    assert sorted(tmp_path.iterdir()) == [tmp_path / "lea.sqlite3", tmp_path / "lea.sqlite3.lock"]


def test_each_learner_answers_into_their_own_store_and_a_name_finds_its_store_again(quizbank, tmp_path):
    take_quiz(quizbank, tmp_path, "Anna", right=True)
    take_quiz(quizbank, tmp_path, "Ben", right=False)
    take_quiz(quizbank, tmp_path, "ANNA", right=False)
    assert reviews(tmp_path, "anna") == [True, False]
    assert reviews(tmp_path, "ben") == [False]


def test_only_the_learner_who_left_a_quiz_unfinished_is_offered_to_resume_it(quizbank, tmp_path):
    two_questions = ("single_choice", "true_false")
    first = classroom_app(quizbank, tmp_path, types=two_questions)

    async def answer_one_and_close_the_tab(pilot):
        await pilot.press(*"Anna", "enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*answer_keys(first.session, True))
        await pilot.pause()

    run(first, answer_one_and_close_the_tab)
    offered = {}
    for name in ("Ben", "anna"):
        app = classroom_app(quizbank, tmp_path, types=two_questions)

        async def sign_in(pilot, app=app, name=name):
            await pilot.press(*name, "enter")
            await pilot.pause()
            offered[name] = isinstance(app.screen, ResumeScreen)

        run(app, sign_in)
    assert offered == {"Ben": False, "anna": True}


def test_a_second_tab_with_the_same_name_never_takes_over_the_quiz_running_in_the_first(quizbank, tmp_path):
    tmp_path.mkdir(exist_ok=True)
    with ProgressStore.open(learner_store_path(tmp_path, "Anna")) as store:
        running = ProgressRecorder(
            store, clock=fixed_clock
        )  # the first tab, still open (this process is alive)
        running.begin(["qb-tier-b-tops", "qb-first-model"], {"mode": "practice", "lang": "de"})
        running(answered("qb-tier-b-tops"))
        second = classroom_app(quizbank, tmp_path)

        async def sign_in(pilot):
            await pilot.press(*"anna", "enter")
            await pilot.pause()
            assert isinstance(second.screen, StartScreen)  # no offer to resume the live quiz

        run(second, sign_in)
        [unfinished] = store.unfinished_sessions()
        assert unfinished.position == 1  # untouched
        assert running.renew()  # and still the first tab's
        running.release()  # the first tab is closed: now it is offered
    offered = classroom_app(quizbank, tmp_path)

    async def sign_in_again(pilot):
        await pilot.press(*"anna", "enter")
        await pilot.pause()
        assert isinstance(offered.screen, ResumeScreen)

    run(offered, sign_in_again)


def answered(question_id: str) -> SimpleNamespace:
    return SimpleNamespace(
        question_id=question_id, topic_id="gods-eye", grade=SimpleNamespace(correct=True, score=1.0),
        hinted=False, answered_at=fixed_clock(), lang="de", response=0,
    )  # fmt: skip


def test_a_store_that_cannot_be_opened_is_explained_on_the_name_screen(quizbank, tmp_path):
    (tmp_path / "anna.sqlite3").mkdir()  # something that is no store file is in the way
    app = classroom_app(quizbank, tmp_path, lang="en")

    async def scenario(pilot):
        await pilot.press(*"Anna", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen)
        assert "anna.sqlite3" in visible_text(app)
        assert "folder" in visible_text(app)

    run(app, scenario)
    assert (tmp_path / "anna.sqlite3").is_dir()


def test_a_learners_language_choice_is_kept_for_the_next_visit(quizbank, tmp_path):
    first = classroom_app(quizbank, tmp_path, lang="de")

    async def switch_to_english(pilot):
        await pilot.press(*"Mia", "enter")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert first.lang == "en"

    run(first, switch_to_english)
    again = classroom_app(quizbank, tmp_path, lang="de")  # the class's language is German

    async def sign_in_again(pilot):
        await pilot.press(*"mia", "enter")
        await pilot.pause()
        assert again.lang == "en"
        assert isinstance(again.screen, StartScreen)
        assert "(•) English" in visible_text(again)

    run(again, sign_in_again)
    other = classroom_app(quizbank, tmp_path, lang="de")

    async def someone_else(pilot):
        await pilot.press(*"Noah", "enter")
        await pilot.pause()
        assert other.lang == "de"

    run(other, someone_else)


def test_a_learner_in_the_classroom_buries_a_question_into_their_own_store(quizbank, tmp_path):
    app = classroom_app(quizbank, tmp_path, types=())

    async def scenario(pilot):
        await pilot.press(*"Mia", "enter")
        await pilot.pause()
        assert "Neu 8 · Lernen 0 · Wiederholen 0" in visible_text(app)
        await pilot.press("s")
        await pilot.pause()
        first = app.session.current.id
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert first not in [q.id for q in app.session.questions]

    run(app, scenario)
    with ProgressStore.open(tmp_path / "mia.sqlite3", read_only=True) as store:
        assert len(store.buried(fixed_clock())) == 1
