"""Scanned PDF pages: read by text recognition when ``gialint[ocr]`` is installed, and said so
when it is not (a page without text is never passed over silently)."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

import pdfmaker  # noqa: E402  (tests/pdfmaker.py)

from gialint.cli.program import main  # noqa: E402
from gialint.read import pdf_ocr, read_document  # noqa: E402
from gialint.read.parse.options import ParseOptions  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def text_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ocr")
    return pdfmaker.build_pdf(EXAMPLES / "defective-2021.txt", folder / "defective-2021.pdf")


def _mixed(text_pdf: Path, target: Path) -> Path:
    """The report's text pages with a scanned copy of its first page appended."""
    import pypdfium2

    scan = pdfmaker.build_image_pdf(text_pdf, target.with_suffix(".scan.pdf"), pages=1)
    pdf = pypdfium2.PdfDocument(str(text_pdf))
    pdf.import_pages(pypdfium2.PdfDocument(str(scan)))
    pdf.save(str(target))
    pdf.close()
    return target


def test_without_ocr_a_scanned_page_among_text_pages_is_noted(text_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_ocr, "available", lambda: False)
    mixed = _mixed(text_pdf, tmp_path / "mixed.pdf")
    document = read_document(str(mixed), mixed.read_bytes(), ParseOptions())
    assert document is not None and document.origin is not None
    pages = len(pdfmaker_pages(mixed))
    assert any(f"第 {pages} 页没有文字层" in note and "gialint[ocr]" in note for note in document.origin.notes)


def pdfmaker_pages(path: Path) -> list[int]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return list(range(1, len(pdf) + 1))
    finally:
        pdf.close()


@pytest.mark.slow  # text recognition of a page takes 15-60 s on 2 cores; CI runs it (.ci/run installs gialint[ocr])
def test_ocr_reads_a_scanned_report_page(text_pdf: Path, tmp_path: Path) -> None:
    if not pdf_ocr.available():
        pytest.skip("gialint[ocr] is not installed; .ci/run installs it")
    scan = pdfmaker.build_image_pdf(text_pdf, tmp_path / "scan.pdf", pages=1)
    document = read_document(str(scan), scan.read_bytes(), ParseOptions())
    assert document is not None and document.origin is not None
    assert any("文字识别" in note for note in document.origin.notes)
    lines = [unicodedata.normalize("NFKC", line) for line in document.lines]  # OCR may read （ as (
    assert lines[0] == "2021年政府信息公开工作年度报告"
    assert "一、总体情况" in lines and "(一)主动公开" in lines
    assert any(line.startswith("如对本报告有疑问") and line.endswith("bszdzb@baisha.gov.cn。") for line in lines), "wrapped lines joined"
    out = io.StringIO()
    main(["check", "--format", "json", "--no-cache", str(scan)], out, io.StringIO())
    found: list[dict[str, Any]] = json.loads(out.getvalue())["diagnostics"]
    rules = {d["rule"] for d in found}
    assert "unreadable-input" not in rules
    assert {"missing-title", "stale-year", "conversion-artifact", "doubled-punctuation"} <= rules
    assert all(d["location"]["page"] == 1 and d["location"].get("paragraph") for d in found if d["rule"] != "missing-section")
