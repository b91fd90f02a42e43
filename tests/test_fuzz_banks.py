"""Mutated banks: loading never raises a traceback, every error has a real line, every accepted bank exports.

Hypothesis mutates a copy of the small good bank (seeded, bounded): a value replaced by a
hostile one, a key dropped, or characters spliced into the raw text. The loader must
either reject the bank with positioned problems, or accept a bank that every exporter
writes and whose questions the quiz shows.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from chinaai_learn.errors import BankError
from chinaai_learn.loading import load_bank

from .conftest import GOOD_BANK
from .every_output import anki_output, lms_outputs, question_screen_text, worksheet_outputs

FILES = {p.name: p.read_text(encoding="utf-8") for p in sorted(GOOD_BANK.glob("*.yaml"))}
DATA = {name: yaml.safe_load(text) for name, text in FILES.items()}

HOSTILE_VALUES: list[Any] = [
    "",
    " ",
    "\u200b",
    "a\x01b",
    "\x1b[31mred",
    "\u202eevil",
    "\ufffe",
    "[/]",
    "[@click=app.quit]",
    "{1:MULTICHOICE:=a~b}",
    "a -> b",
    "%50%x",
    "line\n\nbreak",
    "]]> & <b>",
    "2025-02-30",
    "2025-13-01",
    "Kiefer,",
    ",",
    "x" * 3000,
    0,
    -1,
    2025,
    1e308,
    math.nan,
    math.inf,
    True,
    None,
    [],
    {},
    ["a", "a"],
    {"de": "x"},
    {"de": "x", "en": "x", "fr": "y"},
]
SPLICES = [
    "\x00",
    "\t",
    ":",
    " :",
    "- ",
    "{",
    "}",
    "[",
    '"',
    "'",
    "&a ",
    "*a",
    "!!python/none ",
    "\n  ",
    "#",
    "\x1b",
]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


def _replace(node: Any, path: tuple[Any, ...], value: Any, drop: bool) -> None:
    for step in path[:-1]:
        node = node[step]
    if drop and isinstance(node, dict):
        del node[path[-1]]
    else:
        node[path[-1]] = value


@st.composite
def mutated_bank(draw: st.DrawFn) -> dict[str, str]:
    files = dict(FILES)
    name = draw(st.sampled_from(sorted(FILES)))
    if draw(st.booleans()):
        text = files[name]
        at = draw(st.integers(0, len(text)))
        files[name] = text[:at] + draw(st.sampled_from(SPLICES)) + text[at:]
        return files
    data = yaml.safe_load(FILES[name])
    paths = _paths(data)
    path = draw(st.sampled_from(paths))
    for _ in range(draw(st.integers(1, 2))):
        _replace(data, path, draw(st.sampled_from(HOSTILE_VALUES)), drop=draw(st.booleans()))
        path = draw(st.sampled_from(_paths(data) or paths))
        if path and not _exists(data, path):
            break
    files[name] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return files


def _exists(data: Any, path: tuple[Any, ...]) -> bool:
    try:
        for step in path:
            data = data[step]
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _load(files: dict[str, str], folder: Path) -> Any:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        return load_bank(folder)
    except BankError as exc:
        for problem in exc.problems:
            assert problem.line >= 1, problem  # a file's problem points into it
            lines = files[Path(problem.file).name].count("\n") + 1
            assert problem.line <= lines, problem
            assert problem.message
        return None


FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@seed(20)
@FUZZ
@given(mutated_bank())
def test_a_mutated_bank_is_rejected_with_real_lines_or_exports_to_every_format(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bank = _load(files, Path(tmp))
        if bank is None:
            return
        lms_outputs(bank)
        worksheet_outputs(bank)
        anki_output(bank, Path(tmp) / "anki")


@pytest.mark.slow
@seed(21)
@settings(FUZZ, max_examples=12)
@given(mutated_bank())
def test_a_mutated_bank_that_loads_shows_its_questions_in_the_quiz(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bank = _load(files, Path(tmp))
        if bank is None:
            return
        for question in bank.questions[:2]:
            text, still_running = question_screen_text(bank, question)
            assert still_running
            assert text


def test_a_few_mutated_banks_that_load_print_as_pdf() -> None:
    from .every_output import worksheet_outputs as sheets

    bank = load_bank(GOOD_BANK)
    files = sheets(bank, ("pdf",))
    assert all(content.startswith(b"%PDF") for name, content in files.items() if name.endswith(".pdf"))
