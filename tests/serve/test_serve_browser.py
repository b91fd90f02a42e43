"""``chinaai-learn serve`` in a real browser: two learners at once, each in their own tab and store.

Headless Debian chromium opens the page on a free localhost port; the screen is read from
xterm.js's buffer (see xterm_screen.py) and every key goes through the page's keyboard, as a
learner's would. The server is then stopped with SIGTERM and must end every quiz process.
"""

from __future__ import annotations

import re
import time

import pytest

from chinaai_learn.progress import ProgressStore, now

from .conftest import ROOT, RunningServer, alive, descendants, running_classroom
from .xterm_screen import screen_text, wait_for_screen

pytestmark = pytest.mark.slow

QUESTION = "Which model belongs to tier B"
SOURCE_CARD = ("Source", "Kiefer", "Asia Media Service", "Eye of God B (rotes Hecklogo")


def open_tab(context, server: RunningServer):
    page = context.new_page()
    page.goto(server.url)
    wait_for_screen(page, "What is your name?")
    return page


def test_the_page_has_a_title_takes_keys_at_once_and_asks_nothing_of_other_hosts(classroom_server, browser):
    page = open_tab(browser, classroom_server)
    assert page.title() == "chinaai-learn – Quiz"
    # No click first: the page puts the focus into the terminal, so the first keys count.
    page.wait_for_function(
        "document.activeElement && document.activeElement.classList.contains('xterm-helper-textarea')",
        timeout=10_000,
    )
    page.keyboard.type("Clara")
    page.keyboard.press("Enter")
    wait_for_screen(page, "Start quiz")
    assert browser.outside_requests == []


def sign_in(page, name: str) -> None:
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    wait_for_screen(page, "Start quiz", "Classroom (1)")


def start_quiz(page) -> str:
    page.keyboard.press("s")
    return wait_for_screen(page, QUESTION)


def choice_key(screen: str, choice: str) -> str:
    """The number key the question screen shows beside ``choice`` (the choices are shuffled)."""
    match = re.search(rf"(\d)\D{{0,8}}{re.escape(choice)}", screen)
    assert match, f"{choice!r} is not a numbered choice on:\n{screen}"
    return match.group(1)


def answer(page, screen: str, choice: str) -> None:
    """Choose ``choice`` by its number, and submit once the screen shows it chosen (as a learner would)."""
    page.keyboard.press(choice_key(screen, choice))
    wait_for_screen(page, f"(•) {choice}")
    page.keyboard.press("Enter")


@pytest.mark.parametrize("stop", ["sigterm", "ctrl+c"])
def test_two_learners_answer_in_their_tabs_see_the_source_and_the_server_stops_cleanly(
    classroom_server, browser, stop
):
    server = classroom_server
    anna = open_tab(browser, server)
    ben = open_tab(browser, server)
    sign_in(anna, "Anna")
    sign_in(ben, "Ben")

    answer(anna, start_quiz(anna), "DiPilot 300")
    answer(ben, start_quiz(ben), "DiPilot 600")
    wait_for_screen(anna, "✔ Correct", *SOURCE_CARD)
    wait_for_screen(ben, "✖ Incorrect", "DiPilot 300", *SOURCE_CARD)
    assert "✖ Incorrect" not in screen_text(anna)

    quiz_processes = descendants(server.process.pid)
    assert quiz_processes, "each tab should run its own app process"
    assert server.stop(stop) == 0, server.output()
    # Ctrl+C reaches every process of the group at once: a quiz process may still be finishing
    # its own shutdown when the server has exited. It must be gone moments later, not linger.
    deadline = time.monotonic() + 5
    while [pid for pid in quiz_processes if alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in quiz_processes if alive(pid)], "a quiz process outlived the server"
    log = server.output()
    assert "Traceback" not in log
    assert not re.search(r"^(WARNING|ERROR)", log, re.MULTILINE), log  # e.g. a quiz process left behind
    anna.wait_for_selector("body.-closed", timeout=10_000)  # the page says "Session ended."

    stores = sorted(p.name for p in server.progress_dir.glob("*.sqlite3"))
    assert stores == ["anna.sqlite3", "ben.sqlite3"]
    for name, correct in (("anna", True), ("ben", False)):
        with ProgressStore.open(server.progress_dir / f"{name}.sqlite3", read_only=True) as store:
            reviews = store.reviews()
            assert [(r.question_id, r.correct) for r in reviews] == [("classroom-tier-b-model", correct)]


def test_keys_that_reach_the_server_together_are_typed_in_order(classroom_server, browser):
    # One terminal input is one websocket message, as a slow link or a busy server delivers
    # a fast typist's keys: the Backspace must still delete the x, not the letter after it.
    page = open_tab(browser, classroom_server)
    page.evaluate("window.__chinaaiTerminal.input('Clarx\\x7fa\\r')")
    wait_for_screen(page, "Start quiz")
    assert sorted(p.name for p in classroom_server.progress_dir.glob("*.sqlite3")) == ["clara.sqlite3"]


def test_an_answer_is_chosen_by_clicking_it_in_the_browser(classroom_server, browser):
    page = open_tab(browser, classroom_server)
    sign_in(page, "Clara")
    screen = start_quiz(page)
    rows = screen.split("\n")
    row = next(i for i, line in enumerate(rows) if "DiPilot 300" in line)
    column = rows[row].index("DiPilot 300")
    box = page.locator(".xterm-screen").bounding_box()
    assert box is not None
    size = page.evaluate("() => [window.__chinaaiTerminal.cols, window.__chinaaiTerminal.rows]")
    cell_w, cell_h = box["width"] / size[0], box["height"] / size[1]
    page.mouse.click(box["x"] + (column + 2) * cell_w, box["y"] + (row + 0.5) * cell_h)  # a tap on the choice
    wait_for_screen(page, "(•) DiPilot 300")
    page.keyboard.press("Enter")
    wait_for_screen(page, "✔ Correct", *SOURCE_CARD)


def test_the_screen_text_is_in_the_page_for_screen_readers(classroom_server, browser):
    page = open_tab(browser, classroom_server)
    page.wait_for_function(
        "() => { const t = document.querySelector('.xterm-accessibility-tree');"
        " return !!t && t.textContent.includes('What is your name?'); }",
        timeout=15_000,
    )


def test_the_page_fits_the_window_with_no_scrollbars_on_the_shipped_banks(tmp_path, browser):
    # The screen-reader copy of the screen is text in the page: a row of box-drawing
    # characters set in the page's font was wider than the terminal's grid, and the start
    # screen of the shipped banks got a horizontal scrollbar hiding the terminal's right edge.
    fits = "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    window = "() => [window.innerWidth, window.innerHeight]"
    with running_classroom(tmp_path, "--bank", str(ROOT / "questions")) as server:
        page = open_tab(browser, server)
        assert page.evaluate(fits) == page.evaluate(window)
        page.keyboard.type("Ida")
        page.keyboard.press("Enter")
        wait_for_screen(page, "Start quiz")
        assert page.evaluate(fits) == page.evaluate(window)


def test_f4_in_the_browser_buries_the_question_for_today(classroom_server, browser):
    page = open_tab(browser, classroom_server)
    sign_in(page, "Nora")
    wait_for_screen(page, "New 1 · Learning 0 · To review 0")
    start_quiz(page)
    page.keyboard.press("F4")  # the one question of the bank: nothing is left to ask
    wait_for_screen(page, "Start quiz", "New 0 · Learning 0 · To review 0")  # back at the start, none left
    with ProgressStore.open(classroom_server.progress_dir / "nora.sqlite3", read_only=True) as store:
        assert list(store.buried(now())) == ["classroom-tier-b-model"]
