"""Every command the README and docs/ show runs as written, so the docs cannot drift.

Each ``chinaai-learn …`` line of a ``sh`` block is run as a subprocess in a temporary
copy of the repository (the copy's banks, decks and output folders, never the checkout's).
Commands that open an interactive screen or a server (``quiz``, ``serve``) are parsed
instead: every option they show must exist.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chinaai_learn.cli import parse_args

from ..conftest import CORPUS, ROOT

DOCS = [
    ROOT / "README.md",
    ROOT / "CONTRIBUTING.md",
    ROOT / "decks" / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
]
INTERACTIVE = {"quiz", "serve"}
_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)


def documented_commands() -> list[tuple[str, str]]:
    """(where, command line) for every chinaai-learn line of every sh block."""
    found = []
    for doc in DOCS:
        for block in _BLOCK.findall(doc.read_text(encoding="utf-8")):
            for line in block.splitlines():
                command = line.split(" #", 1)[0].strip()
                if command.startswith("uv run chinaai-learn "):
                    found.append(
                        (doc.relative_to(ROOT).as_posix(), command.removeprefix("uv run chinaai-learn "))
                    )
    return found


COMMANDS = documented_commands()


def test_the_docs_show_commands_at_all() -> None:
    assert len(COMMANDS) >= 20, COMMANDS


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("docs")
    copy = base / "chinaai-learn"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "out", ".pytest_cache", "*.apkg"),
    )
    if CORPUS.is_dir():
        (base / "shared").mkdir()
        (base / "shared" / "sources").symlink_to(CORPUS)
    return copy


@pytest.mark.slow
@pytest.mark.parametrize(("where", "command"), COMMANDS, ids=[f"{w}: {c}" for w, c in COMMANDS])
def test_documented_command_runs(where: str, command: str, repo_copy: Path) -> None:
    argv = shlex.split(os.path.expanduser(command))
    if argv[0] in INTERACTIVE:
        args = parse_args(argv)  # raises SystemExit for an option that does not exist
        assert args.command == argv[0]
        return
    if "../shared/sources" in command and not CORPUS.is_dir():
        pytest.skip("the source corpus is not beside the checkout")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHINAAI_LEARN_")}
    env["CHINAAI_LEARN_PROGRESS"] = str(repo_copy / "progress.sqlite3")
    env["PYTHONPATH"] = os.pathsep.join([str(repo_copy / "src"), str(repo_copy / "tui")])
    result = subprocess.run(
        [sys.executable, "-m", "chinaai_learn", *argv],
        cwd=repo_copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"{where}: `chinaai-learn {command}` exited {result.returncode}\n{result.stderr}"
    )
