"""The command line imports only the command it runs, and still lists every command when asked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chinaai_learn.cli import COMMANDS, parse_args


def test_an_option_value_that_is_a_command_name_is_not_taken_for_the_command() -> None:
    args = parse_args(["--bank", "list", "--lang", "en", "list"])
    assert args.command == "list"
    assert args.bank == Path("list")
    assert args.lang == "en"


def test_options_after_the_command_still_work() -> None:
    args = parse_args(["quiz", "--count", "3", "--bank", "stats"])
    assert (args.command, args.count, args.bank) == ("quiz", 3, Path("stats"))


def test_a_mistyped_command_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_args(["quizz"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert all(f"'{name}'" in err for name in COMMANDS)


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


def test_the_quiz_does_not_import_the_other_commands() -> None:
    code = (
        "import sys\n"
        "from chinaai_learn.cli import parse_args\n"
        "parse_args(['--lang', 'en', 'quiz', '--start'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('chinaai_learn.cli.cmd_')))\n"
        "print('chinaai_learn.exporters' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["['chinaai_learn.cli.cmd_quiz']", "False"]
