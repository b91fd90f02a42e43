"""The quiz app: builds sessions from the learner's settings and moves between the screens.

Screens only show things and post messages; this class turns those messages into session
calls and the next screen. ``create_app`` is the one way to build it (CLI and tests alike).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen

from chinaai_learn.bank import Bank
from chinaai_learn.errors import UserError
from chinaai_learn.progress import (
    DEFAULT_NEW_PER_DAY,
    ProgressRecorder,
    ProgressStore,
    UnfinishedSession,
    due_in_words,
)
from chinaai_learn.progress.lease import RENEW_SECONDS
from chinaai_learn.progress.quiz_link import (
    NothingScheduledError,
    QuizProgress,
    SessionTakenError,
    conflicts,
    settings_from_record,
)
from chinaai_learn.session import Clock, QuizSession, QuizSettings, Recorder, utc_now

from .screens.question_screen import QuestionScreen
from .screens.start_screen import StartScreen
from .widgets.input_for import WIDGETS
from .widgets.quiz_status import QuizStatus
from .words import bilingual_bindings, format_duration, format_score, other_lang, say, setting_text, shown_in

if TYPE_CHECKING:
    from .screens.feedback_screen import FeedbackScreen
    from .screens.resume_screen import ResumeChoice

# The screens after the first question (feedback, results, help, dialogs) are imported where they
# are first shown: a start needs only the start and question screens.
LATER_MODULES = (
    "screens.confirm_screen",
    "screens.feedback_screen",
    "screens.flag_screen",
    "screens.help_screen",
    "screens.results_screen",
    "screens.resume_screen",
    *(f"widgets.{module}" for module, _ in WIDGETS.values()),
)


def import_everything() -> None:
    """Import what the app would import later (the classroom's forking process does it once for all tabs)."""
    for module in LATER_MODULES:
        importlib.import_module(f"{__package__}.{module}")


TICK_SECONDS = 1.0  # how often the session's running time is read and the remaining time redrawn


class QuizApp(App[int]):
    """The terminal quiz: start screen → questions (→ feedback) → results, in German or English."""

    CSS_PATH = "quiz.tcss"
    TITLE = "chinaai-learn"
    BINDINGS: ClassVar[list[BindingType]] = [
        *bilingual_bindings("f1,question_mark", "help", "key_help"),
        *bilingual_bindings("f2", "toggle_language", "key_language"),
        *bilingual_bindings("ctrl+q", "quit", "key_quit", priority=True),
        *bilingual_bindings("ctrl+p", "command_palette", "key_commands", show=False, priority=True),
    ]

    lang: reactive[str] = reactive("de", init=False)

    def __init__(
        self,
        bank: Bank,
        settings: QuizSettings,
        *,
        start: bool = False,
        recorder: Recorder | None = None,
        clock: Clock = utc_now,
        cursor_blink: bool = True,
        store: ProgressStore | None = None,
        new_per_day: int = DEFAULT_NEW_PER_DAY,
        asked_for: Collection[str] = (),
    ) -> None:
        super().__init__()
        self.asked_for = tuple(
            asked_for
        )  # settings the command line gave explicitly (QuizSettings field names)
        self.bank = bank
        self.settings = settings
        self.start_at_once = start
        self.store = store
        self.recorder = (
            recorder if recorder is not None or store is None else ProgressRecorder(store, clock=clock)
        )
        self.new_per_day = new_per_day
        self.clock = clock
        self.cursor_blink = cursor_blink
        self.session: QuizSession | None = None
        self.told_lost = False
        self.set_reactive(QuizApp.lang, settings.lang)

    def on_mount(self) -> None:
        recovery = self.store.recovery if self.store is not None else None
        if recovery is not None:  # the file that was there is kept aside: say where, in the quiz's language
            text = say(self.lang, "store_recovered", path=recovery.path, kept=recovery.kept_as.name)
            self.notify(text, severity="warning", timeout=15, markup=False)
        self.set_interval(RENEW_SECONDS, self.renew_lease)
        self.set_interval(TICK_SECONDS, self.tick_clock)
        self.open_quiz()

    def tick_clock(self) -> None:
        """Every second: the session's time goes on (a longer silence is a pause), the remaining time is redrawn."""
        session = self.session
        if session is None or session.finished or session.time_limit is None:
            return
        was_up = session.time_up
        session.tick()
        for screen in self.screen_stack:
            for status in screen.query(QuizStatus):
                status.refresh()
        if session.time_up and not was_up:
            self.refresh_bindings()  # the feedback's "next" becomes "results"

    def renew_lease(self) -> None:
        """Tell other instances this quiz still runs; say so once if another one took it over."""
        progress = self.progress
        if progress is None:
            return
        try:
            if not progress.renew(self.session):
                self.session_lost()
        except UserError as problem:  # the store could not be written just now; try again next time
            self.notify(problem.report(), severity="error")

    def session_lost(self) -> None:
        """Say once that another instance took this quiz over (its answers here are still saved)."""
        if not self.told_lost:
            self.told_lost = True
            self.notify(say(self.lang, "session_lost"), severity="warning", timeout=20)

    def release_session(self) -> None:
        """The app closes: give up the session's lease so the next start can offer to resume it."""
        if self.progress is not None:
            with contextlib.suppress(UserError):  # the lease then expires by itself
                self.progress.release(self.session)

    def on_unmount(self) -> None:
        self.release_session()

    def open_quiz(self) -> None:
        """The first screen of the quiz: the resume offer, the start screen or the first question."""
        unfinished = self.progress.resumable(self.bank) if self.progress else None
        if unfinished is not None:
            self.offer_resume(unfinished)
        else:
            self.first_screen()

    def first_screen(self) -> None:
        if self.start_at_once:
            self.begin(self.settings)
        else:
            self.push_screen(StartScreen(self.bank, self.settings, self.progress))

    @property
    def progress(self) -> QuizProgress | None:
        """Spaced repetition, modes and resume: there when answers go to a progress store."""
        if self.store is None or not isinstance(self.recorder, ProgressRecorder):
            return None
        return QuizProgress(self.store, self.recorder, self.new_per_day)

    def offer_resume(self, unfinished: UnfinishedSession) -> None:
        """Ask whether to go on with the quiz that was left unfinished; only 'discard' forgets it."""
        progress = self.progress
        assert progress is not None
        lang = self.lang
        when = (
            (unfinished.updated_at or unfinished.started_at or self.clock())
            .astimezone()
            .strftime("%Y-%m-%d %H:%M")
        )
        score = sum(r.score for r in progress.store.reviews(session_id=unfinished.id))
        detail = say(
            lang,
            "resume_detail",
            answered=unfinished.position,
            total=len(unfinished.question_ids),
            score=format_score(score, lang),
            when=when,
        )
        saved = settings_from_record(unfinished.settings)
        if saved.time_limit is not None and unfinished.time_used is not None:
            left = max(saved.time_limit - unfinished.time_used, timedelta(0))
            detail += " " + say(lang, "resume_time_left", minutes=saved.minutes, time=format_duration(left))
        differ = [
            say(
                lang,
                "resume_conflict_row",
                what=say(lang, f"setting_{name}"),
                saved=setting_text(saved, name, lang),
                asked=setting_text(self.settings, name, lang),
            )
            for name in conflicts(saved, self.settings, self.asked_for)
        ]

        def done(choice: ResumeChoice | None) -> None:
            if choice == "resume":
                try:
                    self.session, self.settings = progress.resume(self.bank, unfinished, clock=self.clock)
                except SessionTakenError:
                    self.notify(say(self.lang, "resume_taken"), severity="warning")
                except UserError as problem:
                    self.notify(problem.report(), severity="error")
                else:
                    self.lang = self.settings.lang
                    self.advance()  # the first question left, or the results if its time was up
                    return
            elif choice == "discard":
                progress.discard(unfinished)
            self.first_screen()

        from .screens.resume_screen import ResumeScreen

        self.push_screen(ResumeScreen(lang, detail, differ), done)

    @property
    def quiz_in_progress(self) -> bool:
        return self.session is not None and not self.session.finished

    def show(self, screen: Screen[None]) -> None:
        """Replace the current flow screen (the default screen stays underneath)."""
        if isinstance(screen, QuestionScreen) and isinstance(self.recorder, ProgressRecorder):
            self.recorder.question_shown()  # times the answer for the review log
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def begin(self, settings: QuizSettings) -> None:
        self.settings = replace(settings, lang=self.lang)
        self.told_lost = False
        try:
            if self.progress is not None:  # also remembers the session for resume
                self.session = self.progress.start(self.bank, self.settings, clock=self.clock)
            else:
                self.session = QuizSession.start(
                    self.bank, self.settings, recorder=self.recorder, clock=self.clock
                )
        except NothingScheduledError as nothing:
            self.notify(self.nothing_scheduled(nothing), severity="warning", markup=False)
            self.show(StartScreen(self.bank, self.settings, self.progress))
            return
        except UserError as problem:
            self.notify(problem.report(), severity="error", markup=False)
            self.show(StartScreen(self.bank, self.settings, self.progress))
            return
        self.show(QuestionScreen(self.session))

    def nothing_scheduled(self, nothing: NothingScheduledError) -> str:
        if nothing.mode != "due":
            return say(self.lang, "no_mistakes")
        if nothing.next_due is None:
            return say(self.lang, "nothing_due")
        return say(
            self.lang, "nothing_due_next", when=due_in_words(nothing.next_due, self.clock(), self.lang)
        )

    def advance(self) -> None:
        assert self.session is not None
        self.time_boundary()
        if not self.session.finished:
            self.show(QuestionScreen(self.session))
            return
        from .screens.results_screen import ResultsScreen

        next_due = self.progress.next_due(self.bank, self.session) if self.progress else None
        self.show(ResultsScreen(self.session, next_due=next_due))

    def time_boundary(self) -> bool:
        """Between two questions: the session ends here when its time limit is reached (and is not offered for resume)."""
        assert self.session is not None
        if not self.session.end_if_time_is_up():
            return False
        if self.progress is not None:
            with contextlib.suppress(UserError):  # then it is offered once more and ends at once
                self.progress.end()
        return True

    def new_quiz(self) -> None:
        if self.progress is not None and self.quiz_in_progress:
            self.progress.abandon()  # left on purpose: nothing to resume next time
        self.session = None
        self.settings = replace(self.settings, seed=self.settings.seed + 1, lang=self.lang)
        self.show(StartScreen(self.bank, self.settings, self.progress))

    def on_start_screen_start_requested(self, message: StartScreen.StartRequested) -> None:
        self.begin(message.settings)

    def on_question_screen_answered(self, message: QuestionScreen.Answered) -> None:
        current = self.session.current if self.session is not None else None
        if current is None or current.id != message.question_id:
            return  # a late message from a screen that has been replaced
        assert self.session is not None
        try:
            self.session.submit(message.response, hinted=message.hinted)
        except UserError as problem:  # the recorder (progress store) could not save; the quiz goes on
            self.notify(problem.report(), severity="error", markup=False)
        if isinstance(self.recorder, ProgressRecorder) and self.recorder.lost:
            self.session_lost()
        if self.session.time_limit is not None and not self.time_boundary():
            self.renew_lease()  # saves the running time with the answer
        record = self.session.answers[-1]
        if self.session.feedback_after_each:
            from .screens.feedback_screen import FeedbackScreen

            rated = self.recorder.last if isinstance(self.recorder, ProgressRecorder) else None
            self.show(FeedbackScreen(self.session, record, rated))
        else:
            self.advance()

    def on_question_screen_bury_requested(self, message: QuestionScreen.BuryRequested) -> None:
        """Put the question away until midnight and go on with the next one (or the results)."""
        session, progress = self.session, self.progress
        current = session.current if session is not None else None
        if session is None or progress is None or current is None or current.id != message.question_id:
            return
        try:
            progress.bury(session, clock=self.clock)
        except UserError as problem:  # the store could not be written: the question stays
            self.notify(problem.report(), severity="error", markup=False)
            if isinstance(self.screen, QuestionScreen):
                self.screen.answered = False
            return
        if progress.recorder.lost:
            self.session_lost()
        if session.finished and not session.answers:  # nothing was answered and nothing is left
            self.notify(say(self.lang, "buried_all"), timeout=6)
            self.session = None
            self.show(StartScreen(self.bank, self.settings, self.progress))
            return
        self.notify(say(self.lang, "buried"), timeout=4)
        self.advance()

    def on_feedback_screen_continued(self) -> None:
        self.advance()

    def on_feedback_screen_flag_requested(self, message: FeedbackScreen.FlagRequested) -> None:
        """Ask for an optional comment, then keep the flag in the store."""
        store = self.store
        if store is None:
            return

        def done(comment: str | None) -> None:
            if comment is None:
                return
            try:
                store.flag(message.question_id, self.clock(), comment=comment, lang=self.lang)
            except UserError as problem:
                self.notify(problem.report(), severity="error")
                return
            self.notify(say(self.lang, "flag_saved"))

        from .screens.flag_screen import FlagScreen

        self.push_screen(FlagScreen(self.lang, message.question_id), done)

    def on_feedback_screen_undo_requested(self) -> None:
        """Take the last answer back (in the store too) and ask its question again."""
        assert self.session is not None
        try:
            if self.progress is not None:
                undone = self.progress.undo(self.session, self.settings)
            else:
                undone = bool(self.session.answers) and self.session.undo() is not None
        except UserError as problem:  # answered again elsewhere, or the store could not be written
            self.notify(problem.report(), severity="error")
            undone = False
        from .screens.feedback_screen import FeedbackScreen

        if not undone and isinstance(self.screen, FeedbackScreen):
            self.screen.continued = False  # stay on the feedback, Enter goes on as before
            return
        self.show(QuestionScreen(self.session))

    def on_feedback_screen_rating_chosen(self, message: FeedbackScreen.RatingChosen) -> None:
        from .screens.feedback_screen import FeedbackScreen

        if not isinstance(self.recorder, ProgressRecorder) or not isinstance(self.screen, FeedbackScreen):
            return
        try:
            rated = self.recorder.override(message.rating)
        except UserError as problem:
            self.notify(problem.report(), severity="error", markup=False)
            return
        if rated is not None:
            self.screen.show_rating(rated)

    def on_results_screen_retry_requested(self) -> None:
        assert self.session is not None
        self.session = self.session.retry_mistakes()
        if self.progress is not None:
            self.progress.track(self.session, self.settings)
        self.show(QuestionScreen(self.session))

    def on_results_screen_new_quiz_requested(self) -> None:
        self.new_quiz()

    def watch_lang(self, lang: str) -> None:
        if self.session is not None:
            self.session.lang = lang
        for screen in self.screen_stack:
            set_lang = getattr(screen, "set_lang", None)
            if set_lang is not None:
                set_lang(lang)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return shown_in(self.lang, parameters)

    def action_toggle_language(self, lang: str = "") -> None:
        self.lang = other_lang(self.lang)

    def action_command_palette(self, lang: str = "") -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=say(self.lang, "cmd_search")))

    def action_help(self, lang: str = "") -> None:
        from .screens.confirm_screen import ConfirmScreen
        from .screens.flag_screen import FlagScreen
        from .screens.help_screen import HelpScreen
        from .screens.resume_screen import ResumeScreen

        if not isinstance(self.screen, (HelpScreen, ConfirmScreen, ResumeScreen, FlagScreen)):
            self.push_screen(HelpScreen(self.lang, getattr(self.screen, "help_topic", None)))

    async def action_quit(self, lang: str = "") -> None:
        """Quit; in the middle of a quiz only after the learner confirms (Ctrl+Q twice also quits)."""
        from .screens.confirm_screen import ConfirmScreen

        if not self.quiz_in_progress or isinstance(self.screen, ConfirmScreen):
            self.exit(0)
            return
        self._confirm("confirm_quit", lambda: self.exit(0))

    def action_new_quiz(self) -> None:
        if self.quiz_in_progress:
            self._confirm("confirm_new", self.new_quiz)
        else:
            self.new_quiz()

    def _confirm(self, question: str, then: Callable[[], object]) -> None:
        assert self.session is not None
        detail = say(self.lang, "answered_so_far", answered=self.session.position, total=self.session.total)

        def done(yes: bool | None) -> None:
            if yes:
                then()

        from .screens.confirm_screen import ConfirmScreen

        self.push_screen(ConfirmScreen(self.lang, say(self.lang, question), detail), done)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        lang = self.lang
        yield SystemCommand(
            say(lang, "cmd_language"), say(lang, "cmd_language_help"), self.action_toggle_language
        )
        yield SystemCommand(say(lang, "cmd_new_quiz"), say(lang, "cmd_new_quiz_help"), self.action_new_quiz)
        yield SystemCommand(say(lang, "cmd_help"), say(lang, "cmd_help_help"), self.action_help)
        # Textual's own commands, in the quiz's language (screenshots and maximising are left out).
        yield SystemCommand(say(lang, "cmd_theme"), say(lang, "cmd_theme_help"), self.action_change_theme)
        yield SystemCommand(say(lang, "cmd_keys"), say(lang, "cmd_keys_help"), self.action_show_help_panel)
        yield SystemCommand(say(lang, "cmd_quit"), say(lang, "cmd_quit_help"), self.action_quit)


def create_app(
    bank: Bank,
    settings: QuizSettings | None = None,
    *,
    start: bool = False,
    recorder: Recorder | None = None,
    clock: Clock = utc_now,
    cursor_blink: bool = True,
    store: ProgressStore | None = None,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
    asked_for: Collection[str] = (),
) -> QuizApp:
    """The quiz app for ``bank``; ``start`` skips the start screen. Tests fix ``clock`` and blink.

    With a progress ``store``, answers are scheduled and saved, the due/mistakes modes and due
    counts appear, and an unfinished quiz is offered for resume. ``asked_for`` names the settings
    the command line gave explicitly: the resume offer says when they differ from the saved quiz's.
    """
    return QuizApp(
        bank,
        settings or QuizSettings(),
        start=start,
        recorder=recorder,
        clock=clock,
        cursor_blink=cursor_blink,
        store=store,
        new_per_day=new_per_day,
        asked_for=asked_for,
    )
