"""National (and provincial) report formats as data: parts, table templates, relations.

A format is the ``format:`` mapping of a YAML rule set (``rules/gov-2021.yaml``,
``rules/gov-2019.yaml``); see those files for the full schema. The rules that check tables
(missing-table, table-labels, table-totals, empty-cell …) are generic and read these templates,
so a province can ship its own format in YAML without Python::

    format:
      id: sichuan-2021
      base: gov-2021                  # start from a known format …
      years: {from: 2021}
      add-rows:                       # … add rows to its tables (after a given row key)
        三: [{key: finished, label: 五、本年度办结数量, after: next-year}]
      relations:                      # … and further relations, checked like the national ones
        - {id: sc-finished, table: 三, for: each-column, expr: 'finished = total'}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from gialint.formats.textpattern import LazyRegex, TextPattern
from gialint.model.record import Record

ValueKind = Literal["count", "signed", "amount", "text"]
VALUE_KINDS = ("count", "signed", "amount", "text")


class Label(Record):
    __slots__ = ("key", "label", "variants", "values", "group", "parent")
    key: str
    label: str
    variants: tuple[str, ...]
    values: ValueKind | None
    """Overrides the table's value kind for this row or column."""
    group: str
    """For rows: True-ish ("group") when the row only groups sub-rows; for columns: the header group."""
    parent: str

    def __init__(
        self, key: str, label: str, variants: tuple[str, ...] = (), values: ValueKind | None = None, group: str = "", parent: str = ""
    ) -> None:
        self._init(key, label, variants, values, group, parent)


class TableTemplate(Record):
    __slots__ = ("id", "part", "columns", "rows", "values", "caption", "corner", "header")
    id: str
    part: str
    columns: tuple[Label, ...]
    rows: tuple[Label, ...]
    values: ValueKind
    caption: str
    corner: str
    header: tuple[str, ...]

    def __init__(
        self,
        id: str,
        part: str,
        columns: tuple[Label, ...],
        rows: tuple[Label, ...],
        values: ValueKind = "count",
        caption: str = "",
        corner: str = "",
        header: tuple[str, ...] = (),
    ) -> None:
        self._init(id, part, columns, rows, values, caption, corner, header)

    def value_rows(self) -> tuple[Label, ...]:
        return tuple(r for r in self.rows if r.group != "group")

    def kind(self, row: Label, column: Label) -> ValueKind:
        return column.values or row.values or self.values

    def row(self, key: str) -> Label | None:
        return next((r for r in self.rows if r.key == key), None)

    def column(self, key: str) -> Label | None:
        return next((c for c in self.columns if c.key == key), None)


class Term(Record):
    __slots__ = ("sign", "key")
    sign: int
    key: str

    def __init__(self, sign: int, key: str) -> None:
        self._init(sign, key)


class Relation(Record):
    __slots__ = ("id", "table", "each", "left", "right", "expr", "doc_zh", "doc_en")
    id: str
    table: str
    each: Literal["each-column", "each-row"]
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    expr: str
    doc_zh: str
    doc_en: str

    def __init__(
        self,
        id: str,
        table: str,
        each: Literal["each-column", "each-row"],
        left: tuple[Term, ...],
        right: tuple[Term, ...],
        expr: str,
        doc_zh: str = "",
        doc_en: str = "",
    ) -> None:
        self._init(id, table, each, left, right, expr, doc_zh, doc_en)


class Statement(Record):
    __slots__ = ("pattern", "table", "row", "column", "plus")
    pattern: LazyRegex
    table: str
    row: str
    column: str
    plus: tuple[tuple[str, str], ...]
    """Further (row, column) cells of the same table whose sum the text states (行政诉讼 = 直接起诉 + 复议后起诉)."""

    def __init__(self, pattern: LazyRegex, table: str, row: str, column: str, plus: tuple[tuple[str, str], ...] = ()) -> None:
        self._init(pattern, table, row, column, plus)


class ContentItem(Record):
    __slots__ = ("id", "any", "zh", "en", "severity")
    id: str
    any: tuple[TextPattern, ...]
    zh: str
    en: str
    severity: str | None

    def __init__(self, id: str, any: tuple[TextPattern, ...], zh: str, en: str, severity: str | None = None) -> None:
        self._init(id, any, zh, en, severity)


class PartTemplate(Record):
    __slots__ = ("number", "title", "variants", "english")
    number: str
    title: str
    variants: tuple[TextPattern, ...]
    english: str
    """What the part is about, in English (messages with ``--lang en``)."""

    def __init__(self, number: str, title: str, variants: tuple[TextPattern, ...], english: str = "") -> None:
        self._init(number, title, variants, english)


class Format(Record):
    __slots__ = (
        "id", "name_zh", "name_en", "document", "year_from", "year_to", "parts", "tables",
        "relations", "signatures", "statements", "required_content", "source",
    )  # fmt: skip
    id: str
    name_zh: str
    name_en: str
    document: str
    year_from: int | None
    year_to: int | None
    parts: tuple[PartTemplate, ...]
    tables: tuple[TableTemplate, ...]
    relations: tuple[Relation, ...]
    signatures: tuple[str, ...]
    statements: tuple[Statement, ...]
    required_content: Mapping[str, tuple[ContentItem, ...]]
    source: str

    def __init__(
        self,
        id: str,
        name_zh: str,
        name_en: str,
        document: str,
        year_from: int | None,
        year_to: int | None,
        parts: tuple[PartTemplate, ...],
        tables: tuple[TableTemplate, ...],
        relations: tuple[Relation, ...] = (),
        signatures: tuple[str, ...] = (),
        statements: tuple[Statement, ...] = (),
        required_content: Mapping[str, tuple[ContentItem, ...]] | None = None,
        source: str = "",
    ) -> None:
        content = {} if required_content is None else required_content
        self._init(id, name_zh, name_en, document, year_from, year_to, parts, tables, relations, signatures, statements, content, source)

    def applies_to(self, year: int | None) -> bool:
        if year is None:
            return False
        return (self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)

    def table(self, table_id: str) -> TableTemplate | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def years_text(self) -> str:
        if self.year_to is None:
            return f"{self.year_from}–"
        return f"{self.year_from}–{self.year_to}"


def choose(formats: Sequence[Format], year: int | None, pinned: str | None) -> Format | None:
    """The format a report must follow: the pinned one, else the last defined that covers its year."""
    if pinned is not None:
        return next((f for f in formats if f.id == pinned), None)
    for fmt in reversed(formats):
        if fmt.applies_to(year):
            return fmt
    if year is None and formats:
        return max(formats, key=lambda f: f.year_from or 0)
    return None
