"""空白单元格 / A table cell that must hold a number is blank, missing or holds text.

The format's tables are filled completely: where there is nothing, 0 is written (a blank cell
cannot be told from a forgotten one). A cell holding words (无, /, —) where a figure is due is
reported too. A table left entirely blank (weidian-2021.txt) is reported once, not cell by cell;
otherwise one finding per row names its blank columns.

**FAIL**::

    →（一）予以公开
    →
    →            ← seven blank cells

**PASS**::

    →（一）予以公开
    →0
    …
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint.checks._tables import (
    checked_tables,
    column_name,
    has_text_cells,
    row_phrase,
    table_name,
    value_rows,
)
from gialint.formats.labels import is_value
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document
from gialint.model.rule import Context, Message, Options, Rule


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    for table in checked_tables(doc):
        t = table.template
        rows = list(value_rows(table))
        # The cells that take a figure, row by row (all of them unless the table has text cells).
        if has_text_cells(t):
            due = [[v for v in r.values if t.kind(r.template, v.column) != "text"] for r in rows]
        else:
            due = [r.values for r in rows]  # type: ignore[misc]
        cells = sum(map(len, due))
        if not cells:
            continue
        empties = [[v for v in values if not v.text] for values in due]
        blank = sum(map(len, empties))
        name = table_name(t)
        if blank == cells and len(rows) > 1:
            first = rows[0]
            yield ctx.report(first.label_span, "all-blank", table=name, count=blank, rows=len(rows))
            continue
        for row, values, empty in zip(rows, due, empties, strict=True):
            if empty:
                names = [column_name(v.column, t) for v in empty]
                columns = "、".join(names) if len(names) <= 5 else ("全部" if len(names) == len(row.values) else "、".join(names[:5]) + "…")
                zh, en = row_phrase(row.template.label)
                yield ctx.report(empty[0].span, "blank", table=name, row=zh, row_en=en, columns=columns, count=len(empty))
            for v in values:
                if v.text and not is_value(v.text):
                    zh, en = row_phrase(row.template.label)
                    yield ctx.report(v.span, "text", table=name, row=zh, row_en=en, column=column_name(v.column, t), text=v.text)


RULES = (
    Rule(
        name="empty-cell",
        code="GIA204",
        summary_zh="表格中应填数字的单元格空白、缺失或填了文字（没有数据应填 0）",
        summary_en="A table cell that must hold a number is blank, missing or holds text (write 0 for none)",
        check=check,
        severity=Severity.WARNING,
        messages={
            "all-blank": Message(
                "{table}整张表没有填写数据（{rows} 行共 {count} 个单元格空白）：没有发生的事项也应填 0",
                "{table} has no figures at all ({count} blank cells in {rows} rows): write 0 wherever there is nothing",
            ),
            "blank": Message(
                "{table}{row}有 {count} 个单元格空白（{columns}）：没有数据应填 0",
                "{table}, {row_en}{count} cell(s) are blank ({columns}); write 0 where there is nothing",
            ),
            "text": Message(
                "{table}{row}“{column}”列填的是“{text}”而不是数字：应填写数字（没有则填 0）",
                '{table}, {row_en}column "{column}" holds "{text}" where a number is due: write the figure (0 for none)',
            ),
        },
        docs=__doc__ or "",
    ),
)
