"""``chinaai-learn anki`` as a user runs it: decks written, mistakes explained, exit codes."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from chinaai_learn.cli import main
from chinaai_learn.loading import default_decks_dir, load_bank

from ..conftest import DATA, ROOT, SHIPPED_BANK

ANKI_BANK = DATA / "anki" / "bank"
RECIPES = DATA / "anki" / "recipes"


def test_default_run_writes_the_german_and_english_decks_with_every_shipped_question(
    tmp_path: Path, capsys
) -> None:
    state_before = (default_decks_dir() / "anki-state.json").read_bytes()
    status = main(["anki", "-o", str(tmp_path / "out"), "--state", str(tmp_path / "state.json")])
    output = capsys.readouterr().out
    assert status == 0, output
    questions = len(load_bank(SHIPPED_BANK).questions)
    for name in ("china-ki-de.apkg", "china-ai-en.apkg"):
        assert re.search(rf"wrote .*{name}: deck “China & (KI|AI)”, {questions} notes", output)
        col = Collection(str(tmp_path / f"{name}.anki2"))
        try:
            options = ImportAnkiPackageOptions(with_scheduling=False)
            col.import_anki_package(
                ImportAnkiPackageRequest(package_path=str(tmp_path / "out" / name), options=options)
            )
            assert col.note_count() == questions
        finally:
            col.close()
    assert (default_decks_dir() / "anki-state.json").read_bytes() == state_before  # --state kept elsewhere


def test_recipe_file_bank_and_output_folder_can_be_given(tmp_path: Path, capsys) -> None:
    status = main(
        [
            "anki",
            str(RECIPES / "good.yaml"),
            "--bank",
            str(ANKI_BANK),
            "-o",
            str(tmp_path),
            "--state",
            str(tmp_path / "s.json"),
        ]
    )
    assert status == 0
    assert "1 notes, 1 cards in 1 subdecks (1 new or changed since the last build)" in capsys.readouterr().out
    assert (tmp_path / "good-deck.apkg").is_file()
    main(
        [
            "anki",
            str(RECIPES / "good.yaml"),
            "--bank",
            str(ANKI_BANK),
            "-o",
            str(tmp_path),
            "--state",
            str(tmp_path / "s.json"),
        ]
    )
    assert "(no changes)" in capsys.readouterr().out


def test_an_unknown_recipe_name_is_explained_without_traceback(capsys) -> None:
    assert main(["anki", "china-ki-dee"]) == 2
    err = capsys.readouterr().err
    assert "no deck recipe 'china-ki-dee' (did you mean 'china-ki-de'?)" in err
    assert "Traceback" not in err


def test_a_bad_recipe_gets_its_file_and_line_and_exit_status_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "chinaai_learn",
            "anki",
            str(RECIPES / "unknown-topic.yaml"),
            "--bank",
            str(ANKI_BANK),
            "-o",
            str(tmp_path),
            "--state",
            str(tmp_path / "s.json"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2
    assert "unknown-topic.yaml:6:5: unknown topic 'betta' (did you mean 'beta'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def _own_bank_build(tmp_path: Path) -> tuple[Path, list[str]]:
    """A copy of the Anki test bank as MYDIR, and the command that builds its decks into out/."""
    bank = tmp_path / "MYDIR"
    shutil.copytree(ANKI_BANK, bank)
    return bank, [
        sys.executable,
        "-m",
        "chinaai_learn",
        "anki",
        "--bank",
        str(bank),
        "-o",
        str(tmp_path / "out"),
    ]


def test_another_bank_without_a_recipe_gets_decks_and_a_state_of_its_own(tmp_path: Path) -> None:
    bank, command = _own_bank_build(tmp_path)
    shipped_state = (default_decks_dir() / "anki-state.json").read_bytes()
    first = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert first.returncode == 0, first.stderr
    assert "deck “MYDIR (de)”" in first.stdout
    assert "deck “MYDIR (en)”" in first.stdout
    assert "build state: MYDIR/anki-state.json" in first.stdout.replace("\\", "/")
    assert (bank / "anki-state.json").is_file()
    assert (default_decks_dir() / "anki-state.json").read_bytes() == shipped_state
    again = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert again.stdout.count("(no changes)") == 2, again.stdout

    col = Collection(str(tmp_path / "c.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(tmp_path / "out" / "MYDIR-de.apkg"),
                options=ImportAnkiPackageOptions(with_scheduling=False),
            )
        )
        deck_id = col.decks.id_for_name("MYDIR (de)")
        shipped_ids = {1317536062, 1760689126}
        assert deck_id not in shipped_ids
        assert col.decks.id_for_name("China & KI") is None
    finally:
        col.close()


def test_a_build_whose_deck_cannot_be_written_leaves_decks_and_state_as_they_were(tmp_path: Path) -> None:
    # A folder where the English deck should go: the English deck cannot be written, so the
    # German one must not be replaced either, and the state must not call the changes
    # delivered, or the next build says none.
    bank, command = _own_bank_build(tmp_path)
    subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=True)
    state_before = (bank / "anki-state.json").read_bytes()
    topic = next(p for p in sorted(bank.glob("*.yaml")) if p.name != "sources.yaml")
    text = topic.read_text(encoding="utf-8")
    edited = re.sub(r"(prompt:\n\s+de: )", r"\1Geändert ", text, count=1)
    assert edited != text
    topic.write_text(edited, encoding="utf-8")
    german_before = (tmp_path / "out" / "MYDIR-de.apkg").read_bytes()
    (tmp_path / "out" / "MYDIR-en.apkg").unlink()
    (tmp_path / "out" / "MYDIR-en.apkg").mkdir()

    failed = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False)

    assert failed.returncode == 2, failed.stderr
    assert "cannot write" in failed.stderr
    assert "MYDIR-en.apkg" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert (bank / "anki-state.json").read_bytes() == state_before
    # All or nothing: the German deck, which could be written, is the old one still.
    assert (tmp_path / "out" / "MYDIR-de.apkg").read_bytes() == german_before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["MYDIR-de.apkg", "MYDIR-en.apkg"]
    (tmp_path / "out" / "MYDIR-en.apkg").rmdir()
    again = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=True)
    assert "(1 new or changed since the last build)" in again.stdout, again.stdout


def test_a_shipped_recipe_is_not_built_from_another_bank(tmp_path: Path) -> None:
    shipped_state = (default_decks_dir() / "anki-state.json").read_bytes()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "chinaai_learn",
            "anki",
            "china-ki-de",
            "--bank",
            str(ANKI_BANK),
            "-o",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "belong to the shipped banks" in done.stderr
    assert "Traceback" not in done.stderr
    assert (default_decks_dir() / "anki-state.json").read_bytes() == shipped_state
    assert not list(tmp_path.iterdir())


def test_an_installed_package_keeps_the_state_of_its_recipes_in_the_user_data_folder() -> None:
    import chinaai_learn
    from chinaai_learn.exporters.anki_state_location import recipe_state_path, user_state_folder

    inside = Path(chinaai_learn.__file__).parent / "_data" / "decks" / "china-ki-de.yaml"
    assert recipe_state_path(inside).parent == user_state_folder()
    assert (
        recipe_state_path(default_decks_dir() / "china-ki-de.yaml") == default_decks_dir() / "anki-state.json"
    )


def test_an_ordering_question_with_more_items_than_a_card_holds_is_refused_by_name(tmp_path: Path) -> None:
    bank = tmp_path / "MYDIR"
    shutil.copytree(ANKI_BANK, bank)
    alpha = bank / "alpha.yaml"
    many = "".join(f"      - {{de: Stufe {n}, en: Tier {n}}}\n" for n in range(1, 12))
    text = alpha.read_text(encoding="utf-8")
    old = "      - {de: Stufe C, en: Tier C}\n      - {de: Stufe B, en: Tier B}\n      - {de: Stufe A, en: Tier A}\n"
    assert old in text
    alpha.write_text(text.replace(old, many), encoding="utf-8")
    command = [sys.executable, "-m", "chinaai_learn", "anki", "--bank", "MYDIR", "-o", "out"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "question alpha-order: 11 items, but an Anki card holds at most 10" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    assert not (bank / "anki-state.json").exists()


def test_kill_ends_a_build_as_ctrl_c_does_leaving_no_scratch_files_and_no_half_outputs(
    tmp_path: Path,
) -> None:
    # A build long enough to be caught while its collection is in the temporary folder.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import write_bank
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    bank, _ = write_bank(tmp_path / "big", 4000)
    scratch, out = tmp_path / "tmp", tmp_path / "out"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "CHINAAI_LEARN_CACHE": "off"}
    errors = tmp_path / "stderr.txt"
    for _ in range(5):  # a busy machine may finish the build before the signal is sent: try again
        # Output to a file, not a pipe: a build that says much (a bank it refuses) must not
        # block on a full pipe while this loop waits for its scratch folder.
        with errors.open("w", encoding="utf-8") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-m", "chinaai_learn", "--bank", str(bank), "anki", "-o", str(out)],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env=env,
            )
        # Once the build's scratch folder exists (not before: Python's first look at the
        # temporary folder writes and removes a probe file of its own there).
        while process.poll() is None and not any(scratch.glob("chinaai-anki-*")):
            time.sleep(0.0005)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        err = errors.read_text(encoding="utf-8")
        if process.returncode != 0:
            break
    assert process.returncode == 130, err
    assert "Interrupted." in err
    assert "Traceback" not in err
    assert list(scratch.iterdir()) == []  # the collection being built went with its folder
    assert not out.exists() or list(out.iterdir()) == []  # no deck half written
    assert not (bank / "anki-state.json").exists()  # nor the build state
