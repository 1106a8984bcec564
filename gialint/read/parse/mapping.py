"""Findings made on the normalised view, moved back to the file's own text.

Positions go through the view's passes; a fix is kept only when every edit covers text no pass
rewrote (an edit across a split line or a converted character would change the wrong text).
"""

from __future__ import annotations

from gialint.model.diagnostic import Diagnostic, Edit
from gialint.model.record import replace
from gialint.model.textview import TextView


def _edit(view: TextView, edit: Edit) -> Edit | None:
    found = view.exact(edit.line, edit.column, edit.end_line, edit.end_column)
    if found is None:
        return None
    return Edit(*found, edit.text)


def to_original(view: TextView, d: Diagnostic) -> Diagnostic:
    """``d`` with its line, column, end and fix in the original text."""
    line, column, end_line, end_column = view.span(d.line, d.column, d.end_line, d.end_column)
    fix: tuple[Edit, ...] = ()
    if d.fix:
        edits = [_edit(view, e) for e in d.fix]
        if all(e is not None for e in edits):
            fix = tuple(e for e in edits if e is not None)
    return replace(d, line=line, column=column, end_line=end_line, end_column=end_column, fix=fix)
