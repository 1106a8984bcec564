"""表格行列不齐 / A table whose rows do not line up.

Word and PDF exports break tables in ways a reader of the published report also sees:

* a row with cells left out: fewer values than the rows around it, so the figures no longer sit
  under their columns (``(一) 予以公开`` with six figures where the other rows have seven);
* a row shifted by a missing leading cell: its label and figures start one or more cells to
  the left of its sibling rows (``7.属于行政执法案卷`` in the first cell instead of the third);
* a row with more or fewer cells than the table's header (Markdown pipe tables, tab rows);
* a table that stops mid-way: the next table starts with figures and no header row, as when
  a page break or a cut in the export lost rows.

Checking against the national templates (which rows and columns must exist) is the job of
``missing-table`` and ``table-labels``; this rule needs no template.

**FAIL**::

    →(三) 不予公开→1.属于国家秘密→0→0→0→0→0→0→0
    7.属于行政执法案卷→→0→0→0→0→0→0→0→

**PASS**: every row of a block has its label in the same cell and the same number of figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from gialint._lazy import lazy_re
from gialint.checks._common import is_number
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Cell, Document, Row, Span, Table
from gialint.model.rule import Context, Message, Options, Rule

_SUB_ITEM = lazy_re(r"^(\d{1,2})\s*[.、．]")
_CAPTION = lazy_re(r"^第[一二三四五六七八九十]+条")


def _values(row: Row) -> list[int]:
    return [i for i, c in enumerate(row.cells) if is_number(c.text)]


def _row_span(row: Row) -> Span:
    cells = [c for c in row.cells if c.text] or list(row.cells)
    return Span(row.line, cells[0].span.column, cells[-1].span.end_line, cells[-1].span.end_column)


def _is_header(row: Row) -> bool:
    filled = [c for c in row.cells if c.text]
    return len(filled) >= 2 and not any(is_number(c.text) for c in filled)


def _cell_counts(table: Table, ctx: Context) -> Iterator[Diagnostic]:
    if table.shape == "cell-per-line" or table.shape.startswith("text-") or len(table.rows) < 2:
        # one cell per line, or a table found in text by its labels: no cell grid to count
        return
    if table.shape == "pipe":
        expected = len(table.rows[0].cells)
        rows = table.rows[1:]
        yield from _count_against(rows, expected, "header", ctx)
        return
    # Tab rows: compare within each captioned block (table 二 stacks several small tables).
    block: list[Row] = []
    for row in table.rows:
        lone = [c.text for c in row.cells if c.text]
        if lone and _CAPTION.match(lone[0]):
            if block:
                yield from _count_against(block, Counter(len(r.cells) for r in block).most_common(1)[0][0], "rows", ctx)
            block = []
            continue  # the caption row spans the table; its cell count says nothing
        block.append(row)
    if block:
        yield from _count_against(block, Counter(len(r.cells) for r in block).most_common(1)[0][0], "rows", ctx)


def _count_against(rows: Sequence[Row], expected: int, source: str, ctx: Context) -> Iterator[Diagnostic]:
    for row in rows:
        if len(row.cells) != expected:
            yield ctx.report(_row_span(row), f"cell-count-{source}", count=len(row.cells), expected=expected)


def _groups(table: Table, numeric: list[list[int]]) -> Iterator[tuple[int | None, list[tuple[Row, list[int]]]]]:
    """Data rows grouped under their header rows, with the value count a one-row header implies.

    Table 二 stacks several small tables (第二十条第（一）项, （五）…) each with its own header;
    a multi-row header (table 三) implies nothing, and the rows' own majority decides.
    """
    headers: list[Row] = []
    group: list[tuple[Row, list[int]]] = []
    for row, values in zip(table.rows, numeric, strict=True):
        if values:
            group.append((row, values))
            continue
        if _is_header(row):
            if group:
                yield _implied(headers), group
                headers, group = [], []
            headers.append(row)
    if group:
        yield _implied(headers), group


def _implied(headers: list[Row]) -> int | None:
    if len(headers) != 1:
        return None
    filled = [c for c in headers[0].cells if c.text]
    return len(filled) - 1 if len(filled) >= 2 else None


def _left_out(table: Table, numeric: list[list[int]], ctx: Context) -> Iterator[Diagnostic]:
    for implied, data in _groups(table, numeric):
        counts = Counter(len(v) for _, v in data)
        expected, freq = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if implied is not None:
            expected = implied
        elif len(data) < 3 or freq < 2:
            continue
        for row, values in data:
            if len(values) >= expected or not any(not c.text for c in row.cells[values[0] :]):
                continue
            yield ctx.report(_row_span(row), "left-out", count=len(values), expected=expected)


def _label_at(cells: Sequence[Cell], values: list[int]) -> int | None:
    """The first cell holding a numbered sub-item label (``7.属于行政执法案卷``), not a figure.

    ``values`` are the figures' places: the cells before the first are no figures, and after
    it only the cells that are not figures need a look (most rows have none)."""
    first = values[0]
    label_at = next((i for i in range(first) if _SUB_ITEM.match(cells[i].text)), None)
    if label_at is None and len(values) < len(cells) - first:
        label_at = next((i for i in range(first + 1, len(cells)) if _SUB_ITEM.match(cells[i].text) and not is_number(cells[i].text)), None)
    return label_at


def _shifted(table: Table, numeric: list[list[int]], ctx: Context) -> Iterator[Diagnostic]:
    run_label: int | None = None
    run_value: int | None = None
    last_number = 0
    for row, values in zip(table.rows, numeric, strict=True):
        if not values:
            continue
        label_at = _label_at(row.cells, values)
        if label_at is None:
            continue
        number = int(_SUB_ITEM.match(row.cells[label_at].text).group(1))  # type: ignore[union-attr]
        if number == 1 or run_label is None or number != last_number + 1:
            run_label, run_value = label_at, values[0]
        elif label_at != run_label and values[0] != run_value:
            shift = (run_value or 0) - values[0]
            cell = row.cells[label_at]
            yield ctx.report(
                Span(row.line, cell.span.column, row.line, cell.span.end_column),
                "shifted-left" if shift > 0 else "shifted-right",
                label=cell.text,
                shift=abs(shift),
            )
        last_number = number


def _cut(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """A table followed, with only blank lines between, by a fragment without a header row.

    A chain of such fragments (a table split at every page) is reported once, at its start.
    """
    previous: Table | None = None
    in_chain = False
    broken = _broken_lines(doc)
    for table in doc.tables:
        fragment = False
        if previous is not None and table.section == previous.section and table.rows:
            gap = doc.lines[previous.span.end_line : table.span.line - 1]
            first = table.rows[0]
            lone = [c.text for c in first.cells if c.text]
            headerless = not _is_header(first) and bool(
                _values(first) or len(lone) == 1 and len(first.cells) > 2 and not _CAPTION.match(lone[0])
            )
            fragment = headerless and not any(line.strip() for line in gap)
            if fragment and not in_chain and table.span.line not in broken:
                yield ctx.report(_row_span(first), "cut", previous=previous.span.end_line)
        in_chain = fragment
        previous = table


def _broken_lines(doc: Document) -> set[int]:
    """Lines of the format's tables that ``missing-table`` reports as broken into headerless
    fragments: that finding already says the table was cut (one finding per cause)."""
    m = doc.match if doc.format is not None else None
    if m is None:
        return set()
    return {n for t in m.tables.values() if t.broken for n in range(t.first_line, t.last_line + 1)}


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    for table in doc.tables:
        yield from _cell_counts(table, ctx)
        numeric = [_values(row) for row in table.rows]  # the figures' places, once per row
        yield from _left_out(table, numeric, ctx)
        yield from _shifted(table, numeric, ctx)
    yield from _cut(doc, ctx)


RULES = (
    Rule(
        name="unbalanced-table",
        code="GIA201",
        summary_zh="表格行列不齐：某行缺格、错位，或表格中途断开",
        summary_en="Table rows do not line up: cells left out, a row shifted, or the table cut off",
        check=check,
        severity=Severity.WARNING,
        messages={
            "cell-count-header": Message(
                "此行有 {count} 个单元格，而表头有 {expected} 个：补齐缺少的单元格（没有数据也应填 0）",
                "this row has {count} cells but the header has {expected}: add the missing cells (write 0 where there is nothing)",
            ),
            "cell-count-rows": Message(
                "此行有 {count} 个单元格，而表格其他行有 {expected} 个：检查是否漏格或多格",
                "this row has {count} cells where the table's other rows have {expected}: a cell was lost or added",
            ),
            "left-out": Message(
                "此行只有 {count} 个数值，而同一表格其他行有 {expected} 个：有单元格漏填，数值与表头错位（没有数据应填 0）",
                "this row has only {count} figures where the other rows have {expected}: a cell was left out, so the "
                "figures no longer sit under their columns (write 0 where there is nothing)",
            ),
            "shifted-left": Message(
                "“{label}”这一行整体左移了 {shift} 格（缺少前面的合并单元格），数值已不在对应的列下：应与同组的其他行对齐",
                'the row "{label}" is shifted {shift} cell(s) to the left (a leading merged cell is missing), so its '
                "figures sit under the wrong columns: align it with its sibling rows",
            ),
            "shifted-right": Message(
                "“{label}”这一行整体右移了 {shift} 格，数值已不在对应的列下：应与同组的其他行对齐",
                'the row "{label}" is shifted {shift} cell(s) to the right, so its figures sit under the wrong columns: '
                "align it with its sibling rows",
            ),
            "cut": Message(
                "上一个表格在第 {previous} 行中途断开，此处接着的表格片段没有表头：表格的行或标题丢失了（常见于分页或导出），应补全表格",
                "the table above breaks off at line {previous} and this fragment has no header row: rows or headings "
                "were lost (a page break or the export); restore the whole table",
            ),
        },
        docs=__doc__ or "",
    ),
)
