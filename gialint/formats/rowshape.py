"""What the table matcher (:mod:`gialint.formats.tablematch`) reads from a row's texts alone,
worked out once per run for every row written alike.

Which cells are labels and which figures, whether the row is a header, its label as the
format's scores see it, its caption, whether a PDF export split it from the next row, and the
other formats' signatures in it depend on nothing but the texts of its cells and the formats
of the run. Reports repeat their rows (the same labels, mostly the same figures: 8,894 rows
of the bench's mixed set are 804 different ones), so the matcher looks a row's shape up by its
texts instead of classifying every cell of every row again; what depends on the report (spans,
the table the row is in, the rows before it) stays in the matcher's loop.

Rows without figures (headers, captions, label rows) and rows of zeros are kept: they recur from
report to report. A row with other figures is mostly a report's own; keeping every one grew a
long audit's memory by some 2 KB a row (2,000 reports: 1.25× the peak memory of 200), so only a
fixed budget of them is kept, the first met.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from gialint.formats.labels import core
from gialint.formats.labelscore import Candidate, matcher, scored
from gialint.formats.matchfacts import FormatFacts, facts, text_kind
from gialint.formats.normalise import norm_label
from gialint.formats.rowvalues import Plan, first_figure
from gialint.formats.templates import Format, TableTemplate
from gialint.model.document import Row

cell_texts = attrgetter("text")
"""A cell's text (``tuple(map(cell_texts, row.cells))``: a row's memo key at C speed)."""


_MAX_FIGURE_ROWS = 256
"""Rows with other figures kept per run and format: the first reports' (a fixed budget, filled
early, so that a long run's memory does not grow with it; later reports hit only where they
repeat those rows)."""

_MAX_SHAPES = 4_096
"""Rows kept per run and format in all: rows without figures or of zeros recur from report to
report and come with the first reports; odd ones would only grow the memo."""


def header_hits(texts: Sequence[str], known: FormatFacts) -> dict[str, int]:
    """How many of ``texts`` are header words of each template (by template id)."""
    hits: dict[str, int] = {}
    vocab = known.vocab
    for text in texts:
        if not text:
            continue
        text = norm_label(text)
        owners = vocab.get(text)
        if owners is None and len(text) > 12:  # the long 勾稽 note, however it is bracketed
            owners = next((ids for word_core, ids in known.long_words if word_core == core(text)), None)
        for owner in owners or ():
            hits[owner] = hits.get(owner, 0) + 1
    return hits


def _only_zeros(texts: tuple[str, ...]) -> bool:
    """No digit but 0 in ``texts`` (so no figure but 0: 1.33 and 0.5 are a report's own): many of
    a township's rows, written alike in every report."""
    joined = "".join(texts)
    return not any(digit in joined for digit in "123456789")


class RowShape:
    """One row's texts as the matcher reads them (read-only once made; shared by every row
    written alike). Indices are into the row's cells; ``kept`` and the label indices after it
    are into the cells left when a caption run into the row is taken out."""

    __slots__ = (
        "has_values", "labelled", "filled", "header", "caption_next", "kept", "kept_filled", "first_label",
        "last_label", "written", "label_norm", "caption", "scored", "item_figures", "continues", "foreign",
        "figures_at", "plans",
    )  # fmt: skip

    has_values: bool
    labelled: bool
    """Some cell is label-like (:func:`gialint.formats.labels.label_like`)."""
    filled: int
    """How many cells have text."""
    header: dict[str, int] | None
    """A header row (no figures, header words of some template twice, or one filled cell that is
    one): the hits by template id; None for other rows."""
    caption_next: TableTemplate | None
    """A block caption run into the row after its label (行政处罚 then 第二十条第（八）项)."""
    kept: tuple[int, ...] | None
    """The cells left without that caption (None: all of them)."""
    kept_filled: int
    first_label: int
    last_label: int
    written: str
    """The label cells' texts joined."""
    label_norm: str
    caption: TableTemplate | None
    """The whole label is a block caption: the template it names."""
    scored: list[tuple[float, Candidate]]
    """The template rows the label fits, with their scores before the matcher's adjustments."""
    item_figures: bool
    """Its first filled cell is a one- or two-digit item number and every filled cell a figure:
    the first half of a row a PDF export split in two."""
    continues: bool
    """Its first filled cell starts with a dot and no filled cell is a figure: the second half."""
    foreign: tuple[tuple[tuple[int, ...], int], ...]
    """Per other format of the run: the cells carrying its signatures, and how many carry this
    format's."""
    figures_at: int
    """Where its figures start (:func:`gialint.formats.rowvalues.first_figure`)."""
    plans: dict[tuple[int, int], Plan | None]
    """The figures' plans (:func:`gialint.formats.rowvalues.value_plan`) of the cells after the
    label, by (id of the template, lead), as the matcher met them."""


class RowShapes:
    """The shapes of the rows of a run's reports for one format and the run's other formats."""

    __slots__ = ("fmt", "others", "known", "candidates", "memo", "theirs", "mine", "shapes", "figure_rows")

    def __init__(self, fmt: Format, others: tuple[Format, ...]) -> None:
        self.fmt = fmt
        self.others = others
        self.known = facts(fmt)
        self.candidates, self.memo = matcher(fmt)
        self.mine = self.known.signatures
        self.theirs = [(other, facts(other).signatures - self.mine) for other in others]
        """Each other format with the signatures this one lacks (an empty set: it is never told)."""
        self.shapes: dict[tuple[str, ...], RowShape] = {}
        self.figure_rows = 0
        """How many kept shapes are of rows with figures other than 0 (at most :data:`_MAX_FIGURE_ROWS`)."""

    def of(self, row: Row) -> RowShape:
        texts = tuple(map(cell_texts, row.cells))
        found = self.shapes.get(texts)
        if found is None:
            found = self.make(texts)
            if len(self.shapes) < _MAX_SHAPES:
                if not found.has_values or _only_zeros(texts):
                    self.shapes[texts] = found
                elif self.figure_rows < _MAX_FIGURE_ROWS:
                    self.shapes[texts] = found
                    self.figure_rows += 1
        return found

    def make(self, texts: tuple[str, ...]) -> RowShape:
        """The shape of a row with these texts (what :meth:`of` keeps)."""
        known = self.known
        caption_rows = known.caption_rows
        s = RowShape()
        kinds = [text_kind(t) for t in texts]
        label_idx = [i for i, (_, label) in enumerate(kinds) if label]
        s.has_values = any(value for value, _ in kinds)
        s.labelled = bool(label_idx)
        s.filled = sum(1 for t in texts if t)
        s.header = None
        if not s.has_values:
            hits = header_hits(texts, known)
            if hits and (max(hits.values()) >= 2 or s.filled == 1):
                s.header = hits
        filled = [i for i, t in enumerate(texts) if t]
        s.item_figures = bool(filled) and len(first := texts[filled[0]]) <= 2 and first.isdecimal() and all(kinds[i][0] for i in filled)
        s.continues = bool(filled) and texts[filled[0]].startswith((".", "．", "·")) and not any(kinds[i][0] for i in filled)
        s.figures_at = first_figure([value for value, _ in kinds])
        s.foreign = tuple(self._signed(texts, theirs) for _, theirs in self.theirs)
        s.caption_next, s.kept, s.kept_filled = None, None, s.filled
        s.first_label = s.last_label = 0
        s.written = s.label_norm = ""
        s.caption, s.scored = None, []
        s.plans = {}
        if not label_idx:
            return s
        kept = list(range(len(texts)))
        caption_cells = [i for i in label_idx if norm_label(texts[i]) in caption_rows]
        if caption_cells and len(label_idx) > len(caption_cells):
            # 行政处罚 then 第二十条第（八）项 run together: the caption starts the next block.
            s.caption_next = caption_rows[norm_label(texts[caption_cells[0]])]
            kept = [i for i in kept if i not in caption_cells]
            s.kept = tuple(kept)
            s.kept_filled = sum(1 for i in kept if texts[i])
            label_idx = [j for j, i in enumerate(kept) if kinds[i][1]]
        s.first_label, s.last_label = label_idx[0], label_idx[-1]
        label_texts = [texts[i] for i in kept[label_idx[0] : label_idx[-1] + 1]]
        s.written = written = "".join(t for t in label_texts if t)
        s.label_norm = label_norm = norm_label(written)
        s.caption = caption_rows.get(label_norm)
        if s.caption is None:
            label_core = core(written)
            last_core = core(label_texts[-1]) if label_texts[-1] else label_core
            s.scored = scored(self.memo, self.candidates, label_norm, label_core, last_core)
        return s

    def _signed(self, texts: tuple[str, ...], theirs: set[str]) -> tuple[tuple[int, ...], int]:
        if not theirs:
            return (), 0
        hits: list[int] = []
        own = 0
        mine = self.mine
        for i, text in enumerate(texts):
            text = norm_label(text)
            if text in theirs:
                hits.append(i)
            elif text in mine:
                own += 1
        return tuple(hits), own


_SHAPES: dict[tuple[int, ...], RowShapes] = {}


def row_shapes(fmt: Format, others: Sequence[Format]) -> RowShapes:
    """The row shapes of ``fmt`` with ``others``, kept for the run like
    :func:`gialint.formats.labelscore.matcher`'s memo (the formats are the run's objects)."""
    key = (id(fmt), *map(id, others))
    entry = _SHAPES.get(key)
    if entry is None or entry.fmt is not fmt or len(entry.others) != len(others) or any(a is not b for a, b in zip(entry.others, others)):
        entry = _SHAPES[key] = RowShapes(fmt, tuple(others))
    return entry
