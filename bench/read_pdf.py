#!/usr/bin/env python3
"""How long gialint takes to read the files offices publish (a measurement, not a timed test).

    python bench/readers.py             # every reader measured, median of 5 runs each
    python bench/readers.py --runs 9 --only pdf

``bench_pdf()``: a 10-page PDF report built with reportlab (tests/pdfmaker.py: ruled tables, a
table over a page break, page numbers), timed three ways: the text-layer check alone
(pypdfium2), the whole read into gialint's document (pdfplumber layout, tables, paragraphs), and
``gialint check`` on the file as a fresh process (start-up and imports included). Results are
recorded in docs/performance.md ("Reading Word and PDF files").
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # pdfmaker: the PDF builder the tests use


def _median(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_pdf(runs: int = 5) -> dict[str, float]:
    """Seconds (median of ``runs``) to read a 10-page PDF report."""
    import pdfmaker  # type: ignore[import-not-found]
    import pypdfium2

    from gialint.read import read_document
    from gialint.read.parse.options import ParseOptions
    from gialint.read.pdf import survey

    with tempfile.TemporaryDirectory() as folder:
        target = pdfmaker.build_pdf(ROOT / "examples" / "clean-2021.md", Path(folder) / "report.pdf", copies=2)
        pdf = pypdfium2.PdfDocument(str(target))
        pages = len(pdf)
        pdf.close()
        data = target.read_bytes()
        read_document(str(target), data, ParseOptions())  # warm: imports and font tables
        result = {
            "pages": float(pages),
            "text layer check (pypdfium2)": _median(runs, lambda: survey(data)),
            "read into a document": _median(runs, lambda: read_document(str(target), data, ParseOptions())),
            "gialint check, fresh process": _median(
                runs,
                lambda: subprocess.run([sys.executable, "-m", "gialint", "check", "--no-cache", "-q", str(target)], check=False, capture_output=True),
            ),
        }
    return result


BENCHES: dict[str, Callable[[int], dict[str, float]]] = {"pdf": bench_pdf}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is reported")
    parser.add_argument("--only", choices=sorted(BENCHES), help="measure one reader")
    args = parser.parse_args(argv)
    for name, bench in BENCHES.items():
        if args.only and name != args.only:
            continue
        print(f"[{name}]")
        for what, value in bench(args.runs).items():
            print(f"  {what:<34} {value:.0f}" if what == "pages" else f"  {what:<34} {value * 1000:8.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
