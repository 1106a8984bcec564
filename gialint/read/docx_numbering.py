"""Word's automatic numbering (``word/numbering.xml``), rendered the way Word shows it.

python-docx returns a paragraph's text without the number Word draws in front of it: a part
heading numbered by Word comes back as ``总体情况``, not ``一、总体情况``. :class:`Numbering`
reads the definitions (``w:abstractNum`` levels with ``w:numFmt``, ``w:lvlText``, ``w:start``;
``w:num`` with ``w:lvlOverride``/``w:startOverride``), follows numbering that a paragraph style
carries (``w:pStyle`` → the style's ``w:numPr``, through ``w:basedOn``), keeps one counter per
list and level, and renders ``%1、`` / ``（%2）`` / ``%1.%2`` with each level's number format.

Lists: ``w:num`` entries that share an ``w:abstractNum`` continue one list (as in Word) unless
the ``w:num`` restarts a level with ``w:startOverride``; then it counts on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gialint.read.docx_ns import MC, W
from gialint.read.docx_numformat import FORMATS, custom_format

_PLACEHOLDER = re.compile(r"%([1-9])")

@dataclass(frozen=True, slots=True)
class Level:
    fmt: str = "decimal"
    text: str = ""
    """``w:lvlText``, e.g. ``%1、`` or ``（%2）``; empty for a level that shows no number."""
    start: int = 1
    legal: bool = False
    """``w:isLgl``: every placeholder written as a decimal number."""
    suffix: str = "tab"
    """``w:suff``: tab, space or nothing between the number and the text."""


@dataclass(slots=True)
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


def _val(element: Any, tag: str, default: str | None = None) -> str | None:
    child = element.find(f"{W}{tag}")
    if child is None:
        return default
    value: str | None = child.get(f"{W}val", default)
    return value


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _num_fmt(lvl: Any) -> str:
    """A level's number format. Word 2010 and later write formats of their own as
    ``w:val="custom"`` with ``w:format`` (``一, 二, 三, ...``), inside ``mc:AlternateContent``
    with a standard format as the fallback."""
    candidates = [lvl.find(f"{W}numFmt")]
    alternate = lvl.find(f"{MC}AlternateContent")
    if alternate is not None:
        candidates += list(alternate.iter(f"{W}numFmt"))  # the mc:Choice first, then the mc:Fallback
    for numfmt in candidates:
        if numfmt is None:
            continue
        value: str = numfmt.get(f"{W}val", "decimal")
        if value != "custom":
            return value
        custom = custom_format(numfmt.get(f"{W}format"))
        if custom is not None:
            return custom
    return "decimal"


def _level(element: Any) -> Level:
    return Level(
        fmt=_num_fmt(element),
        text=_val(element, "lvlText", "") or "",
        start=_int(_val(element, "start"), 1),
        legal=element.find(f"{W}isLgl") is not None and _val(element, "isLgl", "1") not in ("0", "false"),
        suffix=_val(element, "suff", "tab") or "tab",
    )


def _num_pr(ppr: Any) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a ``w:pPr``'s ``w:numPr`` (either may be missing)."""
    if ppr is None:
        return None, None
    numpr = ppr.find(f"{W}numPr")
    if numpr is None:
        return None, None
    ilvl = _val(numpr, "ilvl")
    return _val(numpr, "numId"), (_int(ilvl, 0) if ilvl is not None else None)


class Numbering:
    """The numbering definitions of one document, and the counters of a walk through its body."""

    def __init__(self, numbering_xml: Any | None, styles_xml: Any | None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.abstract_styles: dict[str, dict[str, int]] = {}
        """abstractNum id → paragraph style id → level (``w:lvl/w:pStyle``)."""
        self.nums: dict[str, _Num] = {}
        self.styles: dict[str, tuple[str | None, int | None, str | None]] = {}
        """style id → (numId, ilvl, basedOn)."""
        self.links: dict[str, str] = {}
        """abstractNum id → the numbering style it takes its levels from (``w:numStyleLink``)."""
        self.counters: dict[str, dict[int, int]] = {}
        self.used = False
        if numbering_xml is not None:
            self._read_numbering(numbering_xml)
        if styles_xml is not None:
            self._read_styles(styles_xml)

    def _read_numbering(self, root: Any) -> None:
        links = self.links
        for abstract in root.iter(f"{W}abstractNum"):
            aid = abstract.get(f"{W}abstractNumId", "")
            levels: dict[int, Level] = {}
            styles: dict[str, int] = {}
            for lvl in abstract.findall(f"{W}lvl"):
                ilvl = _int(lvl.get(f"{W}ilvl"), 0)
                levels[ilvl] = _level(lvl)
                style = _val(lvl, "pStyle")
                if style:
                    styles[style] = ilvl
            self.abstracts[aid] = levels
            self.abstract_styles[aid] = styles
            link = _val(abstract, "numStyleLink")
            if link:
                links[aid] = link
        for num in root.iter(f"{W}num"):
            nid = num.get(f"{W}numId", "")
            entry = _Num(_val(num, "abstractNumId", "") or "")
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    entry.starts[ilvl] = _int(start, 1)
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    entry.levels[ilvl] = _level(lvl)
            self.nums[nid] = entry

    def _read_styles(self, root: Any) -> None:
        for style in root.iter(f"{W}style"):
            sid = style.get(f"{W}styleId")
            if not sid:
                continue
            num_id, ilvl = _num_pr(style.find(f"{W}pPr"))
            self.styles[sid] = (num_id, ilvl, _val(style, "basedOn"))

    def _abstract_of(self, num: _Num) -> str:
        """The abstractNum holding the levels (through ``w:numStyleLink`` → style → its num)."""
        aid = num.abstract
        for _ in range(3):
            link = self.links.get(aid)
            if link is None or self.abstracts.get(aid):
                break  # no link, or the abstractNum has levels of its own
            num_id, _, _ = self._style_num(link)
            target = self.nums.get(num_id or "")
            if target is None:
                break
            aid = target.abstract
        return aid

    def _style_num(self, style_id: str) -> tuple[str | None, int | None, str]:
        """(numId, ilvl, the style that carries it) for a paragraph style, through ``basedOn``."""
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen:
            seen.add(current)
            num_id, ilvl, based = self.styles.get(current, (None, None, None))
            if num_id is not None:
                return num_id, ilvl, current
            current = based
        return None, None, style_id

    def label(self, ppr: Any) -> str:
        """The number Word draws before this paragraph (with its separator), or ''; advances the
        counters, so call it once per paragraph, in document order."""
        num_id, ilvl = _num_pr(ppr)
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        if num_id is None and style_id:
            num_id, style_ilvl, carrier = self._style_num(style_id)
            if ilvl is None:
                ilvl = style_ilvl
            if num_id is not None and ilvl is None:
                num = self.nums.get(num_id)
                if num is not None:
                    ilvl = self.abstract_styles.get(self._abstract_of(num), {}).get(carrier)
        if num_id is None or num_id == "0":
            return ""
        num = self.nums.get(num_id)
        if num is None:
            return ""
        ilvl = ilvl or 0
        aid = self._abstract_of(num)
        levels = {**self.abstracts.get(aid, {}), **num.levels}
        level = levels.get(ilvl)
        if level is None:
            return ""
        key = f"num:{num_id}" if num.starts or num.levels else f"abstract:{aid}"
        counters = self.counters.setdefault(key, {})

        def start(k: int) -> int:
            lv = levels.get(k)
            return num.starts.get(k, lv.start if lv is not None else 1)

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        self.used = True
        if level.fmt == "bullet":
            return ""  # a bullet is a symbol, not a number the rules read

        def render(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            value = counters.get(k, start(k))
            lv = levels.get(k, Level())
            fmt = "decimal" if level.legal and k != ilvl else lv.fmt
            return FORMATS.get(fmt, str)(value)

        text = _PLACEHOLDER.sub(render, level.text)
        if not text:
            return ""
        if level.suffix == "nothing" or not text[-1].isalnum():
            return text  # 一、 （一） 1. end in punctuation: the text follows directly
        return text + " "
