"""The cards in WebKit, the engine of AnkiMobile (iOS WKWebView): Debian's WebKitGTK.

The same rendered card HTML as the chromium tests, served from one local origin and shown
in a phone-sized frame (390 x 844 CSS pixels; MiniBrowser's window cannot be made that
narrow) on a private X display (Xvfb). WebKitWebDriver drives MiniBrowser through selenium.
Two reveal flows: the back as a fresh page (AnkiDroid), and the back put into the same page
with its scripts run again, the way Anki's reviewer replaces ``#qa`` (desktop, AnkiMobile).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .card_pages import PHONE, RenderedCards, card_document, front, rendered_cards

HOST = "127.0.0.1"
START_TIMEOUT_S = 20.0
PAGE_TIMEOUT_S = 15.0
WRONG = "✘ falsch"
# selenium's own WebKitGTK driver still calls an API selenium has deprecated.
pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")

WAIT_FOR_PAINT = (
    "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));"
)
# Anki's reviewer shows the answer by replacing #qa's content and running its scripts again.
REVEAL_IN_PLACE = """
const qa = document.getElementById("qa");
qa.innerHTML = arguments[0];
for (const old of Array.from(qa.querySelectorAll("script"))) {
  const script = document.createElement("script");
  script.textContent = old.textContent;
  old.replaceWith(script);
}
"""


class Site:
    """Pages served from one local origin, as the documents of one card reviewer."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = site.pages.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body or b"not found")

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.origin = f"http://{HOST}:{self.server.server_address[1]}"

    def add(self, document: str) -> str:
        path = f"/{len(self.pages)}.html"
        self.pages[path] = document.encode("utf-8")
        return path


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A private X display; Xvfb picks a free number and writes it to a pipe."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=[write_end],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    written = b""
    deadline = time.monotonic() + START_TIMEOUT_S
    try:  # read to the end of the line: Xvfb exits if its write finds the pipe closed
        while not written.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([read_end], [], [], max(deadline - time.monotonic(), 0))
            chunk = os.read(read_end, 64) if ready else b""
            if not chunk:
                break
            written += chunk
    finally:
        os.close(read_end)
    number = written.decode().strip() if written.endswith(b"\n") else ""
    if not number:
        process.kill()
        process.wait()
        raise AssertionError(f"Xvfb gave no display within {START_TIMEOUT_S} s")
    return process, f":{number}"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    driver_path = shutil.which("WebKitWebDriver")
    if driver_path is None:
        pytest.skip("no WebKit: WebKitWebDriver is missing (Debian's webkit2gtk-driver; .ci/run installs it)")
    if shutil.which("Xvfb") is None:
        pytest.skip("no X display for WebKitGTK: Xvfb is missing (Debian's xvfb; .ci/run installs it)")
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    xvfb, display = _start_xvfb()
    try:
        service = Service(executable_path=driver_path, env={**os.environ, "DISPLAY": display})
        driver = webdriver.WebKitGTK(options=Options(), service=service)
        try:
            driver.set_page_load_timeout(PAGE_TIMEOUT_S)
            driver.set_script_timeout(PAGE_TIMEOUT_S)
            yield driver
        finally:
            driver.quit()
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=START_TIMEOUT_S)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    site = Site()
    thread = threading.Thread(target=site.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RenderedCards]:
    with rendered_cards(tmp_path_factory.mktemp("cards")) as rendered:
        yield rendered


class Phone:
    """The browser showing card sides in a phone-sized frame of one origin."""

    def __init__(self, driver, site: Site) -> None:
        self.driver = driver
        self.site = site

    def show(self, body: str, night: str = "") -> None:
        card = self.site.add(card_document(body, night))
        frame = (
            f'<iframe id="phone" src="{card}" style="width:{PHONE["width"]}px;height:{PHONE["height"]}px;'
            'border:0;display:block"></iframe>'
        )
        host = self.site.add(f'<!doctype html><html><body style="margin:0">{frame}</body></html>')
        self.driver.switch_to.default_content()
        self.driver.get(self.site.origin + host)
        self.driver.switch_to.frame(self.driver.find_element("id", "phone"))

    def reveal_in_place(self, body: str) -> None:
        self.driver.execute_script(REVEAL_IN_PLACE, body)

    def choice(self, text: str):
        (item,) = [li for li in self.driver.find_elements("css selector", "li.choice") if text in li.text]
        return item

    def tap(self, text: str) -> None:
        self.choice(text).click()

    def verdict(self, text: str) -> str:
        return self.choice(text).find_element("css selector", ".verdict").text

    def line(self) -> str:
        line = self.driver.find_element("css selector", ".verdict-line")
        return self.driver.execute_script("return arguments[0].innerText", line).rstrip(
            "\n"
        )  # WebKit ends on a newline

    def screenshot(self, path: Path) -> None:
        """The phone's screen: the frame, as the top document sees it, once it has painted."""
        self.driver.execute_async_script(WAIT_FOR_PAINT)
        self.driver.switch_to.default_content()
        self.driver.find_element("id", "phone").screenshot(str(path))
        self.driver.switch_to.frame(self.driver.find_element("id", "phone"))

    def style(self, element, name: str) -> str:
        return self.driver.execute_script(f"return getComputedStyle(arguments[0]).{name}", element)


@pytest.fixture
def phone(browser, site: Site) -> Phone:
    return Phone(browser, site)


def test_the_page_is_phone_sized_and_webkit(phone: Phone, cards: RenderedCards) -> None:
    phone.show(cards["alpha-single"].question)
    size = phone.driver.execute_script("return [innerWidth, innerHeight]")
    assert size == [PHONE["width"], PHONE["height"]]
    agent = phone.driver.execute_script("return navigator.userAgent")
    assert "AppleWebKit" in agent
    assert "Chrome" not in agent


@pytest.mark.parametrize("reveal", ["fresh page", "in place"])
def test_tapping_a_single_choice_and_seeing_each_choice_marked(
    phone: Phone, cards: RenderedCards, tmp_path: Path, reveal: str
) -> None:
    card = cards["alpha-single"]
    phone.show(card.question)
    assert len(phone.driver.find_elements("css selector", "li.choice")) == 3
    unpicked = phone.style(phone.choice("Peking"), "backgroundColor")
    phone.tap("Hangzhou")
    phone.tap("Peking")  # single choice: the second tap replaces the first
    assert phone.style(phone.choice("Peking"), "backgroundColor") == "rgb(219, 232, 255)"
    assert phone.style(phone.choice("Hangzhou"), "backgroundColor") == unpicked
    phone.tap("Hangzhou")
    assert phone.choice("Hangzhou").get_attribute("aria-checked") == "true"
    assert phone.choice("Peking").get_attribute("aria-checked") == "false"
    if reveal == "fresh page":
        phone.show(card.answer)
    else:
        phone.reveal_in_place(card.answer)
    assert phone.verdict("Hangzhou") == "✔ richtig · deine Wahl"
    assert phone.verdict("Peking") == WRONG
    assert phone.verdict("Shenzhen") == WRONG
    assert phone.line() == "Richtig."
    phone.screenshot(tmp_path / "webkit-single-back.png")


def test_a_wrong_multiple_choice_answer_is_called_wrong(
    phone: Phone, cards: RenderedCards, tmp_path: Path
) -> None:
    card = cards["alpha-multi"]
    phone.show(card.question, "nightMode")
    phone.tap("Xuchang")
    phone.tap("Huzhou")
    picked = phone.driver.find_elements("css selector", "li.choice[aria-checked=true] .choice-text")
    assert [item.text for item in picked] == ["Huzhou", "Xuchang"]
    assert phone.style(phone.choice("Huzhou"), "backgroundColor") == "rgb(35, 57, 93)"  # night mode's picked
    phone.screenshot(tmp_path / "webkit-multi-front-night.png")
    phone.show(card.answer, "nightMode")
    assert phone.line() == "Falsch."
    assert phone.verdict("Luoyang") == "✔ richtig"
    assert phone.verdict("Xuchang") == "✔ richtig · deine Wahl"
    assert phone.verdict("Huzhou") == "✘ falsch · deine Wahl"
    body = phone.driver.find_element("tag name", "body")
    assert phone.style(body, "backgroundColor") == "rgb(30, 31, 34)"


@pytest.mark.parametrize(
    ("qid", "typed", "verdict"),
    [
        ("alpha-number", "1.254,5", "Richtig."),
        ("alpha-number", "1254.5", "Falsch.\nKeine deutsche Zahl: mit Dezimalkomma schreiben, z. B. 1,4."),
        ("alpha-short", "deepseek r1", "Richtig."),  # an accepted alternative, normalised
        ("alpha-short", "R2", "Falsch."),
    ],
)
def test_typed_answers_are_graded_by_the_banks_rules(
    phone: Phone, cards: RenderedCards, qid: str, typed: str, verdict: str
) -> None:
    phone.show(front(cards[qid].question))
    phone.driver.find_element("id", "typeans").send_keys(typed)
    phone.show(cards.back(qid, typed))
    assert phone.line() == verdict
