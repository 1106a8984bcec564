"""Test helper: a report's text (Markdown or a tab-separated .txt export) → a real Word .docx.

Built with python-docx, the way an office writes the report in Word: the title in the Title
style, part headings (一、) in Heading 1 and sub-part headings (（一）) in Heading 2, tables as
real Word tables, ``**bold**`` as bold runs. Options give the shapes Word files have that text
cannot show:

- ``auto_numbering``: part and sub-part headings numbered by Word (numbering.xml: level 0
  ``chineseCounting`` with ``%1、``, level 1 ``chineseCounting`` with ``（%2）``), their numerals
  removed from the text. A heading whose numeral is not the next number (a skipped part) gets a
  list of its own restarted there (``w:lvlOverride/w:startOverride``), as Word does when a
  person types over the number.
- ``merged_table3``: table 三's header becomes the format's three header rows with merged
  cells (the 勾稽关系 note merged down three rows, 申请人情况 across seven columns, 自然人 and
  总计 down two rows, 法人或其他组织 across five), and its group rows (三、本年度办理结果,
  （三）不予公开 …) one cell merged across the row.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

_PART = re.compile(r"^([一二三四五六七八九十]{1,3})、")
_SUB = re.compile(r"^（([一二三四五六七八九十]{1,3})）")
_CN = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
_NOTE = re.compile(r"^（本列数据的勾稽关系为")
_TABLE3_HEAD = ("项目", "自然人", "商业企业")

_ABSTRACT = f"""<w:abstractNum {nsdecls('w')} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
    <w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
    <w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>"""


def _value(numeral: str) -> int:
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _CN[numeral[1]]
    if len(numeral) == 1:
        return _CN[numeral]
    return _CN[numeral[0]] * 10 + (_CN[numeral[-1]] if numeral[-1] != "十" else 0)


class _Numbering:
    """Adds the heading list to numbering.xml and hands out numIds (new ones for restarts)."""

    def __init__(self, document: docx.document.Document) -> None:
        self.root = document.part.numbering_part.element
        first_num = self.root.find(qn("w:num"))
        abstract = parse_xml(_ABSTRACT)
        if first_num is not None:
            first_num.addprevious(abstract)  # abstractNums come before nums in numbering.xml
        else:
            self.root.append(abstract)
        self.next_id = 90
        self.current = self._num(None)
        self.counters = [0, 0]

    def _num(self, restart: tuple[int, int] | None) -> str:
        self.next_id += 1
        override = ""
        if restart is not None:
            level, start = restart
            override = f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        self.root.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="{self.next_id}"><w:abstractNumId w:val="90"/>{override}</w:num>')
        )
        return str(self.next_id)

    def number(self, paragraph: docx.text.paragraph.Paragraph, level: int, value: int) -> None:
        expected = self.counters[level] + 1
        if value != expected:
            self.current = self._num((level, value))
        self.counters[level] = value
        if level == 0:
            self.counters[1] = 0
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{self.current}"/></w:numPr>'))


def _add_runs(paragraph: docx.text.paragraph.Paragraph, text: str) -> None:
    for k, piece in enumerate(text.split("**")):
        if piece:
            paragraph.add_run(piece).bold = k % 2 == 1 or None


def _cells(line: str, markdown: bool) -> list[str]:
    if markdown:
        return [c.strip() for c in line.strip().strip("|").split("|")]
    return [c.strip() for c in line.split("\t")]


def _merge_down(table: docx.table.Table, top: int, bottom: int, column: int) -> None:
    table.cell(top, column).merge(table.cell(bottom, column))


def _table3(document: docx.document.Document, rows: list[list[str]], note: str) -> None:
    """Table 三 with the format's merged header (three rows) instead of the one-row header."""
    width = len(rows[0])
    body = rows[1:]
    table = document.add_table(rows=3 + len(body), cols=width)
    table.style = "Table Grid"
    top = table.cell(0, 0).merge(table.cell(2, 0))
    top.text = note
    table.cell(0, 1).merge(table.cell(0, width - 1)).text = "申请人情况"
    _merge_down(table, 1, 2, 1)
    table.cell(1, 1).text = rows[0][1]
    table.cell(1, 2).merge(table.cell(1, width - 2)).text = "法人或其他组织"
    _merge_down(table, 1, 2, width - 1)
    table.cell(1, width - 1).text = rows[0][-1]
    for k in range(2, width - 1):
        table.cell(2, k).text = rows[0][k]
    for r, cells in enumerate(body, 3):
        if not any(cells[1:]):  # a group row: its label merged across the row
            table.cell(r, 0).merge(table.cell(r, width - 1)).text = cells[0]
            continue
        for cell, text in zip(table.rows[r].cells, cells):  # row.cells: table.cell(r, c) is slow
            cell.text = text
    _short_rows(table, body, width, 3)


def _table(document: docx.document.Document, rows: list[list[str]], note: str, merged: bool) -> None:
    last = document.element.body[-2] if len(document.element.body) > 1 else None  # [-1] is w:sectPr
    if last is not None and last.tag == qn("w:tbl"):
        document.add_paragraph()  # Word keeps an (empty) paragraph between two tables, or they merge
    if merged and rows and tuple(rows[0][:3]) == _TABLE3_HEAD:
        _table3(document, rows, note)
        return
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    _short_rows(table, rows, width, 0)


def _short_rows(table: docx.table.Table, rows: list[list[str]], width: int, first: int) -> None:
    """Rows with fewer cells lose their last cells, as when a person deletes a cell in Word
    (删除单元格 → 右侧单元格左移): ``w:gridAfter``. After filling: python-docx's ``cell(r, c)``
    does not read such rows."""
    for r, cells in enumerate(rows, first):
        missing = width - len(cells)
        if missing <= 0 or not any(cells[1:]):
            continue
        tr = table.rows[r]._tr
        for tc in tr.findall(qn("w:tc"))[-missing:]:
            tr.remove(tc)
        tr.get_or_add_trPr().append(parse_xml(f'<w:gridAfter {nsdecls("w")} w:val="{missing}"/>'))


def report_docx(text: str, *, markdown: bool, auto_numbering: bool = False, merged_table3: bool = False) -> bytes:
    """The report ``text`` as the bytes of a .docx file."""
    document = docx.Document()
    if "Table Grid" not in [s.name for s in document.styles if s.type == WD_STYLE_TYPE.TABLE]:
        raise RuntimeError("python-docx's default template has no Table Grid style")
    numbering = _Numbering(document) if auto_numbering else None
    lines = text.split("\n")
    table: list[list[str]] = []
    note = ""
    pending_note: docx.text.paragraph.Paragraph | None = None
    for raw in [*lines, ""]:
        is_row = raw.lstrip().startswith("|") if markdown else "\t" in raw
        if is_row:
            if markdown and re.fullmatch(r"\s*\|?[\s|:-]+\|?\s*", raw):
                continue  # the Markdown separator line
            table.append(_cells(raw, markdown))
            continue
        if table:
            merged = merged_table3 and bool(note)
            if merged and pending_note is not None and tuple(table[0][:3]) == _TABLE3_HEAD:
                pending_note._p.getparent().remove(pending_note._p)  # the note moves into the header cell
            _table(document, table, note, merged)
            table, note, pending_note = [], "", None
        line = raw.strip()
        if not line:
            continue
        level = len(line) - len(line.lstrip("#"))
        body = line.lstrip("#").strip()
        plain = body.replace("**", "")
        if level >= 2:  # Markdown's heading depth is not Word's: the numbering decides the style
            level = 2
        if level == 1 or (not markdown and document.paragraphs == [] and "年度报告" in plain):
            document.add_paragraph(plain, style="Title")
            continue
        part, sub = _PART.match(plain), _SUB.match(plain)
        heading = level >= 2 or (not markdown and (part or sub) and "。" not in plain and len(plain) < 40)
        if heading and (part or sub):
            found = part or sub
            assert found is not None
            depth = 0 if part else 1
            paragraph = document.add_paragraph(style="Heading 1" if depth == 0 else "Heading 2")
            if numbering is not None:
                numbering.number(paragraph, depth, _value(found.group(1)))
                plain = plain[found.end():]
            _add_runs(paragraph, plain)
            continue
        paragraph = document.add_paragraph()
        _add_runs(paragraph, body)
        if _NOTE.match(plain):
            note, pending_note = plain, paragraph
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_report_docx(source: Path, target: Path, **options: bool) -> Path:
    """``source`` (.md or .txt) written as the .docx ``target``."""
    text = source.read_text(encoding="utf-8")
    target.write_bytes(report_docx(text, markdown=source.suffix == ".md", **options))
    return target


def paragraph_texts(data: bytes) -> list[str]:
    """The body paragraphs that show text, read back with python-docx (numbers Word draws are
    not part of python-docx's text)."""
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.text.strip()]
