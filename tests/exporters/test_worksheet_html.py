"""The HTML worksheet: every text escaped, a print stylesheet, the key on its own pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from chinaai_learn.exporters.worksheet.html import render_html

from .worksheet_helpers import flat, mixed_bank, positions, worksheet


class TextAndTags(HTMLParser):
    """Collects the visible text and every tag name of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self._skip = False

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self._skip = tag in ("style", "title")

    def handle_endtag(self, tag) -> None:
        self._skip = False

    def handle_data(self, data) -> None:
        if not self._skip:
            self.text.append(data)


def parse(page: str) -> TextAndTags:
    parser = TextAndTags()
    parser.feed(page)
    return parser


def test_bank_text_is_escaped_never_run(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path))
    page = render_html(ws, ws.versions[0], ("sheet", "key"))
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    parsed = parse(page)
    assert "script" not in parsed.tags
    assert "b" not in parsed.tags
    text = flat(" ".join(parsed.text))
    assert ") <script>alert('x')</script>" in text
    assert "Hangzhou <b>nicht</b> fett." in text
    assert "Gemischte „Fragen“ & <Tests>" in text


def test_the_title_cannot_break_out_of_the_stylesheet(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path), title='Evil"; } </style><script>x()</script>')
    page = render_html(ws, ws.versions[0], ("sheet",))
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "<" not in style
    assert '"; }' not in style
    assert "script" not in parse(page).tags


def test_the_page_prints_on_the_chosen_paper_with_page_numbers(tmp_path) -> None:
    bank = mixed_bank(tmp_path)
    a4 = render_html(worksheet(bank), worksheet(bank).versions[0], ("sheet", "key"))
    letter_ws = worksheet(bank, paper="letter", lang="en")
    letter = render_html(letter_ws, letter_ws.versions[0], ("sheet",))
    assert re.search(r"@page \{ size: A4;", a4)
    assert re.search(r"@page \{ size: letter;", letter)
    assert 'content: "Seite " counter(page);' in a4, "sheet and key in one file: no total across both"
    assert "@page keystart { counter-set: page 1;" in a4, "the key counts its own pages"
    assert 'counter(page) " of " counter(pages)' in letter
    assert re.search(r"\.question, \.entry \{ break-inside: avoid;", a4)
    assert re.search(r"\.key \{ page: key; break-before: page;", a4)


def test_the_sheet_shows_header_questions_in_order_then_the_key(tmp_path) -> None:
    bank = mixed_bank(tmp_path)
    ws = worksheet(bank, versions=2, seed=7)
    version = ws.versions[1]
    text = flat(" ".join(parse(render_html(ws, version, ("sheet", "key"))).text))
    sheet, key = text.split("Lösungsschlüssel: ", 1)
    for header in ("Version B", "Name:", "Klasse:", "Datum:"):
        assert header in sheet
    found = positions(sheet, [f"{sq.number}. {sq.question.prompt('de')}" for sq in version.questions])
    assert -1 not in found
    assert found == sorted(found)
    assert "Erklärung" not in sheet
    assert "Erklärung: Ein OrinX-Chip." in key


def test_cloze_gaps_and_answer_lines_do_not_reveal_the_answer(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path))
    page = render_html(ws, ws.versions[0], ("sheet",))
    gaps = re.findall(r'<span class="gap" style="width: [\d.]+em">([^<]*)</span>', page)
    assert gaps == ["(1)", "(2)"]
    for answer in ("508", "drei", "Wang Chuanfu", "254"):
        assert answer not in flat(" ".join(parse(page).text))


def test_the_key_marks_the_answer_span_in_the_quote(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path))
    page = render_html(ws, ws.versions[0], ("key",))
    assert (
        "<blockquote>1 OrinX-Chip, einer Rechenleistung von <mark>254TOPS</mark> und städtischer NOA-Fähigkeit.</blockquote>"
        in page
    )
    assert "Quelle: Kiefer, „Epochenumbruch erfordert Stabilitätspartnerschaften“" in page
