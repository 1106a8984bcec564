"""PDF reports (``gialint[pdf]``: pdfplumber for layout and ruled tables, pypdfium2 for fast text).

First pypdfium2 checks the text layer of every page (fast): a password, no text at all (a scan)
or text that does not decode (``(cid:123)`` glyphs, few CJK characters among the letters) stops
here with a :class:`ReadError` saying what to do, unless the optional OCR extra is installed,
which then reads the page images. Then pdfplumber lays out each page: tables from ruling lines
(``lines_strict``: WPS paints a white rectangle behind every text line, which pdfplumber's
default strategy would take for a table), text lines outside the tables; glyphs pdfminer cannot
decode (``(cid:123)``) take the characters pdfium reads for them. The geometry is turned
into the report's paragraphs and tables by :mod:`gialint.read.pdf_text` and
:mod:`gialint.read.pdf_tables`.
"""

from __future__ import annotations

import io
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gialint.model.document import Place
from gialint.read import Extracted, ReadError
from gialint.read.pdf_glyphs import Glyphs
from gialint.read.pdf_tables import Grid, build_grid, continues, stitch
from gialint.read.pdf_text import Line, cjk_share, drop_furniture, measure, paragraphs

if TYPE_CHECKING:
    from gialint.read.parse.options import ParseOptions

TABLE_SETTINGS = {"vertical_strategy": "lines_strict", "horizontal_strategy": "lines_strict"}
MIN_PAGE_CHARS = 10
"""A page with fewer visible characters in its text layer counts as an image (a scan)."""
MIN_CJK_SHARE = 0.3
"""A Chinese report whose letters are less than this share CJK characters does not decode."""
MIN_LETTERS = 20

_OCR_HINT_ZH = "请提供 Word 原件，或安装文字识别组件后再检查（pip install 'gialint[ocr]'）"
_OCR_HINT_EN = "provide the Word original, or install text recognition and check again (pip install 'gialint[ocr]')"
NO_TEXT = (
    f"此 PDF 没有可用的文字层（可能是扫描件），无法检查其中的文字：{_OCR_HINT_ZH}",
    f"this PDF has no usable text layer (probably a scan), so its text cannot be checked: {_OCR_HINT_EN}",
)
GARBLED = (
    f"此 PDF 的文字层是乱码（字形无法还原为文字，如“(cid:123)”），无法检查其中的文字：{_OCR_HINT_ZH}",
    f"this PDF's text layer does not decode (glyphs such as '(cid:123)' instead of characters), so its text cannot be checked: {_OCR_HINT_EN}",
)
PASSWORD = (
    "此 PDF 设有打开密码，无法读取：请在 WPS 或 Acrobat 中取消密码后重新保存，或提供 Word 原件",
    "this PDF is protected by a password and cannot be read: remove the password in WPS or Acrobat and save it again, or provide the Word original",
)


@dataclass(slots=True)
class Survey:
    """What pypdfium2 found in the text layer."""

    pages: int
    empty: list[int]
    """Pages (1-based) without a text layer."""
    garbled: bool


def _visible(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def survey(data: bytes) -> Survey:
    """Check the text layer of every page with pypdfium2 (much faster than a layout pass)."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(*PASSWORD) from None
        raise ReadError(
            f"此文件不是有效的 PDF 或已损坏（{exc}）：请重新导出 PDF，或提供 Word 原件",
            f"this file is not a valid PDF or is damaged ({exc}): export the PDF again, or provide the Word original",
        ) from None
    try:
        empty: list[int] = []
        texts: list[str] = []
        for number in range(len(pdf)):
            page = pdf[number]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            if _visible(text) >= MIN_PAGE_CHARS:
                texts.append(text)
            else:
                empty.append(number + 1)
        return Survey(len(pdf), empty, garbled("".join(texts)))
    finally:
        pdf.close()


def garbled(text: str) -> bool:
    """Text whose glyphs did not decode: ``(cid:…)`` codes, replacement or private-use
    characters, or letters that are mostly not CJK (a Chinese report's text is)."""
    if not text.strip():
        return False
    visible = max(_visible(text), 1)
    broken = text.count("(cid:") * 8 + sum(1 for c in text if c == "\ufffd" or "\ue000" <= c <= "\uf8ff")
    if broken / visible > 0.1:
        return True
    letters, share = cjk_share(text)
    return letters >= MIN_LETTERS and share < MIN_CJK_SHARE


# --- layout -------------------------------------------------------------------------------


def _inside(obj: dict[str, Any], boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _layout_page(page: Any, number: int, glyphs: Glyphs | None = None) -> list[Line | Grid]:
    """The lines and tables of one page, top to bottom."""
    from pdfplumber.utils.text import extract_text

    if glyphs is not None:
        glyphs.mend(page, number)
    tables = page.find_tables(table_settings=TABLE_SETTINGS)
    chars = page.chars
    items: list[Line | Grid] = []
    boxes = [t.bbox for t in tables]
    by_middle = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    middles = [(c["top"] + c["bottom"]) / 2 for c in by_middle]

    def cell_text(box: tuple[float, float, float, float]) -> tuple[str, float | None]:
        band = by_middle[bisect_left(middles, box[1]) : bisect_right(middles, box[3])]
        inside = [c for c in band if box[0] <= (c["x0"] + c["x1"]) / 2 <= box[2]]
        return (str(extract_text(inside)), min(c["x0"] for c in inside)) if inside else ("", None)

    for table in tables:
        items.append(build_grid(table.cells, cell_text, number))
    body = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)) if boxes else page
    for found in body.extract_text_lines(return_chars=True):
        sizes = [c["size"] for c in found["chars"]] or [10.0]
        size = statistics.median(sizes)
        items.append(Line(found["text"], found["x0"], found["x1"], found["top"], found["bottom"], size, number))
    items.sort(key=lambda item: item.top)
    return items


def _flow(items: Sequence[Line | Grid], heights: dict[int, float]) -> list[Line | Grid]:
    """Page furniture dropped, tables that go on over a page break stitched into one."""
    lines = [i for i in items if isinstance(i, Line)]
    kept = {id(line) for line in drop_furniture(lines, heights)}
    flow: list[Line | Grid] = []
    for item in items:
        if isinstance(item, Line) and id(item) not in kept:
            continue
        prev = flow[-1] if flow else None
        if isinstance(item, Grid) and isinstance(prev, Grid) and continues(prev, item, heights[prev.pages[-1]]):
            flow[-1] = stitch(prev, item)
            continue
        flow.append(item)
    return flow


def _runs(flow: Sequence[Line | Grid]) -> Iterator[list[Line] | Grid]:
    run: list[Line] = []
    for item in flow:
        if isinstance(item, Line):
            run.append(item)
            continue
        if run:
            yield run
            run = []
        yield item
    if run:
        yield run


def extracted(flow: Sequence[Line | Grid], notes: Sequence[str]) -> Extracted:
    """The extracted text: paragraphs and tables numbered in reading order, each with its page."""
    out = Extracted("pdf")
    out.notes.extend(notes)
    m = measure([i for i in flow if isinstance(i, Line)])
    paragraph = table = 0
    for run in _runs(flow):
        if isinstance(run, Grid):
            table += 1
            rows = run.texts()
            out.table(rows, [Place(table=table, row=k + 1, page=run.pages[k]) for k in range(len(rows))])
            continue
        for para in paragraphs(run, m):
            paragraph += 1
            out.paragraph(para.text, Place(paragraph=paragraph, page=para.page))
    return out


def read(path: str, data: bytes, options: ParseOptions) -> Extracted:
    import pdfplumber

    from gialint.read import pdf_ocr

    found = survey(data)
    notes: list[str] = []
    ocr_pages: list[int] = []
    if found.garbled or len(found.empty) == found.pages:
        if not pdf_ocr.available():
            raise ReadError(*(GARBLED if found.garbled else NO_TEXT))
        ocr_pages = list(range(1, found.pages + 1))
    elif found.empty:
        if pdf_ocr.available():
            ocr_pages = found.empty
        else:
            listed = "、".join(str(p) for p in found.empty)
            notes.append(f"第 {listed} 页没有文字层（可能是扫描页），其内容未检查；安装 gialint[ocr] 可识别 / page(s) {listed} have no text layer and were not checked")
    items: list[Line | Grid] = []
    heights: dict[int, float] = {}
    number = 0
    glyphs = Glyphs(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                heights[number] = float(page.height)
                if number not in ocr_pages:
                    items.extend(_layout_page(page, number, glyphs))
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer's errors on damaged content have many types
        where, where_en = (f"第 {number} 页", f"page {number}") if number else ("文件", "the file")
        raise ReadError(
            f"此 PDF 的{where}无法解析，文件可能已损坏：请重新导出 PDF，或提供 Word 原件",
            f"{where_en} of this PDF cannot be parsed; the file may be damaged: export the PDF again, or provide the Word original",
        ) from exc
    finally:
        glyphs.close()
    text = " ".join(i.text for i in items if isinstance(i, Line))
    if "(cid:" in text and garbled(text):  # glyphs neither pdfminer nor pdfium could decode
        raise ReadError(*GARBLED)
    if ocr_pages:
        ocr_items = pdf_ocr.read_pages(data, ocr_pages)
        notes.append(pdf_ocr.note(ocr_pages))
        items = sorted([*items, *ocr_items], key=lambda i: (i.page if isinstance(i, Line) else i.pages[0], i.top))
    return extracted(_flow(items, heights), notes)
