"""The cards as a learner uses them: Anki's rendered HTML driven in headless chromium on a phone.

The front and the back come from a real Anki collection (``card.question()`` and
``card.answer()``) and are served as two pages of one origin, as AnkiDroid shows them; the
``[[type:Answer]]`` placeholder becomes the input box (front) and the comparison (back)
the way Anki's clients fill it in. Day and night mode (``.nightMode``/``.night_mode``).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection

from ..serve.conftest import CHROMIUM, CHROMIUM_ARGS
from .anki_helpers import build, import_package, notes_by_question, write_recipe

ORIGIN = "http://anki.test"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[str, str]]]:
    tmp = tmp_path_factory.mktemp("cards")
    deck = build(write_recipe(tmp), tmp / "out", state=tmp / "state.json").path
    col = Collection(str(tmp / "c.anki2"))
    try:
        import_package(col, deck)
        notes = notes_by_question(col)
        yield {
            qid: (notes[qid].cards()[0].question(), notes[qid].cards()[0].answer())
            for qid in (
                "alpha-single",
                "alpha-multi",
                "alpha-number",
                "alpha-short",
                "alpha-order",
                "alpha-match",
            )
        }
    finally:
        col.close()


@pytest.fixture(scope="module")
def browser():
    """One headless chromium for the module; each test gets a fresh phone-sized context."""
    if not CHROMIUM.exists():
        pytest.skip(f"no browser: Debian's chromium is not at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


def _phone_page(browser, scripts: bool):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=scripts)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser):
    yield from _phone_page(browser, scripts=True)


@pytest.fixture(params=[True, False], ids=["scripts", "no-scripts"])
def any_page(browser, request: pytest.FixtureRequest):
    """A phone page with scripts, and one without (a client where card scripts do not run)."""
    yield from _phone_page(browser, scripts=request.param)


def _show(page, body: str, night: str) -> None:
    document = (
        '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f'</head><body class="card {night}"><div id="qa">{body}</div></body></html>'
    )
    path = f"/{len(document)}-{hash(document) & 0xFFFF}"
    page.route(f"{ORIGIN}{path}", lambda route: route.fulfill(body=document, content_type="text/html"))
    page.goto(f"{ORIGIN}{path}")


def _front(html_text: str) -> str:
    return html_text.replace("[[type:Answer]]", '<input type="text" id="typeans">')


def _back(html_text: str, typed: str, expected: str) -> str:
    comparison = f'<code id="typeans"><span class="typeBad">{html.escape(typed)}</span><br><span id="typearrow">&darr;</span><br><span class="typeMissed">{html.escape(expected)}</span></code>'
    return html_text.replace("[[type:Answer]]", comparison)


@pytest.mark.parametrize("night", ["", "nightMode", "night_mode"])
def test_tapping_a_choice_and_seeing_each_choice_marked_on_the_back(page, cards, night: str) -> None:
    question, answer = cards["alpha-single"]
    _show(page, question, night)
    choices = page.locator("li.choice")
    assert choices.count() == 3
    page.get_by_text("Hangzhou").tap()
    page.get_by_text("Peking").tap()  # single choice: the second tap replaces the first
    assert page.locator("li.picked").all_inner_texts() == [
        page.locator("li.choice", has_text="Peking").inner_text()
    ]
    page.get_by_text("Hangzhou").tap()
    _show(page, answer, night)
    right = page.locator("li.choice", has_text="Hangzhou")
    assert "correct" in right.get_attribute("class")
    assert right.locator(".verdict").inner_text() == "✔ richtig · deine Wahl"
    for wrong in ("Peking", "Shenzhen"):
        assert page.locator("li.choice", has_text=wrong).locator(".verdict").inner_text() == "✘ falsch"
    assert page.locator(".verdict-line").inner_text() == "Richtig."
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.querySelector('li.choice')).color")
    assert (background == "rgb(30, 31, 34)") == bool(night)
    assert (text == "rgb(230, 237, 243)") == bool(night)
    top = page.evaluate("document.querySelector('.prompt').getBoundingClientRect().top")
    assert top >= 12  # a top margin, not glued to the screen's edge


def test_a_wrong_multiple_choice_answer_is_called_wrong(page, cards) -> None:
    question, answer = cards["alpha-multi"]
    _show(page, question, "")
    page.get_by_text("Xuchang").tap()
    page.get_by_text("Huzhou").tap()
    assert page.locator("li.picked").count() == 2
    _show(page, answer, "")
    assert page.locator(".verdict-line").inner_text() == "Falsch."
    assert page.locator("li.choice", has_text="Luoyang").locator(".verdict").inner_text() == "✔ richtig"


def test_without_a_tap_the_back_marks_the_choices_but_gives_no_verdict(page, cards) -> None:
    _, answer = cards["alpha-single"]
    _show(page, answer, "")
    assert page.locator("li.correct").count() == 1
    assert page.locator(".verdict-line").is_hidden()


@pytest.mark.parametrize(
    ("qid", "typed", "verdict"),
    [
        ("alpha-number", "1.254,5", "Richtig."),
        ("alpha-number", "1200", "Richtig."),  # within the 5 % tolerance
        ("alpha-number", "1254.5", "Falsch.\nKeine deutsche Zahl: mit Dezimalkomma schreiben, z. B. 1,4."),
        ("alpha-number", "900", "Falsch."),
        ("alpha-short", "deepseek r1", "Richtig."),  # an accepted alternative, normalised
        ("alpha-short", "R1.", "Richtig."),
        ("alpha-short", "R2", "Falsch."),
    ],
)
def test_typed_answers_are_graded_by_the_banks_rules(page, cards, qid: str, typed: str, verdict: str) -> None:
    question, answer = cards[qid]
    _show(page, _front(question), "")
    page.locator("#typeans").fill(typed)
    _show(page, _back(answer, typed, "x"), "")
    assert page.locator(".verdict-line").inner_text() == verdict


def test_the_type_in_box_is_dark_in_night_mode(page, cards) -> None:
    question, _ = cards["alpha-short"]
    _show(page, _front(question), "night_mode")
    box = page.evaluate("getComputedStyle(document.getElementById('typeans')).backgroundColor")
    assert box == "rgb(42, 45, 49)"


def _top_to_bottom(page, selector: str) -> list[str]:
    """The texts of the elements matching ``selector`` as the eye reads them, top to bottom."""
    boxes = [(node.bounding_box()["y"], node.inner_text()) for node in page.locator(selector).all()]
    return [text for _, text in sorted(boxes)]


@pytest.mark.parametrize("night", ["", "nightMode", "night_mode"])
def test_an_ordering_card_shows_shuffled_items_and_the_back_the_answer_order(
    any_page, cards, night: str, tmp_path: Path
) -> None:
    page = any_page
    question, answer = cards["alpha-order"]
    _show(page, question, night)
    front = page.locator("ol.items li").all_inner_texts()
    assert [text.split(")", 1)[0] for text in front] == ["A", "B", "C"]
    items = [text.split(")", 1)[1] for text in front]
    assert sorted(items) == ["Stufe A", "Stufe B", "Stufe C"]
    assert items != ["Stufe C", "Stufe B", "Stufe A"]  # not the answer order, not even in the document
    assert page.get_by_text("In die richtige Reihenfolge bringen:").is_visible()
    page.screenshot(path=str(tmp_path / f"ordering-front{night}.png"), full_page=True)

    _show(page, answer, night)
    letter = {item: chr(65 + k) for k, item in enumerate(items)}
    expected = [
        f"{n}. {letter[item]}){item}" for n, item in enumerate(["Stufe C", "Stufe B", "Stufe A"], start=1)
    ]
    assert [t.replace(") ", ")") for t in _top_to_bottom(page, "ol.order li")] == expected
    assert page.get_by_text("Antwort", exact=True).is_visible()
    background = page.evaluate("getComputedStyle(document.querySelector('ol.order li')).backgroundColor")
    assert (background == "rgb(42, 45, 49)") == bool(night)
    page.screenshot(path=str(tmp_path / f"ordering-back{night}.png"), full_page=True)


def test_the_script_puts_the_ordering_back_in_answer_order_in_the_document_too(page, cards) -> None:
    _, answer = cards["alpha-order"]
    _show(page, answer, "")
    texts = page.locator("ol.order li").all_inner_texts()
    assert [text.split(".", 1)[0] for text in texts] == ["1", "2", "3"]  # what a screen reader reads


@pytest.mark.parametrize("night", ["", "nightMode", "night_mode"])
def test_a_matching_card_shows_each_pair_in_one_row_on_the_back(
    any_page, cards, night: str, tmp_path: Path
) -> None:
    page = any_page
    question, answer = cards["alpha-match"]
    _show(page, question, night)
    assert page.locator("ol.lefts li").all_inner_texts() == ["1. Stufe A", "2. Stufe B", "3. Stufe C"]
    rights = page.locator("ol.rights li").all_inner_texts()
    assert [text.split(")", 1)[0] for text in rights] == ["A", "B", "C"]
    shown = [text.split(")", 1)[1].strip() for text in rights]
    assert sorted(shown) == ["DiPilot 100", "DiPilot 300", "DiPilot 600"]
    assert shown != ["DiPilot 600", "DiPilot 300", "DiPilot 100"]  # not in the order of the lefts
    page.screenshot(path=str(tmp_path / f"matching-front{night}.png"), full_page=True)

    _show(page, answer, night)
    letter = {right: chr(65 + k) for k, right in enumerate(shown)}
    for n, (left, right) in enumerate(
        [("Stufe A", "DiPilot 600"), ("Stufe B", "DiPilot 300"), ("Stufe C", "DiPilot 100")], start=1
    ):
        left_box = page.locator(".pair-left", has_text=left).bounding_box()
        right_cell = page.locator(".pair-right", has_text=right)
        right_box = right_cell.bounding_box()
        assert abs(left_box["y"] - right_box["y"]) < 1, left  # one row per pair
        assert right_box["x"] > left_box["x"]
        assert right_cell.inner_text().replace(") ", ")") == f"→ {letter[right]}){right}"
        assert page.locator(".pair-left", has_text=left).inner_text() == f"{n}. {left}"
    assert _top_to_bottom(page, ".pair-left") == ["1. Stufe A", "2. Stufe B", "3. Stufe C"]
    background = page.evaluate("getComputedStyle(document.querySelector('.pair-right')).backgroundColor")
    assert (background == "rgb(42, 45, 49)") == bool(night)
    page.screenshot(path=str(tmp_path / f"matching-back{night}.png"), full_page=True)
