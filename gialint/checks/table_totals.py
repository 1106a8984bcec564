"""勾稽关系不成立 / The table's arithmetic (勾稽关系) does not add up.

Every relation of the active format is checked with the report's own figures: for table 三
in each column 一 + 二 = 三（七）总计 + 四 (the relation printed in the table's header) and
（七）总计 = the sum of （一）…（六）; in each row 总计 = the sum of the six applicant columns;
for table 四 each block's 总计 = 维持 + 纠正 + 其他 + 尚未审结. Relations with a blank or
missing cell are skipped (``empty-cell`` reports those).

When several relations fail because of one cell — the usual case: one wrong figure breaks its
row sum and its column sum — they are reported once, at that cell, with the numbers.
``gialint explain table-totals`` lists the relations of the active format(s).

A row whose figures a web crawl joined with no separator (``行政规范性文件353535``) is checked
only when its digits split one way under these relations; a finding that relies on such a split
says so (表格数字粘连，已按勾稽关系拆分). A table split into headerless fragments is not checked
(``missing-table`` reports it).

**FAIL**: 自然人 column: 一 1 + 二 0 = 1, but （七）总计 0 + 四 0 = 0.

**PASS**: every relation holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from operator import mul

from gialint.checks._tables import (
    TableFacts,
    active,
    cell_name,
    cell_name_en,
    column_name,
    facts,
    first_cells,
    fmt_number,
    row_name,
    table_name,
    table_name_en,
)
from gialint.formats.tablematch import CellValue, MatchedTable
from gialint.formats.templates import Format, Relation, TableTemplate, Term
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document
from gialint.model.record import Record
from gialint.model.rule import Context, Message, Options, Rule


class _Failure(Record):
    __slots__ = ("relation", "table", "where", "cells", "left", "right", "anchor")

    relation: Relation
    table: MatchedTable
    where: str
    """The column (each-column) or row (each-row) label the relation was checked in."""
    cells: tuple[tuple[str, str], ...]
    """(row key, column key) of every cell involved."""
    left: tuple[tuple[Term, float], ...]
    right: tuple[tuple[Term, float], ...]
    anchor: CellValue

    def __init__(
        self,
        relation: Relation,
        table: MatchedTable,
        where: str,
        cells: tuple[tuple[str, str], ...],
        left: tuple[tuple[Term, float], ...],
        right: tuple[tuple[Term, float], ...],
        anchor: CellValue,
    ) -> None:
        self._init(relation, table, where, cells, left, right, anchor)

    def text(self, names: dict[str, str]) -> str:
        def side(terms: tuple[tuple[Term, float], ...]) -> str:
            out = ""
            for i, (term, value) in enumerate(terms):
                op = ("-" if term.sign < 0 else "+") if i else ("-" if term.sign < 0 else "")
                out += f"{' ' + op + ' ' if i else op}{fmt_number(value)}"
            return out

        lsum = sum(t.sign * v for t, v in self.left)
        rsum = sum(t.sign * v for t, v in self.right)
        return f"{side(self.left)} = {fmt_number(lsum)} ≠ {side(self.right)} = {fmt_number(rsum)}"


class _Line(Record):
    """One line a relation runs along (a column, or a value row), worked out for a template."""

    __slots__ = ("line", "terms", "cells", "left", "right")

    line: str
    """The column's or row's key."""
    terms: tuple[Term, ...]
    cells: tuple[tuple[str, str], ...]
    """(row key, column key) of each term's cell, in the relation's order."""
    left: tuple[int, ...]
    """The signs of the left side's terms (they come first in ``cells``) …"""
    right: tuple[int, ...]
    """… and of the right side's."""

    def __init__(self, line: str, terms: tuple[Term, ...], cells: tuple[tuple[str, str], ...], n_left: int) -> None:
        signs = tuple(t.sign for t in terms)
        self._init(line, terms, cells, signs[:n_left], signs[n_left:])


_PLANS: dict[tuple[int, int], tuple[Relation, TableTemplate, tuple[_Line, ...]]] = {}


def _plan(relation: Relation, template: TableTemplate) -> tuple[_Line, ...]:
    """Each line the relation runs along, with the (row key, column key) of its terms' cells:
    worked out once per run, not per report."""
    key = (id(relation), id(template))
    entry = _PLANS.get(key)
    if entry is None or entry[0] is not relation or entry[1] is not template:
        each_column = relation.each == "each-column"
        lines = [c.key for c in template.columns] if each_column else [r.key for r in template.value_rows()]
        terms = (*relation.left, *relation.right)
        plan = tuple(
            _Line(line, terms, tuple((term.key, line) if each_column else (line, term.key) for term in terms), len(relation.left))
            for line in lines
        )
        entry = _PLANS[key] = (relation, template, plan)
    return entry[2]


def _evaluate(relation: Relation, table: MatchedTable, known: TableFacts) -> Iterator[_Failure]:
    template = table.template
    figure = known.numbers.get
    n_left = len(relation.left)
    for line in _plan(relation, template):
        values = list(map(figure, line.cells))
        if None in values:
            # a blank or missing cell, or one of a row with cells left out (its figures sit
            # under the wrong columns): the relation is not checked on this line
            continue
        lsum = sum(map(mul, line.left, values))
        rsum = sum(map(mul, line.right, values[n_left:]))
        if abs(lsum - rsum) < 0.005:
            continue
        where = column_name(template.column(line.line), template) if relation.each == "each-column" else row_name(template.row(line.line))  # type: ignore[arg-type]
        pairs = tuple(zip(line.terms, values))
        yield _Failure(relation, table, where, line.cells, pairs[:n_left], pairs[n_left:], first_cells(table)[line.cells[0]])


def _names(fmt_table: MatchedTable) -> dict[str, str]:
    t = fmt_table.template
    return {**{r.key: row_name(r) for r in t.rows}, **{c.key: column_name(c, t) for c in t.columns}}


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    m = active(doc)
    if m is None:
        return
    failures: list[_Failure] = []
    for relation in m.format.relations:
        table = m.tables.get(relation.table)
        if table is None or table.template.part in m.foreign or table.broken:
            continue
        failures.extend(_evaluate(relation, table, facts(doc, table)))
    # One wrong cell breaks every relation it is in: report those together, at that cell.
    # A cell that broke two or more relations stays a suspect after a neighbour took a shared one.
    suspects = Counter((f.table.template.id, cell) for f in failures for cell in f.cells)
    while failures:
        counts = Counter((f.table.template.id, cell) for f in failures for cell in f.cells)
        (table_id, cell), hits = max(counts.items(), key=lambda kv: (kv[1], suspects[kv[0]]))
        if hits < 2 and suspects[(table_id, cell)] < 2:
            break
        group = [f for f in failures if f.table.template.id == table_id and cell in f.cells]
        failures = [f for f in failures if f not in group]
        table = group[0].table
        value = first_cells(table).get(cell)
        assert value is not None
        t = table.template
        row, column = t.row(cell[0]), t.column(cell[1])
        names = _names(table)
        note, note_en = _split_note(table, [c for f in group for c in f.cells])
        details = "；".join(f"{f.relation.doc_zh or f.relation.expr}{'（' + f.where + '）' if f.where else ''}：{f.text(names)}" for f in group)
        details_en = "; ".join(f"{f.relation.doc_en or f.relation.expr}{' (' + f.where + ')' if f.where else ''}: {f.text(names)}" for f in group)
        yield ctx.report(
            value.span,
            "cell",
            cell=cell_name(t, row, column),  # type: ignore[arg-type]
            cell_en=cell_name_en(t, row, column),  # type: ignore[arg-type]
            value=value.text,
            count=len(group),
            details=details,
            details_en=details_en,
            note=note,
            note_en=note_en,
        )
    for f in failures:
        t = f.table.template
        names = _names(f.table)
        note, note_en = _split_note(f.table, list(f.cells))
        yield ctx.report(
            f.anchor.span,
            "relation",
            table=table_name(t),
            table_en=table_name_en(t),
            where=f"“{f.where}”" if f.where else "",
            where_en=f', "{f.where}"' if f.where else "",
            relation=f.relation.doc_zh or f.relation.expr,
            relation_en=f.relation.doc_en or f.relation.expr,
            expr=labelled(f.relation, t),
            numbers=f.text(names),
            note=note,
            note_en=note_en,
        )


def _split_note(table: MatchedTable, cells: list[tuple[str, str]]) -> tuple[str, str]:
    """Said in a finding that relies on figures cut out of a joined run of digits."""
    first = first_cells(table)
    if any((v := first.get(cell)) is not None and v.split for cell in cells):
        return "（表格数字粘连，已按勾稽关系拆分）", " (digits of this row were joined; split by the table's arithmetic)"
    return "", ""


def labelled(rel: Relation, table: TableTemplate) -> str:
    """The relation's expression with the table's own labels (rows or columns, as it applies)."""
    if rel.each == "each-column":
        names = {r.key: row_name(r) for r in table.rows}
    else:
        names = {c.key: column_name(c, table) for c in table.columns}
    return " ".join(names.get(tok, tok) for tok in rel.expr.split())


def describe(config: object) -> str:
    """The relations of the active format(s), for ``gialint explain table-totals``."""
    formats: tuple[Format, ...] = getattr(config, "formats", ())
    pinned = getattr(config, "format_pin", None)
    if pinned:
        formats = tuple(f for f in formats if f.id == pinned)
    if not formats:
        return "No report format is active in this configuration."
    lines = ["Relations of the active format(s) / 当前格式的勾稽关系:"]
    for fmt in formats:
        lines += ["", f"{fmt.id} — {fmt.name_zh} ({fmt.document}; reports {fmt.years_text()}):"]
        for rel in fmt.relations:
            table = fmt.table(rel.table)
            if table is None:
                continue
            expr = labelled(rel, table)
            scope = "每一列" if rel.each == "each-column" else "每一行"
            lines.append(f"  {rel.id} [表{fmt.table(rel.table).part if fmt.table(rel.table) else rel.table}，{scope}]: {expr}")  # type: ignore[union-attr]
            if rel.doc_zh or rel.doc_en:
                lines.append(f"      {rel.doc_zh} / {rel.doc_en}")
    return "\n".join(lines) + "\n"


RULES = (
    Rule(
        name="table-totals",
        code="GIA203",
        summary_zh="表格数据的勾稽关系不成立（合计与分项之和不符）",
        summary_en="A table's arithmetic (勾稽关系) does not hold: a total differs from the sum of its parts",
        check=check,
        severity=Severity.ERROR,
        messages={
            "cell": Message(
                "{cell}的数值 {value} 与其他数据对不上（{count} 处勾稽关系不成立）：{details}。请核对此格{note}",
                "{cell_en} = {value} breaks {count} relations: {details_en}. Check this cell{note_en}",
            ),
            "relation": Message(
                "{table}{where}：勾稽关系“{relation}”（{expr}）不成立：{numbers}{note}",
                '{table_en}{where_en}: the relation "{relation_en}" ({expr}) does not hold: {numbers}{note_en}',
            ),
        },
        docs=__doc__ or "",
        explain_config=describe,
    ),
)
