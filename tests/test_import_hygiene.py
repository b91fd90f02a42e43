"""The core library never imports Textual: it must work for exporters and scripts alone."""

import os
import subprocess
import sys


def test_core_package_does_not_load_textual() -> None:
    code = (
        "import sys, importlib, pkgutil, chinaai_learn\n"
        "for m in pkgutil.walk_packages(chinaai_learn.__path__, 'chinaai_learn.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.'))\n"
        "print(bad)\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"textual was imported by the core: {result.stdout} {result.stderr}"


def test_the_command_line_loads_no_exporter_until_a_command_needs_one() -> None:
    """Every command builds the whole parser; genanki and the LMS writers load only when exporting."""
    code = (
        "import sys\n"
        "from chinaai_learn.cli import build_parser\n"
        "build_parser()\n"
        "heavy = ('genanki', 'chinaai_learn.exporters.anki', 'chinaai_learn.exporters.lms')\n"
        "print(sorted(n for n in heavy if n in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"loaded at start-up: {result.stdout}"


def test_a_start_from_the_bank_cache_imports_no_pydantic(tmp_path) -> None:
    """Importing pydantic costs more than the rest of the quiz's start: a cached bank needs none of it."""
    code = (
        "import sys\n"
        "from chinaai_learn.bank_cache import load_bank_cached\n"
        "bank = load_bank_cached()\n"
        "from chinaai_learn.session import QuizSession, QuizSettings\n"
        "QuizSession.start(bank, QuizSettings(seed=1))\n"
        "print(len(bank.questions), sorted(n for n in sys.modules if n.split('.')[0] == 'pydantic'))\n"
    )
    env = {**os.environ, "CHINAAI_LEARN_CACHE": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    assert "pydantic" in first.stdout  # the first start loads and validates the bank
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert second.returncode == 0, second.stderr
    count, imported = second.stdout.split(" ", 1)
    assert int(count) > 0
    assert imported.strip() == "[]", f"imported from the cache: {imported}"
