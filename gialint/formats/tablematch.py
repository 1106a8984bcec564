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

from gialint.formats.labels import core
from gialint.formats.labelscore import Candidate, matcher, scored
from gialint.formats.matched import (
    CellValue,
    Foreign,
    FormatMatch,
    HeaderCell,
    MatchedRow,
    MatchedTable,
)
from gialint.formats.matchfacts import FormatFacts, facts, text_kind
from gialint.formats.normalise import norm_label
from gialint.formats.rowvalues import Builder, figures_start, row_values
from gialint.formats.templates import Format, TableTemplate
from gialint.model.document import Cell, Document, Row, Span, Table

__all__ = ["CellValue", "Foreign", "FormatMatch", "HeaderCell", "MatchedRow", "MatchedTable", "match"]


# --------------------------------------------------------------------------- matching


def _rows_in_order(doc: Document) -> Iterator[tuple[Table, Row]]:
    """Every table row in order, re-joining rows that a PDF export split in two.

    ``→→2→0→0…`` followed by ``→→.其他法律行政法规禁止公开→→…``: the item number and the
    figures on one line, the rest of the label on the next.
    """
    for table in doc.tables:
        rows = list(table.rows)
        i = 0
        while i < len(rows):
            row = rows[i]
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            if (
                nxt is not None
                and (filled := [c for c in row.cells if c.text])
                and len(first := filled[0].text) <= 2
                and first.isdecimal()  # re's \d{1,2}, whole
                and all(text_kind(c.text)[0] for c in filled)
                and (nxt_filled := [c for c in nxt.cells if c.text])
                and nxt_filled[0].text.startswith((".", "．", "·"))
                and not any(text_kind(c.text)[0] for c in nxt_filled)
            ):
                label = Cell(filled[0].text + nxt_filled[0].text.strip(), nxt_filled[0].span)
                cells = [label, *row.cells[row.cells.index(filled[0]) + 1 :]]
                yield table, Row(tuple(cells), row.line)
                i += 2
                continue
            yield table, row
            i += 1


def _captions(doc: Document, fmt: Format) -> dict[int, TableTemplate]:
    """Caption lines (第二十条第（一）项) written as paragraphs between pipe tables."""
    by_caption = facts(fmt).caption_rows
    out: dict[int, TableTemplate] = {}
    for block in doc.blocks:
        if block.kind in ("paragraph", "heading") and len(block.text) <= 40 and norm_label(block.text) in by_caption:
            out[block.span.line] = by_caption[norm_label(block.text)]
    return out


def _foreign(doc: Document, fmt: Format, others: Sequence[Format]) -> dict[str, Foreign]:
    """Parts whose table labels carry another format's signatures more than this format's."""
    out: dict[str, Foreign] = {}
    mine = facts(fmt).signatures
    for other in others:
        theirs = facts(other).signatures - mine
        if not theirs:
            continue
        per_part: dict[str, tuple[list[tuple[str, Span]], int]] = {}
        for table in doc.tables:
            part = table.section[0] if table.section else ""
            hits, own = per_part.get(part, ([], 0))
            for row in table.rows:
                for cell in row.cells:
                    text = norm_label(cell.text)
                    if text in theirs:
                        hits.append((cell.text, cell.span))
                    elif text in mine:
                        own += 1
            per_part[part] = (hits, own)
        for part, (hits, own) in per_part.items():
            if len(hits) >= 2 and len(hits) > own and part not in out:
                out[part] = Foreign(part, other, tuple(hits))
    return out


def _header_hits(cells: Sequence[Cell], known: FormatFacts) -> dict[str, int]:
    hits: dict[str, int] = {}
    vocab = known.vocab
    for cell in cells:
        if not cell.text:
            continue
        text = norm_label(cell.text)
        owners = vocab.get(text)
        if owners is None and len(text) > 12:  # the long 勾稽 note, however it is bracketed
            owners = next((ids for word_core, ids in known.long_words if word_core == core(text)), None)
        for owner in owners or ():
            hits[owner] = hits.get(owner, 0) + 1
    return hits


def match(doc: Document, fmt: Format, others: Sequence[Format] = ()) -> FormatMatch:
    """Match every table row of ``doc`` to ``fmt``'s templates."""
    candidates, memo = matcher(fmt)
    known = facts(fmt)
    pending_template: TableTemplate | None = None
    foreign = _foreign(doc, fmt, others)
    captions = _captions(doc, fmt)
    caption_rows = known.caption_rows
    unlabeled = known.unlabeled
    builders: dict[str, Builder] = {}
    unmatched: list[Row] = []
    pending_header: list[HeaderCell] = []
    current: TableTemplate | None = None
    previous_table: Table | None = None
    last_group: str = ""
    caption_lines = sorted(captions)
    starts: dict[int, int] = {}

    def builder(t: TableTemplate) -> Builder:
        found = builders.get(t.id)
        if found is None:
            found = builders[t.id] = Builder(t)
        return found

    for table, row in _rows_in_order(doc):
        if table is not previous_table:
            # A caption paragraph just above this table names its template.
            above = [line for line in caption_lines if line < table.span.line]
            if above and (previous_table is None or above[-1] > previous_table.span.end_line):
                current = captions[above[-1]]
            previous_table = table
        part = table.section[0] if table.section else ""
        if part in foreign:
            continue
        cells = list(row.cells)
        kinds = [text_kind(c.text) for c in cells]
        label_idx = [i for i, (_, label) in enumerate(kinds) if label]
        has_values = any(value for value, _ in kinds)
        if not has_values:
            hits = _header_hits(cells, known)
            if hits and (max(hits.values()) >= 2 or len([c for c in cells if c.text]) == 1):
                pending_header.extend(HeaderCell(c.text, c.span) for c in cells if c.text)
                best_owner = max(hits, key=lambda k: (hits[k], k == (current.id if current else "")))
                pending_template = known.tables.get(best_owner)
                continue
        if not label_idx:
            filled = [c for c in cells if c.text]
            if not filled:
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
                target = next((known.tables[t] for t in unlabeled if len(known.tables[t].columns) == len(filled)), None)
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
        caption_cells = [i for i in label_idx if norm_label(cells[i].text) in caption_rows]
        if caption_cells and len(label_idx) > len(caption_cells):
            # 行政处罚 then 第二十条第（八）项 run together: the caption starts the next block.
            next_caption = caption_rows[norm_label(cells[caption_cells[0]].text)]
            builder(next_caption).touch(row.line)
            label_idx = [i for i in label_idx if i not in caption_cells]
            cells = [c for i, c in enumerate(cells) if i not in caption_cells]
            label_idx = [i for i, c in enumerate(cells) if text_kind(c.text)[1]]
        label_cells = cells[label_idx[0] : label_idx[-1] + 1]
        written = "".join(c.text for c in label_cells if c.text)
        zone = cells[label_idx[-1] + 1 :]
        label_norm = norm_label(written)
        if label_norm in caption_rows:
            current = caption_rows[label_norm]
            builder(current).touch(row.line)
            continue
        label_core = core(written)
        last_core = core(label_cells[-1].text) if label_cells[-1].text else label_core
        best: tuple[float, Candidate] | None = None
        for base, cand in scored(memo, candidates, label_norm, label_core, last_core):
            s = base
            if cand.row.group == "group" and (has_values or zone):
                s -= 0.5
            if cand.row.parent and cand.row.parent == last_group:
                s += 0.05
            if current is not None and cand.table.id == current.id:
                s += 0.02
            if best is None or s > best[0]:
                best = (s, cand)
        if best is None:
            if not has_values and len([c for c in cells if c.text]) >= 2:
                pending_header.extend(HeaderCell(c.text, c.span) for c in cells if c.text)
            else:
                unmatched.append(row)
            continue
        cand = best[1]
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
        span = Span(label_cells[0].span.line, label_cells[0].span.column, label_cells[-1].span.end_line, label_cells[-1].span.end_column)
        exact = label_norm.endswith(cand.norm)
        if id(table) not in starts:
            starts[id(table)] = figures_start(table)
        lead = starts[id(table)] - (label_idx[-1] + 1)
        values = () if cand.row.group == "group" else row_values(template, row, zone, label_cells[-1].text, lead)
        own = label_cells[-1]
        b.rows[cand.row.key] = MatchedRow(cand.row, written, span, row.line, values, exact, row, own.text, own.span)
        current = template
    return FormatMatch(fmt, {k: b.freeze(fmt.relations) for k, b in builders.items()}, foreign, tuple(unmatched))
