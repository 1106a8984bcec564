"""缺少表格或表格不完整 / A table the format requires is missing, incomplete, or has no header.

Reads the report's tables matched against the active format (2019 or 2021, chosen by the
report's year; see ``rules/gov-2021.yaml``). Reported once per table, never row by row:

* a required table that is not there (when its part's heading is present; a missing part is
  ``missing-section``'s finding), once per part: table 二's four blocks missing are one finding;
* a table that stops early or lacks rows (part 三's table ending after （三）2);
* a table whose header row (its column labels) is missing, as when only the figures survived.

Parts that follow the other format's tables are left to ``format-version``; a part whose text
holds the table's labels but whose table could not be read is left to ``table-unchecked``
(one information, not a cascade of missing rows).

**FAIL**::

    三、收到和处理政府信息公开申请情况
    …
    →(三) 不予公开→1. 属于国家秘密→0→0→0→0→0→0→0
    →→2. 其他法律行政法规禁止公开→0→0→0→0→0→0→0      ← the table ends here

**PASS**: every table of the format with all its rows and its header.
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint.checks._common import part_range
from gialint.checks._tables import active, row_name, table_name, unreadable_parts
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document
from gialint.model.numbering import cn_to_int
from gialint.model.rule import Context, Message, Options, Rule


def _list(names: list[str], limit: int = 4) -> str:
    shown = "、".join(names[:limit])
    return shown + (f" 等 {len(names)} 行" if len(names) > limit else "")


def _list_en(names: list[str], limit: int = 4) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    m = active(doc)
    if m is None:
        return
    fmt = m.format
    unreadable = unreadable_parts(doc)
    absent: dict[str, list[tuple[str, int]]] = {}
    for template in fmt.tables:
        if template.part in m.foreign or template.part in unreadable:
            continue  # format-version, or table-unchecked (labels there, table unreadable), says it
        part = part_range(doc, cn_to_int(template.part) or 0)
        matched = m.tables.get(template.id)
        name = table_name(template)
        if matched is None or not matched.rows:
            if part is None:
                continue  # the whole part is missing: missing-section says so
            where = matched.first_line if matched is not None else part[0].line
            absent.setdefault(template.part, []).append((name, where))
            continue
        if matched.broken:
            rows = len(matched.rows)
            yield ctx.report(doc.line_span(matched.first_line), "broken", table=name, fragments=matched.fragments, rows=rows)
            continue
        values = [r for r in template.rows if r.group != "group"]
        missing = [r for r in values if r.key not in matched.rows]
        present = [r for r in values if r.key in matched.rows]
        if missing:
            order = [r.key for r in values]
            last_present = max(order.index(r.key) for r in present)
            truncated = all(order.index(r.key) > last_present for r in missing)
            last_row = matched.rows[values[last_present].key]
            names = [row_name(r) for r in missing]
            if truncated:
                span = doc.line_span(last_row.line)
                yield ctx.report(span, "truncated", table=name, after=row_name(values[last_present]), rows=_list(names), rows_en=_list_en(names), count=len(names))
            else:
                span = doc.line_span(matched.first_line)
                yield ctx.report(span, "rows", table=name, rows=_list(names), rows_en=_list_en(names), count=len(names))
        if not matched.header_found() and any(c.label for c in template.columns):
            first = min(r.line for r in matched.rows.values())
            labels = "、".join(dict.fromkeys(c.label for c in template.columns if c.label))
            yield ctx.report(doc.line_span(first), "no-header", table=name, labels=labels)
    for part_no, tables in absent.items():
        # One finding per part: table 二's four blocks missing are one missing table.
        names = "、".join(name for name, _ in tables)
        yield ctx.report(doc.line_span(tables[0][1]), "absent", table=names, part=part_no, format=fmt.name_zh, format_en=fmt.name_en)


RULES = (
    Rule(
        name="missing-table",
        code="GIA103",
        summary_zh="统一格式要求的表格缺失、不完整或缺少表头",
        summary_en="A table the national format requires is missing, incomplete or has no header row",
        check=check,
        severity=Severity.ERROR,
        messages={
            "absent": Message(
                "缺少{table}：{format}要求第{part}部分填报此表",
                "{table} is missing: the {format_en} requires it in part {part}",
            ),
            "truncated": Message(
                "{table}在“{after}”之后中断，缺少 {count} 行（{rows}）：应补全整张表格",
                '{table} stops after "{after}": {count} row(s) are missing ({rows_en}); restore the whole table',
            ),
            "rows": Message(
                "{table}缺少 {count} 行（{rows}）：统一格式的行不得删减",
                "{table} lacks {count} row(s) ({rows_en}): the format's rows may not be left out",
            ),
            "broken": Message(
                "{table}被拆成 {fragments} 段且没有表头，只能认出 {rows} 行，无法逐格核对：应按统一格式重新整理整张表格（常见于 PDF 分页导出）",
                "{table} is broken into {fragments} fragments without a header; only {rows} rows can be recognised and it "
                "cannot be checked cell by cell: rebuild the whole table in the format (a PDF page-split export does this)",
            ),
            "no-header": Message(
                "{table}没有表头，读者无法知道各列含义：应补上表头（{labels}）",
                "{table} has no header row, so its columns cannot be read: add the header ({labels})",
            ),
        },
        docs=__doc__ or "",
    ),
)
