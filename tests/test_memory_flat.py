"""Memory stays flat with the number of files (issue #12: peak memory for 2,000 files within
1.1× that for 200): ``gialint check`` writes each file's findings as it is linted and keeps only
counts, so a run over many reports holds no more than a run over a few, bar the list of files.

Measured with tracemalloc (allocations, not time): the peak of what is alive during a run over
many copies of a defective report against a run over a few, after a warm-up run has filled
what is built on first use.
"""

from __future__ import annotations

import io
import shutil
import tracemalloc
from pathlib import Path

import pytest

from gialint.cli.program import main

ROOT = Path(__file__).resolve().parent.parent
DEFECTIVE = ROOT / "examples" / "defective-2021.txt"
FEW, MANY = 4, 44


class Sink(io.TextIOBase):
    """Standard output that keeps nothing (a StringIO would grow with the output)."""

    def __init__(self) -> None:
        self.written = 0
        self.lines = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.written += len(text)
        self.lines += text.count("\n")
        return len(text)


def _folder(root: Path, count: int) -> Path:
    folder = root / f"set{count}"
    folder.mkdir()
    for i in range(count):
        shutil.copyfile(DEFECTIVE, folder / f"r{i:03d}-2021.txt")
    return folder


def _peak(folder: Path, *options: str) -> tuple[int, Sink]:
    """The most memory alive at once during ``gialint check folder`` (bytes above the start)."""
    out = Sink()
    tracemalloc.start()
    try:
        main(["check", "--no-cache", "--jobs", "1", *options, str(folder)], out, io.StringIO())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, out


@pytest.mark.parametrize("options", [("--statistics",), ("--format", "github", "--lang", "en")])
def test_the_peak_does_not_grow_with_the_number_of_files(tmp_path: Path, options: tuple[str, ...]) -> None:
    few, many = _folder(tmp_path, FEW), _folder(tmp_path, MANY)
    _peak(_folder(tmp_path, 2), *options)  # warm-up: imports, rule sets, memos of a first lint
    small, out_small = _peak(few, *options)
    large, out_large = _peak(many, *options)
    per_file_findings = (out_large.lines - out_small.lines) // (MANY - FEW)
    assert per_file_findings >= 10, "the report gives findings to keep (or not)"
    # Kept until the end, the findings of 40 more files were 300-800 KB here (7-20 KB a file);
    # what is left is its name in the list of files and its configuration's entry, and about
    # 1 KB a lint that stays allocated outside the output (the engine's): 1-1.5 KB a file.
    assert large - small < (MANY - FEW) * 3 * 1024, (small, large)
