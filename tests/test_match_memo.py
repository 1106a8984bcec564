"""The table matcher's per-run memos (issue #12) are invisible: a row's shape looked up by its
texts (:mod:`gialint.formats.rowshape`) and the figures' plans kept on it give what working
everything out again for every row gives, and :func:`row_values` reads what it read before."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from gialint.formats import rowshape
from gialint.formats.labels import builtin_formats, is_value, item_number, parse_number
from gialint.formats.matched import CellValue
from gialint.formats.rowvalues import common_start, figures_start, row_values
from gialint.formats.tablematch import match
from gialint.formats.templates import TableTemplate
from gialint.model.document import Cell, Document, Row, Span, Table
from gialint.model.record import replace
from gialint.testing import _environment, make_config

REPORTS = [Path(__file__).parent / "fixtures" / "reports", Path(__file__).parent.parent / "examples"]


def _row_values_as_was(template: TableTemplate, row: Row, zone: Sequence[Cell], label_text: str, lead: int = 0) -> tuple[CellValue, ...]:
    """row_values before its decisions were made from the texts alone (and kept per row shape)."""
    columns = template.columns
    filled = [c for c in zone if c.text]
    if len(filled) == 1 and filled[0].joined and len(columns) >= 2 and len(filled[0].text) >= len(columns):
        run = filled[0]
        return tuple(CellValue(column, run.text, run.span, True, None, joined=True) for column in columns)
    if len(filled) == len(columns) + 1 and (number := item_number(label_text)) is not None and parse_number(filled[0].text) == number:
        filled = filled[1:]
    if len(filled) == len(columns):
        chosen: list[Cell | None] = list(filled)
    else:
        if 0 < lead <= len(zone) and not any(c.text for c in zone[:lead]):
            zone = zone[lead:]
        chosen = [*zone[: len(columns)]] + [None] * max(0, len(columns) - len(zone))
    end = row.cells[-1].span if row.cells else Span(row.line, 1, row.line, 1)
    out = []
    for column, cell in zip(columns, chosen, strict=True):
        if cell is None:
            out.append(CellValue(column, "", Span(end.end_line, end.end_column, end.end_line, end.end_column), False, None))
        else:
            out.append(CellValue(column, cell.text, cell.span, True, parse_number(cell.text) if cell.text else None))
    return tuple(out)


def test_row_values_as_before() -> None:
    rnd = random.Random(12)
    templates = [t for fmt in builtin_formats() for t in fmt.tables]
    texts = ["", "", "0", "3", "12", "1,234", "2.5万元", "-", "无", "1.", "2", "1234567", "行政许可", "（一）"]
    for n in range(20_000):
        template = rnd.choice(templates)
        cells = tuple(
            Cell(rnd.choice(texts), Span(7, 1 + 5 * i, 7, 4 + 5 * i), rnd.random() < 0.2) for i in range(rnd.randint(0, 10))
        )
        row = Row(cells, 7)
        start = rnd.randint(0, len(cells))
        zone = cells[start:]
        label = rnd.choice(["1.规章", "2.其他", "行政许可", "", "（一）规章"])
        lead = rnd.randint(-1, 4)
        assert row_values(template, row, zone, label, lead) == _row_values_as_was(template, row, zone, label, lead), n


def _documents() -> list[Document]:
    _, _, linter = _environment()
    config = make_config()
    docs = []
    for path in sorted(p for folder in REPORTS for p in folder.glob("*-20*.*")):
        doc = linter.read(str(path), path.read_bytes(), config)
        if doc.tables:
            docs.append(doc)
    assert len(docs) >= 3
    return docs


def _reshaped(doc: Document, rnd: random.Random) -> Document:
    """``doc`` with its table rows damaged as exports damage them: cells blanked, dropped,
    doubled, swapped, joined; rows repeated and split."""
    tables = []
    for table in doc.tables:
        rows = []
        for row in table.rows:
            cells = list(row.cells)
            for _ in range(rnd.randint(0, 2)):
                if not cells:
                    break
                i = rnd.randrange(len(cells))
                what = rnd.randrange(6)
                if what == 0:
                    cells[i] = Cell("", cells[i].span)
                elif what == 1:
                    del cells[i]
                elif what == 2:
                    cells.insert(i, cells[i])
                elif what == 3:
                    j = rnd.randrange(len(cells))
                    cells[i], cells[j] = cells[j], cells[i]
                elif what == 4:
                    run = "".join(c.text for c in cells[i:])  # the readers join runs of digits only
                    cells[i] = Cell(run, cells[i].span, joined=run.isdigit())
                    del cells[i + 1 :]
                else:
                    cells[i] = Cell(rnd.choice(["1", "2", ".其他", "第二十条第（一）项", "行政处罚", "本年新收"]), cells[i].span)
            rows.append(Row(tuple(cells), row.line))
            if rnd.random() < 0.05:
                rows.append(Row(tuple(cells), row.line))
        tables.append(replace(table, rows=tuple(rows)))
    return replace(doc, tables=tuple(tables))


@pytest.mark.parametrize("seed", range(3))
def test_matching_with_the_memo_is_matching_without(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rnd = random.Random(seed)
    formats = builtin_formats()
    docs = [_reshaped(doc, rnd) for doc in _documents() for _ in range(8)]
    jobs = [(doc, fmt, tuple(f for f in formats if f is not fmt)) for doc in docs for fmt in formats]
    warm = [match(*job) for job in jobs]  # each report after the others: shapes met before
    again = [match(*job) for job in jobs]  # every shape met before
    monkeypatch.setattr(rowshape, "_MAX_SHAPES", 0)  # nothing kept: every row worked out anew
    monkeypatch.setattr(rowshape, "_SHAPES", {})
    cold = [match(*job) for job in jobs]
    assert warm == cold
    assert again == cold
    assert [repr(m) for m in warm] == [repr(m) for m in cold]


def test_rows_without_figures_or_of_zeros_share_one_shape_and_other_figures_have_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    fmt = builtin_formats()[-1]
    monkeypatch.setattr(rowshape, "_SHAPES", {})
    monkeypatch.setattr(rowshape, "_MAX_FIGURE_ROWS", 1)
    shapes = rowshape.row_shapes(fmt, ())
    assert rowshape.row_shapes(fmt, ()) is shapes

    def row(line: int, *texts: str) -> Row:
        return Row(tuple(Cell(t, Span(line, 1 + 5 * i, line, 5 + 5 * i)) for i, t in enumerate(texts)), line)

    assert shapes.of(row(1, "行政许可", "")) is shapes.of(row(9, "行政许可", ""))
    assert shapes.of(row(1, "行政许可", "0")) is shapes.of(row(9, "行政许可", "0"))
    kept = shapes.of(row(1, "行政许可", "3"))  # the budget's one row
    assert shapes.of(row(9, "行政许可", "3")) is kept
    first, second = shapes.of(row(1, "行政处罚", "1.5")), shapes.of(row(9, "行政处罚", "1.5"))
    assert first is not second  # over the budget: worked out each time, not kept
    assert {k: getattr(first, k) for k in first.__slots__ if k != "plans"} == \
        {k: getattr(second, k) for k in second.__slots__ if k != "plans"}
    assert ("行政处罚", "1.5") not in shapes.shapes
    assert shapes.figure_rows == 1


def _figures_start_as_was(table: Table) -> int:
    starts: dict[int, int] = {}
    for row in table.rows:
        at = [i for i, c in enumerate(row.cells) if is_value(c.text)]
        if len(at) >= 2:
            starts[at[0]] = starts.get(at[0], 0) + 1
    return max(starts, key=lambda k: (starts[k], -k)) if starts else 0


def test_figures_start_as_before() -> None:
    rnd = random.Random(5)
    fmt = builtin_formats()[-1]
    shapes = rowshape.row_shapes(fmt, ())
    for n in range(3_000):
        rows = tuple(
            Row(tuple(Cell(rnd.choice(["", "0", "7", "规章", "-", "1.2"]), Span(1, 1, 1, 1)) for _ in range(rnd.randint(0, 6))), 1)
            for _ in range(rnd.randint(0, 5))
        )
        table = Table(rows, Span(1, 1, 1, 1), "pipe", ())
        expected = _figures_start_as_was(table)
        assert figures_start(table) == expected, n
        assert common_start(shapes.of(row).figures_at for row in rows) == expected, n
