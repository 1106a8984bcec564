"""What the table matcher (:mod:`gialint.formats.tablematch`) reads from a format and from a
cell's text, worked out once per run instead of once per report or once per cell.

A format's header words, captions, unlabelled rows and signatures are the same for every report
of a run; so is what a cell's text is (a figure, a label), and cell texts recur (``0``, the
labels), as the label memos of :mod:`gialint.formats.labels` count on.
"""

from __future__ import annotations

from functools import lru_cache

from gialint.formats.labels import core, is_value, label_like, norm_label
from gialint.formats.templates import Format, Label, TableTemplate
from gialint.model.document import Cell, Span


class FormatFacts:
    """One format's lookups for the matcher (read-only once made)."""

    __slots__ = ("caption_rows", "long_words", "signatures", "tables", "unlabeled", "vocab")

    def __init__(self, fmt: Format) -> None:
        self.vocab = _header_vocabulary(fmt)
        """Normalised header words → the ids of the templates that use them."""
        self.long_words = [(core(word), ids) for word, ids in self.vocab.items() if len(word) > 12]
        """The header words longer than 12 characters, by their core, in the vocabulary's order."""
        self.caption_rows = {norm_label(t.caption): t for t in fmt.tables if t.caption}
        self.unlabeled: dict[str, Label] = {
            t.id: next(r for r in t.rows if not r.label) for t in fmt.tables if any(not r.label for r in t.rows)
        }
        self.signatures = {norm_label(s) for s in fmt.signatures}
        self.tables = {t.id: t for t in reversed(fmt.tables)}  # the first of an id wins, as Format.table
        """The templates by id (:meth:`Format.table` without its scan)."""


_FACTS: dict[int, tuple[Format, FormatFacts]] = {}


def facts(fmt: Format) -> FormatFacts:
    """``fmt``'s facts, kept for the run like :func:`gialint.formats.labelscore.matcher`'s."""
    entry = _FACTS.get(id(fmt))
    if entry is None or entry[0] is not fmt:
        entry = _FACTS[id(fmt)] = (fmt, FormatFacts(fmt))
    return entry[1]


def _header_vocabulary(fmt: Format) -> dict[str, set[str]]:
    vocab: dict[str, set[str]] = {}
    for t in fmt.tables:
        words = [c.label for c in t.columns] + [c.group for c in t.columns if c.group] + list(t.header) + [t.corner]
        words += [c.group + c.label for c in t.columns if c.group and c.group != "group"]
        for word in words:
            if word:
                vocab.setdefault(norm_label(word), set()).add(t.id)
    return vocab


def text_kind(text: str) -> tuple[bool, bool]:
    """(a figure (:func:`is_value`), a label (:func:`label_like`)) for a cell's text."""
    if text.isdigit() and text.isascii():  # a bare figure: the commonest cell, and a report's own
        return _FIGURE
    return _text_kind(text)


_FIGURE = (True, False)


@lru_cache(maxsize=4096)  # bounded like the memos of labels: cell texts differ from report to report
def _text_kind(text: str) -> tuple[bool, bool]:
    return is_value(text), label_like(Cell(text, _NOWHERE))


_NOWHERE = Span(1, 1, 1, 1)


def table_of(fmt: Format, table_id: str) -> TableTemplate | None:
    """:meth:`Format.table` through the format's facts."""
    return facts(fmt).tables.get(table_id)
