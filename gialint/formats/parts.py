"""The six parts of a report, as the format's YAML names them: one part detection for every rule.

``rules/gov-*.yaml`` list each part's canonical title and the wording variants real reports use
(``parts:``). This module turns them into matchers, once per format, and answers three questions:
which part does a heading title name (:func:`spec_for`), which part does a heading with a typo or
a wrong word most likely mean (:func:`near_miss`), and does a part heading start at this place in
a line (:func:`heading_at`, for flattened text).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from gialint.formats.normalise import norm_label, norm_offsets
from gialint.formats.textpattern import LazyRegex, Literal, TextPattern
from gialint.model.numbering import cn_to_int, int_to_cn
from gialint.model.record import Record

if TYPE_CHECKING:
    from gialint.formats.templates import Format, PartTemplate

_NEAR = 0.75
"""Similarity (difflib ratio) at which a heading title is taken for a part's title with a typo."""
_NEAR_IN_LINE = 0.85
"""… and, in a flattened line, where nothing but the numeral says a heading starts."""
_NEAR_SAME_NUMBER = 0.5
"""… or, for the part its own numeral names, a title with one wrong word (基本情况 for 总体情况)."""


class PartSpec(Record):
    __slots__ = ("number", "title", "english", "patterns")
    number: int
    title: str
    """Canonical title, as the format writes it."""
    english: str
    patterns: tuple[TextPattern, ...]
    """The canonical title and the format's variants, matched against
    :func:`~gialint.formats.normalise.norm_label`-ed text."""

    def __init__(self, number: int, title: str, english: str, patterns: tuple[TextPattern, ...]) -> None:
        self._init(number, title, english, patterns)

    @property
    def numeral(self) -> str:
        return int_to_cn(self.number)

    def names(self, normed_title: str) -> bool:
        return any(p.search(normed_title) for p in self.patterns)


@lru_cache(maxsize=16)
def specs_of(parts: tuple[PartTemplate, ...]) -> tuple[PartSpec, ...]:
    """Matchers for ``parts`` (parts that several formats share are kept once)."""
    specs: dict[tuple[int, str, tuple[str, ...]], PartSpec] = {}
    for part in parts:
        number = cn_to_int(part.number)
        if number is None:
            continue
        patterns = (Literal(norm_label(part.title)), *part.variants)
        key = (number, part.title, tuple(p.pattern for p in patterns))
        specs.setdefault(key, PartSpec(number, part.title, part.english or part.title, patterns))
    return tuple(sorted(specs.values(), key=lambda s: s.number))


def part_specs(fmt: Format | None) -> tuple[PartSpec, ...]:
    """The parts of ``fmt``; of the newest built-in format when no format applies."""
    if fmt is None or not fmt.parts:
        from gialint.formats.labels import builtin_formats
        from gialint.formats.templates import choose

        fmt = choose(builtin_formats(), None, None)
        if fmt is None:
            return ()
    return specs_of(fmt.parts)


_ROW_LABELS: dict[tuple[int, ...], tuple[tuple[Format, ...], tuple[str, ...]]] = {}
_NUMBERED = LazyRegex(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")


def numbered_row_labels(formats: tuple[Format, ...]) -> tuple[str, ...]:
    """Table row labels that begin with a part's or a sub-part's numeral (一、本年新收…,
    三、本年度办理结果, （一）予以公开), normalised: they never start a part or a sub-part."""
    key = tuple(id(fmt) for fmt in formats)
    cached = _ROW_LABELS.get(key)
    if cached is not None:
        return cached[1]
    labels = {
        norm_label(text)
        for fmt in formats
        for table in fmt.tables
        for row in table.rows
        for text in (row.label, *row.variants)
        if text and _NUMBERED.match(text.strip())
    }
    found = tuple(sorted(labels, key=len, reverse=True))
    _ROW_LABELS[key] = (formats, found)  # the formats are kept, so their ids are not reused
    return found


def starts_row_label(text: str, at: int, labels: tuple[str, ...]) -> bool:
    """Whether ``text[at:]`` begins with one of ``labels`` (its last two characters may differ)."""
    ahead = norm_label(text[at : at + 60].split("\n", 1)[0])
    return any(ahead.startswith(label[: max(len(label) - 2, 4)]) for label in labels)


def spec_for(title: str, specs: tuple[PartSpec, ...]) -> PartSpec | None:
    """The part a heading title names (canonical title or a known variant), if any."""
    text = norm_label(title)
    return next((spec for spec in specs if spec.names(text)), None)


def near_miss(title: str, number: int, specs: tuple[PartSpec, ...]) -> PartSpec | None:
    """The part a numbered heading most likely means when its title names none: a typo
    (行政复义 for 行政复议) or, for the part its numeral names, one wrong word (基本情况)."""
    text = norm_label(title)
    if not 2 <= len(text) <= 40:
        return None
    import difflib  # only for a heading that names no part: not at start-up

    best: tuple[float, PartSpec] | None = None
    for spec in specs:
        ratio = difflib.SequenceMatcher(None, text, norm_label(spec.title), autojunk=False).ratio()
        wanted = _NEAR_SAME_NUMBER if spec.number == number else _NEAR
        if ratio >= wanted and (best is None or ratio > best[0]):
            best = (ratio, spec)
    return best[1] if best else None


def near_heading_at(text: str, start: int, number: int, specs: tuple[PartSpec, ...]) -> tuple[PartSpec, int] | None:
    """Like :func:`heading_at` for the part numeral ``number`` names, when the title there has a
    typo (行政复义 for 行政复议): the part and the offset just past the miswritten title."""
    spec = next((s for s in specs if s.number == number), None)
    if spec is None:
        return None
    title = norm_label(spec.title)
    normed, offsets = _normed_with_offsets(text, start, len(title))
    if len(normed) < len(title):
        return None
    import difflib

    if difflib.SequenceMatcher(None, normed, title, autojunk=False).ratio() < _NEAR_IN_LINE:
        return None
    return spec, offsets[len(title) - 1] + 1


def _normed_with_offsets(text: str, start: int, limit: int) -> tuple[str, Sequence[int]]:
    """:func:`~gialint.formats.normalise.norm_label` of ``text[start:]`` within its line (at most
    ``limit`` characters kept) and each kept character's offset in ``text``."""
    size = limit
    while True:
        ahead = text[start : start + size].split("\n", 1)[0]
        normed, offsets = norm_offsets(ahead)
        if len(normed) >= limit or len(ahead) < size:
            break
        size *= 2  # blanks were dropped: read further into the line
    if isinstance(offsets, range):  # the usual case: one character for one
        return normed[:limit], range(start, start + min(len(normed), limit))
    return normed[:limit], [start + at for at in offsets[:limit]]


def heading_at(text: str, start: int, specs: tuple[PartSpec, ...]) -> tuple[PartSpec, int] | None:
    """A part title beginning at ``text[start]`` (after the numeral): the part and the offset
    just past the title. The longest wording wins (其他需要报告的事项 over 其他事项)."""
    normed, offsets = _normed_with_offsets(text, start, 48)
    best: tuple[int, PartSpec] | None = None
    for spec in specs:
        for pattern in spec.patterns:
            m = pattern.match(normed)
            if m and m.end() > 0 and (best is None or m.end() > best[0]):
                best = (m.end(), spec)
    if best is None:
        return None
    return best[1], offsets[best[0] - 1] + 1
