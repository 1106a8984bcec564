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

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from gialint.formats.labels import (
    Candidate,
    core,
    is_value,
    item_number,
    label_like,
    matcher,
    norm_label,
    parse_number,
    scored,
)
from gialint.formats.templates import Format, Label, Relation, TableTemplate
from gialint.model.document import Cell, Document, Row, Span, Table
from gialint.read.parse.joined import JoinedRow, resolve


@dataclass(frozen=True, slots=True)
class CellValue:
    column: Label
    text: str
    """The cell's text as written ('' when blank or when the row has no such cell)."""
    span: Span
    present: bool
    """False when the row has no cell at all for this column (it was left out)."""
    value: float | None
    joined: bool = False
    """The row's figures were joined with no separator and could not be split uniquely: ``text``
    and ``span`` are the whole run of digits, ``value`` is None (see :mod:`gialint.read.parse.joined`)."""
    split: bool = False
    """The figure was cut out of a joined run of digits by the table's arithmetic."""


@dataclass(frozen=True, slots=True)
class MatchedRow:
    template: Label
    written: str
    """The label as written (its cells joined)."""
    label_span: Span
    line: int
    values: tuple[CellValue, ...]
    exact: bool
    """The label is the canonical one (after removing blanks and width differences)."""
    row: Row
    own: str = ""
    """The row's own label cell (without a parent label merged into the same row)."""
    own_span: Span | None = None


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class MatchedTable:
    template: TableTemplate
    rows: Mapping[str, MatchedRow]
    """By row key; the first occurrence wins."""
    header: tuple[HeaderCell, ...]
    """Cells of the header rows attached to this table."""
    first_line: int
    last_line: int
    fragments: int = 1
    """How many separate source tables its rows came from (page-split fragments)."""
    joined: tuple[JoinedRow, ...] = ()
    """Rows whose figures were joined with no separator, split or not (see :mod:`gialint.read.parse.joined`)."""

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


@dataclass(frozen=True, slots=True)
class Foreign:
    """A part whose tables follow another format (say, the 2019 tables in a 2021 report)."""

    part: str
    other: Format
    evidence: tuple[tuple[str, Span], ...]


@dataclass(frozen=True, slots=True)
class FormatMatch:
    format: Format
    tables: Mapping[str, MatchedTable]
    foreign: Mapping[str, Foreign] = field(default_factory=dict)
    unmatched: tuple[Row, ...] = ()

    def value(self, table: str, row: str, column: str) -> CellValue | None:
        matched = self.tables.get(table)
        if matched is None or row not in matched.rows:
            return None
        return next((v for v in matched.rows[row].values if v.column.key == column), None)


# --------------------------------------------------------------------------- matching


class _Builder:
    def __init__(self, template: TableTemplate) -> None:
        self.template = template
        self.rows: dict[str, MatchedRow] = {}
        self.header: list[HeaderCell] = []
        self.first_line = 0
        self.last_line = 0
        self.sources: set[int] = set()

    def touch(self, line: int, source: Table | None = None) -> None:
        if source is not None:
            self.sources.add(source.span.line)
        self.first_line = line if not self.first_line else min(self.first_line, line)
        self.last_line = max(self.last_line, line)

    def freeze(self, relations: Sequence[Relation]) -> MatchedTable:
        rows, joined = _split_joined(self.template, relations, dict(self.rows))
        return MatchedTable(self.template, rows, tuple(self.header), self.first_line, self.last_line, max(1, len(self.sources)), joined)


def _split_joined(
    template: TableTemplate, relations: Sequence[Relation], rows: dict[str, MatchedRow]
) -> tuple[dict[str, MatchedRow], tuple[JoinedRow, ...]]:
    """Rows whose digits were joined, split by the table's arithmetic where exactly one split fits."""
    runs = {key: row.values[0] for key, row in rows.items() if row.values and row.values[0].joined}
    if not runs:
        return rows, ()
    known = {
        key: {v.column.key: v.value for v in row.values if v.value is not None}
        for key, row in rows.items()
        if key not in runs
    }
    found = resolve(template, relations, {key: run.text for key, run in runs.items()}, known)
    for key, result in found.items():
        split = result.split
        if split is None:
            continue
        run = runs[key]
        values, offset = [], 0
        for column, figure in zip(template.columns, split, strict=True):
            text = result.digits[offset : offset + len(str(figure))]
            col = run.span.column + offset
            values.append(CellValue(column, text, Span(run.span.line, col, run.span.line, col + len(text)), True, float(figure), split=True))
            offset += len(text)
        rows[key] = replace(rows[key], values=tuple(values))
    return rows, tuple(found[key] for key in runs)


def _values(template: TableTemplate, row: Row, zone: Sequence[Cell], label_text: str, lead: int = 0) -> tuple[CellValue, ...]:
    """The row's figures for the template's columns. ``lead``: how many grid cells after the
    label come before the column where the table's other rows start their figures."""
    columns = template.columns
    filled = [c for c in zone if c.text]
    if len(filled) == 1 and filled[0].joined and len(columns) >= 2 and len(filled[0].text) >= len(columns):
        run = filled[0]  # figures joined with no separator: split later, by the table's arithmetic
        return tuple(CellValue(column, run.text, run.span, True, None, joined=True) for column in columns)
    number = item_number(label_text)
    if len(filled) == len(columns) + 1 and number is not None and parse_number(filled[0].text) == number:
        filled = filled[1:]  # PDF exports repeat a sub-item's number as a cell of its own
    if len(filled) == len(columns):
        chosen: list[Cell | None] = list(filled)
    else:
        if 0 < lead <= len(zone) and not any(c.text for c in zone[:lead]):
            zone = zone[lead:]  # blank grid cells of a label merged across columns, not figures
        chosen = [*zone[: len(columns)]] + [None] * max(0, len(columns) - len(zone))
    end = row.cells[-1].span if row.cells else Span(row.line, 1, row.line, 1)
    out = []
    for column, cell in zip(columns, chosen, strict=True):
        if cell is None:
            out.append(CellValue(column, "", Span(end.end_line, end.end_column, end.end_line, end.end_column), False, None))
        else:
            out.append(CellValue(column, cell.text, cell.span, True, parse_number(cell.text) if cell.text else None))
    return tuple(out)


def _figures_start(table: Table) -> int:
    """The grid column where most rows of ``table`` start their figures (0 when none has any).

    On a Word or web page grid a label merged across columns (``colspan``) is followed by blank
    cells; this tells them from a blank first figure in a row that lacks a cell."""
    starts: dict[int, int] = {}
    for row in table.rows:
        at = [i for i, c in enumerate(row.cells) if is_value(c.text)]
        if len(at) >= 2:
            starts[at[0]] = starts.get(at[0], 0) + 1
    return max(starts, key=lambda k: (starts[k], -k)) if starts else 0


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
            filled = [c for c in row.cells if c.text]
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            if (
                nxt is not None
                and filled
                and re.fullmatch(r"\d{1,2}", filled[0].text)
                and all(is_value(c.text) for c in filled)
                and (nxt_filled := [c for c in nxt.cells if c.text])
                and re.match(r"^[.．·]", nxt_filled[0].text)
                and not any(is_value(c.text) for c in nxt_filled)
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
    by_caption = {norm_label(t.caption): t for t in fmt.tables if t.caption}
    out: dict[int, TableTemplate] = {}
    for block in doc.blocks:
        if block.kind in ("paragraph", "heading") and len(block.text) <= 40 and norm_label(block.text) in by_caption:
            out[block.span.line] = by_caption[norm_label(block.text)]
    return out


def _foreign(doc: Document, fmt: Format, others: Sequence[Format]) -> dict[str, Foreign]:
    """Parts whose table labels carry another format's signatures more than this format's."""
    out: dict[str, Foreign] = {}
    mine = {norm_label(s) for s in fmt.signatures}
    for other in others:
        theirs = {norm_label(s) for s in other.signatures} - mine
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


def _header_vocabulary(fmt: Format) -> dict[str, set[str]]:
    """Normalised header words → the ids of the templates that use them."""
    vocab: dict[str, set[str]] = {}
    for t in fmt.tables:
        words = [c.label for c in t.columns] + [c.group for c in t.columns if c.group] + list(t.header) + [t.corner]
        words += [c.group + c.label for c in t.columns if c.group and c.group != "group"]
        for word in words:
            if word:
                vocab.setdefault(norm_label(word), set()).add(t.id)
    return vocab


def _header_hits(cells: Sequence[Cell], vocab: Mapping[str, set[str]]) -> dict[str, int]:
    hits: dict[str, int] = {}
    for cell in cells:
        if not cell.text:
            continue
        text = norm_label(cell.text)
        owners = vocab.get(text)
        if owners is None and len(text) > 12:  # the long 勾稽 note, however it is bracketed
            owners = next((ids for word, ids in vocab.items() if len(word) > 12 and core(word) == core(text)), None)
        for owner in owners or ():
            hits[owner] = hits.get(owner, 0) + 1
    return hits


def match(doc: Document, fmt: Format, others: Sequence[Format] = ()) -> FormatMatch:
    """Match every table row of ``doc`` to ``fmt``'s templates."""
    candidates, memo = matcher(fmt)
    vocab = _header_vocabulary(fmt)
    pending_template: TableTemplate | None = None
    foreign = _foreign(doc, fmt, others)
    captions = _captions(doc, fmt)
    caption_rows = {norm_label(t.caption): t for t in fmt.tables if t.caption}
    unlabeled = {t.id: next(r for r in t.rows if not r.label) for t in fmt.tables if any(not r.label for r in t.rows)}
    builders: dict[str, _Builder] = {}
    unmatched: list[Row] = []
    pending_header: list[HeaderCell] = []
    current: TableTemplate | None = None
    previous_table: Table | None = None
    last_group: str = ""
    caption_lines = sorted(captions)
    figures_start: dict[int, int] = {}

    def builder(t: TableTemplate) -> _Builder:
        return builders.setdefault(t.id, _Builder(t))

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
        label_idx = [i for i, c in enumerate(cells) if label_like(c)]
        has_values = any(is_value(c.text) for c in cells)
        if not has_values:
            hits = _header_hits(cells, vocab)
            if hits and (max(hits.values()) >= 2 or len([c for c in cells if c.text]) == 1):
                pending_header.extend(HeaderCell(c.text, c.span) for c in cells if c.text)
                best_owner = max(hits, key=lambda k: (hits[k], k == (current.id if current else "")))
                pending_template = fmt.table(best_owner)
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
                    b.rows[key.key] = MatchedRow(key, "", cells[0].span, row.line, _values(blank_target, row, cells, ""), True, row)
                    b.header.extend(pending_header)
                    b.touch(row.line, table)
                    pending_header, pending_template = [], None
                    current = blank_target
                continue
            target = current if current is not None and current.id in unlabeled else None
            if target is None and pending_template is not None and pending_template.id in unlabeled:
                target = pending_template
            if target is None and has_values:
                target = next((fmt.table(t) for t in unlabeled if len(fmt.table(t).columns) == len(filled)), None)  # type: ignore[union-attr]
            if target is None or not has_values:
                unmatched.append(row)
                continue
            b = builder(target)
            key = unlabeled[target.id]
            if key.key not in b.rows:
                span = row.cells[0].span
                b.rows[key.key] = MatchedRow(key, "", span, row.line, _values(target, row, cells, ""), True, row)
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
            label_idx = [i for i, c in enumerate(cells) if label_like(c)]
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
        if id(table) not in figures_start:
            figures_start[id(table)] = _figures_start(table)
        lead = figures_start[id(table)] - (label_idx[-1] + 1)
        values = () if cand.row.group == "group" else _values(template, row, zone, label_cells[-1].text, lead)
        own = label_cells[-1]
        b.rows[cand.row.key] = MatchedRow(cand.row, written, span, row.line, values, exact, row, own.text, own.span)
        current = template
    return FormatMatch(fmt, {k: b.freeze(fmt.relations) for k, b in builders.items()}, foreign, tuple(unmatched))
