"""Write a file atomically: readers see the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or pieces of bytes in order) to a temporary file beside ``path``, then move it into place.

    If anything fails, the temporary file is removed and ``path`` is left as it was.
    The new file gets the usual permissions for new files (not the temp file's 0600).
    """
    staged = StagedFile.write(path, data)
    staged.commit()


@dataclass
class StagedFile:
    """A file's new content, written and synced to a temporary file beside it, not yet in place.

    For outputs that belong together (decks and the build state that says what they hold):
    stage every one, and only once all are staged ``commit`` each, so that a failure leaves
    every file as it was. ``discard`` removes the temporary file of one not committed.
    """

    path: Path
    temporary: Path

    @classmethod
    def write(cls, path: Path, data: bytes | Iterable[bytes]) -> StagedFile:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():  # found now, not when the others are already in place
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                if isinstance(data, bytes):
                    out.write(data)
                else:
                    out.writelines(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, _default_mode())
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return cls(path, Path(tmp))

    def commit(self) -> None:
        try:
            os.replace(self.temporary, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.temporary.unlink(missing_ok=True)
