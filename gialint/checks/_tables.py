"""Helpers for the rules that read the format match (see gialint/tablematch.py)."""

from __future__ import annotations

from collections.abc import Iterator

from gialint.document import Document
from gialint.formats import Label, TableTemplate
from gialint.tablematch import FormatMatch, MatchedRow, MatchedTable


def active(doc: Document) -> FormatMatch | None:
    """The document's format match, when a format applies to it."""
    return doc.match if doc.format is not None else None


def table_name(t: TableTemplate) -> str:
    """How a supervisor names the table: 表三, 表二（第二十条第（一）项）."""
    base = f"表{t.part}"
    return f"{base}（{t.caption}）" if t.caption else base


def table_name_en(t: TableTemplate) -> str:
    return f"table {t.part}" + (f" ({t.caption})" if t.caption else "")


def column_name(c: Label, t: TableTemplate | None = None) -> str:
    """The column's label, prefixed by its header group only where the label repeats (table 四)."""
    if t is not None and sum(1 for other in t.columns if other.label == c.label) < 2:
        return c.label
    return f"{c.group}{c.label}" if c.group and c.group != "group" else c.label


def row_name(r: Label) -> str:
    return r.label or "数据行 (data row)"


def cell_name(t: TableTemplate, row: Label, column: Label) -> str:
    return f"{table_name(t)}“{row_name(row)}”行“{column_name(column, t)}”列"


def cell_name_en(t: TableTemplate, row: Label, column: Label) -> str:
    return f"table {t.part}{' (' + t.caption + ')' if t.caption else ''}, row \"{row_name(row)}\", column \"{column_name(column, t)}\""


def checked_tables(doc: Document) -> Iterator[MatchedTable]:
    """Matched tables outside parts that follow another format (format-version reports those)."""
    m = active(doc)
    if m is None:
        return
    for table in m.tables.values():
        if table.template.part not in m.foreign and not table.broken:
            yield table


def value_rows(table: MatchedTable) -> Iterator[MatchedRow]:
    for row in table.rows.values():
        if row.template.group != "group":
            yield row


def fmt_number(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"
