"""``--format xlsx`` (``pip install 'gialint[xlsx]'``, openpyxl): the score sheet as a workbook.

Sheet 1 (报告 / reports): one row per report — agency, county, year, deduction score, counts by
severity and per rule — highest score first, with a filter on the header. Sheet 2 (问题 /
findings): every finding with its place. Written to ``--output FILE`` (a workbook is binary).
"""

from __future__ import annotations

from typing import BinaryIO, TextIO

from gialint.output import Report
from gialint.output.sheet import finding_rows, report_rows, safe_cell

BINARY = True
"""The CLI hands this format a binary stream (``--output`` is required on a terminal)."""


def write_binary(out: BinaryIO, report: Report) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    zh = report.lang != "en"
    book = Workbook()
    sheets = [(book.active, "报告" if zh else "reports", report_rows(report)), (None, "问题" if zh else "findings", finding_rows(report))]
    for sheet, title, rows in sheets:
        sheet = sheet if sheet is not None else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        if rows and rows[0]:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(rows[0]))}{len(rows)}"
            for index, header in enumerate(rows[0], 1):
                width = max(len(str(header)), *(len(str(r[index - 1])) for r in rows[1:200] if len(r) >= index), 4)
                sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    book.save(out)


def write(out: TextIO, report: Report) -> None:
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        raise OSError("the xlsx format writes a binary workbook: give --output FILE.xlsx")
    out.flush()
    write_binary(buffer, report)
    buffer.flush()
