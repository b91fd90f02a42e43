"""Every character of a PDF is checked against the font files typst uses, before compiling."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from chinaai_learn.exporters.worksheet.fonts import (
    FONT_FAMILY,
    MissingGlyphError,
    check_glyphs,
    covered_codepoints,
    typst_fonts,
)
from chinaai_learn.exporters.worksheet.typst_pdf import render_pdf
from chinaai_learn.exporters.worksheet.typst_source import template
from chinaai_learn.exporters.worksheet.words import INSTRUCTIONS, LABELS
from chinaai_learn.loading import load_bank

from .worksheet_helpers import MIXED, bank_folder, mixed_bank, worksheet


def test_typst_is_given_only_the_font_files_that_are_checked() -> None:
    fonts = typst_fonts().fonts()
    assert fonts
    assert {f.family for f in fonts} == {FONT_FAMILY}
    assert all(f.path for f in fonts), "a font without a file (typst's built-ins) cannot be checked"
    with TTFont(fonts[0].path) as font:
        assert covered_codepoints() <= set(font.getBestCmap())


def test_the_check_knows_what_the_font_has() -> None:
    covered = covered_codepoints()
    for char in "AzÄöüß„“”–…±·€":
        assert ord(char) in covered, char
    for char in "中☃→":
        assert ord(char) not in covered, char


def test_a_character_no_font_covers_is_reported_with_its_question(tmp_path) -> None:
    text = MIXED.read_text(encoding="utf-8").replace("Wer gründete BYD?", "Wer gründete 比亚迪 ☃?")
    bank = load_bank(bank_folder(tmp_path, mixed=text))
    ws = worksheet(bank)
    with pytest.raises(MissingGlyphError) as caught:
        render_pdf(ws, ws.versions[0], ("sheet", "key"))
    message = caught.value.report()
    assert "question mixed-short: '比' (U+6BD4 CJK UNIFIED IDEOGRAPH-6BD4)" in message
    assert "'☃' (U+2603 SNOWMAN)" in message
    assert "Noto Sans" in message
    assert "--format html" in message
    assert "mixed-single" not in message, "only the question with the character is named"


def test_a_title_with_an_uncovered_character_names_the_title(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path), title="Test → 1")
    with pytest.raises(MissingGlyphError, match=r"the title \(--title\): '→'"):
        render_pdf(ws, ws.versions[0], ("sheet",))


def test_invisible_characters_need_no_glyph() -> None:
    check_glyphs([("question x", "Soft\u00adhyphen, zero\u200bwidth, new\nline")])


def test_the_worksheets_own_words_and_layout_are_covered() -> None:
    texts = [
        ("labels", text) for words in (*LABELS.values(), *INSTRUCTIONS.values()) for text in words.values()
    ]
    texts.append(("template.typ", template()))
    check_glyphs(texts)
