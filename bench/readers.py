#!/usr/bin/env python3
"""Benchmarks of the readers for Word and PDF input (a measurement, not a timed test).

    python bench/readers.py              # both readers
    python bench/readers.py --only docx  # bench/read_docx.py: a 20-page Word report
    python bench/readers.py --only pdf   # bench/read_pdf.py: a 10-page PDF report
    python bench/readers.py --runs 9     # each reader's script with --runs 9 (the median counts)

Each reader's own script takes its own options (``python bench/read_docx.py --help``). Results
are recorded in docs/performance.md ("Word (.docx) reader", "Reading Word and PDF files").
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = {"docx": HERE / "read_docx.py", "pdf": HERE / "read_pdf.py"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=sorted(SCRIPTS), help="measure one reader")
    parser.add_argument("--runs", type=int, help="runs per measurement, passed on to each reader's script (its default if left out)")
    args = parser.parse_args(argv)
    forwarded = ["--runs", str(args.runs)] if args.runs is not None else []
    status = 0
    for name, script in SCRIPTS.items():
        if args.only in (None, name):
            print(f"== {name}", flush=True)
            status |= subprocess.run([sys.executable, str(script), *forwarded], check=False).returncode
    return status


if __name__ == "__main__":
    raise SystemExit(main())
