"""The classroom's forking process imports what a quiz imports later, once for all tabs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import chinaai_learn_tui

PACKAGE = Path(chinaai_learn_tui.__file__).parent


def modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_the_forking_process_imports_every_screen_and_widget_before_the_tabs_fork() -> None:
    loaded = modules_after(
        "import chinaai_learn_tui.classroom\nfrom chinaai_learn_tui.app import import_everything\nimport_everything()"
    )
    for folder in ("screens", "widgets"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            if path.stem != "__init__":
                assert f"chinaai_learn_tui.{folder}.{path.stem}" in loaded, (
                    f"{folder}/{path.name} is imported in every tab"
                )
