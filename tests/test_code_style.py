"""The code passes the lint rules that pyproject.toml's [tool.ruff.lint] selects (ruff, a test
dependency): syntax errors, unused or undefined names, import order. Run in the suite so that CI,
which runs only the README's test command, enforces it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
         "gialint", "tests", "bench", "scripts"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
