"""Helpers for the rules that read the format match (see gialint/tablematch.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from gialint.checks._common import part_range
from gialint.formats.labels import core
from gialint.formats.normalise import fold_chars
from gialint.formats.tablematch import CellValue, FormatMatch, MatchedRow, MatchedTable
from gialint.formats.templates import Label, TableTemplate
from gialint.model.document import Document, Span
from gialint.model.numbering import cn_to_int
from gialint.model.record import Record
from gialint.read.parse.joined import JoinedRow
from gialint.read.parse.structure import collapse


def active(doc: Document) -> FormatMatch | None:
    """The document's format match, when a format applies to it."""
    return doc.match if doc.format is not None else None


def table_name(t: TableTemplate) -> str:
    """How a supervisor names the table: 表三, 表二（第二十条第（一）项）."""
    base = f"表{t.part}"
    return f"{base}（{t.caption}）" if t.caption else base


def table_name_en(t: TableTemplate) -> str:
    return f"table {t.part}" + (f" ({t.caption})" if t.caption else "")


_REPEATS: dict[int, tuple[TableTemplate, frozenset[str]]] = {}
"""Per template (by id, the template kept alive with it): the column labels that repeat."""


def _repeated_labels(t: TableTemplate) -> frozenset[str]:
    known = _REPEATS.get(id(t))
    if known is None or known[0] is not t:
        counts = Counter(c.label for c in t.columns)
        known = _REPEATS[id(t)] = (t, frozenset(label for label, n in counts.items() if n >= 2))
    return known[1]


_TEXT_KIND: dict[int, tuple[TableTemplate, bool]] = {}
"""Per template (by id, the template kept alive with it): whether any of its cells holds text."""


def has_text_cells(t: TableTemplate) -> bool:
    """Whether any cell of ``t`` is of kind ``text`` (a column, row or the table says so):
    most tables have none, and a rule need not ask :meth:`TableTemplate.kind` cell by cell."""
    known = _TEXT_KIND.get(id(t))
    if known is None or known[0] is not t:
        text = t.values == "text" or any(label.values == "text" for label in (*t.columns, *t.rows))
        known = _TEXT_KIND[id(t)] = (t, text)
    return known[1]


def column_name(c: Label, t: TableTemplate | None = None) -> str:
    """The column's label, prefixed by its header group only where the label repeats (table 四)."""
    if t is not None and c.label not in _repeated_labels(t):
        return c.label
    return f"{c.group}{c.label}" if c.group and c.group != "group" else c.label


def row_name(r: Label) -> str:
    """The row's label; a table whose only row has none (table 四) is named by its columns alone."""
    return r.label


def row_phrase(label: str) -> tuple[str, str]:
    """``“（一）予以公开”行`` / ``row "…", `` — empty for a row without a label (table 四's figures)."""
    return (f"“{label}”行", f'row "{label}", ') if label else ("", "")


def cell_name(t: TableTemplate, row: Label, column: Label) -> str:
    return f"{table_name(t)}{row_phrase(row_name(row))[0]}“{column_name(column, t)}”列"


def cell_name_en(t: TableTemplate, row: Label, column: Label) -> str:
    return f"table {t.part}{' (' + t.caption + ')' if t.caption else ''}, {row_phrase(row_name(row))[1]}column \"{column_name(column, t)}\""


def checked_tables(doc: Document) -> Iterator[MatchedTable]:
    """Matched tables outside parts that follow another format (format-version reports those)."""
    m = active(doc)
    if m is None:
        return
    for table in m.tables.values():
        if table.template.part not in m.foreign and not table.broken:
            yield table


class TableFacts(Record):
    """What the table's arithmetic asks of one matched table, found once (see :func:`facts`)."""

    __slots__ = ("numbers",)

    numbers: Mapping[tuple[str, str], float | None]
    """(row key, column key) → the figure of the row's (first) cell for that column, for the
    rows that have a cell for every column (a row with cells left out has its figures under
    the wrong columns: the arithmetic leaves it alone); None for a cell without a figure."""

    def __init__(self, numbers: Mapping[tuple[str, str], float | None]) -> None:
        self._init(numbers)


def first_cells(table: MatchedTable) -> dict[tuple[str, str], CellValue]:
    """(row key, column key) → the row's (first) cell for that column (for a finding's words)."""
    cells: dict[tuple[str, str], CellValue] = {}
    for key, row in table.rows.items():
        for v in row.values:
            cells.setdefault((key, v.column.key), v)
    return cells


def facts(doc: Document, table: MatchedTable) -> TableFacts:
    """The :class:`TableFacts` of one of ``doc``'s matched tables, kept with the document."""
    memo: dict[str, TableFacts] = doc.memo.setdefault("table-facts", {})  # type: ignore[assignment]
    found = memo.get(table.template.id)
    if found is None:
        numbers: dict[tuple[str, str], float | None] = {}
        for key, row in table.rows.items():
            values = row.values
            if all([v.present for v in values]):
                for v in values:
                    at = (key, v.column.key)
                    if at not in numbers:  # a column's first cell
                        numbers[at] = v.value
        found = memo[table.template.id] = TableFacts(numbers)
    return found


def unsplit_rows(table: MatchedTable) -> list[JoinedRow]:
    """Rows of ``table`` whose joined figures no single split could read (left unchecked)."""
    return [j for j in table.joined if j.split is None]


def value_rows(table: MatchedTable) -> Iterator[MatchedRow]:
    for row in table.rows.values():
        if row.template.group != "group":
            yield row


def fmt_number(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


_SHARE = 0.4
"""The share of a part's table labels (four characters or more) its text must show to hold the
table: prose names a handful (申请人情况分为自然人、法人或其他组织（商业企业、科研机构…）;
作出行政许可决定12件、行政处罚决定8件), a table nearly all of them …"""
_AT_LEAST = 4
_COLUMN_WORDS = 2
"""… and at least this many of them column labels (prose seldom writes 本年制发件数)."""


def unreadable_parts(doc: Document) -> dict[str, tuple[Span, tuple[str, ...]]]:
    """Parts whose text visibly holds a table's labels while none of the part's tables was read.

    Maps the part (``三``) to the first label's place and the labels seen. ``missing-table`` says
    nothing about such a part and ``table-unchecked`` says once that it could not be read.
    """
    cached = doc.memo.get("unreadable-tables")
    if cached is not None:
        return cached  # type: ignore[return-value]
    out: dict[str, tuple[Span, tuple[str, ...]]] = {}
    m = active(doc)
    if m is not None:
        for part in dict.fromkeys(t.part for t in m.format.tables):
            if part in m.foreign:
                continue
            templates = [t for t in m.format.tables if t.part == part]
            if any((mt := m.tables.get(t.id)) is not None and mt.rows for t in templates):
                continue
            found = _labels_in_text(doc, part, templates)
            if found is not None:
                out[part] = found
    doc.memo["unreadable-tables"] = out
    return out


def _labels_in_text(doc: Document, part: str, templates: list[TableTemplate]) -> tuple[Span, tuple[str, ...]] | None:
    rng = part_range(doc, cn_to_int(part) or 0)
    if rng is None:
        return None
    # In the templates' order (not a set's, which changes with the hash seed): the labels a
    # finding names first are the longest, and among those as long, the templates' first.
    rows = dict.fromkeys(core(r.label) for t in templates for r in t.rows if len(core(r.label)) >= 4)
    words = {**rows, **dict.fromkeys(core(w) for t in templates for c in t.columns for w in (c.label, c.group) if len(core(w)) >= 4)}
    longest_first = sorted(words, key=len, reverse=True)
    first: Span | None = None
    seen: dict[str, None] = {}
    in_tables = {n for t in doc.tables for n in range(t.span.line, t.span.end_line + 1)}
    for number in range(rng[0].line, rng[1] + 1):
        if number in in_tables:
            continue
        text = fold_chars(collapse(doc.line(number)))  # folded like the cores
        hits = [w for w in longest_first if w in text and not any(w in other for other in seen)]
        for word in hits:
            seen[word] = None
        if hits and first is None:
            places = [s for s in (doc.locate(w, number, number) for w in hits) if s is not None]
            first = min(places, key=lambda s: s.column) if places else doc.line_span(number)
    columns = sum(1 for w in seen if w not in rows)
    enough = len(seen) >= max(_AT_LEAST, _SHARE * len(words)) and columns >= _COLUMN_WORDS
    if first is None or not enough:
        return None
    return first, tuple(seen)
