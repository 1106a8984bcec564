"""A parsed web page as a flat list of blocks: lines of text and tables on their grid.

Block elements (``<p>``, ``<div>``, ``<h1>``…, ``<li>``, table cells of a layout table) end a
block; ``<br>`` ends a line inside it; inline elements (``<strong>``, ``<span>``, ``<font>``) do
not. White space is collapsed as a browser shows it, except that a source line break between
two Chinese characters disappears (as in a browser) instead of becoming a space. Tables that
hold figures are put on their grid with ``rowspan``/``colspan`` expanded (text in the first
grid cell of a merged range, the others empty, as a Word text export writes them); tables that
lay the page out are walked like containers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from lxml.html import HtmlElement

SKIP = frozenset(
    "script style noscript template iframe frame frameset object embed applet select option button "
    "input textarea svg math canvas map area audio video source track head title meta link base".split()
)
"""Elements whose content is never report text."""
BLOCK = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section "
    "summary ul td th tr tbody thead tfoot caption table".split()
)
LAYOUT_CELL_CHARS = 200
"""A table cell with more text than this holds prose: the table lays the page out."""
MAX_SPAN = 1000
"""rowspan/colspan above this are broken markup, not a merged range."""

_BREAK = "\r"
"""Marks a ``<br>`` in a block's raw text (raw ``\\r`` is turned into ``\\n`` first)."""
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201d\u2026"
_CJK_WRAP = re.compile(rf"(?<=[{_WIDE}])[ \t\n\f]*\n[ \t\n\f]*(?=[{_WIDE}])")
_SPAN = re.compile(r"\d+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass(slots=True)
class Item:
    """One block of the page: a text block (lines joined by ``\\n``) or a table's grid."""

    kind: Literal["text", "table"]
    element: HtmlElement
    """The block element it came from (for telling which container holds it)."""
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    links_only: bool = False
    """All of its text is link text (navigation, a list of other pages)."""


def collapse(raw: str) -> str:
    """A block's raw text as the page shows it: ``<br>`` → new line, white space collapsed."""
    lines = []
    for piece in raw.split(_BREAK):
        piece = " ".join(_CJK_WRAP.sub("", piece).split())
        if piece:
            lines.append(piece)
    return "\n".join(lines)


def join_cell_lines(text: str) -> str:
    """A table cell's lines as one label: no blank between two Chinese characters."""
    out = ""
    for line in text.split("\n"):
        if out and not (re.match(rf"[{_WIDE}]", line) and re.search(rf"[{_WIDE}]$", out)):
            out += " "
        out += line
    return out


def hidden(element: HtmlElement) -> bool:
    """Not shown by a browser (``hidden``, ``display:none``): a page's copies and templates."""
    return element.get("hidden") is not None or bool(_HIDDEN.search(element.get("style") or ""))


def _tag(element: HtmlElement) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _span(element: HtmlElement, name: str) -> int:
    match = _SPAN.search(element.get(name) or "")
    value = int(match.group()) if match else 1
    return min(max(value, 1), MAX_SPAN) if value else 0  # rowspan="0": to the end of the table


def _own_rows(table: HtmlElement) -> list[HtmlElement]:
    rows: list[HtmlElement] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if _tag(r) == "tr")
    return rows


def grid(table: HtmlElement) -> list[list[str]]:
    """The table's rows on its grid: a merged range's text in its first grid cell, the rest empty.

    Rows keep the width their own cells (and ranges from above) give them: a row with a
    missing cell stays short, as a Word text export writes it.
    """
    rows = _own_rows(table)
    out: list[list[str]] = [[] for _ in rows]
    taken: list[set[int]] = [set() for _ in rows]
    for r, tr in enumerate(rows):
        column = 0
        for cell in tr:
            if _tag(cell) not in ("td", "th"):
                continue
            while column in taken[r]:
                column += 1
            colspan = _span(cell, "colspan") or 1
            rowspan = _span(cell, "rowspan") or len(rows) - r
            text = join_cell_lines(cell_text(cell))
            for dr in range(min(rowspan, len(rows) - r)):
                for dc in range(colspan):
                    taken[r + dr].add(column + dc)
                    line = out[r + dr]
                    line.extend([""] * (column + dc + 1 - len(line)))
                    if dr == 0 and dc == 0:
                        line[column] = text
            column += colspan
    return out


def cell_text(element: HtmlElement) -> str:
    """The text of a cell (or any element) with its blocks and ``<br>`` as line breaks."""
    parts: list[str] = []

    def walk(el: HtmlElement) -> None:
        tag = _tag(el)
        if tag in SKIP or hidden(el):
            return
        if tag == "br" or tag in BLOCK:
            parts.append(_BREAK)
        if el.text:
            parts.append(el.text.replace("\r", "\n"))
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail.replace("\r", "\n"))
        if tag in BLOCK:
            parts.append(_BREAK)

    walk(element)
    return collapse("".join(parts))


def is_layout_table(table: HtmlElement) -> bool:
    """A table that lays the page out (holds other tables, or prose) rather than figures."""
    if next(table.iterdescendants("table"), None) is not None:
        return True
    cells = table.iterdescendants("td", "th")  # raw length first: cheap, and an upper bound
    return any(len(c.text_content()) > LAYOUT_CELL_CHARS and len(cell_text(c)) > LAYOUT_CELL_CHARS for c in cells)


class _Flattener:
    def __init__(self) -> None:
        self.items: list[Item] = []
        self.raw: list[str] = []
        self.link_raw: list[str] = []
        self.owners: list[HtmlElement] = []

    def flush(self) -> None:
        text = collapse("".join(self.raw))
        if text and self.owners:
            links = "".join(collapse("".join(self.link_raw)).split())
            self.items.append(Item("text", self.owners[-1], text, links_only=links == "".join(text.split())))
        self.raw.clear()
        self.link_raw.clear()

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            text = text.replace("\r", "\n")
            self.raw.append(text)
            if in_link:
                self.link_raw.append(text)

    def walk(self, el: HtmlElement, in_link: bool = False) -> None:
        tag = _tag(el)
        if tag in SKIP or not tag or hidden(el):
            return
        if tag == "br":
            self.raw.append(_BREAK)
            return
        if tag == "table" and not is_layout_table(el):
            self.flush()
            self.owners.append(el)
            for caption in (c for c in el if _tag(c) == "caption"):
                self.walk(caption)
            links = "".join(t for a in el.iterdescendants("a") for t in a.itertext())
            everything = "".join(t for cell in el.iterdescendants("td", "th") for t in cell.itertext())
            self.items.append(Item("table", el, rows=grid(el), links_only="".join(links.split()) == "".join(everything.split())))
            self.owners.pop()
            return
        block = tag in BLOCK
        if block:
            self.flush()
            self.owners.append(el)
        in_link = in_link or tag == "a"
        self.add(el.text, in_link)
        for child in el:
            self.walk(child, in_link)
            self.add(child.tail, in_link)
        if block:
            self.flush()
            self.owners.pop()


def flatten(root: HtmlElement) -> list[Item]:
    """The page's blocks in reading order."""
    flattener = _Flattener()
    flattener.walk(root)
    flattener.flush()
    return flattener.items
