"""The text a Word paragraph shows, from its XML (``w:p``), as a reader of the page sees it.

- tracked changes as if accepted: inserted text (``w:ins``, ``w:moveTo``) kept, deleted text
  (``w:del``, ``w:moveFrom``) left out;
- fields by their result, not their code: the ``w:instrText`` between a field's ``begin`` and
  ``separate`` marks is skipped (the state carries across runs and paragraphs, as a TOC's does);
  literal text that only looks like a field code stays (rules catch it);
- ``w:tab`` → a space; ``w:br``/``w:cr`` (line, page or column break) → a new line;
- text boxes (``w:txbxContent``) are collected for the caller, once: of a ``mc:AlternateContent``
  only the first ``mc:Choice`` is read (its ``mc:Fallback`` repeats the same box as VML);
- hidden text (``w:vanish``: Word's 隐藏文字) is left out, as Word does not show or print it;
- footnote and comment reference marks add nothing to the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gialint.read.docx_ns import MATH, MC, W

_DESCEND = frozenset(
    f"{W}{tag}"
    for tag in ("hyperlink", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple", "dir", "bdo", "ins", "moveTo")
)
_DELETED = frozenset((f"{W}del", f"{W}moveFrom"))
_BREAKS = frozenset((f"{W}br", f"{W}cr"))
_SPACES = frozenset((f"{W}tab", f"{W}ptab"))


@dataclass(slots=True)
class TextState:
    """What a walk through the body carries from one paragraph to the next, and what it saw."""

    fields: list[bool] = field(default_factory=list)
    """Open fields, innermost last: True while in the field's code (before ``separate``)."""
    inserted: int = 0
    deleted: int = 0
    boxes: int = 0
    math: int = 0
    hidden: int = 0


def _cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


def join_pieces(pieces: list[str]) -> str:
    """Paragraphs of one table cell on one line: no space between Chinese characters (a label
    Word wrapped into two paragraphs), one space otherwise."""
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if out and not (_cjk(out[-1]) and _cjk(piece[0])):
            out += " "
        out += piece
    return out


class ParagraphText:
    """Renders ``w:p`` elements; one instance per document (it holds the field state)."""

    def __init__(self, state: TextState) -> None:
        self.state = state

    def render(self, p: Any) -> tuple[str, list[Any]]:
        """The paragraph's text (without its automatic number) and the text boxes anchored in it."""
        out: list[str] = []
        boxes: list[Any] = []
        for child in p:
            self._visit(child, out, boxes)
        return "".join(out), boxes

    def _visit(self, el: Any, out: list[str], boxes: list[Any]) -> None:
        tag = el.tag
        if tag == f"{W}r":
            self._run(el, out, boxes)
        elif tag in _DESCEND:
            if tag in (f"{W}ins", f"{W}moveTo"):
                self.state.inserted += 1
            for child in el:
                self._visit(child, out, boxes)
        elif tag in _DELETED:
            self.state.deleted += 1
        elif tag == f"{MC}AlternateContent":
            self._alternate(el, out, boxes)
        elif tag in (f"{MATH}oMath", f"{MATH}oMathPara"):
            self.state.math += 1
            out.extend(t.text or "" for t in el.iter(f"{MATH}t"))

    def _alternate(self, el: Any, out: list[str], boxes: list[Any]) -> None:
        chosen = el.find(f"{MC}Choice")
        if chosen is None:
            chosen = el.find(f"{MC}Fallback")
        if chosen is not None:
            for child in chosen:
                self._visit(child, out, boxes)

    def _run(self, run: Any, out: list[str], boxes: list[Any]) -> None:
        fields = self.state.fields
        hidden = run.find(f"{W}rPr/{W}vanish")
        if hidden is not None and hidden.get(f"{W}val", "true") not in ("0", "false", "off"):
            out = []  # hidden text (字体 → 隐藏): not shown, not checked; field marks still count
            self.state.hidden += 1
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                if not (fields and fields[-1]):
                    out.append(child.text or "")
            elif tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    fields.append(True)
                elif kind == "separate" and fields:
                    fields[-1] = False
                elif kind == "end" and fields:
                    fields.pop()
            elif tag in _SPACES:
                out.append(" ")
            elif tag in _BREAKS:
                out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            elif tag in (f"{W}drawing", f"{W}pict", f"{W}object", f"{MC}AlternateContent"):
                self._boxes(child, boxes)

    def _boxes(self, el: Any, boxes: list[Any]) -> None:
        if el.tag == f"{MC}AlternateContent":
            chosen = el.find(f"{MC}Choice")
            el = chosen if chosen is not None else el.find(f"{MC}Fallback")
            if el is None:
                return
        for box in el.iter(f"{W}txbxContent"):
            up = box.getparent()
            while up is not None and up is not el and up.tag != f"{W}txbxContent":
                up = up.getparent()
            if up is None or up is el:  # not a box inside a box (that one is read with its box)
                boxes.append(box)
                self.state.boxes += 1
