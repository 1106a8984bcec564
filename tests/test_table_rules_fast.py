"""The table rules' fast paths (issue #12) give what the slower code they replaced gave: checked
against that code, kept here, on reports in every table shape with figures and statements
changed at random."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest
from test_table_shapes import BASES, SHAPES, check, render

from gialint.checks import table_totals, text_table_mismatch
from gialint.checks._prefilter import gate, literals
from gialint.checks._tables import facts, first_cells, has_text_cells
from gialint.formats.labels import builtin_formats
from gialint.formats.tablematch import MatchedTable
from gialint.formats.templates import Label, Relation, TableTemplate
from gialint.model.document import Document
from gialint.model.scan import digit_lines, lines_where, scan

_FIGURE = re.compile(r"(?<=\| )\d+(?= \|)")
_STATEMENTS = (
    "本年共收到政府信息公开申请{n}件，上年结转申请{m}件。",
    "全年被申请行政复议{n}件，行政诉讼{m}起。",
    "制发行政规范性文件{n}件，废止{m}件，现行有效{n}件。",
    "2020年共收到申请{m}件；作出行政许可决定{n}件、行政处罚决定{m}件。",
    "收取行政事业性收费{n}.5万元，其中：结转下一年度继续办理{m}件",
)


def _variants(count: int, seed: int) -> Iterator[Document]:
    """Reports in every shape, some figures changed, a few statements with random figures."""
    rnd = random.Random(seed)
    for i in range(count):
        source, path = BASES[rnd.choice(sorted(BASES))]
        text = _FIGURE.sub(lambda m: m.group(0) if rnd.random() < 0.85 else rnd.choice(["", "0", str(rnd.randint(1, 40)), "-"]), source)
        lines = text.split("\n")
        for _ in range(rnd.randint(0, 4)):
            at = rnd.randrange(len(lines))
            lines.insert(at, rnd.choice(_STATEMENTS).format(n=rnd.randint(0, 30), m=rnd.randint(0, 30)))
        _, doc = check(render("\n".join(lines), SHAPES[i % len(SHAPES)]), path, ("text-table-mismatch",))
        yield doc


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return list(_variants(60, 12))


def _old_hits(doc: Document, statement: object, prose: set[int]) -> list[tuple[int, int, int]]:
    """text-table-mismatch's statement search as it was: the gate's lines of the whole text."""
    pattern = statement.pattern  # type: ignore[attr-defined]
    needs, every = gate(pattern), literals(pattern)
    out = []
    for line_no in lines_where(doc, needs) if needs is not None else sorted(prose):
        line = doc.lines[line_no - 1]
        if line_no in prose and all(ch in line for ch in every):
            out += [(line_no, m.start(), m.end()) for m in pattern.finditer(line)]
    return out


def test_statements_are_found_where_they_were(documents: list[Document]) -> None:
    stated = 0
    for doc in documents:
        prose = {n for n in digit_lines(doc) if n not in scan(doc).cell_lines}
        found = text_table_mismatch._prose(doc)
        assert [n for n, _ in found] == sorted(prose)
        assert all(doc.lines[n - 1] == line for n, line in found)
        assert doc.format is not None
        for statement in doc.format.statements:
            new = [(n, m.start(), m.end()) for n, m in text_table_mismatch._hits(statement, found)]
            assert new == _old_hits(doc, statement, prose)
            stated += len(new)
    assert stated > 50  # the statements were there to be found


def _old_evaluate(relation: Relation, table: MatchedTable) -> list[tuple[object, ...]]:
    """table-totals' evaluation as it was: term by term, over every cell and the complete rows."""
    cells: dict[tuple[str, str], object] = {}
    for key, row in table.rows.items():
        for v in row.values:
            cells.setdefault((key, v.column.key), v)
    complete = {key for key, row in table.rows.items() if all(v.present for v in row.values)}
    out: list[tuple[object, ...]] = []
    n_left = len(relation.left)
    for line, terms in ((p.line, tuple(zip(p.terms, p.cells))) for p in table_totals._plan(relation, table.template)):
        values = []
        for term, at in terms:
            cell = cells.get(at)
            if cell is None or cell.value is None or at[0] not in complete:  # type: ignore[attr-defined]
                break
            values.append((term, cell.value, cell))  # type: ignore[attr-defined]
        else:
            lsum = sum(t.sign * v for t, v, _ in values[:n_left])
            rsum = sum(t.sign * v for t, v, _ in values[n_left:])
            if abs(lsum - rsum) >= 0.005:
                left = tuple((t, v) for t, v, _ in values[:n_left])
                out.append((line, tuple(at for _, at in terms), left, tuple((t, v) for t, v, _ in values[n_left:]), values[0][2]))
    return out


def test_relations_fail_where_they_failed(documents: list[Document]) -> None:
    failed = 0
    for doc in documents:
        m = doc.match
        assert m is not None and doc.format is not None
        for relation in doc.format.relations:
            table = m.tables.get(relation.table)
            if table is None:
                continue
            new = [(f.cells, f.left, f.right, f.anchor) for f in table_totals._evaluate(relation, table, facts(doc, table))]
            old = _old_evaluate(relation, table)
            assert new == [o[1:] for o in old]
            assert all(first_cells(table)[f[0][0]] is f[3] for f in new)
            failed += len(new)
    assert failed > 20  # changed figures broke relations


def _template(values: dict[str, str | None], table: str = "count") -> TableTemplate:
    columns = (Label("c1", "甲", values=values.get("c1")), Label("c2", "乙", values=values.get("c2")))  # type: ignore[arg-type]
    rows = (Label("r1", "一", values=values.get("r1")), Label("r2", "二", values=values.get("r2")))  # type: ignore[arg-type]
    return TableTemplate("t", "三", columns, rows, values=table)  # type: ignore[arg-type]


def test_text_cells_are_the_kinds_that_say_text() -> None:
    templates = [t for fmt in builtin_formats() for t in fmt.tables]
    kinds = (None, "count", "text", "amount")
    templates += [_template({"c1": a, "r2": b}, table) for a in kinds for b in kinds for table in ("count", "text")]
    for t in templates:
        assert has_text_cells(t) == any(t.kind(r, c) == "text" for r in t.rows for c in t.columns), t


def test_missing_columns_fast_path_is_the_method(documents: list[Document]) -> None:
    from gialint.checks.table_labels import _missing_columns
    from gialint.formats.matched import HeaderCell
    from gialint.model.document import Span

    tables = [t for doc in documents if doc.match is not None for t in doc.match.tables.values()]
    rnd = random.Random(5)
    for fmt in builtin_formats():
        for template in fmt.tables:
            words = [c.label for c in template.columns] + [f"{c.group}{c.label}" for c in template.columns] + ["其他", "总计", "合计"]
            for _ in range(200):
                header = tuple(HeaderCell(rnd.choice(words), Span(1, 1, 1, 2)) for _ in range(rnd.randint(0, len(template.columns) + 3)))
                tables.append(MatchedTable(template, {}, header, 1, 1))
    for table in tables:
        assert _missing_columns(table) == table.missing_columns()


def test_sub_item_labels_are_found_where_they_were(documents: list[Document]) -> None:
    from gialint.checks._common import is_number
    from gialint.checks.unbalanced_table import _SUB_ITEM, _label_at, _values
    from gialint.model.document import Cell, Row, Span

    rows = [row.cells for doc in documents for table in doc.tables for row in table.rows]
    rnd = random.Random(7)
    texts = ["", "0", "12", "1.5", "7.属于行政执法案卷", "1、其他", "（一）予以公开", "2 .", "无", "3．", "10.", "100.1"]
    rows += [tuple(Cell(rnd.choice(texts), Span(1, 1, 1, 1)) for _ in range(rnd.randint(1, 9))) for _ in range(3000)]
    labelled = 0
    for cells in rows:
        values = [i for i, c in enumerate(cells) if is_number(c.text)]
        assert values == _values(Row(cells, 1))
        if not values:
            continue
        old = next((i for i, c in enumerate(cells) if _SUB_ITEM.match(c.text) and not is_number(c.text)), None)
        assert _label_at(cells, values) == old, [c.text for c in cells]
        labelled += old is not None
    assert labelled > 100
