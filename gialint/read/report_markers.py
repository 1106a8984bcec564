"""What marks a report's text, from the built-in formats (``rules/gov-*.yaml``): the six parts'
headings and the tables' labels. Readers use them to find the report inside a page or a file
that holds other things too (a web page's navigation, a PDF's cover), without copying titles
into code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gialint.formats.labels import core
from gialint.formats.normalise import norm_label
from gialint.formats.textpattern import Literal, TextPattern

_NUMERAL = "[一二三四五六七八九十]{1,3}"
_PART_NUMBERING = re.compile(rf"(?:第{_NUMERAL}部分[、.．:：]?|{_NUMERAL}\s*[、.．])")
_TITLE = re.compile(r"(?:政府信息公开|政务公开)(?:工作)?(?:的)?年度(?:工作)?报告$|(?:政府信息公开|政务公开)(?:工作)?(?:的)?年报$")
_RUN_IN_NUMBERING = re.compile(rf"(?<![一二三四五六七八九十第“‘《「])(?:{_NUMERAL}[、.．]|第{_NUMERAL}部分)")
UNNUMBERED_HEADING = 20
"""A line this short (blanks removed) may be a part heading without its numbering."""
MIN_LABEL = 4
"""Labels shorter than this (规章, 其他, 总计) say nothing about where a report is."""


@dataclass(frozen=True, slots=True)
class Markers:
    parts: tuple[tuple[str, tuple[TextPattern, ...]], ...]
    """(part number as written in the format, heading variants), every built-in format merged."""
    labels: frozenset[str]
    """Table row and column labels, as :func:`gialint.formats.labels.core` makes them."""

    def part_heading(self, text: str) -> str | None:
        """The part number when ``text`` starts with a numbered part heading (``二、主动公开…``,
        a heading run into its body too) or is a short unnumbered one (``总体情况``), else None.
        The intro's list of the six titles is neither, and table 三's rows
        (``三、本年度办理结果``) match no part title."""
        text = text.lstrip(" \u3000\xa0*#")
        match = _PART_NUMBERING.match(text)
        if match is not None:
            rest = norm_label(text[match.end() :])[:40]
        elif len(norm_label(text)) <= UNNUMBERED_HEADING:
            rest = norm_label(text)
        else:
            return None
        for number, variants in self.parts:
            if any(v.match(rest) for v in variants):
                return number
        return None

    def part_headings(self, text: str) -> set[str]:
        """The parts whose headings start ``text``'s lines, or whose numbered headings stand
        inside a line (a report pasted as one long paragraph)."""
        found = {n for line in text.split("\n") if (n := self.part_heading(line))}
        for start in _RUN_IN_NUMBERING.finditer(text):
            number = self.part_heading(text[start.start() :])
            if number is not None:
                found.add(number)
        return found

    def is_label(self, text: str) -> bool:
        key = core(text)
        return len(key) >= MIN_LABEL and key in self.labels


def is_report_title(text: str) -> bool:
    """``…2021年政府信息公开工作年度报告``: what a report's title line ends with."""
    flat = re.sub(r"\s+", "", text)
    return len(flat) <= 80 and bool(_TITLE.search(flat))


@lru_cache(maxsize=1)
def markers() -> Markers:
    """The markers of every built-in format (loaded once per process)."""
    from gialint.formats.labels import builtin_formats

    parts: dict[str, list[TextPattern]] = {}
    labels: set[str] = set()
    for fmt in builtin_formats():
        for part in fmt.parts:
            parts.setdefault(part.number, []).extend(part.variants)
            parts[part.number].append(Literal(norm_label(part.title)))
        for table in fmt.tables:
            for label in (*table.rows, *table.columns):
                for text in (label.label, *label.variants):
                    if len(core(text)) >= MIN_LABEL:
                        labels.add(core(text))
    return Markers(tuple((n, tuple(v)) for n, v in parts.items()), frozenset(labels))
