"""A matched row's figures, read for its template's columns, and the tables the matcher builds
from them (figures joined with no separator are split here by the table's arithmetic).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gialint.formats.labels import is_value, item_number, parse_number
from gialint.formats.matched import CellValue, HeaderCell, MatchedRow, MatchedTable
from gialint.formats.templates import Label, Relation, TableTemplate
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


Plan = tuple[tuple[int, "float | None"], ...]
"""For each of a template's columns, the index of the cell read for it among the cells after the
label (-1: the row has none) and its figure: what :func:`row_values` decides from the texts."""


def row_values(template: TableTemplate, row: Row, zone: Sequence[Cell], label_text: str, lead: int = 0) -> tuple[CellValue, ...]:
    """The row's figures for the template's columns. ``lead``: how many grid cells after the
    label come before the column where the table's other rows start their figures."""
    columns = template.columns
    texts = [c.text for c in zone]
    plan = value_plan(len(columns), texts, label_text, lead)
    if plan is None:
        run = next(c for c in zone if c.text)
        if run.joined:  # figures joined with no separator: split later, by the table's arithmetic
            return tuple(CellValue(column, run.text, run.span, True, None, joined=True) for column in columns)
        plan = value_plan(len(columns), texts, label_text, lead, joined=False)
        assert plan is not None
    return planned_values(columns, row, zone, plan)


def value_plan(columns: int, texts: Sequence[str], label_text: str, lead: int, joined: bool | None = None) -> Plan | None:
    """Which of the cells after a row's label (their ``texts``) hold the figures of a template's
    ``columns`` columns, and the figures. None where that depends on whether the one filled cell
    holds figures joined with no separator (the cell knows, its text does not): ``joined`` tells."""
    filled = [i for i, t in enumerate(texts) if t]
    if len(filled) == 1 and columns >= 2 and len(texts[filled[0]]) >= columns and joined is not False:
        return None
    if len(filled) == columns + 1 and (number := item_number(label_text)) is not None and parse_number(texts[filled[0]]) == number:
        filled = filled[1:]  # PDF exports repeat a sub-item's number as a cell of its own
    chosen: list[int]
    if len(filled) == columns:
        chosen = filled
    else:
        start = 0
        if 0 < lead <= len(texts) and not any(texts[:lead]):
            start = lead  # blank grid cells of a label merged across columns, not figures
        chosen = [*range(start, min(len(texts), start + columns))]
        chosen += [-1] * (columns - len(chosen))
    return tuple((i, parse_number(texts[i]) if i >= 0 and texts[i] else None) for i in chosen)


def planned_values(columns: Sequence[Label], row: Row, zone: Sequence[Cell], plan: Plan) -> tuple[CellValue, ...]:
    """The row's figures as ``plan`` reads them (see :func:`value_plan`)."""
    out = []
    missing: Span | None = None
    for column, (i, value) in zip(columns, plan, strict=True):
        if i < 0:
            if missing is None:
                end = row.cells[-1].span if row.cells else Span(row.line, 1, row.line, 1)
                missing = Span(end.end_line, end.end_column, end.end_line, end.end_column)
            out.append(CellValue(column, "", missing, False, None))
        else:
            cell = zone[i]
            out.append(CellValue(column, cell.text, cell.span, True, value))
    return tuple(out)


def figures_start(table: Table) -> int:
    """The grid column where most rows of ``table`` start their figures (0 when none has any).

    On a Word or web page grid a label merged across columns (``colspan``) is followed by blank
    cells; this tells them from a blank first figure in a row that lacks a cell."""
    return common_start(first_figure([is_value(c.text) for c in row.cells]) for row in table.rows)


def first_figure(figures: Sequence[bool]) -> int:
    """Where a row whose cells are figures or not (``figures``) starts its figures: -1 unless
    it has two or more (:func:`figures_start` counts those rows only)."""
    at = [i for i, figure in enumerate(figures) if figure]
    return at[0] if len(at) >= 2 else -1


def common_start(firsts: Iterable[int]) -> int:
    """The start most rows share (of their :func:`first_figure`; the leftmost of a tie), else 0."""
    starts: dict[int, int] = {}
    for first in firsts:
        if first >= 0:
            starts[first] = starts.get(first, 0) + 1
    return max(starts, key=lambda k: (starts[k], -k)) if starts else 0
