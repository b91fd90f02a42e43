"""Keys that arrive together (a fast typist, a paste, a slow link, a busy classroom) act in the order typed.

Textual ran a widget's bound keys (Backspace, arrows, Tab) only after they had bubbled up
to the app, so the characters that followed were handled first: "denza n7x", Backspace
came out as "denza n7x" submitted, and a cloze answer typed after Tab went into the gap
before. Here every burst is posted to the app in one go, as the terminal driver does
when it reads several keys at once, and the answer recorded must be the one typed.
"""

from __future__ import annotations

import pytest
from textual import events

from chinaai_learn_tui.screens.feedback_screen import FeedbackScreen

from .quiz_pilot import run, visible_text

SPECIAL = {"space": " "}


def _burst(app, keys: list[str]) -> None:
    """Post every key at once, without letting the app handle one before the next arrives."""
    for key in keys:
        character = SPECIAL.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


def _recorded(make_app, question_type: str, keys: list[str]):
    """The response recorded for the first question after ``keys``, and that question's display order."""
    app = make_app(types=(question_type,))
    recorded = []

    async def scenario(pilot):
        order = app.session.layout(app.session.current).order
        _burst(app, keys)
        for _ in range(500):  # a busy machine may need a while; done as soon as the feedback shows
            if isinstance(app.screen, FeedbackScreen):
                break
            await pilot.pause(0.01)
        assert isinstance(app.screen, FeedbackScreen), (
            f"the burst's Enter did not submit: {visible_text(app)}"
        )
        recorded.append((app.session.answers[0].response, order))

    run(app, scenario)
    return recorded[0]


@pytest.mark.parametrize(
    ("question_type", "keys", "expected"),
    [
        ("short_answer", [*"denza n7x", "backspace", "enter"], "denza n7"),
        ("short_answer", [*"denzan7", "left", "left", "space", "enter"], "denza n7"),
        ("short_answer", [*"xdenza n7", "home", "delete", "enter"], "denza n7"),
        ("numeric", [*"24", "left", "5", "end", "4", "enter"], "2544"),
        ("numeric", [*"2544", "backspace", "enter"], "254"),
        ("cloze", [*"Lidar", "tab", *"12", "enter"], ["Lidar", "12"]),
        ("cloze", [*"Lidarx", "backspace", "down", *"13", "backspace", "2", "enter"], ["Lidar", "12"]),
        ("cloze", [*"Lidar", "down", *"13", "ctrl+u", *"12", "up", "down", "enter"], ["Lidar", "12"]),
        ("true_false", ["w", "down", "enter"], False),
        ("true_false", ["f", "up", "enter"], True),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_burst_of_keys_records_the_answer_as_typed(make_app, question_type, keys, expected):
    assert _recorded(make_app, question_type, keys)[0] == expected


def test_a_burst_on_a_matching_question_moves_the_cursor_between_the_letters(make_app):
    # A gives row 1 its item and moves on; ↑ goes back to row 1, whose item B then replaces A.
    response, order = _recorded(make_app, "matching", ["a", "up", "b", "enter"])
    assert response[0] == order[1]
    assert all(chosen is None for chosen in response[1:])
