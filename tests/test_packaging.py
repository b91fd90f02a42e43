"""A wheel built from the repo works outside the checkout, with the banks inside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_lists_the_shipped_banks(tmp_path: Path) -> None:
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH (the README installs it)")
    dist = tmp_path / "dist"
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(dist)], cwd=ROOT, check=True, capture_output=True
    )
    [wheel] = dist.glob("chinaai_learn-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [uv, "pip", "install", "--python", str(python), str(wheel)], check=True, capture_output=True
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "CHINAAI_LEARN_BANK"}
    result = subprocess.run(
        [str(env_dir / "bin" / "chinaai-learn"), "list"], cwd=outside, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "gods-eye" in result.stdout
    assert "isa" in result.stdout
    assert sys.executable not in result.stdout
