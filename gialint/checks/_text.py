"""Helpers for the rules that read sentences of the report's prose."""

from __future__ import annotations

import re

SENTENCE_BREAK = re.compile(r"[。；;！？\n]")


def sentence_around(line: str, start: int, end: int) -> str:
    """The sentence (up to 。；！？) of ``line`` that holds ``line[start:end]``."""
    left = max((m.end() for m in SENTENCE_BREAK.finditer(line, 0, start)), default=0)
    right = SENTENCE_BREAK.search(line, end)
    return line[left : right.start() if right else len(line)]


def in_book_title(line: str, start: int) -> bool:
    """Whether ``start`` lies inside a title in 《》 (a document's name, not the report's text)."""
    return line.rfind("《", 0, start) > line.rfind("》", 0, start)
