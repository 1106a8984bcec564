"""One pass over a document for what several rules look for, kept with the document.

Rules that read the text line by line mostly look at few lines: those with a year, those with a
figure, those of a table. :func:`scan` finds them once per document (memoised in
``Document.memo``); :func:`lines_where` finds, in one scan of the whole text, the lines on
which a pattern matches, so that a rule runs its slower per-line patterns only there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from operator import add
from typing import TYPE_CHECKING

from gialint._lazy import lazy_re
from gialint.model.record import Record

if TYPE_CHECKING:
    from gialint.model.document import Document

_YEAR_MENTION = lazy_re(r"(?:19|20)\d{2}[^\S\n]*年")
"""A year as the rules write it (2021年, 2021 年): every year pattern of the rules requires it."""
_DIGIT = lazy_re(r"\d")


class Scan(Record):
    """What the rules share about one document's lines (line numbers are 1-based)."""

    __slots__ = ("starts", "cell_lines", "table_lines")

    starts: tuple[int, ...]
    """Offset in ``Document.source`` of each line's first character."""
    cell_lines: frozenset[int]
    """Lines where a cell of a table the parser read starts."""
    table_lines: frozenset[int]
    """Lines holding a cell of a table the parser read (a cell's first and last line)."""

    def __init__(self, starts: tuple[int, ...], cell_lines: frozenset[int], table_lines: frozenset[int]) -> None:
        self._init(starts, cell_lines, table_lines)


def scan(doc: Document) -> Scan:
    """The shared facts of ``doc``, computed on first use."""
    found = doc.memo.get("scan")
    if found is None:
        lines = doc.lines
        # Offsets: the lengths of the lines before, plus one line break each (all at C speed).
        starts = tuple(map(add, accumulate(map(len, lines[:-1]), initial=0), range(len(lines)))) if lines else (0,)
        cells = [c.span for t in doc.tables for r in t.rows for c in r.cells]
        cell_lines = frozenset({s.line for s in cells})
        found = doc.memo["scan"] = Scan(starts, cell_lines, cell_lines | {s.end_line for s in cells})
    return found  # type: ignore[return-value]


def lines_where(doc: Document, pattern: re.Pattern[str]) -> tuple[int, ...]:
    """The lines, in order, on which ``pattern`` finds a match: one search of the whole text,
    skipping to the next line after each hit. ``pattern`` must not match across a line break
    (write ``[^\\S\\n]`` for a blank); the answer is then what a search of each line gives.
    Memoised per pattern."""
    memo: dict[re.Pattern[str], tuple[int, ...]] = doc.memo.setdefault("lines-where", {})  # type: ignore[assignment]
    cached = memo.get(pattern)
    if cached is not None:
        return cached
    result = memo[pattern] = lines_in(doc.source, scan(doc).starts, len(doc.lines), pattern)
    return result


def lines_in(text: str, starts: tuple[int, ...], count: int, pattern: re.Pattern[str]) -> tuple[int, ...]:
    """:func:`lines_where` in ``text``, a text of ``count`` lines starting at ``starts`` (the
    document's text rewritten character for character, e.g. full-width digits made ASCII)."""
    out: list[int] = []
    search = pattern.search
    # The end of the last line: a final line break starts no line (see split_lines).
    end = len(text) - 1 if count and text.endswith("\n") and starts[-1] < len(text) else len(text)
    m = search(text, 0, end)
    while m is not None:
        line = bisect_right(starts, m.start())
        out.append(line)
        if line >= count:
            break
        m = search(text, starts[line], end)
    return tuple(out)


def year_lines(doc: Document) -> tuple[int, ...]:
    """Lines that mention a year (``2021年``, ``2021 年``)."""
    return lines_where(doc, _YEAR_MENTION)


def digit_lines(doc: Document) -> tuple[int, ...]:
    """Lines with a digit (``\\d``: any Unicode decimal digit)."""
    return lines_where(doc, _DIGIT)
