"""The PDF reader: the example reports laid out as published PDFs get the findings of their
text originals, at places a person finds in the PDF; PDFs without a usable text layer say so."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

import pdfmaker  # noqa: E402  (tests/pdfmaker.py)
import pypdfium2  # noqa: E402

from gialint.cli.program import main  # noqa: E402
from gialint.read import pdf_ocr  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
REPORTS = ["clean-2021.md", "defective-2020.md", "defective-2021.txt"]
VARIANTS = {
    "header-repeated": {"repeat_header": True},
    "header-once-running-header-wps": {"repeat_header": False, "merge_groups": False, "header": "白沙镇人民政府", "wps_rects": True},
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("pdf")
    built = {}
    for report in REPORTS:
        for variant, options in VARIANTS.items():
            target = folder / f"{Path(report).stem}-{variant}.pdf"
            built[report, variant] = pdfmaker.build_pdf(EXAMPLES / report, target, **options)  # type: ignore[arg-type]
    return built


def _check(path: Path, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    out = io.StringIO()
    code = main(["check", "--format", "json", "--no-cache", "--jobs", "1", *extra, str(path)], out, io.StringIO())
    return code, json.loads(out.getvalue())["diagnostics"]


def _extract(path: Path) -> list[str]:
    out = io.StringIO()
    assert main(["extract", str(path)], out, io.StringIO()) == 0
    return out.getvalue().split("\n")


def _norm(text: str) -> str:
    return re.sub(r"[\s|*#]", "", text)


def _cell_index(line: str, column: int) -> int:
    """Which cell of a tab or pipe table row ``column`` falls in (0-based)."""
    before = line[: column - 1]
    return before.count("\t") if "\t" in line else max(before.count("|") - 1, 0)


def _first_cell(line: str) -> str:
    cells = [c for c in re.split(r"\t|\|", line) if c.strip()]
    return cells[0].strip() if cells else ""


def _page_texts(path: Path) -> list[str]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [_norm(pdf[k].get_textpage().get_text_range()) for k in range(len(pdf))]
    finally:
        pdf.close()


def _expressible(d: dict[str, Any]) -> bool:
    """Findings a PDF cannot have: the depth of a Markdown heading (``##``) is not in a PDF."""
    return not (d["rule"] == "heading-numbering" and "#" in d["message"])


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("report", REPORTS)
def test_pdf_gets_the_findings_of_its_text_original(report: str, variant: str, pdfs: dict[tuple[str, str], Path]) -> None:
    source = EXAMPLES / report
    pdf = pdfs[report, variant]
    _, original = _check(source)
    expected = [d for d in original if _expressible(d)]
    code, found = _check(pdf)
    assert [d["rule"] for d in found] == [d["rule"] for d in expected], "same rules, in reading order"
    assert code == (1 if expected else 0)
    if report.startswith("clean"):
        assert found == []
    source_lines = source.read_text(encoding="utf-8").split("\n")
    extracted = _extract(pdf)
    pages = _page_texts(pdf)
    for want, got in zip(expected, found):
        where = got["location"]
        assert where["kind"] == "pdf" and where["page"] >= 1
        text_line = source_lines[want["line"] - 1]
        pdf_line = extracted[got["line"] - 1]
        if "\t" in pdf_line:  # a table row: the same row (its first cell) and the same cell
            assert "table" in where and where["row"] >= 1
            assert _norm(_first_cell(text_line)) == _norm(_first_cell(pdf_line))
            cells = pdf_line.count("\t") + 1
            if where["column"] != cells + 1:  # (cells + 1: the place names the cell a short row lacks)
                assert where["column"] == _cell_index(text_line, want["column"]) + 1
        else:  # a paragraph: it holds what the text finding points at
            assert "paragraph" in where
            pointed = text_line[want["column"] - 1 : want["end_column"] - 1] if want["end_line"] == want["line"] else ""
            assert _norm(pointed or text_line) in _norm(pdf_line)
        quote = where["quote"].rstrip("…")
        assert _norm(quote) in pages[where["page"] - 1], f"the quote {quote!r} is on page {where['page']}"


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_table_three_is_one_table_over_two_pages(variant: str, pdfs: dict[tuple[str, str], Path]) -> None:
    pdf = pdfs["clean-2021.md", variant]
    out = io.StringIO()
    assert main(["extract", "--places", str(pdf)], out, io.StringIO()) == 0
    rows = [line for line in out.getvalue().split("\n") if "自然人" in line or re.search(r"T5 r\d+", line)]
    table = [line for line in out.getvalue().split("\n") if re.search(r"\bT5 r\d+", line)]
    assert rows and table[0].split()[-1] != ""  # noqa: PT018
    assert len(table) == 31, "header once, then 30 rows: nothing lost or repeated at the page break"
    assert sum("项目\t自然人" in line for line in table) == 1
    assert {re.search(r"p(\d+)", line).group(1) for line in table} == {"3", "4"}  # type: ignore[union-attr]
    assert table[-1].endswith("四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1")


def test_spacing_page_numbers_and_headers_are_gone(pdfs: dict[tuple[str, str], Path]) -> None:
    pdf = pdfs["clean-2021.md", "header-once-running-header-wps"]
    raw = pypdfium2.PdfDocument(str(pdf))
    first = raw[0].get_textpage().get_text_range()
    raw.close()
    assert "邮 编 ：" in first and "- 1 -" in first and "第 1 页" in first, "the PDF has the artefacts"
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        assert len(opened.pages[0].find_tables()) > 5, "WPS's white rectangles: the default strategy sees tables"
    text = "\n".join(_extract(pdf))
    assert "邮编：334700，联系电话：0793-6718235" in text
    assert "- 1 -" not in text and "第 1 页" not in text and "白沙镇人民政府" not in text
    assert "http://www.qingshi.gov.cn" in text, "Latin text keeps its characters"
    lines = _extract(pdf)
    assert lines[0] == "青石镇人民政府2021年政府信息公开工作年度报告"
    assert sum(line.startswith("全年在县政府门户网站") for line in lines) == 1, "a wrapped paragraph is one paragraph"


def test_narrow_merged_column_reads_as_one_label(tmp_path: Path) -> None:
    pdf = pdfmaker.build_narrow_column_table(tmp_path / "narrow.pdf")
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        label = [c for c in opened.pages[0].chars if c["text"] in "三、本年度办理结果" and c["x0"] < 170]
    assert len(label) == 9 and len({round(c["top"]) for c in label}) == 9, "one character per line"
    lines = [line for line in _extract(pdf) if "\t" in line]
    assert lines == ["三、本年度办理结果\t（一）予以公开\t2", "\t（二）部分公开\t1", "\t（三）不予公开\t0"]


def _finding(path: Path) -> dict[str, Any]:
    code, found = _check(path)
    assert code == 1
    [d] = found
    assert d["rule"] == "unreadable-input"
    return d


def test_image_only_pdf_says_it_has_no_text_layer(pdfs: dict[tuple[str, str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_ocr, "available", lambda: False)
    scan = pdfmaker.build_image_pdf(pdfs["clean-2021.md", "header-repeated"], tmp_path / "scan.pdf")
    d = _finding(scan)
    assert "没有可用的文字层" in d["message"] and "扫描件" in d["message"]
    assert "Word 原件" in d["message"] and "gialint[ocr]" in d["message"]


def test_cid_glyphs_pdfminer_cannot_decode_are_read_through_pdfium(pdfs: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    """A CID font whose encoding and character collection pdfminer does not know (edited in a
    built PDF, at the same byte length, so the file stays valid): pdfminer decodes its glyphs as
    ``(cid:N)``, pdfium still reads them; the report reads as the original does."""
    import pdfplumber

    data = pdfs["clean-2021.md", "header-repeated"].read_bytes()
    assert b"/UniGB-UCS2-H" in data and b"(GB1)" in data
    edited = tmp_path / "cid.pdf"
    edited.write_bytes(data.replace(b"/UniGB-UCS2-H", b"/Identity-H  ").replace(b"(GB1)", b"(ZZ1)"))
    with pdfplumber.open(edited) as opened:
        assert "(cid:" in (opened.pages[0].extract_text() or "")
    code, found = _check(edited)
    assert (code, found) == (0, [])
    assert _extract(edited) == _extract(pdfs["clean-2021.md", "header-repeated"])


def test_mojibake_text_layer_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text drawn in a Latin font from Chinese bytes (GBK read as Windows-1252, ``Õþ¸®ÐÅÏ¢``):
    the text layer decodes, but to no Chinese at all."""
    from reportlab.pdfgen.canvas import Canvas

    monkeypatch.setattr(pdf_ocr, "available", lambda: False)
    target = tmp_path / "mojibake.pdf"
    canvas = Canvas(str(target))
    canvas.setFont("Helvetica", 11)
    for k, line in enumerate((EXAMPLES / "defective-2021.txt").read_text(encoding="utf-8").split("\n")[:30]):
        canvas.drawString(50, 800 - 16 * k, line.encode("gbk", "replace").decode("cp1252", "replace")[:90])
    canvas.save()
    d = _finding(target)
    assert "乱码" in d["message"] and "Word 原件" in d["message"] and "gialint[ocr]" in d["message"]


def test_garbled_check_counts_cjk_among_letters() -> None:
    from gialint.read.pdf import garbled

    assert not garbled("如对本报告有疑问，请与红山镇人民政府党政办公室联系。地址：红山县红山镇人民路8号，电子邮箱：hszzb@hongshan.gov.cn。")
    assert garbled("ÀÁÂ ÃÄÅ ÆÇÈ ÉÊË ÌÍÎ ÏÐÑ ÒÓÔ ÕÖ× ØÙÚ ÛÜÝ" * 2)
    assert garbled("(cid:123)(cid:456)(cid:789) 2021")
    assert not garbled("1 0 0 2 3 4 5 6 7 8 9")


def test_password_protected_pdf(tmp_path: Path) -> None:
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    target = tmp_path / "locked.pdf"
    SimpleDocTemplate(str(target), encrypt="secret").build([Paragraph("一、总体情况", pdfmaker.BODY)])
    d = _finding(target)
    assert "密码" in d["message"] and "取消密码" in d["message"]
    out = io.StringIO()
    main(["check", "--format", "json", "--no-cache", "--lang", "en", str(target)], out, io.StringIO())
    assert "password" in json.loads(out.getvalue())["diagnostics"][0]["message"]


def test_damaged_pdf_is_a_located_error_and_other_files_go_on(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF body\n")
    (tmp_path / "ok.md").write_text((EXAMPLES / "clean-2021.md").read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    code = main(["check", "--format", "json", "--no-cache", str(tmp_path)], out, io.StringIO())
    assert code == 1
    found = json.loads(out.getvalue())["diagnostics"]
    assert [(Path(d["path"]).name, d["rule"]) for d in found] == [("broken.pdf", "unreadable-input")]
    assert "不是有效的 PDF" in found[0]["message"]


def test_markdown_run_imports_no_reader_library(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_text((EXAMPLES / "clean-2021.md").read_text(encoding="utf-8"), encoding="utf-8")
    code = (
        "import sys\n"
        "from gialint.cli.program import main\n"
        f"status = main(['check', '--no-cache', {str(report)!r}])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'pdfplumber', 'pdfminer', 'pypdfium2', 'docx', 'lxml', 'reportlab', 'rapidocr', 'rapidocr_onnxruntime', 'onnxruntime', 'numpy'})\n"
        "print('HEAVY', heavy, status)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert "HEAVY [] 0" in result.stdout, result.stdout + result.stderr


TABLE_RULES = {"unbalanced-table", "empty-cell", "table-totals"}


@pytest.fixture(scope="module")
def word_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pytest.importorskip("docx")
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    folder = tmp_path_factory.mktemp("word")
    return {report: pdfmaker.build_pdf_via_word(EXAMPLES / report, folder / f"{Path(report).stem}.pdf") for report in REPORTS}


@pytest.mark.parametrize("report", REPORTS)
def test_word_saved_as_pdf_by_libreoffice(report: str, word_pdfs: dict[str, Path]) -> None:
    """A real Word-to-PDF conversion: justified paragraphs, table rows broken over a page break,
    LibreOffice's own table drawing. Every finding outside the tables is the text original's, at
    the paragraph holding what it points at; the table findings are on the same rows. (A row
    with a cell fewer than the others is drawn with its last cell widened over the missing one,
    so a figure can sit under another column's header: the table rules may say more there.)"""
    _, original = _check(EXAMPLES / report)
    expected = [d for d in original if _expressible(d)]
    _, found = _check(word_pdfs[report])
    if report.startswith("clean"):
        assert found == []
        return
    extracted = _extract(word_pdfs[report])
    source_lines = (EXAMPLES / report).read_text(encoding="utf-8").split("\n")
    text_want = [d for d in expected if d["rule"] not in TABLE_RULES]
    text_got = [d for d in found if d["rule"] not in TABLE_RULES]
    assert [d["rule"] for d in text_got] == [d["rule"] for d in text_want]
    for want, got in zip(text_want, text_got):
        pointed = source_lines[want["line"] - 1][want["column"] - 1 : want["end_column"] - 1] or source_lines[want["line"] - 1]
        assert _norm(pointed) in _norm(extracted[got["line"] - 1])
    table_rows = lambda ds, lines: {_norm(_first_cell(lines[d["line"] - 1])) for d in ds if d["rule"] in TABLE_RULES}  # noqa: E731
    assert table_rows(expected, source_lines) <= table_rows(found, extracted)


def test_a_page_the_layout_library_fails_on_is_named(pdfs: dict[tuple[str, str], Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfminer raises many kinds of errors on damaged content streams: the finding names the page."""
    from gialint.read import pdf as reader

    real = reader._layout_page

    def fails_on_page_two(page: Any, number: int, *rest: Any) -> list[Any]:
        if number == 2:
            raise ValueError("damaged content stream")
        return real(page, number, *rest)

    monkeypatch.setattr(reader, "_layout_page", fails_on_page_two)
    d = _finding(pdfs["clean-2021.md", "header-repeated"])
    assert "第 2 页无法解析" in d["message"] and "重新导出" in d["message"]
