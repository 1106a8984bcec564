"""Build PDF reports the way WPS/Word publish them, from a .md or .txt report (reportlab).

Used by tests/test_read_pdf.py and bench/read_pdf.py. reportlab's built-in CJK font
(``STSong-Light``, a CID font every PDF viewer has) needs no font file. The PDFs have what real
ones have: ruled tables (``GRID``), long paragraphs wrapped over lines, justified lines with
spaces between CJK characters, page numbers in the footer (``- 3 -``), a table that goes on onto
the next page (with or without its header repeated), a row with a cell missing (no border),
merged cells (``SPAN``) and a narrow column whose text comes out one character per line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=18, wordWrap="CJK", alignment=TA_JUSTIFY, firstLineIndent=21, spaceAfter=4)
HEADING = ParagraphStyle("heading", parent=BODY, fontSize=12, leading=20, firstLineIndent=0, spaceBefore=6)
TITLE = ParagraphStyle("title", parent=BODY, fontSize=16, leading=26, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=12)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12, wordWrap="CJK")


@dataclass
class Block:
    kind: str  # "title", "heading", "paragraph", "table"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


def blocks_of(path: Path) -> list[Block]:
    """The report's title, headings, paragraphs and tables (a .md with pipe tables, or a .txt
    with one line per paragraph and tab-separated table rows)."""
    out: list[Block] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    markdown = path.suffix == ".md"
    for line in lines:
        if markdown and re.match(r"^\|[-| ]+\|$", line.strip()):
            continue
        cells = None
        if markdown and line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
        elif "\t" in line:
            cells = line.split("\t")
        if cells is not None:
            if not out or out[-1].kind != "table":
                out.append(Block("table"))
            out[-1].rows.append(cells)
            continue
        text = re.sub(r"^#+\s*|\*\*", "", line).strip()
        if not text:
            if out and out[-1].kind == "table":
                out.append(Block("end"))
            continue
        if not any(b.kind == "title" for b in out):
            out.append(Block("title", text))
        elif re.match(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", text) and len(text) < 30:
            out.append(Block("heading", text))
        else:
            out.append(Block("paragraph", text))
    return [b for b in out if b.kind != "end"]


def spaced(text: str) -> str:
    """Text as a justified WPS line comes out: a space between every two CJK characters."""
    return re.sub(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])", " ", text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(rows: Sequence[Sequence[str]], *, repeat_header: bool, narrow_first: bool, merge_groups: bool) -> Table:
    width = max(len(r) for r in rows)
    usable = A4[0] - 40 * mm
    if width >= 10:
        widths = [usable / width] * width
    elif narrow_first:
        widths = [usable * 0.42] + [usable * 0.58 / (width - 1)] * (width - 1)
    else:
        widths = [usable * 0.4] + [usable * 0.6 / (width - 1)] * (width - 1) if width > 1 else [usable]
    data = [[Paragraph(_escape(c), CELL) for c in [*row, *[""] * (width - len(row))]] for row in rows]
    style: list[tuple[object, ...]] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for r, row in enumerate(rows):
        # a row that really has fewer cells: no border around the cells it lacks
        style.append(("GRID", (0, r), (len(row) - 1, r), 0.6, "black"))
        if merge_groups and len(row) == width and row[0] and not any(row[1:]):
            style.append(("SPAN", (1, r), (-1, r)))  # a group row: its empty cells are one merged cell
    return Table(data, colWidths=widths, repeatRows=1 if repeat_header else 0, style=TableStyle(style))


class WpsParagraph(Paragraph):
    """A paragraph as WPS draws it: a white filled rectangle behind every text line (pdfplumber's
    default table strategy takes each for a one-cell table)."""

    def draw(self) -> None:
        lines = max(len(getattr(self, "blPara").lines), 1)
        step = self.height / lines
        self.canv.saveState()
        self.canv.setFillColorRGB(1, 1, 1)
        self.canv.setStrokeColorRGB(1, 1, 1)
        for k in range(lines):
            self.canv.rect(0, k * step, self.width, step * 0.9, fill=1, stroke=1)
        self.canv.restoreState()
        super().draw()


class _Footer:
    def __init__(self, header: str) -> None:
        self.header = header

    def __call__(self, canvas: object, doc: object) -> None:
        page = canvas.getPageNumber()  # type: ignore[attr-defined]
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(FONT, 9)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {page} -")  # type: ignore[attr-defined]
        if self.header:
            canvas.drawRightString(A4[0] - 20 * mm, A4[1] - 12 * mm, f"{self.header}  第 {page} 页")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]


def build_pdf(
    source: Path,
    target: Path,
    *,
    repeat_header: bool = True,
    justify_spaced: str = "邮编",
    header: str = "",
    pages_before_table3: float = 0.45,
    merge_groups: bool = True,
    copies: int = 1,
    wps_rects: bool = False,
) -> Path:
    """Write ``target``: the report of ``source`` laid out as a published PDF.

    ``justify_spaced``: the paragraph holding this text gets spaces between its CJK characters.
    ``pages_before_table3``: part 三 starts on a new page this far down (share of a page), so
    that table 三 goes on onto the next page. ``copies``: the body repeated (a long PDF
    for the benchmark). ``wps_rects``: white rectangles behind the text lines, as WPS draws."""
    story: list[Flowable] = []
    kind = WpsParagraph if wps_rects else Paragraph
    blocks = blocks_of(source)
    for copy in range(copies):
        if copy:
            story.append(PageBreak())
        for block in blocks:
            if block.kind == "title":
                story.append(Paragraph(_escape(block.text), TITLE))
            elif block.kind == "heading":
                if block.text.startswith("三、") and pages_before_table3:
                    story.append(PageBreak())
                    story.append(Spacer(1, (A4[1] - 50 * mm) * pages_before_table3))
                story.append(kind(_escape(block.text), HEADING))
            elif block.kind == "paragraph":
                text = spaced(block.text) if justify_spaced and justify_spaced in block.text else block.text
                story.append(kind(_escape(text), BODY))
            else:
                story.append(Spacer(1, 4))
                story.append(_table(block.rows, repeat_header=repeat_header, narrow_first=False, merge_groups=merge_groups))
                story.append(Spacer(1, 8))
    doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm, bottomMargin=22 * mm)
    doc.build(story, onFirstPage=_Footer(header), onLaterPages=_Footer(header))
    return target


def build_narrow_column_table(target: Path) -> Path:
    """A PDF with one table whose first column is narrow and merged down several rows: its label
    comes out one character per line (``三\\n、\\n本\\n年…``), as in real table 三 layouts."""
    rows = [
        ["三、本年度办理结果", "（一）予以公开", "2"],
        ["", "（二）部分公开", "1"],
        ["", "（三）不予公开", "0"],
    ]
    data: list[list[object]] = [[Paragraph(_escape(c), CELL) for c in row] for row in rows]
    data[0][0] = "\n".join(rows[0][0])  # one character per line, as the narrow cell lays it out
    style = TableStyle([
        ("FONT", (0, 0), (0, -1), FONT, 9, 11),
        ("GRID", (0, 0), (-1, -1), 0.6, "black"),
        ("SPAN", (0, 0), (0, 2)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (0, -1), 2),
        ("RIGHTPADDING", (0, 0), (0, -1), 2),
    ])
    doc = SimpleDocTemplate(str(target), pagesize=A4)
    story: list[Flowable] = [Paragraph("表格", BODY), Table(data, colWidths=[15, 200, 60], rowHeights=[40, 40, 40], style=style)]
    doc.build(story)
    return target


def build_image_pdf(source_pdf: Path, target: Path, pages: int = 1) -> Path:
    """A scan: the first ``pages`` pages of ``source_pdf`` rendered to images, no text layer."""
    import pypdfium2
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    pdf = pypdfium2.PdfDocument(str(source_pdf))
    canvas = Canvas(str(target), pagesize=A4)
    for number in range(min(pages, len(pdf))):
        image = pdf[number].render(scale=2).to_pil()
        canvas.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        canvas.showPage()
    canvas.save()
    pdf.close()
    return target


def build_split_group_table(target: Path) -> Path:
    """Part of table 三 at the bottom of page 1 and its rest at the top of page 2, as Word splits
    it: the group label ``（四）无法提供`` sits in a cell merged down its items on page 1, and the
    piece of that cell on page 2 is empty; on page 2 the border between the group column and the
    item column is missing in that row, and the header is not repeated."""
    widths = [90, 250, 60]
    first = [["项目", "", "总计"], ["（四）无法提供", "1.本机关不掌握相关政府信息", "1"], ["", "2.没有现成信息需要另行制作", "0"]]
    rest = [["", "3.补正后申请内容仍不明确", "0"], ["（五）不予处理", "1.信访举报投诉类申请", "0"]]
    on_page1 = TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black"), ("SPAN", (0, 0), (1, 0)), ("SPAN", (0, 1), (0, 2)), ("FONT", (0, 0), (-1, -1), FONT, 9)])
    on_page2 = TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, "black"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.6, "black"),
        ("LINEAFTER", (1, 0), (1, -1), 0.6, "black"),
        ("LINEAFTER", (0, 1), (0, -1), 0.6, "black"),  # not in row 0: its group/item border is missing
        ("FONT", (0, 0), (-1, -1), FONT, 9),
    ])
    story: list[Flowable] = [
        Paragraph("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", BODY),
        Spacer(1, A4[1] - 50 * mm - 120),
        Table(first, colWidths=widths, style=on_page1),
        PageBreak(),
        Table(rest, colWidths=widths, style=on_page2),
        Paragraph("四、政府信息公开行政复议、行政诉讼情况", HEADING),
    ]
    SimpleDocTemplate(str(target), pagesize=A4, topMargin=25 * mm, bottomMargin=25 * mm).build(story, onFirstPage=_Footer(""), onLaterPages=_Footer(""))
    return target


def build_pdf_via_word(source: Path, target: Path, *, timeout: float = 120) -> Path:
    """Write ``target`` the way most published reports are made: the report as a Word file
    (python-docx: justified paragraphs with a first-line indent, ``Table Grid`` tables whose rows
    may break across pages), saved as PDF by LibreOffice (``soffice --convert-to pdf``)."""
    import shutil
    import subprocess
    import tempfile

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    for block in blocks_of(source):
        if block.kind == "table":
            width = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                cells = table.rows[r].cells
                for c, text in enumerate(row):
                    cells[c].text = text
                for missing in cells[len(row) :]:  # a row that really has fewer cells
                    missing._tc.getparent().remove(missing._tc)
            document.add_paragraph()  # Word joins two tables with nothing between them into one
            continue
        paragraph = document.add_paragraph(block.text)
        if block.kind == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "paragraph":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Pt(21)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise FileNotFoundError("soffice")
    with tempfile.TemporaryDirectory() as folder:
        word = Path(folder) / f"{target.stem}.docx"
        document.save(str(word))
        profile = Path(folder) / "profile"  # a private profile: parallel conversions do not collide
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", folder, str(word)],
            check=True, capture_output=True, timeout=timeout,
        )
        shutil.move(str(Path(folder) / f"{target.stem}.pdf"), target)
    return target
