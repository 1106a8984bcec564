"""Helpers for the rules that read sentences of the report's prose."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from gialint._lazy import lazy_re
from gialint.checks._common import part_range
from gialint.model.document import Document

SENTENCE_BREAK = lazy_re(r"[。；;！？\n]")
YEAR_WRITTEN = r"(?<![\d〔\[（(])((?:19|20)\d{2})[ \u3000]*年"
"""A year the text states (2021年, 2021 年; not 〔2021〕 or (2021): a document number), group 1
the year: what stale-year and plan-year read."""


def sentence_around(line: str, start: int, end: int) -> str:
    """The sentence (up to 。；！？) of ``line`` that holds ``line[start:end]``."""
    left = max((m.end() for m in SENTENCE_BREAK.finditer(line, 0, start)), default=0)
    right = SENTENCE_BREAK.search(line, end)
    return line[left : right.start() if right else len(line)]


def in_book_title(line: str, start: int) -> bool:
    """Whether ``start`` lies inside a title in 《》 (a document's name, not the report's text)."""
    return line.rfind("《", 0, start) > line.rfind("》", 0, start)


def looks_tabular(line: str) -> bool:
    """Whether ``line`` holds a tab or a pipe: a table row, not prose."""
    return "\t" in line or "|" in line


def told_ranges(doc: Document, parts: tuple[int, ...]) -> list[tuple[int, int]]:
    """The first and last line of the preamble, then of each of ``parts`` (numbered or
    bare-title headings), where a report tells its year's work (a range may be empty)."""
    ranges = [(1, doc.preamble_end)]
    for number in parts:
        found = part_range(doc, number)
        if found is not None:
            ranges.append((found[0].line, found[1]))
    return ranges


def told_lines(doc: Document, parts: tuple[int, ...]) -> Iterator[int]:
    """The lines of :func:`told_ranges`, in its order."""
    for first, last in told_ranges(doc, parts):
        yield from range(first, last + 1)


def lines_within(lines: Sequence[int], ranges: list[tuple[int, int]]) -> Iterator[int]:
    """Of ``lines`` (sorted), those in each of ``ranges`` in turn: :func:`told_lines` that are
    among ``lines``, in the same order (a line in two ranges comes twice, as there)."""
    for first, last in ranges:
        yield from lines[bisect_left(lines, first) : bisect_right(lines, last)]
