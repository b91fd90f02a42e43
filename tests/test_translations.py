"""A citation's English translation: it loads, every English output shows it beneath the
German original (escaped for that output), German outputs do not, and verify warns
about citations without one."""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from chinaai_learn.bank import Bank
from chinaai_learn.exporters.anki_fields import source_html
from chinaai_learn.exporters.feedback import general_feedback_html
from chinaai_learn.exporters.gift import export_gift
from chinaai_learn.exporters.moodle import export_moodle_xml
from chinaai_learn.exporters.worksheet.html import render_html
from chinaai_learn.exporters.worksheet.markdown import render_markdown
from chinaai_learn.loading import load_bank
from chinaai_learn.model import Citation, Translation
from chinaai_learn.render import split_translation
from chinaai_learn.verification import verify_bank

from .conftest import GOOD_BANK, ROOT

HOSTILE = "<script>alert('x')</script> [bold]laut[/bold] {{c1::weg}} #set page(width: 1cm) *fett* & Hangzhou"

TOPIC = f"""\
topic: {{id: translated, title: {{de: Übersetzt, en: Translated}}}}
questions:
  - id: tr-tier-b-tops
    type: numeric
    difficulty: 2
    prompt:
      de: Welche Rechenleistung hat „Eye of God B“ laut dem Artikel?
      en: According to the article, what computing power does "Eye of God B" have?
    value: 254
    unit: TOPS
    explanation: {{de: Stufe B hat einen OrinX-Chip., en: Tier B has one OrinX chip.}}
    source:
      doc: kiefer-2025-03-epochenumbruch
      quote: "Eye of God B (rotes Hecklogo, spezifisches Modell DiPilot 300) : ausgestattet mit 1–2 Laserradaren, 1 OrinX-Chip, einer Rechenleistung von 254TOPS und städtischer NOA-Fähigkeit."
      highlight: 254TOPS
      translation:
        en: "Eye of God B (red rear logo): equipped with 1–2 lidars, 1 OrinX chip, a computing power of 254 TOPS."
  - id: tr-hostile
    type: single_choice
    difficulty: 1
    prompt:
      de: Wo hat DeepSeek laut dem Bericht seinen Firmensitz?
      en: According to the report, where does DeepSeek have its headquarters?
    choices:
      - {{text: Hangzhou, correct: true}}
      - {{text: Shenzhen}}
    explanation: {{de: So steht es im Bericht., en: So the report says.}}
    source:
      doc: kiefer-2025-03-epochenumbruch
      quote: "Am DeepSeek Firmensitz Hangzhou lockte die Talentenschmiede „DreamTown“"
      highlight: Hangzhou
      translation:
        en: "{HOSTILE}"
  - id: tr-untranslated
    type: true_false
    difficulty: 1
    prompt:
      de: Laut dem Bericht liegt Hangzhou 46 Minuten von Shanghai entfernt.
      en: According to the report, Hangzhou is 46 minutes from Shanghai.
    answer: true
    explanation: {{de: Mit dem Hochgeschwindigkeitszug., en: By high-speed train.}}
    source:
      doc: kiefer-2025-03-epochenumbruch
      quote: "Von Hangzhou sind es 46 Minuten mit dem Hochgeschwindigkeitszug nach Shanghai."
      highlight: "46"
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("translated")
    shutil.copy(GOOD_BANK / "sources.yaml", target / "sources.yaml")
    (target / "translated.yaml").write_text(TOPIC, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def bank(folder: Path) -> Bank:
    return load_bank(folder)


def test_the_translation_loads_and_is_never_part_of_the_verified_quote(bank: Bank) -> None:
    cite = bank.get("tr-tier-b-tops").citations[0]
    assert cite.translation is not None
    assert cite.translation.en.startswith("Eye of God B (red rear logo)")
    assert "red rear logo" not in cite.quote
    assert bank.get("tr-untranslated").citations[0].translation is None


def test_the_highlight_is_found_in_the_translation_as_text_or_as_the_same_number(bank: Bank) -> None:
    number = split_translation(bank.get("tr-tier-b-tops").citations[0], "en")
    assert number is not None
    assert number.highlight == "254"
    assert number.after.startswith(" TOPS")
    name = split_translation(bank.get("tr-hostile").citations[0], "en")
    assert name is not None
    assert name.highlight == "Hangzhou"


def test_a_name_kept_in_the_translation_is_found_without_its_german_article() -> None:
    cite = Citation(
        doc="isa-newsletter-2020-09",
        quote="Der Kreis Düren verfügt über das größte Forschungszentrum Europas, die Forschungsgruppe Jülich",
        highlight="die Forschungsgruppe Jülich",
        translation=Translation(
            en="The Düren district has Europe's largest research centre, the Forschungsgruppe Jülich"
        ),
    )
    parts = split_translation(cite, "en")
    assert parts is not None
    assert (parts.highlight, parts.after) == ("Forschungsgruppe Jülich", "")


def test_a_highlight_missing_from_the_translation_marks_nothing_there(bank: Bank) -> None:
    cite = bank.get("tr-hostile").citations[0].model_copy(update={"highlight": "DreamTown"})
    parts = split_translation(cite, "en")
    assert parts is not None
    assert (parts.before, parts.highlight) == (HOSTILE, "")


def test_german_outputs_have_no_translation(bank: Bank) -> None:
    question = bank.get("tr-tier-b-tops")
    assert split_translation(question.citations[0], "de") is None
    assert "red rear logo" not in source_html(bank, question, "de")
    assert "red rear logo" not in general_feedback_html(bank, question, "de")


def test_the_anki_source_field_shows_the_escaped_translation_beneath_the_original(bank: Bank) -> None:
    field = source_html(bank, bank.get("tr-hostile"), "en")
    assert field.index("Am DeepSeek Firmensitz") < field.index("Translation:") < field.index("alert")
    assert "<script>" not in field
    assert "{{c1::" not in field
    assert '<mark class="highlight">Hangzhou</mark>' in field.split("Translation:")[1]


def test_lms_feedback_shows_the_escaped_translation_in_english_only(bank: Bank) -> None:
    questions = [bank.get("tr-hostile")]
    root = ET.fromstring(export_moodle_xml(bank, questions, "en").content)
    feedback = root.find("question[@type='multichoice']/generalfeedback/text")
    assert feedback is not None
    assert feedback.text is not None
    assert "Translation:" in feedback.text
    assert "<script>" not in feedback.text
    unmarked = feedback.text.replace("<strong>", "").replace("</strong>", "")
    assert html.unescape(unmarked).count(HOSTILE) == 1
    german = ET.fromstring(export_moodle_xml(bank, questions, "de").content)
    assert "Translation" not in ET.tostring(german, encoding="unicode")
    gift = export_gift(bank, questions, "en").content
    assert "Translation\\:" in gift  # GIFT escapes its own syntax
    assert "<script>" not in gift


def test_worksheet_keys_in_html_and_markdown_show_the_escaped_translation(bank: Bank) -> None:
    from .exporters.worksheet_helpers import worksheet

    english = worksheet(bank, lang="en")
    page = render_html(english, english.versions[0], ("key",))
    assert "Translation:" in page
    assert "<script>alert" not in page
    assert "<mark>254</mark> TOPS" in page
    markdown = render_markdown(english, english.versions[0], ("key",))
    assert "*Translation:*" in markdown
    assert "**254** TOPS" in markdown
    german = worksheet(bank, lang="de")
    assert "Translation" not in render_html(german, german.versions[0], ("key",))
    assert "Übersetzung" not in render_markdown(german, german.versions[0], ("key",))


@pytest.mark.slow
def test_the_english_worksheet_key_pdf_prints_the_translation_as_it_is(bank: Bank) -> None:
    from chinaai_learn.exporters.worksheet.typst_pdf import render_pdf

    from .exporters.worksheet_helpers import flat, pdf_pages, worksheet

    english = worksheet(bank, lang="en")
    text = " ".join(pdf_pages(render_pdf(english, english.versions[0], ("key",))))
    assert "Translation:" in text
    assert flat("a computing power of 254 TOPS") in text
    assert flat(HOSTILE) in text
    german = worksheet(bank, lang="de")
    assert "Übersetzung" not in " ".join(pdf_pages(render_pdf(german, german.versions[0], ("key",))))


@pytest.mark.slow
def test_the_english_anki_deck_shows_the_translation_in_real_anki(
    bank: Bank, folder: Path, tmp_path: Path
) -> None:
    from anki.collection import Collection

    from .exporters.anki_helpers import build, import_package, rendered, write_recipe

    recipe = write_recipe(tmp_path, stem="test-en", lang="en")
    result = build(recipe, tmp_path / "out", bank=folder)
    (tmp_path / "col").mkdir()
    col = Collection(str(tmp_path / "col" / "collection.anki2"))
    try:
        assert import_package(col, result.path).new == 3
        _, back = rendered(col, "tr-hostile")
        assert "Translation:" in back
        assert "<script>alert" not in back
        assert "&lt;script&gt;" in back
        _, untranslated = rendered(col, "tr-untranslated")
        assert "Translation:" not in untranslated
    finally:
        col.close()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chinaai_learn", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_show_in_english_prints_the_translation_beneath_the_quote(folder: Path) -> None:
    result = _cli("show", "tr-tier-b-tops", "--bank", str(folder), "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    quote = next(i for i, line in enumerate(lines) if "Rechenleistung von 254TOPS" in line)
    assert "Translation: »Eye of God B (red rear logo)" in lines[quote + 1]
    assert "254 TOPS" in lines[quote + 1]
    assert "Evidence: 254TOPS" in lines[quote + 2]  # piped: the proving span named, not marked
    german = _cli("show", "tr-tier-b-tops", "--bank", str(folder), "--lang", "de")
    assert "red rear logo" not in german.stdout


def test_verify_warns_with_file_line_and_id_about_a_missing_translation_but_passes(folder: Path) -> None:
    report = verify_bank(load_bank(folder))
    assert report.ok
    assert [w.question_id for w in report.untranslated] == ["tr-untranslated"]
    result = _cli("verify", "--bank", str(folder))
    assert result.returncode == 0, result.stderr
    quote_line = (
        TOPIC.splitlines().index(
            '      quote: "Von Hangzhou sind es 46 Minuten mit dem Hochgeschwindigkeitszug nach Shanghai."'
        )
        + 1
    )
    assert f"translated.yaml:{quote_line}:" in result.stderr
    assert "[tr-untranslated]" in result.stderr
    assert "1 citation without an English translation" in result.stderr
