"""Text lines of a PDF page → the report's paragraphs (no PDF library here: plain geometry).

A PDF holds positioned lines, not paragraphs: a paragraph wraps mid-sentence, justified lines put
spaces between CJK characters, and every page carries its number in a header or footer. This
module rebuilds what the writer typed: page furniture dropped, spacing artefacts removed, lines
joined into paragraphs unless the layout or the report's numbering says a new one starts.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gialint.model.numbering import match_numbering

_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’…—"
_CJK_PUNCT = r"\u3000-\u303f\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—"
_SPACES = r"[ \u3000\xa0]+"
_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]){_SPACES}(?=[{_CJK}])")
_AROUND_PUNCT = re.compile(rf"(?<=[{_CJK_PUNCT}]){_SPACES}|{_SPACES}(?=[{_CJK_PUNCT}])")
_IDEOGRAPH_DIGIT = re.compile(rf"(?<=[\u4e00-\u9fff]){_SPACES}(?=\d)|(?<=\d){_SPACES}(?=[\u4e00-\u9fff])")
_NEWLINE = re.compile(r"\s*\n\s*")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_CONTINUES = re.compile(r"^\s*[，。、；：！？）》」』”’,.;:!?)\]]")

PAGE_NUMBER = re.compile(
    r"^[\s\-－—–·•]*(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*(?:/\s*\d+)?|[Pp]age\s*\d+(?:\s*of\s*\d+)?)[\s\-－—–·•]*$"
)
"""A line that is only a page number: ``- 3 -``, ``第 3 页``, ``第3页 共10页``, ``3/10``, ``3``."""

SENTENCE_END = tuple("。！？；!?;")
MARGIN_ZONE = 0.09
"""Share of the page height at the top and at the bottom where headers and footers sit."""


def tidy(text: str) -> str:
    """Remove the spacing a PDF adds to CJK text: between two CJK characters or punctuation
    marks, around full-width punctuation, between an ideograph and a digit. Spaces in Latin text
    and between digits stay."""
    text = _BETWEEN_CJK.sub("", text)
    text = _AROUND_PUNCT.sub("", text)
    return _IDEOGRAPH_DIGIT.sub("", text).strip()


def join_cell_lines(text: str) -> str:
    """A table cell's lines as one text: a narrow column's one character per line
    (``三\\n、\\n本\\n年``) and wrapped labels join without a break; Latin words keep a space."""
    pieces = [p for p in _NEWLINE.split(text.strip()) if p]
    if not pieces:
        return ""
    out = pieces[0]
    for piece in pieces[1:]:
        out += glue(out, piece) + piece
    return tidy(out)


def glue(left: str, right: str) -> str:
    """What joins two pieces of one text broken over lines: nothing next to a CJK character (or
    between digits, or after a hyphen), a space between Latin words."""
    a, b = left[-1], right[0]
    return "" if _CJK_CHAR.match(a) or _CJK_CHAR.match(b) or (a.isdigit() and b.isdigit()) or a == "-" else " "


@dataclass(slots=True)
class Line:
    """One text line as laid out on a page (PDF points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


@dataclass(slots=True)
class Paragraph:
    text: str
    page: int
    """The page where the paragraph starts."""


def drop_furniture(lines: Sequence[Line], heights: dict[int, float]) -> list[Line]:
    """Lines without page numbers and running headers/footers (text in the top or bottom margin
    zone that is only a page number, or that recurs on at least half of the pages)."""

    def in_margin(line: Line) -> bool:
        height = heights[line.page]
        return line.top < height * MARGIN_ZONE or line.bottom > height * (1 - MARGIN_ZONE)

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.replace(" ", ""))

    pages = len(heights)
    recurring = Counter(k for _, k in {(ln.page, key(ln)) for ln in lines if in_margin(ln)})
    kept = []
    for line in lines:
        if in_margin(line) and (PAGE_NUMBER.match(line.text) or pages >= 3 and recurring[key(line)] * 2 >= pages):
            continue
        kept.append(line)
    return kept


@dataclass(frozen=True, slots=True)
class Measure:
    """The body text's margins and line spacing, measured over the whole document."""

    left: float
    right: float
    gap: float
    """The usual space between two lines of one paragraph."""


def measure(lines: Sequence[Line]) -> Measure:
    if not lines:
        return Measure(0.0, 0.0, 0.0)
    lefts = Counter(round(ln.x0) for ln in lines)
    left = float(min(x for x, n in lefts.items() if n >= max(lefts.values()) / 3))
    rights = sorted(ln.x1 for ln in lines)
    right = rights[int(len(rights) * 0.9)]
    pairs = zip(lines, lines[1:])
    gaps = [b.top - a.bottom for a, b in pairs if a.page == b.page and 0 <= b.top - a.bottom < 3 * a.size]
    gap = statistics.median(gaps) if gaps else 0.0
    return Measure(left, right, gap)


def starts_paragraph(prev: Line, line: Line, m: Measure) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev`` (the previous body line)."""
    size = max(line.size, 1.0)
    if match_numbering(line.text) is not None:
        return True  # a part/sub-part/item heading
    if _CONTINUES.match(line.text):
        return False  # a line cannot start with a comma or a closing bracket
    if prev.x1 < m.right - 2 * size:
        return True  # the previous line stopped short: it ended its paragraph
    if line.x0 > m.left + 0.8 * size:
        return True  # first-line indent, or a centred line (title, heading)
    if line.page == prev.page and line.top - prev.bottom > m.gap + 0.5 * size:
        return True  # paragraph spacing
    if abs(line.size - prev.size) > 0.3 * max(line.size, prev.size):
        return True  # a title or heading in a larger type
    return False


def paragraphs(lines: Iterable[Line], m: Measure) -> list[Paragraph]:
    """Join lines into paragraphs (a run of lines not interrupted by a table)."""
    out: list[Paragraph] = []
    prev: Line | None = None
    for line in lines:
        text = tidy(line.text)
        if not text:
            continue
        if prev is None or starts_paragraph(prev, line, m):
            out.append(Paragraph(text, line.page))
        else:
            out[-1].text += glue(out[-1].text, text) + text
        prev = line
    return out


def cjk_share(text: str) -> tuple[int, float]:
    """How many letters ``text`` has, and the share of them that are CJK characters."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0, 0.0
    cjk = sum(1 for c in letters if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
    return len(letters), cjk / len(letters)
