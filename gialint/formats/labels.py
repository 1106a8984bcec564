"""Table labels as exports write them: normalisation, numbers, and scoring against a format.

Shared by the table matcher (:mod:`gialint.formats.tablematch`) and the rules that compare labels. The
scores are memoised per format, because every report of a run repeats the same labels.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from gialint.formats.templates import Format, Label, TableTemplate
from gialint.model.document import Cell

_WS = re.compile(r"\s+")
_ITEM_DOT = re.compile(r"(?<=\d)[、．·]|(?<=\d)\.\s*")
_NUMBERING = re.compile(r"[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)+|\d{1,2}\.")
_NUMBER = re.compile(r"^[+\-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:[.．]\d+)?\s*(?:万元|元|万|件|条|个|项)?$")
_FILLER = re.compile(r"^[-—–/／\\·.。]+$")


@lru_cache(maxsize=1024)  # the labels that recur are a few hundred; a report's own lines pass once
def norm_label(text: str) -> str:
    """Comparable label: NFKC (full-width → half-width), no blanks, 其它→其他, 1、→1., no ``*``."""
    text = unicodedata.normalize("NFKC", text)
    text = _WS.sub("", text).replace("*", "").replace("其它", "其他").replace("·", ".")
    text = _ITEM_DOT.sub(".", text)
    return text.replace("..", ".")


@lru_cache(maxsize=65536)
def core(text: str) -> str:
    """A label without numbering and punctuation: what remains when exports mangle the rest."""
    # str.isalnum keeps letters, digits and CJK ideographs (cheaper than a Unicode regex class)
    return "".join(filter(str.isalnum, _NUMBERING.sub("", norm_label(text))))


@lru_cache(maxsize=512)  # bounded: a run over thousands of reports keeps no more
def parse_number(text: str) -> float | None:
    t = unicodedata.normalize("NFKC", text).strip().replace("−", "-").replace(",", "")
    t = re.sub(r"(万元|元|万|件|条|个|项)$", "", t).strip()
    try:
        return float(t)
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def is_value(text: str) -> bool:
    return bool(_NUMBER.match(unicodedata.normalize("NFKC", text).strip()))


def label_like(cell: Cell) -> bool:
    t = cell.text
    return bool(t) and not is_value(t) and not _FILLER.match(t) and len(core(t)) >= 2


# --------------------------------------------------------------------------- label scoring


@dataclass(frozen=True, slots=True)
class Candidate:
    table: TableTemplate
    row: Label
    norm: str
    core: str
    variants: tuple[str, ...]


def candidates(fmt: Format) -> list[Candidate]:
    out = []
    for table in fmt.tables:
        for row in table.rows:
            if not row.label:
                continue
            variants = tuple(core(v) for v in row.variants)
            out.append(Candidate(table, row, norm_label(row.label), core(row.label), variants))
    return out


def score(cand: Candidate, label_norm: str, label_core: str, last_core: str) -> float:
    """How well a row label (all its label cells, and its last cell alone) fits a template row."""
    if label_norm.endswith(cand.norm):
        return 3.0 + len(cand.core) / 100
    if cand.core and cand.core == last_core:
        return 2.6  # the same words, other numbering (上年结转… without 二、)
    if any(v and (v == last_core or v == label_core) for v in cand.variants):
        return 2.55
    score = 0.0
    if len(cand.core) == len(last_core) >= 3 and sum(a != b for a, b in zip(cand.core, last_core)) == 1:
        return 2.4  # one character wrong in a short label (重复申报 for 重复申请)
    if cand.core and last_core and abs(len(last_core) - len(cand.core)) <= max(4, len(cand.core) // 2):
        ratio = difflib.SequenceMatcher(None, cand.core, last_core, autojunk=False).ratio()
        if ratio >= 0.8:
            score = 1.6 + ratio  # a typo (补证 for 补正)
    if not score and len(last_core) >= 6 and cand.core.startswith(last_core):
        score = 2.0  # cut off at a page break
    if not score and len(last_core) >= 6 and cand.core.endswith(last_core):
        score = 1.9
    if not score and cand.core and cand.core in label_core:
        score = 1.0 + len(cand.core) / 100
    return score


_MATCHERS: dict[int, tuple[Format, list[Candidate], dict[tuple[str, str, str], list[tuple[float, Candidate]]]]] = {}


def matcher(fmt: Format) -> tuple[list[Candidate], dict[tuple[str, str, str], list[tuple[float, Candidate]]]]:
    """The format's candidate rows and a memo of label scores, shared by every report of a run.

    Reports repeat the same labels, so after the first few each label is a dictionary lookup
    instead of a fuzzy comparison against every row of the format.
    """
    entry = _MATCHERS.get(id(fmt))
    if entry is None or entry[0] is not fmt:
        entry = _MATCHERS[id(fmt)] = (fmt, candidates(fmt), {})
    return entry[1], entry[2]


def scored(
    memo: dict[tuple[str, str, str], list[tuple[float, Candidate]]],
    candidates: Sequence[Candidate],
    label_norm: str,
    label_core: str,
    last_core: str,
) -> list[tuple[float, Candidate]]:
    key = (label_norm, label_core, last_core)
    found = memo.get(key)
    if found is None:
        found = [(sc, cand) for cand in candidates if (sc := score(cand, label_norm, label_core, last_core)) > 0]
        if len(memo) < 200_000:
            memo[key] = found
    return found


def item_number(text: str) -> int | None:
    m = re.match(r"^\s*(\d{1,2})\s*[.、．·]", text)
    return int(m.group(1)) if m else None




# --------------------------------------------------------------------------- finding labels in text


_CN_NUMERAL = "一二三四五六七八九十"
_CLOSING = "）)”’」』】》"


@dataclass(frozen=True, slots=True)
class Word:
    """What a label's core stands for in the formats: a row label, a header word, or both."""

    row: bool
    header: bool
    prefix: str | None
    """The numbering written before a row label (``1.``, ``（一）``, ``一、``): a pattern searched at
    the end of the text before the core; None when no row label with this core is numbered."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Every table label of a set of formats, to find tables in text by their labels."""

    cores: tuple[str, ...]
    """The label cores, longest first, searched in :func:`core_stream` text."""
    words: dict[str, Word]
    captions: str | None
    """A pattern of the block captions (第二十条第（一）项), tolerant of blanks and bracket widths."""
    anchors: re.Pattern[str]
    """The first two characters of every core (and 条 of the captions): a line holding none of
    them holds no label."""
    prose: set[str] = field(default_factory=set, compare=False, hash=False)
    """Lines already found to hold no table (reports repeat their headings): read once per run."""

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
    m = re.match(r"^(\d{1,2})\.", text)
    if m:
        return rf"{m.group(1)}\s*[.、．·]\s*"
    m = re.match(rf"^\(([{_CN_NUMERAL}]+)\)+", text)
    if m:
        return rf"[（(]\s*{m.group(1)}\s*[)）]+\s*"
    m = re.match(rf"^([{_CN_NUMERAL}]+)、", text)
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
    anchors = re.compile("|".join(map(re.escape, sorted({c[:2] for c in cores} | ({"条"} if captions else set())))) or r"(?!)")
    vocab = Vocabulary(cores, words_map, caption_re, anchors)
    _VOCABULARIES[key] = (tuple(formats), vocab)
    return vocab


_WORD_RUN = re.compile(r"[^\W_]+")
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)}
_HAS_FULL_WIDTH = re.compile("[\uff10-\uff5a]")


def core_stream(line: str) -> tuple[str, Callable[[int], int]]:
    """``line`` as :func:`core` sees labels (full-width letters and digits made ASCII, only
    letters/digits/ideographs, 其它→其他), and a function from an index in that text back to the
    index in ``line``."""
    if _HAS_FULL_WIDTH.search(line):
        line = line.translate(_FULL_WIDTH)
    runs = [(m.start(), m.group()) for m in _WORD_RUN.finditer(line)]
    starts: list[int] = []
    at = 0
    for _, text in runs:
        starts.append(at)
        at += len(text)
    stream = "".join(text for _, text in runs).replace("其它", "其他")

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
            fmt = load_format(node, str(path), known)
            known[fmt.id] = fmt
    return tuple(known.values())
