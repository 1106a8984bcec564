"""Table shapes of Word/PDF text exports, shared by both parsers.

Real exports write tables two ways:

* one row per line, cells separated by tabs (``规章\\t0\\t0\\t0``); a blank line ends the table, so
  a table broken by a page break comes out as several fragments;
* one cell per line, each line starting with a tab, rows separated by blank lines (Word's
  export of complex tables). A cell whose text wrapped continues on an untabbed line.

:func:`segment` turns a run of source lines into paragraph blocks and tables, keeping the
position of every cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from gialint._lazy import lazy_re
from gialint.model.document import Block, Cell, Row, Span, Table

_INDENT = " \u3000\xa0"
"""What may come before the tab of a one-cell line."""
_PART_HEADING = lazy_re(r"^\s*[一二三四五六七八九十]{1,3}\s*[、．.]")
_SENTENCE_END = lazy_re(r"[。！？]$")
_HEADING = lazy_re(r"^(?:[一二三四五六七八九十]{1,3}\s*、|[（(][一二三四五六七八九十]{1,3}[）)])")


def split_tab_row(line_no: int, line: str) -> Row:
    """One tab-separated line as a row, each cell with its exact span (a report's tables are mostly such
    cells: no helper call per cell)."""
    cells: list[Cell] = []
    start = 0
    for raw in line.split("\t"):
        stripped = raw.strip()
        if stripped:
            col = start + 1 if len(stripped) == len(raw) else start + len(raw) - len(raw.lstrip()) + 1
            cells.append(Cell(stripped, Span(line_no, col, line_no, col + len(stripped))))
        else:
            cells.append(Cell("", Span(line_no, start + 1, line_no, start + 1)))
        start += len(raw) + 1
    return Row(tuple(cells), line_no)


def _table(rows: list[Row], shape: str) -> Table:
    first = rows[0].cells[0].span if rows[0].cells else Span(rows[0].line, 1, rows[0].line, 1)
    last_row = rows[-1]
    last = last_row.cells[-1].span if last_row.cells else Span(last_row.line, 1, last_row.line, 1)
    end_line = max(c.span.end_line for c in last_row.cells) if last_row.cells else last_row.line
    return Table(tuple(rows), Span(first.line, 1, end_line, last.end_column), shape)  # type: ignore[arg-type]


def segment(lines: Sequence[str], first_line: int) -> list[Block | Table]:
    """Split ``lines`` (the first being line ``first_line``) into one-line paragraphs and tables.

    One ``str.find`` of a tab per line decides its kind (blank, paragraph, tab row, or a one-cell
    line: only blanks before its only tab), and the cells of one-cell lines are made inline: a
    Word export has thousands."""
    out: list[Block | Table] = []
    rows: list[Row] = []
    shape = ""

    def close() -> None:
        nonlocal rows, shape
        if rows:
            out.append(_table(rows, shape))
        rows, shape = [], ""

    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        line_no = first_line + i
        tab = line.find("\t")
        if tab < 0:
            stripped = line.strip()
            if not stripped:  # blank
                if shape == "tabs":
                    close()
            else:
                close()
                lead = 0 if len(stripped) == len(line) else len(line) - len(line.lstrip())
                out.append(Block("paragraph", stripped, Span(line_no, lead + 1, line_no, lead + 1 + len(stripped))))
            i += 1
            continue
        if line.find("\t", tab + 1) >= 0 or tab and line[:tab].strip(_INDENT):
            if shape != "tabs":
                close()
                shape = "tabs"
            rows.append(split_tab_row(line_no, line))
            i += 1
            continue
        cells: list[Cell] = []
        j = i
        while j < n:
            current = lines[j]
            at = current.find("\t")
            if at >= 0 and current.find("\t", at + 1) < 0 and (not at or not current[:at].strip(_INDENT)):
                # a one-cell line: its cell (_cell, inlined)
                at += 1
                raw = current[at:]
                text = raw.strip()
                ln = first_line + j
                if not text:
                    cells.append(Cell("", Span(ln, at + 1, ln, at + 1)))
                else:
                    col = at + 1 if len(text) == len(raw) else at + len(raw) - len(raw.lstrip()) + 1
                    cells.append(Cell(text, Span(ln, col, ln, col + len(text))))
            elif at >= 0 or not current.strip() or _PART_HEADING.match(current):
                break  # a tab row, a blank line or a part heading ends the row
            else:  # the wrapped text of the cell above
                prev = cells[-1]
                text = current.strip()
                lead = len(current) - len(current.lstrip())
                span = Span(
                    prev.span.line if prev.text else first_line + j,
                    prev.span.column if prev.text else lead + 1,
                    first_line + j,
                    lead + 1 + len(text),
                )
                cells[-1] = Cell((prev.text + text) if prev.text else text, span)
            j += 1
        lone = cells[0].text if len(cells) == 1 else ""
        if lone and (
            not rows and len(lone) > 40 and _SENTENCE_END.search(lone)
            or len(lone) <= 40 and _HEADING.match(lone)
        ):
            # A tab-indented paragraph or heading, not a one-cell row.
            close()
            out.append(Block("paragraph", cells[0].text, cells[0].span))
        else:
            if shape != "cell-per-line":
                close()
                shape = "cell-per-line"
            rows.append(Row(tuple(cells), cells[0].span.line))
        i = j
    close()
    return out
