"""The report's own numbering: 一、 （一） 1. 1、 （1）, with the slips real exports contain."""

from __future__ import annotations

import re

from gialint._lazy import lazy_re
from gialint.model.record import Record, setfield

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERALS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23; None when not a Chinese numeral."""
    if not text or any(ch not in CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        value = 0
        for ch in text:
            value = value * 10 + CN_DIGITS[ch]
        return value
    tens, _, units = text.partition("十")
    if "十" in units:  # 十十、 二十十: no numeral (and no crash of the reader)
        return None
    return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)


def int_to_cn(value: int) -> str:
    if 0 < value <= 10:
        return CN_NUMERALS[value]
    if value < 20:
        return "十" + CN_NUMERALS[value - 10]
    tens, units = divmod(value, 10)
    return CN_NUMERALS[tens] + "十" + (CN_NUMERALS[units] if units else "")


# Leading decoration that may wrap a heading in either syntax: Markdown #, bullets, bold.
_DECOR = lazy_re(r"^\s*(?:#{1,6}\s+)?(?:[-*+]\s+)?(?:\*\*|__)?\s*")

_STYLES: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("cn", 1, lazy_re(r"([一二三四五六七八九十]{1,3})[ \u3000\xa0]*[、．.][ \u3000\xa0]*")),
    ("paren-cn", 2, lazy_re(r"[（(][ \u3000\xa0]*([一二三四五六七八九十]{1,3})[ \u3000\xa0]*[）)]{1,2}[ \u3000、.．]*")),
    ("paren-arabic", 3, lazy_re(r"[（(][ \u3000\xa0]*(\d{1,2})[ \u3000\xa0]*[）)]{1,2}[ \u3000、.．]*")),
    ("arabic", 3, lazy_re(r"(\d{1,2})[ \u3000\xa0]*[、．.](?![\d．.])[ \u3000\xa0]*")),
)


class Numbering(Record):
    __slots__ = ("style", "level", "number", "numeral", "offset", "rest_offset")

    style: str
    level: int
    number: int
    numeral: str
    """The numbering as written (e.g. ``(五))``)."""
    offset: int
    """Offset in the inspected text where the numbering starts."""
    rest_offset: int
    """Offset where the text after the numbering starts."""

    def __init__(self, style: str, level: int, number: int, numeral: str, offset: int, rest_offset: int) -> None:
        setfield(self, "style", style)
        setfield(self, "level", level)
        setfield(self, "number", number)
        setfield(self, "numeral", numeral)
        setfield(self, "offset", offset)
        setfield(self, "rest_offset", rest_offset)


# What the decoration is made of, and the first characters of a numbering after it: a text whose
# first character past these blanks and marks is not one of those starts with no numbering.
_LEAD = lazy_re(r"[\s#*+\-_]*")
_NUMBERING_STARTS = frozenset("一二三四五六七八九十（(")


def match_numbering(text: str) -> Numbering | None:
    """Recognise the numbering at the start of ``text`` (after #, bullets or ** around it)."""
    lead = _LEAD.match(text).end()  # type: ignore[union-attr]  # matches the empty text too
    first = text[lead : lead + 1]
    if first not in _NUMBERING_STARTS and not first.isdecimal():  # ("" is not decimal)
        return None
    decor = _DECOR.match(text)
    start = decor.end() if decor else 0
    for style, level, pattern in _STYLES:
        m = pattern.match(text, start)
        if not m:
            continue
        raw = m.group(1)
        number = int(raw) if raw.isdigit() else cn_to_int(raw)
        if number is None or number == 0:
            continue
        numeral = text[m.start() : m.end()].strip(" \u3000")
        return Numbering(style, level, number, numeral, m.start(), m.end())
    return None
