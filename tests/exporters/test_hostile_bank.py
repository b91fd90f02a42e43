"""A bank whose texts carry markup, GIFT/cloze syntax and XML specials: every output shows them literally."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from chinaai_learn.bank import Bank
from chinaai_learn.exporters.gift import export_gift
from chinaai_learn.exporters.moodle import export_moodle_xml
from chinaai_learn.exporters.quizlet import export_quizlet
from chinaai_learn.loading import load_bank

from ..conftest import DATA
from ..every_output import anki_output, worksheet_outputs
from .gift_reader import parse_gift

HOSTILE = DATA / "hostile"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(HOSTILE)


def test_moodle_xml_is_well_formed_and_a_cloze_prompt_opens_no_gap_of_its_own(bank: Bank) -> None:
    root = ET.fromstring(export_moodle_xml(bank, bank.questions, "en").content)
    categories = [c.text or "" for c in root.iter("category") for c in c.iter("text")]
    assert categories
    assert all("\n" not in c for c in categories)
    cloze = next(q for q in root.iter("question") if q.findtext("name/text") == "hostile-cloze")
    text = cloze.findtext("questiontext/text") or ""
    gaps = re.findall(r"\{\d*:[A-Z_]+:", text)
    assert len(gaps) == 2, text  # the two blanks, not the {1:MULTICHOICE…} of the prompt
    assert "&#123;1:MULTICHOICE:=a~b&#125;" in text


def test_gift_keeps_every_question_whole_and_injects_none(bank: Bank) -> None:
    result = export_gift(bank, bank.questions, "en")
    questions = parse_gift(result.content)
    names = {q.name for q in questions}
    assert "injected" not in names
    assert {"hostile-single", "hostile-short", "hostile-matching", "hostile-cloze-gap-1"} <= names
    by_name = {q.name: q for q in questions}
    single = by_name["hostile-single"]
    assert single.kind == "multichoice"
    weighted = [a for a in single.answers if a.text.startswith("&#37;50&#37;")]
    assert weighted
    assert weighted[0].weight is None
    assert not weighted[0].correct
    short = by_name["hostile-short"]
    assert short.kind == "shortanswer"
    assert {a.text for a in short.answers} >= {"%50%half"}
    assert all(a.weight in (None, 100) for a in short.answers)
    for block in result.content.split("\n\n"):
        if "::hostile-matching::" not in block and "::hostile-ordering::" not in block:
            assert "->" not in block, block  # Moodle would read the question as matching
    assert any("a->b" in note.reason for note in result.report.notes)


def test_quizlet_writes_one_card_per_question_with_one_tab(bank: Bank) -> None:
    lines = export_quizlet(bank, bank.questions, "en").content.splitlines()
    assert len(lines) == len(bank.questions)
    assert all(line.count("\t") == 1 for line in lines)


def test_worksheets_escape_html_and_show_the_markup_literally(bank: Bank) -> None:
    files = worksheet_outputs(bank)
    html = next(v for k, v in files.items() if k.endswith(".html")).decode("utf-8")
    assert "<script>x</script>" not in html
    assert "[@click=app.quit]" in html
    md = next(v for k, v in files.items() if k.endswith(".md")).decode("utf-8")
    assert "How much [/] is [kW] worth?" in md or "How much \\[/\\] is \\[kW\\] worth?" in md


def test_the_anki_deck_builds(bank: Bank, tmp_path: Path) -> None:
    package = zipfile.ZipFile(BytesIO(anki_output(bank, tmp_path)))
    assert any(name.startswith("collection") for name in package.namelist())
