"""Tables written as text, found by the format's own labels rather than by a separator.

Text copied from web pages, PDF viewers and crawls writes the report's tables in shapes the
tab-separated export reader (:mod:`gialint.read.parse.tabular`) does not see:

* pipes without a Markdown separator line: ``规章 | 0 | 0 | 0`` (in .md, markdown-it makes that a
  paragraph);
* one row broken over lines (``规章 |`` / ``0 |`` / ``0 |``) or one cell per line without tabs;
* cells separated by runs of spaces (``规章  0  0  0``, ideographic spaces too);
* several rows on one line (a flattened table, or a whole report on one line);
* figures joined with no separator: ``行政规范性文件353535`` (the cell is marked ``joined`` and the
  table matcher splits it by the table's arithmetic, see :mod:`gialint.read.parse.joined`).

A line is read as a sequence of tokens: the labels of the formats (rules/gov-*.yaml through
:func:`gialint.formats.labels.vocabulary`), figures, fillers (``-``, ``/``, ``无``), separators, and
other text. Rows start at a row label and take the figures that follow, whichever separator
the text uses; header words make header rows. Only a run of lines (or of one line) shaped like a
template becomes a table: two labelled rows with figures, or a labelled row under a header, or a
header over a row of figures. Prose that merely mentions a label (``本年新收政府信息公开申请数量5件``)
has other text after the label, so it never becomes a table. Every cell keeps its exact span.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gialint._lazy import lazy_re
from gialint.formats.labels import Vocabulary
from gialint.model.document import Block, Cell, Row, Span, Table, TableShape
from gialint.read.parse.texttokens import Tok, inline_unknown_labels, tokenize, unknown_label

_PROSE_MEMO = 500  # the lines that recur (headings, boilerplate) come with the first reports; unique paragraphs never hit again
_PROSE_LINE = 80
"""The longest line :data:`_PROSE_MEMO` keeps: the lines that recur are short; a long one is a
report's own paragraph, which would only grow a long run's memory."""
_DIGIT = lazy_re(r"[0-9０-９]")
_BARE = lazy_re(r"^[\s\u3000\xa0*|｜0-9０-９.．+\-−－—–/／无万元]*$")
_ROW_FIGURES = lazy_re(r"[|｜\d](?:(?<=[|｜])|(?<=\d)(?:[ \u3000\xa0]+[-—–/0-9]|\d{2,}(?![\d年月日号件条个项元%％])))")
"""Figures as a table row sets them out: a pipe, two figures separated by blanks, or three or more
digits run together (``规章000``) — not a year (2021年) or a count in a sentence (5件). Written as
one character set and what follows it (``[|｜]|\\d…|\\d{3,}…`` in effect) so that re skips the
characters outside the set: two and a half times faster over a report's sentences."""
_ELIGIBLE = ("paragraph", "list_item", "code")

_TABLE_KINDS = frozenset({"row", "header", "caption", "value", "filler", "empty", "text"})


class _Row:
    __slots__ = ("kind", "cells", "lines")

    kind: str
    """label, header, caption or values (a row of figures with no label)."""
    cells: list[tuple[int, Tok]]
    """(line number, token)"""
    lines: set[int]

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.cells = []
        self.lines = set()

    def values(self) -> int:
        return sum(1 for _, t in self.cells if t.kind in ("value", "filler"))

    def add(self, line_no: int, tok: Tok) -> None:
        self.cells.append((line_no, tok))
        self.lines.add(line_no)


def _rows(tokens: Iterable[tuple[int, Tok, bool]]) -> list[_Row]:
    """Rows from (line number, token, first token of its line) in reading order."""
    rows: list[_Row] = []
    current: _Row | None = None
    line_tokens = 0
    for line_no, tok, first in tokens:
        if tok.kind in ("row", "caption"):
            current = _Row("label" if tok.kind == "row" else "caption")
            current.add(line_no, tok)
            rows.append(current)
            if tok.kind == "caption":
                current = None
        elif tok.kind in ("header", "text"):
            if current is None or current.kind != "header" or first and line_tokens >= 2:
                current = _Row("header")
                rows.append(current)
            current.add(line_no, tok)
        else:  # a figure, filler or empty cell
            complete = first and current is not None and current.kind == "label" and current.values() and line_tokens > 1
            if current is None or current.kind in ("header", "caption") or complete:
                # A row written whole on its line does not go on with the figures of the next line.
                current = _Row("values")
                rows.append(current)
            current.add(line_no, tok)
        line_tokens = 1 if first else line_tokens + 1
    for before, row in zip(rows, rows[1:]):
        # A run of digits alone under a header (a crawl of table 四): the figures joined.
        if before.kind == "header" and row.kind == "values" and len(row.cells) == 1:
            tok = row.cells[0][1]
            tok.glued = tok.glued or tok.text.isdigit() and len(tok.text) >= 3
    return rows


def _accepted(rows: Sequence[_Row]) -> bool:
    """Shaped like a template: two labelled rows with figures, a labelled row under a header,
    or a header over a row of figures (table 四 has no row label)."""
    labelled = sum(1 for r in rows if r.kind == "label" and r.values())
    header = sum(len(r.cells) for r in rows if r.kind == "header")
    bare = sum(1 for r in rows if r.kind == "values" and (r.values() >= 2 or r.cells[0][1].glued))
    return labelled >= 2 or labelled >= 1 and header >= 2 or bare >= 1 and header >= 3


def _cell(line_no: int, tok: Tok) -> Cell:
    return Cell(tok.text, Span(line_no, tok.start + 1, line_no, tok.end + 1), joined=tok.glued and tok.text.isdigit() and len(tok.text) > 1)


def _table(rows: Sequence[_Row], shape: TableShape) -> Table:
    out: list[Row] = []
    for row in rows:
        cells = tuple(_cell(n, t) for n, t in row.cells)
        out.append(Row(cells, cells[0].span.line))
    first = out[0].cells[0].span
    last = max((c.span for r in out for c in r.cells), key=lambda s: (s.end_line, s.end_column))
    return Table(tuple(out), Span(first.line, first.column, last.end_line, last.end_column), shape)


def _shape(rows: Sequence[_Row], pipes: bool) -> TableShape:
    if pipes:
        return "text-pipe"
    per_line: dict[int, int] = {}
    for r in rows:
        if r.kind == "label":
            first = min(r.lines)
            per_line[first] = per_line.get(first, 0) + 1
    if any(n >= 2 for n in per_line.values()):
        return "text-flattened"
    if any(len(r.lines) > 1 for r in rows):
        return "text-cell-per-line"
    return "text-spaces"


class _Found:
    __slots__ = ("table", "pieces")

    table: Table
    pieces: list[tuple[int, int, int]]
    """(line number, start, end) of the text the table took, per line."""

    def __init__(self, table: Table, pieces: list[tuple[int, int, int]]) -> None:
        self.table = table
        self.pieces = pieces


def _runs(tokens: list[Tok]) -> list[list[Tok]]:
    runs: list[list[Tok]] = [[]]
    for tok in tokens:
        if tok.kind == "other":
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(tok)
    return [r for r in runs if r]


def _find(numbered: Sequence[tuple[int, str]], vocab: Vocabulary) -> list[_Found]:
    """Tables among ``numbered`` lines (line number, text), in order; other lines between them
    are blank."""
    found: list[_Found] = []
    region: list[tuple[int, list[Tok]]] = []
    region_pipes = False
    """A line of the region holds a pipe."""

    def close() -> None:
        nonlocal region, region_pipes
        if region:
            stream = [(n, t, i == 0) for n, toks in region for i, t in enumerate(toks)]
            rows = _rows(stream)
            if _accepted(rows):
                pipes = any(t.kind == "empty" for _, toks in region for t in toks) or region_pipes
                pieces = [(n, toks[0].start, toks[-1].end) for n, toks in region]
                found.append(_Found(_table(_trim(rows), _shape(rows, pipes)), pieces))
        region, region_pipes = [], False

    for index, (n, line) in enumerate(numbered):
        if not line.strip():
            continue
        words = False  # outside a table, the line holds other words than figures
        if not region:
            if line in vocab.prose:
                continue
            words = not _BARE.match(line)
            if words and (not vocab.prefilter(line) or "。" in line and not _ROW_FIGURES.search(line)):
                continue  # no label, or sentences without figures set out as a table row's: prose
        # Outside a table, other words and no label and no pipe: no table starts on the line (its
        # figures make rows of bare values, which need a header), so tokenize reads no further.
        tokens = tokenize(line, vocab, unless_labelled=words)
        if not tokens or not any(t.kind in ("row", "header", "caption", "value") for t in tokens):
            if len(line) <= _PROSE_LINE and len(vocab.prose) < _PROSE_MEMO:
                vocab.prose.add(line)
            close()
            continue
        tokens = _corner(tokens)
        if region:
            following = _next_text(numbered, index)
            tokens = unknown_label(line, tokens, bool(_BARE.match(following)) and _DIGIT.search(following) is not None)
        if all(t.kind in _TABLE_KINDS for t in tokens):
            region.append((n, tokens))
            region_pipes = region_pipes or "|" in line or "｜" in line
            continue
        close()
        for run in _runs(inline_unknown_labels(line, tokens)):
            rows = _rows((n, t, i == 0) for i, t in enumerate(run))
            if _accepted(rows):
                found.append(_Found(_table(_trim(rows), _shape(rows, "|" in line or "｜" in line)), [(n, run[0].start, run[-1].end)]))
    close()
    return found


def _next_text(numbered: Sequence[tuple[int, str]], index: int) -> str:
    """The first line after ``numbered[index]`` that is not blank ('' when none), without
    copying the rest of the lines for every line of a table."""
    for k in range(index + 1, len(numbered)):
        text = numbered[k][1]
        if text.strip():
            return text
    return ""


def _corner(tokens: list[Tok]) -> list[Tok]:
    """A header line that starts with a corner word the format does not name (项目, 类别)."""
    if (
        len(tokens) >= 3
        and tokens[0].kind == "other"
        and len(tokens[0].text) <= 6
        and all(t.kind == "header" for t in tokens[1:])
    ):
        tokens[0].kind = "text"
    return tokens


def _trim(rows: list[_Row]) -> list[_Row]:
    """Without a leading or trailing row of bare figures that belongs to no header (a page number)."""
    out = list(rows)
    while out and out[-1].kind == "values" and not any(r.kind == "header" for r in out):
        out.pop()
    return out


def _line_block(line_no: int, line: str, start: int, end: int) -> Block | None:
    piece = line[start:end]
    text = piece.strip()
    if not text:
        return None
    lead = len(piece) - len(piece.lstrip())
    col = start + lead + 1
    return Block("paragraph", text.replace("**", ""), Span(line_no, col, line_no, col + len(text)))


def find_text_tables(items: list[Block | Table], lines: Sequence[str], vocab: Vocabulary) -> list[Block | Table]:
    """``items`` with the tables written as text (see the module) taken out of their paragraphs."""
    out: list[Block | Table] = []
    run: list[Block] = []
    for item in [*items, None]:
        if isinstance(item, Block) and item.kind in _ELIGIBLE:
            run.append(item)
            continue
        if run:
            out.extend(_replace(run, lines, vocab))
            run = []
        if item is not None:
            out.append(item)
    return out


def _replace(blocks: list[Block], lines: Sequence[str], vocab: Vocabulary) -> list[Block | Table]:
    numbers = [n for b in blocks for n in range(b.span.line, b.span.end_line + 1)]
    numbers = sorted(set(numbers))
    if not any(vocab.prefilter(lines[n - 1]) or "|" in lines[n - 1] for n in numbers):
        return list(blocks)
    found = _find([(n, lines[n - 1]) for n in numbers], vocab)
    if not found:
        return list(blocks)
    taken: dict[int, list[tuple[int, int]]] = {}
    for f in found:
        for n, a, b in f.pieces:
            taken.setdefault(n, []).append((a, b))
    items: list[tuple[tuple[int, int], Block | Table]] = [((f.table.span.line, f.table.span.column), f.table) for f in found]
    for block in blocks:
        touched = [n for n in range(block.span.line, block.span.end_line + 1) if n in taken]
        if not touched:
            items.append(((block.span.line, block.span.column), block))
            continue
        for n in range(block.span.line, block.span.end_line + 1):
            line = lines[n - 1]
            pos = 0
            for a, b in sorted(taken.get(n, [])):
                piece = _line_block(n, line, pos, a)
                if piece is not None:
                    items.append(((n, piece.span.column), piece))
                pos = b
            piece = _line_block(n, line, pos, len(line))
            if piece is not None:
                items.append(((n, piece.span.column), piece))
    items.sort(key=lambda kv: kv[0])
    return [item for _, item in items]
