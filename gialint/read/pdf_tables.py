"""Ruled PDF tables → rows on the table's grid, stitched across page breaks (plain geometry).

pdfplumber finds a table's cells from its ruling lines; a cell is a box. The grid's columns
and rows are the distinct box edges; a box spanning several of them is a merged cell (its text
goes in the first grid cell, the others stay empty, as in a ``.txt`` export); a grid position
no box covers is a missing cell (dropped at the end of a row, so a row that really has fewer
cells reads as one). A table that goes on at the top of the next page is stitched onto the
one at the bottom of the previous page: columns matched by x-position, a repeated header
dropped, a group label that stayed behind in a merged cell carried over.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from gialint.formats.labels import is_value
from gialint.model.numbering import match_numbering
from gialint.read.pdf_text import join_cell_lines

BBox = tuple[float, float, float, float]
SNAP = 2.5
"""Two edges closer than this (PDF points) are the same grid line."""
BOTTOM = 0.75
"""A table whose bottom edge is below this share of its page's height ran to the page's end."""


def _edges(values: Sequence[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _index(edges: Sequence[float], value: float) -> int:
    i = bisect_left(edges, value - SNAP)
    return min(i, len(edges) - 1)


@dataclass(slots=True)
class Grid:
    """One table (or one table stitched over pages) on its grid."""

    rows: list[list[str | None]]
    """Cell texts; '' for the covered part of a merged cell, None where no cell is."""
    xs: list[float]
    """Column edges (len = columns + 1)."""
    pages: list[int]
    """The page of each row."""
    top: float
    bottom: float
    origin_rows: list[list[int]] = field(default_factory=list)
    """For each grid position, the row where the cell covering it starts (-1 where none)."""
    text_x: list[list[float | None]] = field(default_factory=list)
    """For each grid position that starts a cell with text, where its text starts (x)."""
    colspan: list[list[int]] = field(default_factory=list)
    """For each grid position that starts a cell, how many columns the cell covers (else 0)."""
    ruled: bool = True
    """Found from ruling lines (False for rows read by text recognition: not stitched)."""

    @property
    def width(self) -> int:
        return len(self.xs) - 1

    def texts(self) -> list[list[str]]:
        """Rows as the text parser gets them: missing cells at a row's end dropped, inner ones empty."""
        out = []
        for row in self.rows:
            end = len(row)
            while end and row[end - 1] is None:
                end -= 1
            out.append([c or "" for c in row[:end]])
        return out


def build_grid(cells: Sequence[BBox], cell_text: Callable[[BBox], tuple[str, float | None]], page: int) -> Grid:
    """The grid of one table found on one page (``cells``: the boxes pdfplumber found;
    ``cell_text``: a box's text and the x where it starts)."""
    xs = _edges([c[0] for c in cells] + [c[2] for c in cells])
    ys = _edges([c[1] for c in cells] + [c[3] for c in cells])
    width, height = len(xs) - 1, len(ys) - 1
    rows: list[list[str | None]] = [[None] * width for _ in range(height)]
    origin = [[-1] * width for _ in range(height)]
    text_x: list[list[float | None]] = [[None] * width for _ in range(height)]
    colspan = [[0] * width for _ in range(height)]
    for box in sorted(cells, key=lambda b: (b[1], b[0])):
        c0, c1 = _index(xs, box[0]), max(_index(xs, box[2]), _index(xs, box[0]) + 1)
        r0, r1 = _index(ys, box[1]), max(_index(ys, box[3]), _index(ys, box[1]) + 1)
        for r in range(r0, r1):
            for c in range(c0, c1):
                rows[r][c] = ""
                origin[r][c] = r0
        text, x = cell_text(box)
        rows[r0][c0] = join_cell_lines(text)
        text_x[r0][c0] = x
        colspan[r0][c0] = c1 - c0
    return Grid(rows, xs, [page] * height, ys[0], ys[-1], origin, text_x, colspan)


def _same(a: Sequence[str | None], b: Sequence[str | None]) -> bool:
    norm = [re.sub(r"\s+", "", c or "") for c in a]
    return any(norm) and norm == [re.sub(r"\s+", "", c or "") for c in b]


def _column_map(prev: Grid, cont: Grid) -> list[tuple[int, int]]:
    """For each column of ``cont``, the first and last column of ``prev`` it covers: by
    x-position, or by order when both have as many columns drawn at other positions."""
    if cont.width == prev.width and any(abs(a - b) > SNAP for a, b in zip(prev.xs, cont.xs)):
        return [(k, k) for k in range(cont.width)]

    def column_at(x: float) -> int:
        return max(0, min(bisect_left(prev.xs, x) - 1, prev.width - 1))

    return [(column_at(cont.xs[k] + SNAP), column_at(cont.xs[k + 1] - SNAP)) for k in range(cont.width)]


def _column_of(prev: Grid, x: float | None, first: int, last: int) -> int:
    """The column of ``prev`` (between ``first`` and ``last``) where text starting at ``x`` is."""
    if x is None:
        return first
    for k in range(first, last + 1):
        if prev.xs[k] - SNAP <= x < prev.xs[k + 1]:
            return k
    return first


def _label_columns(grid: Grid) -> int:
    """How many leading columns hold labels (no figures) in the grid's rows."""
    count = grid.width
    for row in grid.rows:
        for k, text in enumerate(row):
            if text and is_value(text):
                count = min(count, k)
                break
    return count


def _edges_fit(a: Sequence[float], b: Sequence[float]) -> bool:
    """Every edge of ``a`` is one of ``b``'s (a border missing from ``a``), outer edges shared."""
    outer = abs(a[0] - b[0]) <= SNAP and abs(a[-1] - b[-1]) <= SNAP
    return outer and all(min(abs(x - y) for y in b) <= SNAP for x in a)


def continues(prev: Grid, cont: Grid, page_height: float) -> bool:
    """Whether ``cont``, the first thing on the page after the one ``prev`` ends (as its last
    thing), goes on with it: its columns sit at ``prev``'s x-positions (a border missing on one
    page or the other is allowed), or it has as many columns and ``prev`` ran to the bottom of
    its page (the same table drawn a little shifted)."""
    if not (prev.ruled and cont.ruled) or cont.pages[0] != prev.pages[-1] + 1:
        return False
    if _edges_fit(cont.xs, prev.xs) or _edges_fit(prev.xs, cont.xs):
        return True
    return cont.width == prev.width and prev.bottom > page_height * BOTTOM


def _place_row(
    prev: Grid, cont: Grid, mapping: Sequence[tuple[int, int]], r: int, offset: int
) -> tuple[list[str | None], list[int]]:
    """Row ``r`` of ``cont`` on ``prev``'s columns, and where each of its cells starts (a row of
    the stitched grid: ``offset`` is the number of rows before ``cont``'s first)."""
    new: list[str | None] = [None] * prev.width
    origin = [-1] * prev.width
    for k, text in enumerate(cont.rows[r]):
        if text is None:
            continue
        start = (cont.origin_rows[r][k] if cont.origin_rows else r) + offset
        if cont.colspan and cont.colspan[r][k] == 0:  # covered by a merged cell
            for target in range(mapping[k][0], mapping[k][1] + 1):
                new[target] = "" if new[target] is None else new[target]
                origin[target] = start
            continue
        span = max(cont.colspan[r][k] if cont.colspan else 1, 1)
        first, last = mapping[k][0], mapping[min(k + span, cont.width) - 1][1]
        # a border missing on this page: the text goes in the column where it is drawn
        home = _column_of(prev, cont.text_x[r][k] if cont.text_x else None, first, last) if text else first
        # a border prev does not have: the texts share prev's cell
        new[home] = join_cell_lines(f"{new[home]}\n{text}") if new[home] else text
        for target in range(first, last + 1):
            origin[target] = start
            if new[target] is None:
                new[target] = ""  # the rest of a cell over several columns
    return new, origin


def stitch(prev: Grid, cont: Grid) -> Grid:
    """``prev`` with ``cont``'s rows appended on ``prev``'s columns."""
    mapping = _column_map(prev, cont)
    placed = [_place_row(prev, cont, mapping, r, len(prev.rows)) for r in range(len(cont.rows))]
    rows = [row for row, _ in placed]
    origins = [origin for _, origin in placed]
    skip = 0
    while skip < len(rows) and skip < len(prev.rows) and _same(rows[skip], prev.rows[skip]):
        skip += 1  # the header, repeated on the new page
    rows, origins, pages = rows[skip:], _shift(origins[skip:], skip), cont.pages[skip:]
    if rows and _rest_of_row(prev.rows[-1], rows[0]):
        prev = replace(prev, rows=[*prev.rows[:-1], [_join(a, b) for a, b in zip(prev.rows[-1], rows[0])]])
        rows, origins, pages = rows[1:], _shift(origins[1:], 1), pages[1:]
    _carry_group_labels(prev, rows, origins)
    no_x: list[list[float | None]] = [[None] * prev.width for _ in rows]
    return replace(
        prev,
        rows=prev.rows + rows,
        pages=prev.pages + pages,
        bottom=cont.bottom,
        origin_rows=prev.origin_rows + origins,
        text_x=prev.text_x + no_x,
        colspan=prev.colspan + [[1 if text is not None else 0 for text in row] for row in rows],
    )


def _shift(origins: list[list[int]], removed: int) -> list[list[int]]:
    """Origins after ``removed`` rows before them were dropped."""
    return [[o - removed if o >= 0 else -1 for o in row] for row in origins]


def _rest_of_row(last: Sequence[str | None], first: Sequence[str | None]) -> bool:
    """Whether ``first`` (the first row on the new page) is the rest of ``last``, a row broken
    over the page break (Word's default "allow row to break across pages"): its text goes on a
    label of ``last`` (no numbering of its own, not a figure), and no column has figures in both."""
    texts = [(k, t) for k, t in enumerate(first) if t]
    if not texts:
        return False
    k, text = texts[0]
    if k >= len(last) or not last[k] or is_value(last[k] or "") or is_value(text) or match_numbering(text):
        return False
    return not any(a and b and is_value(a) and is_value(b) for a, b in zip(last, first))


def _join(a: str | None, b: str | None) -> str | None:
    if a is None and b is None:
        return None
    return join_cell_lines(f"{a or ''}\n{b or ''}")


def _carry_group_labels(prev: Grid, rows: list[list[str | None]], origins: list[list[int]]) -> None:
    """A label in a merged cell that reached the bottom of ``prev`` (``（四）无法提供`` over its
    items) goes on over the first rows of the new page, where its cell came back empty: write it
    into the first of those rows, so that the rows there say which group they belong to."""
    if not rows or not prev.rows:
        return
    last = len(prev.rows) - 1
    for column in range(min(_label_columns(prev), prev.width - 1)):
        start = prev.origin_rows[last][column] if prev.origin_rows else last
        label = prev.rows[start][column] if start >= 0 else None
        spans_rows = start >= 0 and start < last
        if not label or not spans_rows or is_value(label):
            continue
        if rows[0][column] in ("", None) and any(rows[0][column + 1 :]):
            rows[0][column] = label
