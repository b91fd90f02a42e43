"""The source card's text: in English the translation follows the original, and bank text is never read as markup."""

from __future__ import annotations

from chinaai_learn.loading import load_bank
from chinaai_learn_tui.widgets.source_card import HIGHLIGHT, quote_text

from ..test_translations import HOSTILE, TOPIC


def test_the_english_card_shows_the_hostile_translation_as_typed_beneath_the_original(tmp_path) -> None:
    from ..conftest import GOOD_BANK

    (tmp_path / "sources.yaml").write_text((GOOD_BANK / "sources.yaml").read_text(encoding="utf-8"))
    (tmp_path / "translated.yaml").write_text(TOPIC, encoding="utf-8")
    bank = load_bank(tmp_path)
    question = bank.get("tr-hostile")
    english = quote_text(bank, question, "en")
    lines = english.plain.splitlines()
    assert lines[1].startswith("»Am DeepSeek Firmensitz Hangzhou")
    assert lines[2] == f"Translation: »{HOSTILE}«"
    marked = [english.plain[s.start : s.end] for s in english.spans if s.style == HIGHLIGHT]
    assert marked == ["Hangzhou", "Hangzhou"]
    assert "Translation" not in quote_text(bank, question, "de").plain
