"""Reading the quiz off textual-serve's page: the text of the xterm.js terminal, row by row.

textual-serve draws the terminal with xterm.js on a WebGL/canvas renderer, so the page has
no DOM text to read, and its ``Terminal`` object is local to the page script. The script
stores it as ``this.terminal = new Terminal(...)``; ``CAPTURE_TERMINAL`` runs before any page
script and turns that assignment into a normal property plus a reference in
``window.__chinaaiTerminal``. The screen is then read from xterm's own buffer
(``buffer.active.getLine(y).translateToString()``), exactly the characters the browser draws.
If textual-serve ever renames that property, ``wait_for_screen`` fails saying so.
"""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

CAPTURE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && typeof value.write === "function") { window.__chinaaiTerminal = value; }
  },
});
window.__chinaaiScreen = () => {
  const terminal = window.__chinaaiTerminal;
  if (!terminal) { return null; }
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
};
"""

WAIT_MS = 30_000


def screen_text(page: Page) -> str:
    """The terminal's rows as text ('' before the terminal exists)."""
    return page.evaluate("() => window.__chinaaiScreen ? window.__chinaaiScreen() || '' : ''")


def wait_for_screen(page: Page, *texts: str, timeout_ms: int = WAIT_MS) -> str:
    """Wait until every one of ``texts`` is on the screen; return the screen (fail with it shown)."""
    try:
        page.wait_for_function(
            "(texts) => { const s = window.__chinaaiScreen && window.__chinaaiScreen();"
            " return !!s && texts.every((t) => s.includes(t)); }",
            arg=list(texts),
            timeout=timeout_ms,
        )
    except PlaywrightError:
        captured = page.evaluate("() => !!window.__chinaaiTerminal")
        if not captured:
            raise AssertionError(
                "the page's xterm.js Terminal was not found (did textual-serve's page script change?)"
            ) from None
        raise AssertionError(
            f"not on screen after {timeout_ms} ms: {texts!r}\n--- screen ---\n{screen_text(page)}"
        ) from None
    return screen_text(page)
