"""The cards where scripts do not run: the static list of choices, and the answer on the back.

Headless chromium with JavaScript switched off, on a phone, showing the sides Anki renders
(see card_pages). Nothing can be tapped, but nothing is missing either: the front lists
every choice, the back names the right answer, and no empty verdict is left on screen.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..serve.conftest import CHROMIUM, CHROMIUM_ARGS
from .card_pages import PHONE, RenderedCards, card_document, front, rendered_cards

ORIGIN = "http://anki.test"


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RenderedCards]:
    with rendered_cards(tmp_path_factory.mktemp("cards")) as rendered:
        yield rendered


@pytest.fixture(scope="module")
def page():
    if not CHROMIUM.exists():
        pytest.skip(f"no browser: Debian's chromium is not at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False
            )
            yield context.new_page()
        finally:
            browser.close()


def _show(page, body: str) -> None:
    document = card_document(body)
    path = f"/{len(document)}-{hash(document) & 0xFFFF}"
    page.route(f"{ORIGIN}{path}", lambda route: route.fulfill(body=document, content_type="text/html"))
    page.goto(f"{ORIGIN}{path}")


def _visible_text(page) -> str:
    return page.locator("body").inner_text()


def test_scripts_are_really_off(page, cards: RenderedCards) -> None:
    _show(page, cards["alpha-single"].question)
    assert page.evaluate("1 + 1") == 2  # the test's own scripts still run: the page's do not
    assert page.locator("ol.tappable").count() == 0


@pytest.mark.parametrize(
    ("qid", "choices", "answer"),
    [
        ("alpha-single", ["A)Shenzhen", "B)Hangzhou", "C)Peking"], "B) Hangzhou"),
        ("alpha-multi", ["A)Huzhou", "B)Xuchang", "C)Luoyang"], "B) Xuchang; C) Luoyang"),
    ],
)
def test_a_choice_card_lists_the_choices_and_names_the_answer(
    page, cards: RenderedCards, qid: str, choices: list[str], answer: str
) -> None:
    card = cards[qid]
    _show(page, card.question)
    listed = [text.replace(" ", "").replace("\n", "") for text in page.locator("li.choice").all_inner_texts()]
    assert listed == choices
    assert page.locator("li.choice").first.is_visible()
    assert answer not in _visible_text(page)  # the front does not give the answer away
    _show(page, card.answer)
    shown = page.locator("section.answer")
    assert shown.is_visible()
    assert shown.inner_text().splitlines()[-1] == answer
    listed = [text.replace(" ", "").replace("\n", "") for text in page.locator("li.choice").all_inner_texts()]
    assert listed == choices  # the choices again, unmarked: nothing claims a tap happened
    assert "✔" not in _visible_text(page)
    assert page.locator(".verdict-line").is_hidden()


@pytest.mark.parametrize(
    ("qid", "typed", "expected", "also"),
    [
        ("alpha-short", "R2", "R1", "Auch richtig: DeepSeek-R1"),
        ("alpha-number", "900", "1254,5", None),
    ],
)
def test_a_type_in_card_shows_the_box_and_then_the_expected_answer(
    page, cards: RenderedCards, qid: str, typed: str, expected: str, also: str | None
) -> None:
    _show(page, front(cards[qid].question))
    page.locator("#typeans").fill(typed)  # typing needs no script: the client reads the box
    assert page.locator("#typeans").input_value() == typed
    _show(page, cards.back(qid, typed))
    comparison = page.locator("#typeans")  # Anki's own comparison: typed, arrow, expected
    assert comparison.is_visible()
    assert comparison.inner_text().splitlines()[-1] == expected
    if also is not None:
        assert page.get_by_text(also).is_visible()
    assert page.locator(".verdict-line").is_hidden()
    text = _visible_text(page)
    assert "Richtig." not in text
    assert "Falsch." not in text
