"""What the table matcher (:mod:`gialint.formats.tablematch`) finds in a report: each template
table with its rows, their cells' values and the header cells, computed once per document by the
engine and shared by all table rules.
"""

from __future__ import annotations

from collections.abc import Mapping

from gialint.formats.normalise import norm_label
from gialint.formats.templates import Format, Label, TableTemplate
from gialint.model.document import Row, Span
from gialint.model.record import Record, field_setters, setfield
from gialint.read.parse.joined import JoinedRow

# Records made for every table row of every report set their fields one by one, through their
# slots' setters (see field_setters): faster than Record._init's loop or setfield.


class CellValue(Record):
    __slots__ = ("column", "text", "span", "present", "value", "joined", "split")
    column: Label
    text: str
    """The cell's text as written ('' when blank or when the row has no such cell)."""
    span: Span
    present: bool
    """False when the row has no cell at all for this column (it was left out)."""
    value: float | None
    joined: bool
    """The row's figures were joined with no separator and could not be split uniquely: ``text``
    and ``span`` are the whole run of digits, ``value`` is None (see :mod:`gialint.read.parse.joined`)."""
    split: bool
    """The figure was cut out of a joined run of digits by the table's arithmetic."""

    def __init__(
        self, column: Label, text: str, span: Span, present: bool, value: float | None, joined: bool = False, split: bool = False
    ) -> None:
        _cv_column(self, column)
        _cv_text(self, text)
        _cv_span(self, span)
        _cv_present(self, present)
        _cv_value(self, value)
        _cv_joined(self, joined)
        _cv_split(self, split)


_cv_column, _cv_text, _cv_span, _cv_present, _cv_value, _cv_joined, _cv_split = field_setters(CellValue)  # one a figure cell


class MatchedRow(Record):
    __slots__ = ("template", "written", "label_span", "line", "values", "exact", "row", "own", "own_span")
    template: Label
    written: str
    """The label as written (its cells joined)."""
    label_span: Span
    line: int
    values: tuple[CellValue, ...]
    exact: bool
    """The label is the canonical one (after removing blanks and width differences)."""
    row: Row
    own: str
    """The row's own label cell (without a parent label merged into the same row)."""
    own_span: Span | None

    def __init__(
        self,
        template: Label,
        written: str,
        label_span: Span,
        line: int,
        values: tuple[CellValue, ...],
        exact: bool,
        row: Row,
        own: str = "",
        own_span: Span | None = None,
    ) -> None:
        _mr_template(self, template)
        _mr_written(self, written)
        _mr_label_span(self, label_span)
        _mr_line(self, line)
        _mr_values(self, values)
        _mr_exact(self, exact)
        _mr_row(self, row)
        _mr_own(self, own)
        _mr_own_span(self, own_span)


_mr_template, _mr_written, _mr_label_span, _mr_line, _mr_values, _mr_exact, _mr_row, _mr_own, _mr_own_span = field_setters(MatchedRow)


class HeaderCell(Record):
    __slots__ = ("text", "span")
    text: str
    span: Span

    def __init__(self, text: str, span: Span) -> None:
        _hc_text(self, text)
        _hc_span(self, span)


_hc_text, _hc_span = field_setters(HeaderCell)  # one per cell of a header row


class MatchedTable(Record):
    __slots__ = ("template", "rows", "header", "first_line", "last_line", "fragments", "joined")
    template: TableTemplate
    rows: Mapping[str, MatchedRow]
    """By row key; the first occurrence wins."""
    header: tuple[HeaderCell, ...]
    """Cells of the header rows attached to this table."""
    first_line: int
    last_line: int
    fragments: int
    """How many separate source tables its rows came from (page-split fragments)."""
    joined: tuple[JoinedRow, ...]
    """Rows whose figures were joined with no separator, split or not (see :mod:`gialint.read.parse.joined`)."""

    def __init__(
        self,
        template: TableTemplate,
        rows: Mapping[str, MatchedRow],
        header: tuple[HeaderCell, ...],
        first_line: int,
        last_line: int,
        fragments: int = 1,
        joined: tuple[JoinedRow, ...] = (),
    ) -> None:
        setfield(self, "template", template)
        setfield(self, "rows", rows)
        setfield(self, "header", header)
        setfield(self, "first_line", first_line)
        setfield(self, "last_line", last_line)
        setfield(self, "fragments", fragments)
        setfield(self, "joined", joined)

    @property
    def broken(self) -> bool:
        """Split into fragments with no header: too damaged to read cell by cell."""
        return not self.header and self.fragments > 1

    def header_found(self) -> bool:
        return bool(self.header)

    def missing_columns(self) -> list[Label]:
        """Columns whose label appears in the header fewer times than the template has it."""
        if not self.header:
            return []
        seen = [norm_label(h.text) for h in self.header]
        missing: list[Label] = []
        need: dict[str, int] = {}
        for column in self.template.columns:
            if not column.label:
                continue
            key = norm_label(column.label)
            need[key] = need.get(key, 0) + 1
            have = sum(1 for s in seen if s == key or (key in s and len(s) <= len(key) + 8))
            if have < need[key]:
                missing.append(column)
        return missing


class Foreign(Record):
    """A part whose tables follow another format (say, the 2019 tables in a 2021 report)."""

    __slots__ = ("part", "other", "evidence")
    part: str
    other: Format
    evidence: tuple[tuple[str, Span], ...]

    def __init__(self, part: str, other: Format, evidence: tuple[tuple[str, Span], ...]) -> None:
        setfield(self, "part", part)
        setfield(self, "other", other)
        setfield(self, "evidence", evidence)


class FormatMatch(Record):
    __slots__ = ("format", "tables", "foreign", "unmatched")
    format: Format
    tables: Mapping[str, MatchedTable]
    foreign: Mapping[str, Foreign]
    unmatched: tuple[Row, ...]

    def __init__(
        self, format: Format, tables: Mapping[str, MatchedTable], foreign: Mapping[str, Foreign] | None = None, unmatched: tuple[Row, ...] = ()
    ) -> None:
        setfield(self, "format", format)
        setfield(self, "tables", tables)
        setfield(self, "foreign", {} if foreign is None else foreign)
        setfield(self, "unmatched", unmatched)

    def value(self, table: str, row: str, column: str) -> CellValue | None:
        matched = self.tables.get(table)
        if matched is None or row not in matched.rows:
            return None
        return next((v for v in matched.rows[row].values if v.column.key == column), None)
