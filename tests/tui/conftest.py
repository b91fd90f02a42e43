"""Fixtures of the terminal quiz tests: the fixed test bank and the app built as the CLI builds it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytest_textual_snapshot import SVGImageExtension

from chinaai_learn.loading import load_bank
from chinaai_learn.session import QuizSettings
from chinaai_learn_tui.app import QuizApp, create_app

from .quiz_pilot import QUIZBANK, fixed_clock


@pytest.fixture(scope="session")
def quizbank():
    return load_bank(QUIZBANK)


@pytest.fixture
def make_app(quizbank) -> Callable[..., QuizApp]:
    """The app as the CLI builds it, on the test bank, with a fixed seed, clock and no cursor blink."""

    def make(*, bank=None, start: bool = True, recorder=None, **settings) -> QuizApp:
        settings.setdefault("seed", 1)
        return create_app(
            bank or quizbank,
            QuizSettings(**settings),
            start=start,
            recorder=recorder,
            clock=fixed_clock,
            cursor_blink=False,
        )

    return make


# pytest-textual-snapshot 1.0 sets the old ``_file_extension``, which syrupy 7 ignores (files
# would end in .raw); name the snapshots .svg so that they open as the images they are.
SVGImageExtension.file_extension = "svg"
