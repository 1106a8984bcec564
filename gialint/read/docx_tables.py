"""A Word table (``w:tbl``) on its grid, read from the XML cells directly.

Merged cells are expanded onto the grid the way Word's plain-text export shows them: the text
stands in the first grid cell of a merged range and the cells it covers are empty —
``w:gridSpan`` (merged across) adds empty cells after it, a ``w:vMerge`` continuation (merged
down) is an empty cell, ``w:gridBefore`` adds the empty grid cells a row leaves out at its
start (so its cells stay under their columns). The grid cells a row leaves out at its end
(``w:gridAfter``: a cell deleted with 删除单元格 → 右侧单元格左移) are not written, as in Word's
text export: such a row reads as a short row, which is what ``unbalanced-table`` reports.
(``table.cell(r, c)`` would be some 20× slower, and returns the merged cell's text at every
position of the range.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from gialint.read.docx_ns import W

_WRAPPERS = frozenset((f"{W}sdt", f"{W}sdtContent", f"{W}customXml"))


def children(el: Any, tag: str) -> Iterator[Any]:
    """``el``'s children named ``tag``, looking through content controls and custom XML."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from children(child, tag)


def _int_val(parent: Any, path: str, default: int) -> int:
    if parent is None:
        return default
    found = parent.find(path)
    if found is None:
        return default
    try:
        return max(int(found.get(f"{W}val", default)), 0)
    except ValueError:
        return default


def _continues(tc: Any) -> bool:
    """The cell continues a vertical merge from the row above (no text of its own)."""
    vmerge = tc.find(f"{W}tcPr/{W}vMerge")
    return vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue"


def grid_rows(tbl: Any, cell_text: Callable[[Any], str]) -> tuple[list[list[str]], list[list[Any]]]:
    """The table's rows on its grid (text per grid column) and, per grid column, the ``w:tc``
    that covers it (None for the columns ``w:gridBefore`` leaves out), so that a finding's cell
    can be found again.

    The grid is the table's *logical* one: a ``w:gridCol`` at which no cell of any row starts
    is folded into the column before it. Word makes such columns whenever cell borders do not
    line up from row to row (and LibreOffice when it converts a .doc), so every cell of a plain
    table may span two or three ``w:gridCol``; counted raw, each would add empty cells.
    """
    layout: list[tuple[int, list[tuple[int, int, Any]]]] = []  # per row: gridBefore, (start, span, tc)
    starts: set[int] = {0}
    for tr in children(tbl, f"{W}tr"):
        before = _int_val(tr.find(f"{W}trPr"), f"{W}gridBefore", 0)
        at = before
        cells: list[tuple[int, int, Any]] = []
        for tc in children(tr, f"{W}tc"):
            span = max(_int_val(tc.find(f"{W}tcPr"), f"{W}gridSpan", 1), 1)
            cells.append((at, span, tc))
            starts.add(at)
            at += span
        starts.add(before)
        layout.append((before, cells))
    order = sorted(starts)
    column = {start: k for k, start in enumerate(order)}

    def covered(start: int, span: int) -> int:
        """How many logical columns the grid range start … start+span-1 covers."""
        return sum(1 for s in order if start <= s < start + span)

    rows: list[list[str]] = []
    owners: list[list[Any]] = []
    above: list[Any] = []
    for before, cells in layout:
        lead = column[before]
        texts: list[str] = [""] * lead
        row_owners: list[Any] = [None] * lead
        for start, span, tc in cells:
            width = max(covered(start, span), 1)
            at = len(texts)
            if _continues(tc):
                owner = above[at] if at < len(above) and above[at] is not None else tc
                texts.append("")
            else:
                owner = tc
                texts.append(cell_text(tc))
            texts.extend([""] * (width - 1))
            row_owners.extend([owner] * width)
        rows.append(texts)
        owners.append(row_owners)
        above = row_owners
    return rows, owners
