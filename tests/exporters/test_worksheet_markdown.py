"""The Markdown worksheet: literal text whatever the bank holds, the same blanks for every answer."""

from __future__ import annotations

import re

from chinaai_learn.exporters.worksheet.markdown import md, render_markdown

from .worksheet_helpers import mixed_bank, positions, worksheet


def test_markdown_and_html_characters_are_escaped() -> None:
    assert md("*fett* _k_ [x](y) <script> & #1") == r"\*fett\* \_k\_ \[x\]\(y\) &lt;script&gt; &amp; \#1"
    assert md("Zeile\n- eins") == r"Zeile \- eins", "a bank text can never start a list or heading"


def test_the_sheet_lists_version_questions_in_order_and_the_key_after_a_page_break(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path), versions=2, seed=7)
    version = ws.versions[0]
    page = render_markdown(ws, version, ("sheet", "key"))
    sheet, key = page.split('<div style="break-before: page"></div>', 1)
    assert sheet.startswith("# Arbeitsblatt: Gemischte „Fragen“ &amp; &lt;Tests&gt;\n\n**Version A**")
    assert "Name: " in sheet
    assert "Klasse: " in sheet
    assert "Datum: " in sheet
    headings = re.findall(r"^### (\d+)\\\. ", sheet, flags=re.M)
    assert headings == [str(n) for n in range(1, 9)]
    found = positions(
        sheet, [f"### {sq.number}\\. {md(sq.question.prompt('de'))}" for sq in version.questions]
    )
    assert -1 not in found
    assert found == sorted(found)
    assert "Erklärung" not in sheet
    assert key.lstrip().startswith("# Lösungsschlüssel: ")
    assert "> 1 OrinX\\-Chip, einer Rechenleistung von **254TOPS** und städtischer NOA\\-Fähigkeit\\." in key


def test_cloze_gaps_have_room_for_the_longest_answer_in_coarse_steps(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path))
    page = render_markdown(ws, ws.versions[0], ("sheet",))
    gaps = re.findall(r"\((\d)\) ((?:\\_)+)", page)
    assert [n for n, _ in gaps] == ["1", "2"]
    # "3"/"drei" and "508" are short answers: both get the smallest gap, which says nothing
    assert len({len(line) for _, line in gaps}) == 1


def test_choices_are_boxes_to_tick_in_the_versions_order(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path), lang="en", seed=5)
    sq = next(sq for sq in ws.versions[0].questions if sq.id == "mixed-multiple")
    page = render_markdown(ws, ws.versions[0], ("sheet",))
    expected = "\n".join(
        f"- [ ] {'ABC'[k]}\\) {sq.question.choices[i].text('en')}" for k, i in enumerate(sq.order)
    )
    assert expected in page
    assert "*Tick all answers that apply\\.*" in page
