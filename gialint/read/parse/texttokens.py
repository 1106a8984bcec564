"""A line of report text as table tokens: the format's labels, figures, fillers, separators.

Used by :mod:`gialint.read.parse.texttables` to find tables written as text. Labels are found in the
line's letters and ideographs only (:func:`gialint.formats.labels.core_stream`), so stray blanks and
bracket widths inside a label do not hide it; every token keeps its exact place in the line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gialint._lazy import compile_re, lazy_re
from gialint.formats.labels import Vocabulary, closing_end, core_stream

_ZONE = lazy_re(
    r"(?P<sep>[ \t\u3000\xa0*]+)|(?P<pipe>[|｜])"
    r"|(?P<num>[+\-−－]?[0-9０-９]+(?:[.．][0-9０-９]+)?(?:万元|元)?)"
    r"|(?P<fill>[-—–/／]+|无)"
    r"|(?P<other>[^ \t\u3000\xa0*|｜0-9０-９]+)"
)
_IDEOGRAPH = lazy_re(r"[\u4e00-\u9fff]")
_LABEL_GAP_BREAK = lazy_re(r"[|｜\t]|[ \u3000]{2}")


class Tok:
    """One token of a line of text that may hold a table row (set, then adjusted, by the reader)."""

    __slots__ = ("kind", "start", "end", "text", "glued", "unknown")

    kind: str
    """row, header, caption, value, filler, empty, text (a whole pipe cell of other words), other."""
    start: int
    end: int
    text: str
    glued: bool
    """A figure written straight after a label, with no separator."""
    unknown: bool
    """A row label the formats do not know, taken as one because of where it stands (a typo)."""

    def __init__(self, kind: str, start: int, end: int, text: str, glued: bool = False, unknown: bool = False) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.glued = glued
        self.unknown = unknown

    def __repr__(self) -> str:
        return f"Tok({self.kind!r}, {self.start}, {self.end}, {self.text!r}, glued={self.glued}, unknown={self.unknown})"


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    """A format's caption or numbering pattern (a few per format), compiled once."""
    return compile_re(pattern)


def _label_tokens(line: str, vocab: Vocabulary) -> list[Tok]:
    found: list[Tok] = []
    if vocab.captions is not None and "条" in line:
        found += [Tok("caption", m.start(), m.end(), m.group()) for m in _compiled(vocab.captions).finditer(line)]
    stream, where = core_stream(line)
    for a, b, label in vocab.find(stream):
        start, end = where(a), where(b - 1) + 1
        if _LABEL_GAP_BREAK.search(line, start, end) or any(c.start < end and start < c.end for c in found):
            continue
        word = vocab.words[label]
        kind = "row" if word.row else "header"
        if word.prefix is not None:
            before = line[max(0, start - 10) : start]
            p = _compiled(word.prefix).search(before)
            if p is not None:
                start -= len(before) - p.start()
            elif word.header:
                kind = "header"
        found.append(Tok(kind, start, closing_end(line, end), ""))
    found.sort(key=lambda t: t.start)
    # A numbering prefix may not reach back into the previous label.
    for prev, tok in zip(found, found[1:]):
        tok.start = max(tok.start, prev.end)
    for tok in found:
        tok.text = line[tok.start : tok.end].strip()
    return found


_MEMO_LINES = 500
"""Lines kept per vocabulary by :func:`tokenize`: the ones that recur (the block captions, the
勾稽 note, boilerplate) come with the first reports; a line met once is not worth more."""
_MEMO_LINE_LENGTH = 120
"""The longest line the memo keeps: a recurring line is a caption or a row; a longer one is a
report's own text (a whole report on one line), which would only grow a long run's memory."""
_MEMOS: dict[int, tuple[Vocabulary, dict[str, tuple[tuple[str, int, int, str, bool, bool], ...]]]] = {}


def tokenize(line: str, vocab: Vocabulary, unless_labelled: bool = False) -> list[Tok]:
    """The line's labels, figures, fillers and other text, in order (separators dropped): new
    tokens each time (the reader adjusts them), from a memo for the lines that recur.

    ``unless_labelled``: none for a line with no label and no pipe (the caller knows it holds
    other words, so that no table starts there), without reading its figures."""
    entry = _MEMOS.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        entry = _MEMOS[id(vocab)] = (vocab, {})
    memo = entry[1]
    known = memo.get(line)
    if known is not None:
        return [Tok(*fields) for fields in known]
    labels = _label_tokens(line, vocab) if vocab.prefilter(line) else []
    if unless_labelled and not labels and "|" not in line and "｜" not in line:
        return []
    tokens = _tokenize(line, vocab, labels)
    if len(line) <= _MEMO_LINE_LENGTH and len(memo) < _MEMO_LINES:
        memo[line] = tuple((t.kind, t.start, t.end, t.text, t.glued, t.unknown) for t in tokens)
    return tokens


def _tokenize(line: str, vocab: Vocabulary, labels: list[Tok] | None = None) -> list[Tok]:
    if labels is None:
        labels = _label_tokens(line, vocab) if vocab.prefilter(line) else []
    tokens: list[Tok] = []
    pipes = False
    pos = 0
    for label in [*labels, None]:
        stop = label.start if label is not None else len(line)
        for m in _ZONE.finditer(line, pos, stop):
            kind = m.lastgroup
            if kind == "sep":
                continue
            if kind == "pipe":
                pipes = True
                tokens.append(Tok("pipe", m.start(), m.end(), "|"))
                continue
            glued = bool(tokens) and tokens[-1].kind in ("row", "header") and tokens[-1].end == m.start()
            tokens.append(Tok({"num": "value", "fill": "filler"}.get(kind or "", "other"), m.start(), m.end(), m.group(), glued))
        if label is not None:
            tokens.append(label)
            pos = label.end
    if not pipes:
        return tokens
    return _pipe_cells(line, tokens)


def _pipe_cells(line: str, tokens: list[Tok]) -> list[Tok]:
    """Pipe lines: an empty cell between two pipes; a cell of other words alone is a text cell
    (a header's 项目); the pipes themselves are dropped."""
    cells: list[list[Tok]] = [[]]
    bars: list[Tok] = []
    out: list[Tok] = []
    for tok in tokens:
        if tok.kind == "pipe":
            bars.append(tok)
            cells.append([])
        else:
            cells[-1].append(tok)
    for i, cell in enumerate(cells):
        if not cell:
            if 0 < i < len(cells) - 1:  # not the border before the first or after the last pipe
                at = bars[i - 1].end
                out.append(Tok("empty", at, at, ""))
            continue
        if all(t.kind == "other" for t in cell):
            out.append(Tok("text", cell[0].start, cell[-1].end, line[cell[0].start : cell[-1].end].strip()))
        else:
            out.extend(cell)
    return out


# --------------------------------------------------------------------------- labels the formats do not know

_UNKNOWN_ROW = lazy_re(
    r"^[ \u3000\xa0|｜]*(?P<label>(?:\d{1,2}\s*[.、．·]\s*)?[^\s|｜\d][^|｜]*?)"
    r"(?:(?=(?:[ \u3000\xa0|｜]+(?:[-—–/／]+|无|[+\-−－]?[0-9０-９]+(?:[.．][0-9０-９]+)?)){2,}[ \u3000\xa0|｜]*$)"
    r"|(?P<joined>[0-9]{2,})[ \u3000\xa0|｜]*$|[ \u3000\xa0|｜]*$)"
)
_LABEL_ALONE_MAX = 40


def unknown_label(line: str, tokens: list[Tok], figures_next: bool) -> list[Tok]:
    """Inside a table, a row whose label the format does not know (a typo: 补证 for 补正) is still
    a row when figures follow it (on its line, or alone on the next); the table matcher finds the
    label it stands for."""
    if any(t.kind in ("row", "header", "caption") for t in tokens):
        return tokens
    m = _UNKNOWN_ROW.match(line)
    if m is None or not re.search(r"[\u4e00-\u9fff]", m.group("label")) or "。" in m.group("label"):
        return tokens
    end = m.end("label")
    alone = not line[end:].strip(" \u3000\xa0|｜")
    if alone and (not figures_next or len(m.group("label").strip()) > _LABEL_ALONE_MAX):
        return tokens
    label = Tok("row", m.start("label"), end, m.group("label").strip(), unknown=True)
    if m.group("joined"):
        return [label, Tok("value", m.start("joined"), m.end("joined"), m.group("joined"), glued=True)]
    return [label, *(t for t in tokens if t.start >= end)]


def inline_unknown_labels(line: str, tokens: list[Tok]) -> list[Tok]:
    """A row several rows into a flattened line whose label the format does not know (a typo):
    other words between one row's figures and the next row's figures."""
    out: list[Tok] = []
    for i, tok in enumerate(tokens):
        after = tokens[i + 1 : i + 3]
        if (
            tok.kind == "other"
            and len(tok.text) <= _LABEL_ALONE_MAX
            and "。" not in tok.text
            and _IDEOGRAPH.search(tok.text)
            and len(after) == 2
            and all(t.kind in ("value", "filler") for t in after)
            and len(out) >= 2
            and out[-1].kind in ("value", "filler", "empty")
            and _known_row_since_other(out)
        ):
            start = tok.start
            if out[-1].kind == "value" and out[-1].end == tok.start and tok.text[0] in ".、．·" and len(out[-1].text) <= 2:
                start = out.pop().start  # its item number (3.) was read as a figure
            if out and out[-1].kind in ("value", "filler", "empty"):
                out.append(Tok("row", start, tok.end, line[start : tok.end].strip(), unknown=True))
                continue
        out.append(tok)
    return out


def _known_row_since_other(tokens: list[Tok]) -> bool:
    """Whether a row label the formats know stands in ``tokens`` after their last other words."""
    for tok in reversed(tokens):
        if tok.kind == "other":
            return False
        if tok.kind == "row" and not tok.unknown:
            return True
    return False
