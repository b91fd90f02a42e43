"""Bank text enters the Typst source only as string literals, each recorded for the glyph check."""

from __future__ import annotations

from chinaai_learn.exporters.worksheet.typst_source import LABELS_OWNER, typst_string, worksheet_source

from .worksheet_helpers import mixed_bank, worksheet


def test_string_literals_escape_quotes_and_backslashes() -> None:
    assert typst_string('a "b" \\c #d') == '"a \\"b\\" \\\\c #d"'
    assert typst_string("zwei\n  Zeilen") == '"zwei Zeilen"'


def test_every_bank_text_is_recorded_with_its_question(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path))
    source = worksheet_source(ws, ws.versions[0], ("sheet", "key"))
    owners = {owner for owner, _ in source.texts}
    assert {f"question {q}" for q in ws.question_ids} <= owners
    assert LABELS_OWNER in owners
    recorded = {text for owner, text in source.texts if owner == "question mixed-single"}
    assert "Hangzhou <b>nicht</b> fett." in recorded
    assert any("#set page(width: 1cm)" in text for text in recorded)
    prompt = next(sq.question.prompt("de") for sq in ws.versions[0].questions if sq.id == "mixed-single")
    assert source.text.count("#set page(width: 1cm)") == source.text.count(typst_string(prompt)) == 1


def test_the_key_marks_the_answer_span(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path))
    source = worksheet_source(ws, ws.versions[0], ("key",)).text
    assert '"1 OrinX-Chip, einer Rechenleistung von ", "254TOPS", " und städtischer NOA-Fähigkeit."' in source
    assert "highlight(fill:" in source
    assert "strong(underline(marked))" in source
