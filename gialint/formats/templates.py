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

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

ValueKind = Literal["count", "signed", "amount", "text"]
VALUE_KINDS = ("count", "signed", "amount", "text")


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    label: str
    variants: tuple[str, ...] = ()
    values: ValueKind | None = None
    """Overrides the table's value kind for this row or column."""
    group: str = ""
    """For rows: True-ish ("group") when the row only groups sub-rows; for columns: the header group."""
    parent: str = ""


@dataclass(frozen=True, slots=True)
class TableTemplate:
    id: str
    part: str
    columns: tuple[Label, ...]
    rows: tuple[Label, ...]
    values: ValueKind = "count"
    caption: str = ""
    corner: str = ""
    header: tuple[str, ...] = ()

    def value_rows(self) -> tuple[Label, ...]:
        return tuple(r for r in self.rows if r.group != "group")

    def kind(self, row: Label, column: Label) -> ValueKind:
        return column.values or row.values or self.values

    def row(self, key: str) -> Label | None:
        return next((r for r in self.rows if r.key == key), None)

    def column(self, key: str) -> Label | None:
        return next((c for c in self.columns if c.key == key), None)


@dataclass(frozen=True, slots=True)
class Term:
    sign: int
    key: str


@dataclass(frozen=True, slots=True)
class Relation:
    id: str
    table: str
    each: Literal["each-column", "each-row"]
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    expr: str
    doc_zh: str = ""
    doc_en: str = ""


@dataclass(frozen=True, slots=True)
class Statement:
    pattern: re.Pattern[str]
    table: str
    row: str
    column: str
    plus: tuple[tuple[str, str], ...] = ()
    """Further (row, column) cells of the same table whose sum the text states (行政诉讼 = 直接起诉 + 复议后起诉)."""


@dataclass(frozen=True, slots=True)
class ContentItem:
    id: str
    any: tuple[re.Pattern[str], ...]
    zh: str
    en: str
    severity: str | None = None


@dataclass(frozen=True, slots=True)
class PartTemplate:
    number: str
    title: str
    variants: tuple[re.Pattern[str], ...]
    english: str = ""
    """What the part is about, in English (messages with ``--lang en``)."""


@dataclass(frozen=True, slots=True)
class Format:
    id: str
    name_zh: str
    name_en: str
    document: str
    year_from: int | None
    year_to: int | None
    parts: tuple[PartTemplate, ...]
    tables: tuple[TableTemplate, ...]
    relations: tuple[Relation, ...] = ()
    signatures: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()
    required_content: Mapping[str, tuple[ContentItem, ...]] = field(default_factory=dict)
    source: str = ""

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
