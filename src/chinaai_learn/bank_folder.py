"""Which files of a bank folder are read, and reading them safely: regular files only, bounded in size."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .yaml_reader import YamlProblem, decode_utf8

MAX_FILE_BYTES = 20 * 1024 * 1024  # far above any hand-written bank; stops /dev/zero-like files
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class FolderListing:
    """The bank files found in a folder, and the notes about files passed over."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _skip_reason(name: str) -> str | None:
    if name.startswith("._"):
        return "a macOS metadata file ('._'), not a bank"
    if name.startswith(".#"):
        return "an editor lock file ('.#'), not a bank"
    if name.startswith("."):
        return "a hidden file"
    if name.endswith(("~", "#")):
        return "an editor backup file"
    return None


def list_bank_files(root: Path, shown: str) -> FolderListing:
    """The ``*.yaml``/``*.yml`` files of ``root`` (any letter case), sorted; skipped ones explained."""
    listing = FolderListing()
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        name = entry.name
        lowered = name.lower()
        looks_like_bank = lowered.endswith(YAML_SUFFIXES) or lowered.rstrip("~#").endswith(YAML_SUFFIXES)
        if not looks_like_bank:
            continue
        reason = _skip_reason(name)
        if reason is None:
            try:
                info = os.stat(entry.path)  # follows a symbolic link, never opens the file
            except OSError as exc:
                reason = f"cannot be read ({exc.strerror or exc})"
            else:
                if not stat.S_ISREG(info.st_mode):
                    reason = "not a regular file (a pipe, device or folder)"
                elif info.st_size > MAX_FILE_BYTES:
                    reason = f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, too large for a bank file"
        if reason is None:
            listing.files.append(Path(entry.path))
        else:
            listing.notes.append(f"{shown}/{name}: skipped, {reason}")
    return listing


def read_bank_file(path: Path) -> str:
    """The text of a regular, UTF-8 file of at most MAX_FILE_BYTES; YamlProblem otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)  # non-blocking: a pipe swapped in after listing cannot hang us
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem(1, 1, "not a regular file (a pipe, device or folder): use a plain .yaml file")
        chunks = []
        remaining = MAX_FILE_BYTES + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(1, 1, f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: split it")
    return decode_utf8(data)
