"""The start screen: topics with question counts, language, mode, difficulty, number of questions, time limit."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from chinaai_learn.bank import Bank, TopicBank
from chinaai_learn.progress.quiz_link import QuizProgress
from chinaai_learn.session import MODES, SCHEDULED_MODES, QuizSettings, select_questions

from ..widgets.keys_in_order import OrderedInput
from ..widgets.toggle_list import ToggleList
from ..words import bilingual_bindings, say, shown_in

LEVELS = (1, 2, 3)


class StartScreen(Screen[None]):
    """Pre-filled from the command line; posts StartRequested with the learner's settings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *bilingual_bindings("s", "start", "key_start"),
        *bilingual_bindings("a", "toggle_topics", "key_all_topics"),
        Binding("escape", "app.quit", show=False),
    ]

    class StartRequested(Message):
        """Start a quiz with ``settings``."""

        def __init__(self, settings: QuizSettings) -> None:
            super().__init__()
            self.settings = settings

    def __init__(self, bank: Bank, settings: QuizSettings, progress: QuizProgress | None = None) -> None:
        super().__init__()
        self.bank = bank
        self.progress = progress  # with a progress store: due counts and the due/mistakes modes
        self.modes = MODES if progress else tuple(m for m in MODES if m not in SCHEDULED_MODES)
        self.settings = settings if settings.mode in self.modes else replace(settings, mode="practice")
        self.help_topic = "help_start"

    @property
    def lang(self) -> str:
        lang: str = self.app.lang  # type: ignore[attr-defined]
        return lang

    def compose(self) -> ComposeResult:
        chosen = set(self.settings.topics) or set(self.bank.topic_ids)
        levels = set(self.settings.difficulties) or set(LEVELS)
        with Horizontal(id="start-head"):
            yield Static(id="start-title")
            yield Static(id="study-counts")  # with a progress store: new / learning / review left now
        with VerticalScroll(id="start-body"):
            yield ToggleList(
                [("", tb.topic.id, tb.topic.id in chosen) for tb in self.bank.topics], id="topics"
            )
            with Horizontal(id="start-choices"):
                yield ToggleList(
                    [("Deutsch", "de", self.lang == "de"), ("English", "en", self.lang == "en")],
                    single=True,
                    id="language",
                )
                yield ToggleList(
                    [("", mode, mode == self.settings.mode) for mode in self.modes], single=True, id="mode"
                )
                yield ToggleList([("", n, n in levels) for n in LEVELS], id="levels")
            with Horizontal(id="start-go"):
                yield OrderedInput(
                    str(self.settings.count) if self.settings.count else "",
                    type="integer",
                    id="count",
                    max_length=4,
                )
                yield OrderedInput(
                    str(self.settings.minutes) if self.settings.minutes else "",
                    type="integer",
                    id="minutes",
                    max_length=3,
                )
                yield Button(id="start", variant="primary")
                yield Static(id="match-count")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = getattr(self.app, "cursor_blink", True)
        # Every topic in view when the terminal has room; the list scrolls when it has not.
        self.toggles("topics").styles.max_height = len(self.bank.topics) + 2
        self.set_lang(self.lang)
        self.query_one("#topics").focus()

    def toggles(self, name: str) -> ToggleList:
        return self.query_one(f"#{name}", ToggleList)

    def set_lang(self, lang: str) -> None:
        self.query_one("#start-title", Static).update(Text(say(lang, "app_title"), style="bold"))
        topics = self.toggles("topics")
        topics.border_title = say(lang, "topics")
        due = self.progress.due_by_topic(self.bank, clock=self.app.clock) if self.progress else {}  # type: ignore[attr-defined]
        topics.set_labels(
            [self._topic_label(tb, lang, due[tb.topic.id].due if due else 0) for tb in self.bank.topics]
        )
        self.toggles("language").border_title = say(lang, "language")
        self.toggles("language").select_value(lang)
        self.toggles("mode").border_title = say(lang, "mode")
        self.toggles("mode").set_labels([say(lang, mode) for mode in self.modes])
        self.toggles("levels").border_title = say(lang, "difficulty")
        self.toggles("levels").set_labels([say(lang, f"level_{n}") for n in LEVELS])
        count = self.query_one("#count", Input)
        count.border_title = say(lang, "count")
        count.placeholder = say(lang, "count_all")
        minutes = self.query_one("#minutes", Input)
        minutes.border_title = say(lang, "minutes")
        minutes.placeholder = say(lang, "minutes_none")
        self.query_one("#start", Button).label = say(lang, "start_button")
        self._show_match_count()
        self._show_study_counts()

    @staticmethod
    def _topic_label(tb: TopicBank, lang: str, due: int) -> str:
        """Title and question count, and how many reviews are due when there are any."""
        label = f"{tb.topic.title(lang)} ({len(tb.questions)})"
        return label + f" · {say(lang, 'topic_due', n=due)}" if due else label

    def _scheduled(self) -> int | None:
        """How many questions the chosen scheduling mode would ask, or None in practice and exam."""
        settings = self.chosen_settings()
        if self.progress is None or settings.mode not in SCHEDULED_MODES:
            return None
        return self.progress.available(self.bank, replace(settings, count=None), clock=self.app.clock)  # type: ignore[attr-defined]

    def chosen_settings(self) -> QuizSettings:
        """The settings as the learner has them on screen now."""
        topics = tuple(self.toggles("topics").selected)
        levels = tuple(self.toggles("levels").selected)
        typed = self.query_one("#count", Input).value.strip()
        minutes = self.query_one("#minutes", Input).value.strip()
        return replace(
            self.settings,
            topics=topics if len(topics) < len(self.bank.topics) else (),
            difficulties=levels if len(levels) < len(LEVELS) else (),
            count=max(1, int(typed)) if typed.isdigit() else None,
            minutes=max(1, int(minutes)) if minutes.isdigit() else None,
            mode=self.toggles("mode").selected[0],
            lang=self.lang,
        )

    def _problem(self) -> str | None:
        """Why a quiz cannot start with the current choice, in words, or None."""
        if not self.toggles("topics").selected:
            return say(self.lang, "no_topic")
        if not self.toggles("levels").selected:
            return say(self.lang, "no_level")
        if not select_questions(self.bank, replace(self.chosen_settings(), count=None)):
            return say(self.lang, "no_match")
        if self._scheduled() == 0:
            return say(self.lang, "nothing_due" if self.chosen_settings().mode == "due" else "no_mistakes")
        return None

    def _show_match_count(self) -> None:
        label = self.query_one("#match-count", Static)
        problem = self._problem()
        label.set_class(problem is not None, "-problem")
        if problem:
            label.update(Text("✖ " + problem, style="bold"))
            return
        settings = self.chosen_settings()
        scheduled = self._scheduled()
        matching = (
            len(select_questions(self.bank, replace(settings, count=None)))
            if scheduled is None
            else scheduled
        )
        key = "matches" if scheduled is None else f"{settings.mode}_matches"
        label.update(say(self.lang, key, n=matching, asked=min(matching, settings.count or matching)))

    def _show_study_counts(self) -> None:
        """What the due-reviews mode would ask now in the chosen topics and difficulties, by kind."""
        label = self.query_one("#study-counts", Static)
        label.display = self.progress is not None
        if self.progress is None:
            return
        counts = self.progress.study_counts(self.bank, self.chosen_settings(), clock=self.app.clock)  # type: ignore[attr-defined]
        label.update(
            say(self.lang, "study_counts", new=counts.new, learning=counts.learning, review=counts.review)
        )

    def on_toggle_list_changed(self, event: ToggleList.Changed) -> None:
        if event.toggle_list.id == "language":
            self.app.lang = event.toggle_list.selected[0]  # type: ignore[attr-defined]
        self._show_match_count()
        self._show_study_counts()

    def on_input_changed(self) -> None:
        self._show_match_count()

    def on_input_submitted(self) -> None:
        self.action_start()

    def on_button_pressed(self) -> None:
        self.action_start()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return shown_in(self.lang, parameters)

    def action_toggle_topics(self, lang: str = "") -> None:
        topics = self.toggles("topics")
        topics.set_all(len(topics.selected) < len(self.bank.topics))

    def action_start(self, lang: str = "") -> None:
        problem = self._problem()
        if problem:
            self.notify(problem, severity="warning", timeout=4, markup=False)
            return
        self.post_message(self.StartRequested(self.chosen_settings()))
