"""A line of report text as table tokens: the format's labels, figures, fillers, separators.

Used by :mod:`gialint.parse.texttables` to find tables written as text. Labels are found in the
line's letters and ideographs only (:func:`gialint.labels.core_stream`), so stray blanks and
bracket widths inside a label do not hide it; every token keeps its exact place in the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gialint.labels import Vocabulary, closing_end, core_stream

_ZONE = re.compile(
    r"(?P<sep>[ \t\u3000\xa0*]+)|(?P<pipe>[|｜])"
    r"|(?P<num>[+\-−－]?[0-9０-９]+(?:[.．][0-9０-９]+)?(?:万元|元)?)"
    r"|(?P<fill>[-—–/／]+|无)"
    r"|(?P<other>[^ \t\u3000\xa0*|｜0-9０-９]+)"
)
_LABEL_GAP_BREAK = re.compile(r"[|｜\t]|[ \u3000]{2}")


@dataclass(slots=True)
class Tok:
    kind: str
    """row, header, caption, value, filler, empty, text (a whole pipe cell of other words), other."""
    start: int
    end: int
    text: str
    glued: bool = False
    """A figure written straight after a label, with no separator."""
    unknown: bool = False
    """A row label the formats do not know, taken as one because of where it stands (a typo)."""


def _label_tokens(line: str, vocab: Vocabulary) -> list[Tok]:
    found: list[Tok] = []
    if vocab.captions is not None and "条" in line:
        found += [Tok("caption", m.start(), m.end(), m.group()) for m in re.finditer(vocab.captions, line)]
    stream, where = core_stream(line)
    for a, b, label in vocab.find(stream):
        start, end = where(a), where(b - 1) + 1
        if _LABEL_GAP_BREAK.search(line, start, end) or any(c.start < end and start < c.end for c in found):
            continue
        word = vocab.words[label]
        kind = "row" if word.row else "header"
        if word.prefix is not None:
            before = line[max(0, start - 10) : start]
            p = re.search(word.prefix, before)
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


def tokenize(line: str, vocab: Vocabulary) -> list[Tok]:
    """The line's labels, figures, fillers and other text, in order (separators dropped)."""
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
