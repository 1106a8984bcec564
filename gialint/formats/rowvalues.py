"""A matched row's figures, read for its template's columns, and the tables the matcher builds
from them (figures joined with no separator are split here by the table's arithmetic).
"""

from __future__ import annotations

from collections.abc import Sequence

from gialint.formats.labels import is_value, item_number, parse_number
from gialint.formats.matched import CellValue, HeaderCell, MatchedRow, MatchedTable
from gialint.formats.templates import Relation, TableTemplate
from gialint.model.document import Cell, Row, Span, Table
from gialint.read.parse.joined import JoinedRow, resolve


class Builder:
    def __init__(self, template: TableTemplate) -> None:
        self.template = template
        self.rows: dict[str, MatchedRow] = {}
        self.header: list[HeaderCell] = []
        self.first_line = 0
        self.last_line = 0
        self.sources: set[int] = set()

    def touch(self, line: int, source: Table | None = None) -> None:
        if source is not None:
            self.sources.add(source.span.line)
        self.first_line = line if not self.first_line else min(self.first_line, line)
        self.last_line = max(self.last_line, line)

    def freeze(self, relations: Sequence[Relation]) -> MatchedTable:
        rows, joined = split_joined(self.template, relations, dict(self.rows))
        return MatchedTable(self.template, rows, tuple(self.header), self.first_line, self.last_line, max(1, len(self.sources)), joined)


def split_joined(
    template: TableTemplate, relations: Sequence[Relation], rows: dict[str, MatchedRow]
) -> tuple[dict[str, MatchedRow], tuple[JoinedRow, ...]]:
    """Rows whose digits were joined, split by the table's arithmetic where exactly one split fits."""
    runs = {key: row.values[0] for key, row in rows.items() if row.values and row.values[0].joined}
    if not runs:
        return rows, ()
    known = {
        key: {v.column.key: v.value for v in row.values if v.value is not None}
        for key, row in rows.items()
        if key not in runs
    }
    found = resolve(template, relations, {key: run.text for key, run in runs.items()}, known)
    for key, result in found.items():
        split = result.split
        if split is None:
            continue
        run = runs[key]
        values, offset = [], 0
        for column, figure in zip(template.columns, split, strict=True):
            text = result.digits[offset : offset + len(str(figure))]
            col = run.span.column + offset
            values.append(CellValue(column, text, Span(run.span.line, col, run.span.line, col + len(text)), True, float(figure), split=True))
            offset += len(text)
        rows[key] = rows[key].replace(values=tuple(values))
    return rows, tuple(found[key] for key in runs)


def row_values(template: TableTemplate, row: Row, zone: Sequence[Cell], label_text: str, lead: int = 0) -> tuple[CellValue, ...]:
    """The row's figures for the template's columns. ``lead``: how many grid cells after the
    label come before the column where the table's other rows start their figures."""
    columns = template.columns
    filled = [c for c in zone if c.text]
    if len(filled) == 1 and filled[0].joined and len(columns) >= 2 and len(filled[0].text) >= len(columns):
        run = filled[0]  # figures joined with no separator: split later, by the table's arithmetic
        return tuple(CellValue(column, run.text, run.span, True, None, joined=True) for column in columns)
    if len(filled) == len(columns) + 1 and (number := item_number(label_text)) is not None and parse_number(filled[0].text) == number:
        filled = filled[1:]  # PDF exports repeat a sub-item's number as a cell of its own
    if len(filled) == len(columns):
        chosen: list[Cell | None] = list(filled)
    else:
        if 0 < lead <= len(zone) and not any(c.text for c in zone[:lead]):
            zone = zone[lead:]  # blank grid cells of a label merged across columns, not figures
        chosen = [*zone[: len(columns)]] + [None] * max(0, len(columns) - len(zone))
    end = row.cells[-1].span if row.cells else Span(row.line, 1, row.line, 1)
    out = []
    for column, cell in zip(columns, chosen, strict=True):
        if cell is None:
            out.append(CellValue(column, "", Span(end.end_line, end.end_column, end.end_line, end.end_column), False, None))
        else:
            out.append(CellValue(column, cell.text, cell.span, True, parse_number(cell.text) if cell.text else None))
    return tuple(out)


def figures_start(table: Table) -> int:
    """The grid column where most rows of ``table`` start their figures (0 when none has any).

    On a Word or web page grid a label merged across columns (``colspan``) is followed by blank
    cells; this tells them from a blank first figure in a row that lacks a cell."""
    starts: dict[int, int] = {}
    for row in table.rows:
        at = [i for i, c in enumerate(row.cells) if is_value(c.text)]
        if len(at) >= 2:
            starts[at[0]] = starts.get(at[0], 0) + 1
    return max(starts, key=lambda k: (starts[k], -k)) if starts else 0
