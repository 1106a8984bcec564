"""Table labels as exports write them: their cores (normalised by
:func:`gialint.formats.normalise.norm_label`, numbering and punctuation dropped), numbers, and the
labels of a set of formats found in text (:func:`vocabulary`).

Shared by the table matcher (:mod:`gialint.formats.tablematch`, which scores labels with
:mod:`gialint.formats.labelscore`), the readers and the rules that compare labels.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from gialint._lazy import compile_re
from gialint.formats.normalise import fold_chars, nfkc, norm_label
from gialint.formats.templates import Format
from gialint.formats.textpattern import LazyRegex
from gialint.model.document import Cell
from gialint.model.record import Record

# compiled on first use: a run that reads no table never needs them
_NUMBERING = LazyRegex(r"[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)+|\d{1,2}\.")
_NUMBER = LazyRegex(r"^[+\-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:[.．]\d+)?\s*(?:万元|元|万|件|条|个|项)?$")
_FILLER = LazyRegex(r"^[-—–/／\\·.。]+$")
_UNIT_SUFFIX = LazyRegex(r"(万元|元|万|件|条|个|项)$")
_ITEM_NUMBER = LazyRegex(r"^\s*(\d{1,2})\s*[.、．·]")


@lru_cache(maxsize=4096)  # bounded: cell texts vary with every report
def core(text: str) -> str:
    """A label without numbering and punctuation: what remains when exports mangle the rest."""
    # str.isalnum keeps letters, digits and CJK ideographs (cheaper than a Unicode regex class)
    return "".join(filter(str.isalnum, _NUMBERING.sub("", norm_label(text))))


@lru_cache(maxsize=512)  # bounded: a run over thousands of reports keeps no more
def parse_number(text: str) -> float | None:
    if text.isdigit() and text.isascii():  # a bare figure: no width, sign, separator or unit to undo
        return float(text)
    t = nfkc(text).strip().replace("−", "-").replace(",", "")
    t = _UNIT_SUFFIX.sub("", t).strip()
    try:
        return float(t)
    except ValueError:
        return None


def is_value(text: str) -> bool:
    if text.isdigit() and text.isascii():  # a bare figure (the most common cell): kept out of the memo
        return True
    return _is_value(text)


@lru_cache(maxsize=4096)  # bounded like core: figures differ from report to report
def _is_value(text: str) -> bool:
    return bool(_NUMBER.match(nfkc(text).strip()))


def label_like(cell: Cell) -> bool:
    t = cell.text
    return bool(t) and not is_value(t) and not _FILLER.match(t) and len(core(t)) >= 2


def item_number(text: str) -> int | None:
    m = _ITEM_NUMBER.match(text)
    return int(m.group(1)) if m else None




# --------------------------------------------------------------------------- finding labels in text


_CN_NUMERAL = "一二三四五六七八九十"
_DIGIT_NUMBERING = LazyRegex(r"^(\d{1,2})\.")
_BRACKET_NUMBERING = LazyRegex(rf"^\(([{_CN_NUMERAL}]+)\)+")
_COMMA_NUMBERING = LazyRegex(rf"^([{_CN_NUMERAL}]+)、")
_CLOSING = "）)”’」』】》"


class Word(Record):
    """What a label's core stands for in the formats: a row label, a header word, or both."""

    __slots__ = ("row", "header", "prefix")
    row: bool
    header: bool
    prefix: str | None
    """The numbering written before a row label (``1.``, ``（一）``, ``一、``): a pattern searched at
    the end of the text before the core; None when no row label with this core is numbered."""

    def __init__(self, row: bool, header: bool, prefix: str | None) -> None:
        self._init(row, header, prefix)


class Vocabulary(Record, compare=("cores", "words", "captions", "anchors")):
    """Every table label of a set of formats, to find tables in text by their labels."""

    __slots__ = ("cores", "words", "captions", "anchors", "prose")
    cores: tuple[str, ...]
    """The label cores, longest first, searched in :func:`core_stream` text."""
    words: Mapping[str, Word]
    captions: str | None
    """A pattern of the block captions (第二十条第（一）项), tolerant of blanks and bracket widths."""
    anchors: re.Pattern[str]
    """The first two characters of every core (and 条 of the captions): a line holding none of
    them holds no label."""
    prose: set[str]
    """Lines already found to hold no table (reports repeat their headings): read once per run."""

    def __init__(
        self, cores: tuple[str, ...], words: Mapping[str, Word], captions: str | None, anchors: re.Pattern[str],
        prose: set[str] | None = None,
    ) -> None:  # fmt: skip
        self._init(cores, words, captions, anchors, set() if prose is None else prose)

    def prefilter(self, line: str) -> bool:
        return self.anchors.search(line) is not None

    def find(self, stream: str) -> list[tuple[int, int, str]]:
        """The cores in ``stream``, leftmost and longest first, not overlapping: (start, end, core).

        One ``str.find`` per core instead of one big alternation, whose compilation would cost
        more than a report's whole reading.
        """
        hits: list[tuple[int, int, str]] = []
        for c in self.cores:
            at = stream.find(c)
            while at >= 0:
                hits.append((at, -len(c), c))
                at = stream.find(c, at + 1)
        hits.sort()
        out: list[tuple[int, int, str]] = []
        end = 0
        for start, neg, c in hits:
            if start >= end:
                out.append((start, start - neg, c))
                end = start - neg
        return out


def _numbering_pattern(label: str) -> str | None:
    text = norm_label(label)
    m = _DIGIT_NUMBERING.match(text)
    if m:
        return rf"{m.group(1)}\s*[.、．·]\s*"
    m = _BRACKET_NUMBERING.match(text)
    if m:
        return rf"[（(]\s*{m.group(1)}\s*[)）]+\s*"
    m = _COMMA_NUMBERING.match(text)
    if m:
        return rf"{m.group(1)}\s*[、.．，,]\s*"
    return None


def _caption_pattern(caption: str) -> str:
    out = []
    for ch in caption:
        if ch in "（(":
            out.append("[（(]")
        elif ch in "）)":
            out.append("[)）]")
        elif not ch.isspace():
            out.append(re.escape(ch))
    return r"[ \u3000]*".join(out)


_VOCABULARIES: dict[tuple[int, ...], tuple[tuple[Format, ...], Vocabulary]] = {}


def vocabulary(formats: Sequence[Format]) -> Vocabulary:
    """The labels of ``formats`` (cached per set of format objects, like :func:`matcher`)."""
    key = tuple(id(f) for f in formats)
    entry = _VOCABULARIES.get(key)
    if entry is not None and all(a is b for a, b in zip(entry[0], formats)):
        return entry[1]
    rows: dict[str, set[str]] = {}
    headers: set[str] = set()
    captions: set[str] = set()
    for fmt in formats:
        for table in fmt.tables:
            for row in table.rows:
                for text in (row.label, *row.variants):
                    c = core(text)
                    if len(c) >= 2:
                        pattern = _numbering_pattern(text)
                        rows.setdefault(c, set()).update({pattern} if pattern else set())
            words = [c.label for c in table.columns] + [c.group for c in table.columns if c.group and c.group != "group"]
            words += [c.group + c.label for c in table.columns if c.group and c.group != "group"]
            words += [*table.header, table.corner]
            headers.update(c for c in map(core, words) if len(c) >= 2)
            if table.caption:
                captions.add(table.caption)
    words_map: dict[str, Word] = {}
    for c in set(rows) | headers:
        prefixes = sorted(rows.get(c, ()))
        prefix = "(?:" + "|".join(prefixes) + r")$" if prefixes else None
        words_map[c] = Word(c in rows, c in headers, prefix)
    cores = tuple(sorted(words_map, key=lambda c: (-len(c), c)))
    caption_re = "|".join(_caption_pattern(c) for c in sorted(captions)) if captions else None
    anchors = compile_re("|".join(map(re.escape, sorted({c[:2] for c in cores} | ({"条"} if captions else set())))) or r"(?!)")
    vocab = Vocabulary(cores, words_map, caption_re, anchors)
    _VOCABULARIES[key] = (tuple(formats), vocab)
    return vocab


_WORD_RUN = LazyRegex(r"[^\W_]+")


def core_stream(line: str) -> tuple[str, Callable[[int], int]]:
    """``line`` as :func:`core` sees labels (only letters, digits and ideographs, folded one for
    one like :func:`gialint.formats.normalise.norm_label` folds them), and a function from an
    index in that text back to the index in ``line``."""
    runs = [(m.start(), m.group()) for m in _WORD_RUN.finditer(line)]
    starts: list[int] = []
    at = 0
    for _, text in runs:
        starts.append(at)
        at += len(text)
    stream = fold_chars("".join(text for _, text in runs))  # letters and ideographs stay letters and ideographs

    def where(index: int) -> int:
        k = bisect_right(starts, index) - 1
        return runs[k][0] + index - starts[k]

    return stream, where


def closing_end(line: str, end: int) -> int:
    """``end`` moved past closing brackets and quotes that end a label (``…一稳定”``, ``…情形）``)."""
    while end < len(line) and line[end] in _CLOSING:
        end += 1
    return end


@lru_cache(maxsize=1)
def builtin_formats() -> tuple[Format, ...]:
    """The national formats shipped in rules/ (for a parser called without a configuration)."""
    from gialint.config.rulesets import builtin_dir
    from gialint.config.yamlio import read_yaml_cached
    from gialint.formats.load import load_format

    known: dict[str, Format] = {}
    for path in sorted(builtin_dir().glob("gov-*.yaml")):
        data: Any = read_yaml_cached(path.read_text(encoding="utf-8"), str(path))
        node = data.get("format") if isinstance(data, Mapping) else None
        if isinstance(node, Mapping):
            fmt = load_format(node, str(path), known, trusted=True)  # gialint's own: validated by its tests
            known[fmt.id] = fmt
    return tuple(known.values())
