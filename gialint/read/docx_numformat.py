"""How Word writes a list number in each ``w:numFmt`` (一 / 壹 / 甲 / ① / 01 / iv …)."""

from __future__ import annotations

from collections.abc import Callable

from gialint.model.numbering import int_to_cn

_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = dict(zip("一二三四五六七八九十", "壹贰叁肆伍陆柒捌玖拾", strict=True))
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    # Word: a … z, aa … zz, aaa …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _cn(n: int) -> str:
    return int_to_cn(n) if 0 < n < 100 else str(n)


def _from(sequence: str) -> Callable[[int], str]:
    return lambda n: sequence[n - 1] if 1 <= n <= len(sequence) else str(n)


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": _from(_CIRCLED),
    "decimalEnclosedCircleChinese": _from(_CIRCLED),
    "decimalEnclosedParen": _from(_PAREN),
    "decimalEnclosedFullstop": _from(_FULLSTOP),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerLetter": _letter,
    "chineseCounting": _cn,
    "chineseCountingThousand": _cn,
    "taiwaneseCounting": _cn,
    "taiwaneseCountingThousand": _cn,
    "japaneseCounting": _cn,
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(c)] for c in str(n)),
    "taiwaneseDigital": lambda n: "".join("〇一二三四五六七八九"[int(c)] for c in str(n)),
    "chineseLegalSimplified": lambda n: "".join(_LEGAL.get(c, c) for c in _cn(n)),
    "ideographLegalTraditional": lambda n: "".join(_LEGAL.get(c, c) for c in _cn(n)),
    "ideographTraditional": _from(_TIANGAN),
    "ideographZodiac": _from(_DIZHI),
    "none": lambda n: "",
}
"""``w:numFmt`` values → how a number is written. Chinese counting writes 十, 十一, 二十 (as WPS
and Word do for part numbers); a format not listed here falls back to decimal."""

_CUSTOM = {
    "一": "chineseCounting", "壹": "chineseLegalSimplified", "甲": "ideographTraditional", "子": "ideographZodiac",
    "01": "decimalZero", "１": "decimalFullWidth", "①": "decimalEnclosedCircle", "⑴": "decimalEnclosedParen",
    "1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman",
}
"""The first item of a ``w:numFmt w:val="custom" w:format="一, 二, 三, ..."`` → the format it spells out."""


def custom_format(format_text: str | None) -> str | None:
    first = (format_text or "").split(",")[0].strip()
    return _CUSTOM.get(first)
