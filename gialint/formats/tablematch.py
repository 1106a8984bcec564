"""Recognise a report's tables against a format's templates, the way a supervisor reads them.

Real exports break tables in every way (see the corpus): labels split by stray spaces or line
breaks, merged header cells, sub-row labels without their parent, one cell per line, pipe
tables, fragments after page breaks, rows shifted by a missing leading cell. Matching is
therefore driven by row LABELS, not by table boundaries: every row of every table is matched
to the template row whose label it carries, header rows are attached to the template of the
data rows that follow them, and values are read from the cells after the label.

The result (:class:`FormatMatch`) is computed once per document by the engine and shared by
all table rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from gialint.formats.labelscore import Candidate
from gialint.formats.matched import (
    CellValue,
    Foreign,
    FormatMatch,
    HeaderCell,
    MatchedRow,
    MatchedTable,
)
from gialint.formats.matchfacts import facts
from gialint.formats.normalise import norm_label_once
from gialint.formats.rowshape import RowShape, RowShapes, row_shapes
from gialint.formats.rowvalues import Builder, common_start, planned_values, row_values, value_plan
from gialint.formats.templates import Format, TableTemplate
from gialint.model.document import Cell, Document, Row, Span, Table

Shaped = list[tuple[Table, list[RowShape]]]
"""A document's tables, each with the shapes of its rows."""

_UNPLANNED: Any = object()

__all__ = ["CellValue", "Foreign", "FormatMatch", "HeaderCell", "MatchedRow", "MatchedTable", "match"]


# --------------------------------------------------------------------------- matching


def _rows_in_order(shaped: Shaped, shapes: RowShapes) -> Iterator[tuple[Table, Row, RowShape]]:
    """Every table row in order with its shape, re-joining rows that a PDF export split in two.

    ``→→2→0→0…`` followed by ``→→.其他法律行政法规禁止公开→→…``: the item number and the
    figures on one line, the rest of the label on the next.
    """
    for table, table_shapes in shaped:
        rows = table.rows
        i = 0
        while i < len(rows):
            row, shape = rows[i], table_shapes[i]
            if shape.item_figures and i + 1 < len(rows) and table_shapes[i + 1].continues:
                nxt = rows[i + 1]
                filled = [c for c in row.cells if c.text]
                nxt_filled = [c for c in nxt.cells if c.text]
                label = Cell(filled[0].text + nxt_filled[0].text.strip(), nxt_filled[0].span)
                cells = [label, *row.cells[row.cells.index(filled[0]) + 1 :]]
                joined = Row(tuple(cells), row.line)
                yield table, joined, shapes.of(joined)
                i += 2
                continue
            yield table, row, shape
            i += 1


def _captions(doc: Document, fmt: Format) -> dict[int, TableTemplate]:
    """Caption lines (第二十条第（一）项) written as paragraphs between pipe tables."""
    by_caption = facts(fmt).caption_rows
    out: dict[int, TableTemplate] = {}
    for block in doc.blocks:
        if block.kind in ("paragraph", "heading") and len(block.text) <= 40:
            caption = by_caption.get(norm_label_once(block.text))
            if caption is not None:
                out[block.span.line] = caption
    return out


def _foreign(shaped: Shaped, shapes: RowShapes) -> dict[str, Foreign]:
    """Parts whose table labels carry another format's signatures more than this format's."""
    out: dict[str, Foreign] = {}
    for k, (other, theirs) in enumerate(shapes.theirs):
        if not theirs:
            continue
        per_part: dict[str, tuple[list[tuple[str, Span]], int]] = {}
        for table, table_shapes in shaped:
            part = table.section[0] if table.section else ""
            hits, own = per_part.get(part, ([], 0))
            for row, shape in zip(table.rows, table_shapes):
                signed, mine = shape.foreign[k]
                own += mine
                for i in signed:
                    cell = row.cells[i]
                    hits.append((cell.text, cell.span))
            per_part[part] = (hits, own)
        for part, (hits, own) in per_part.items():
            if len(hits) >= 2 and len(hits) > own and part not in out:
                out[part] = Foreign(part, other, tuple(hits))
    return out


def _best(found: list[tuple[float, Candidate]], has_figures: bool, last_group: str, current: TableTemplate | None) -> Candidate:
    """The best of the template rows a label fits, after the bonuses and the penalty that
    depend on the row's place (the first of equals; a label that fits one row gets it)."""
    best: tuple[float, Candidate] | None = None
    for base, cand in found:
        s = base
        if cand.row.group == "group" and has_figures:
            s -= 0.5
        if cand.row.parent and cand.row.parent == last_group:
            s += 0.05
        if current is not None and cand.table.id == current.id:
            s += 0.02
        if best is None or s > best[0]:
            best = (s, cand)
    assert best is not None
    return best[1]


def match(doc: Document, fmt: Format, others: Sequence[Format] = ()) -> FormatMatch:
    """Match every table row of ``doc`` to ``fmt``'s templates."""
    shapes = row_shapes(fmt, others)
    known = shapes.known
    shaped = [(table, [shapes.of(row) for row in table.rows]) for table in doc.tables]
    pending_template: TableTemplate | None = None
    foreign = _foreign(shaped, shapes)
    captions = _captions(doc, fmt)
    unlabeled = known.unlabeled
    builders: dict[str, Builder] = {}
    unmatched: list[Row] = []
    pending_header: list[HeaderCell] = []
    current: TableTemplate | None = None
    previous_table: Table | None = None
    last_group: str = ""
    caption_lines = sorted(captions)
    starts: dict[int, int] = {}
    table_shapes = {id(table): found for table, found in shaped}
    part = ""

    def builder(t: TableTemplate) -> Builder:
        found = builders.get(t.id)
        if found is None:
            found = builders[t.id] = Builder(t)
        return found

    for table, row, shape in _rows_in_order(shaped, shapes):
        if table is not previous_table:
            # A caption paragraph just above this table names its template.
            above = [line for line in caption_lines if line < table.span.line]
            if above and (previous_table is None or above[-1] > previous_table.span.end_line):
                current = captions[above[-1]]
            previous_table = table
            part = table.section[0] if table.section else ""
        if part in foreign:
            continue
        has_values = shape.has_values
        hits = shape.header
        if hits is not None:
            pending_header.extend(HeaderCell(c.text, c.span) for c in row.cells if c.text)
            best_owner = max(hits, key=lambda k: (hits[k], k == (current.id if current else "")))
            pending_template = known.tables.get(best_owner)
            continue
        if not shape.labelled:
            cells = row.cells
            if not shape.filled:
                blank_target = pending_template or current
                if (
                    blank_target is not None
                    and blank_target.id in unlabeled
                    and len(cells) == len(blank_target.columns)
                    and unlabeled[blank_target.id].key not in builder(blank_target).rows
                ):
                    b = builder(blank_target)
                    key = unlabeled[blank_target.id]
                    b.rows[key.key] = MatchedRow(key, "", cells[0].span, row.line, row_values(blank_target, row, cells, ""), True, row)
                    b.header.extend(pending_header)
                    b.touch(row.line, table)
                    pending_header, pending_template = [], None
                    current = blank_target
                continue
            target = current if current is not None and current.id in unlabeled else None
            if target is None and pending_template is not None and pending_template.id in unlabeled:
                target = pending_template
            if target is None and has_values:
                target = next((known.tables[t] for t in unlabeled if len(known.tables[t].columns) == shape.filled), None)
            if target is None or not has_values:
                unmatched.append(row)
                continue
            b = builder(target)
            key = unlabeled[target.id]
            if key.key not in b.rows:
                span = row.cells[0].span
                b.rows[key.key] = MatchedRow(key, "", span, row.line, row_values(target, row, cells, ""), True, row)
                b.header.extend(pending_header)
                b.touch(row.line, table)
            pending_header, pending_template = [], None
            current = target
            continue
        if shape.caption_next is not None:
            builder(shape.caption_next).touch(row.line)
        cells = row.cells if shape.kept is None else tuple(row.cells[i] for i in shape.kept)
        if shape.caption is not None:
            current = shape.caption
            builder(current).touch(row.line)
            continue
        last_label = shape.last_label
        zone = cells[last_label + 1 :]
        found = shape.scored
        if not found:
            if not has_values and shape.kept_filled >= 2:
                pending_header.extend(HeaderCell(c.text, c.span) for c in cells if c.text)
            else:
                unmatched.append(row)
            continue
        cand = found[0][1] if len(found) == 1 else _best(found, has_values or bool(zone), last_group, current)
        template = cand.table
        b = builder(template)
        b.touch(row.line, table)
        if cand.row.group == "group":
            last_group = cand.row.key
        elif cand.row.parent:
            last_group = cand.row.parent
        if pending_header:
            b.header.extend(pending_header)
            pending_header, pending_template = [], None
        if cand.row.key in b.rows:
            continue
        first, own = cells[shape.first_label].span, cells[last_label]
        span = Span(first.line, first.column, own.span.end_line, own.span.end_column)
        exact = shape.label_norm.endswith(cand.norm)
        if id(table) not in starts:
            starts[id(table)] = common_start(s.figures_at for s in table_shapes[id(table)])  # figures_start(table)
        lead = starts[id(table)] - (last_label + 1)
        values: tuple[CellValue, ...] = ()
        if cand.row.group != "group":
            plan_key = (id(template), lead)  # the cells after the label are the shape's: so is their plan
            plan = shape.plans.get(plan_key, _UNPLANNED)
            if plan is _UNPLANNED:
                plan = shape.plans[plan_key] = value_plan(len(template.columns), [c.text for c in zone], own.text, lead)
            if plan is None:  # one filled cell: joined figures or not, the cell says
                values = row_values(template, row, zone, own.text, lead)
            else:
                values = planned_values(template.columns, row, zone, plan)
        b.rows[cand.row.key] = MatchedRow(cand.row, shape.written, span, row.line, values, exact, row, own.text, own.span)
        current = template
    return FormatMatch(fmt, {k: b.freeze(fmt.relations) for k, b in builders.items()}, foreign, tuple(unmatched))
