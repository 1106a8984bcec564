"""表格未核对 / A table gialint could not read, so its figures were not checked.

Said once, instead of a cascade of findings that would all be wrong:

* a part whose text plainly holds a table's labels (表三's 本年新收政府信息公开申请数量,
  商业企业, 科研机构 …) where no row of the table could be read — ``missing-table``,
  ``table-labels`` and ``empty-cell`` then say nothing about that part;
* a table whose figures a web crawl joined with no separator (``行政规范性文件353535``) where the
  table's arithmetic does not tell one way to split them (see :mod:`gialint.read.parse.joined`). Rows split
  uniquely are checked, and findings that rely on such a split say so.

This is information for the reader of the report, not a defect of the report as published: the
table may be fine. Separating the cells (tabs, ``|`` or spaces) lets gialint check it.

**FAIL** (info)::

    规章353535         ← 3 cells from 6 digits: 3|5|3535, 35|35|35, … all fit

**PASS**: every table read, every row's figures separated or split uniquely.
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint.checks._tables import (
    checked_tables,
    table_name,
    table_name_en,
    unreadable_parts,
    unsplit_rows,
)
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Options, Rule


def _fit(values: tuple[int, ...]) -> str:
    return "|".join(map(str, values))


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    for part, (span, labels) in unreadable_parts(doc).items():
        shown = "、".join(labels[:3])
        yield ctx.report(span, "unreadable", part=part, labels=shown, count=len(labels))
    for table in checked_tables(doc):
        rows = unsplit_rows(table)
        if not rows:
            continue
        first = rows[0]
        row = table.rows[first.key]
        run = row.values[0].span
        where = Span(run.line, run.column, run.end_line, run.end_column)
        label = row.template.label
        in_row, in_row_en = (f"“{label}”行的", f'in row "{label}"') if label else ("", "")
        if len(first.fits) >= 2:
            detail = f"如{in_row} {first.digits} 可拆为 {_fit(first.fits[0])} 或 {_fit(first.fits[1])}"
            detail_en = f'e.g. {first.digits} {in_row_en} reads as {_fit(first.fits[0])} or {_fit(first.fits[1])}'
        elif first.gave_up:
            detail = f"如{in_row} {first.digits} 位数太多，拆法无法逐一核对"
            detail_en = f'e.g. {first.digits} {in_row_en} has too many digits to try every split'
        else:
            detail = f"如{in_row} {first.digits} 没有一种拆法能满足勾稽关系"
            detail_en = f'e.g. no split of {first.digits} {in_row_en} satisfies the table\'s arithmetic'
        yield ctx.report(
            where,
            "joined",
            table=table_name(table.template),
            table_en=table_name_en(table.template),
            count=len(rows),
            detail=detail,
            detail_en=detail_en,
        )


RULES = (
    Rule(
        name="table-unchecked",
        code="GIA209",
        summary_zh="表格无法读出，数据未核对（表格无法解析，或数字粘连且拆分不唯一）",
        summary_en="A table could not be read and was not checked (unparseable, or joined digits with more than one split)",
        check=check,
        severity=Severity.INFO,
        messages={
            "unreadable": Message(
                "第{part}部分有表格的标签（{labels}等 {count} 处），但表格无法解析，未核对：请把表格整理为每行一行、各单元格用制表符、“|”或空格分开",
                "part {part} holds a table's labels ({labels} and {count} in all) but the table could not be read; not "
                "checked: write one row per line with the cells separated by tabs, '|' or spaces",
            ),
            "joined": Message(
                "{table}有 {count} 行数字粘连且拆分不唯一，未核对（{detail}）：请用空格或“|”把各单元格的数字分开",
                "{table_en}: the digits of {count} row(s) were joined and more than one split fits, so they were not "
                "checked ({detail_en}); separate the figures of each cell with spaces or '|'",
            ),
        },
        docs=__doc__ or "",
    ),
)
