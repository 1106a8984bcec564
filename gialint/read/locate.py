"""A finding's line and column in extracted text → the place in the Word/PDF/HTML file."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gialint.model.diagnostic import Diagnostic, Location
from gialint.model.document import Document, Row, Section, Table

QUOTE_CHARS = 24
"""How long a quote may be: enough to find the place with Word's 查找, short enough to read."""
_NUMBER = re.compile(r"^[\s\d.,，．%％+\-－—/]*$")


def heading_path(document: Document, line: int) -> tuple[str, ...]:
    """The headings above ``line``, outermost first (``三、…``, ``（三）…``)."""
    path: list[str] = []
    level: tuple[Section, ...] = document.sections
    while True:
        inside = next((s for s in level if s.span.line <= line <= s.end_line), None)
        if inside is None:
            return tuple(path)
        path.append(_as_written(document, inside))
        level = inside.children


def _as_written(document: Document, section: Section) -> str:
    """The heading as the file writes it (in traditional characters, if the file uses them)."""
    shown = f"{section.numeral}{section.title}".strip()
    view = document.view
    if view is None or "traditional" not in view.notes:
        return shown
    line, column, end_line, end_column = view.span(*_span_tuple(section))
    text = view.lines[line - 1] if 1 <= line <= len(view.lines) else ""
    written = text[column - 1 : end_column - 1].strip() if end_line == line else ""
    return written or shown


def _span_tuple(section: Section) -> tuple[int, int, int, int]:
    span = section.span
    return span.line, span.column, span.end_line, span.end_column


def _table_at(document: Document, line: int) -> Table | None:
    for table in document.tables:
        if table.span.line <= line <= table.span.end_line:
            return table
    return None


def _cell_index(text: str, column: int) -> int:
    """Which tab-separated cell of ``text`` holds 1-based ``column`` (0-based index)."""
    return text.count("\t", 0, max(column - 1, 0))


def _labels(table: Table | None, line: int, index: int) -> tuple[str, str]:
    """The row's label (its first non-numeric cell) and the column's (the nearest header cell above)."""
    if table is None:
        return "", ""
    row_label = column_label = ""
    rows = table.rows
    at = next((k for k, r in enumerate(rows) if r.line == line), None)
    if at is None:
        return "", ""
    cells = rows[at].cells
    header_row = len([c for c in cells if c.text]) > 1 and not any(c.text and _NUMBER.match(c.text) for c in cells)
    for cell in () if header_row else cells:  # the last label of the row's leading label cells
        if cell.text and _NUMBER.match(cell.text):
            break
        if cell.text:
            row_label = cell.text
    if index > 0:
        for k in range(at - 1, -1, -1):
            row = rows[k]
            if index < len(row.cells):
                text = row.cells[index].text
                if text and not _NUMBER.match(text):
                    column_label = _with_group(rows[:at], k, index, text)
                    break
    return row_label, column_label


def _with_group(above: Sequence[Row], k: int, index: int, label: str) -> str:
    """``复议后起诉 › 总计`` when ``label`` (in row ``k``) repeats in the rows above the finding
    (table 四 has three 总计): the nearest label at or left of the column in the header row
    above ``k``, the merged cell that spans it."""
    if k == 0 or sum(c.text == label for row in above for c in row.cells) < 2:
        return label
    group = next((c.text for c in reversed(above[k - 1].cells[: index + 1]) if c.text), "")
    return f"{group} › {label}" if group and not _NUMBER.match(group) else label


def quote_of(text: str, column: int, end_column: int) -> str:
    """The finding's own text if it has some, else the words around its column (one cell at most)."""
    start = max(column - 1, 0)
    end = end_column - 1 if end_column > column else start
    if "\t" in text:  # a table row: stay inside the cell
        left = text.rfind("\t", 0, start) + 1
        right = text.find("\t", start)
        right = len(text) if right < 0 else right
        start, end, text = start - left, min(end, right) - left, text[left:right]
    piece = text[start:end].strip()
    if len(piece) < 2:
        piece = text[max(start - QUOTE_CHARS // 2, 0) : start + QUOTE_CHARS // 2].strip()
    if len(piece) > QUOTE_CHARS:
        piece = piece[:QUOTE_CHARS] + "…"
    return piece


def locate(document: Document, d: Diagnostic) -> Location | None:
    """The place of ``d`` in the file ``document`` was extracted from (None for text input)."""
    origin = document.origin
    if origin is None:
        return None
    # ``d`` is in the extracted text; the document's sections and tables are in its normalised view.
    view = document.view
    at = view.view_line(d.line, d.column) if view is not None else d.line
    place = origin.place(d.line)
    text = view.lines[d.line - 1] if view is not None and 1 <= d.line <= len(view.lines) else document.line(d.line)
    heading = heading_path(document, at)
    quote = quote_of(text, d.column, d.end_column if d.end_line in (0, d.line) else len(text) + 1)
    if place is None:
        return Location(origin.kind, heading=heading, quote=quote)
    if place.table is not None:
        index = _cell_index(text, d.column)
        if "\t" in text and d.column > len(text) and not text.endswith("\t"):
            index += 1  # just past the row's last cell: the cell the row lacks (a short row)
        table = _table_at(document, at)
        row_label, column_label = _labels(table, at, index)
        name = f"表{table.section[0]}" if table is not None and table.section else ""
        if row_label and _NUMBER.match(quote):  # “0” finds nothing with 查找; the row's label does
            quote = row_label
        return Location(
            origin.kind,
            table=place.table,
            table_name=name,
            row=place.row,
            column=index + 1 if "\t" in text else None,
            row_label=row_label,
            column_label=column_label,
            page=place.page,
            heading=heading,
            quote=quote,
        )
    return Location(origin.kind, paragraph=place.paragraph, page=place.page, heading=heading, quote=quote)
