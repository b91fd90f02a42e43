"""Run a bank through every output in-process: the LMS exports, Anki, worksheets, a quiz question screen."""

from __future__ import annotations

import asyncio
from pathlib import Path

from chinaai_learn.bank import Bank, TopicBank
from chinaai_learn.exporters.anki import export_anki
from chinaai_learn.exporters.gift import export_gift
from chinaai_learn.exporters.moodle import export_moodle_xml
from chinaai_learn.exporters.quizlet import export_quizlet
from chinaai_learn.exporters.worksheet.build import build_worksheet
from chinaai_learn.exporters.worksheet.export import worksheet_files
from chinaai_learn.exporters.worksheet.model import WorksheetOptions
from chinaai_learn.model import LANGS, QuestionBase
from chinaai_learn.session import QuizSettings

LMS_EXPORTS = {"moodle-xml": export_moodle_xml, "gift": export_gift, "quizlet": export_quizlet}


def lms_outputs(bank: Bank) -> dict[str, str]:
    """Format/lang → file text of every LMS export of the whole bank."""
    return {
        f"{name}/{lang}": export(bank, bank.questions, lang).content
        for name, export in LMS_EXPORTS.items()
        for lang in LANGS
    }


def worksheet_outputs(bank: Bank, formats: tuple[str, ...] = ("md", "html")) -> dict[str, bytes]:
    """File name → content of a worksheet of every question, in each language."""
    files: dict[str, bytes] = {}
    for lang in LANGS:
        ws = build_worksheet(bank, bank.questions, WorksheetOptions(lang=lang, seed=1))
        files.update(worksheet_files(ws, formats, name=f"sheet-{lang}"))
    return files


def anki_output(bank: Bank, work: Path) -> bytes:
    """The .apkg of a deck holding every topic of ``bank`` (built in ``work``)."""
    work.mkdir(parents=True, exist_ok=True)
    recipe = work / "deck.yaml"
    recipe.write_text(
        "name: Hostile deck\ndeck_id: 1760689999\nlang: en\ntopics: all\noutput: deck.apkg\n",
        encoding="utf-8",
    )
    (result,) = export_anki(bank, [recipe], work, state_path=work / "state.json", now=1_740_000_000)
    return result.path.read_bytes()


def only(bank: Bank, question: QuestionBase) -> Bank:
    """A bank of ``question`` alone (its topic and the bibliography kept)."""
    return Bank(topics=[TopicBank(bank.topic_of(question), [question])], sources=bank.sources)


def question_screen_text(bank: Bank, question: QuestionBase, lang: str = "de") -> tuple[str, bool]:
    """The words of ``question``'s screen in the quiz, headless at 80x24, and whether the app still runs."""
    from chinaai_learn_tui.app import create_app

    from .tui.quiz_pilot import SIZE, fixed_clock, visible_text

    app = create_app(
        only(bank, question),
        QuizSettings(seed=1, lang=lang),
        start=True,
        clock=fixed_clock,
        cursor_blink=False,
    )
    seen: list[str] = []
    running: list[bool] = []

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            seen.append(visible_text(app))
            await pilot.click("#prompt")
            await pilot.pause()
            running.append(app.is_running)

    asyncio.run(main())
    return seen[0], running[0]
