"""Units and prompts that look like Rich/Textual markup are shown as written, never run or swallowed."""

from __future__ import annotations

import pytest

from chinaai_learn.loading import load_bank

from ..conftest import DATA
from ..every_output import question_screen_text


@pytest.mark.parametrize(
    ("question_id", "unit"),
    [("hostile-unit", "[/]"), ("hostile-unit-kw", "[kW]"), ("hostile-unit-click", "[@click=app.quit]")],
)
def test_a_unit_that_looks_like_markup_is_shown_literally(question_id: str, unit: str) -> None:
    bank = load_bank(DATA / "hostile")
    question = bank.get(question_id)
    assert question is not None
    text, still_running = question_screen_text(bank, question)
    assert unit in text.splitlines()
    assert still_running  # a click on the prompt ran no action


def test_a_prompt_with_markup_and_an_action_is_shown_whole() -> None:
    bank = load_bank(DATA / "hostile")
    question = bank.get("hostile-unit")
    assert question is not None
    text, still_running = question_screen_text(bank, question)
    assert "[@click=app.quit]click[/]" in text
    assert still_running
