"""The one normaliser of labels and part titles: what a table label, a part heading and the formats'
wordings for them are compared as.

:func:`norm_label` is the only label folding in gialint (``tests/test_label_normaliser.py``
checks that no other module folds widths or words of its own). It makes equal what exports write
differently:

* widths: NFKC (``（一）`` → ``(一)``, ``１２`` → ``12``, ``，`` → ``,``);
* blanks (every character ``str.split`` splits on, which are exactly re's ``\\s``) and ``*``
  (Markdown emphasis) are dropped;
* words: 其它/它 → 他, 及/与 → 和, ``·`` → ``.``;
* item numbers: ``1、`` → ``1.``, and a doubled ``..`` → ``.``.

The same function normalises the formats' own labels (table rows, columns, captions, signatures,
part titles), and :func:`norm_pattern` the literal characters of a part's heading variants that
are regular expressions, so a format's YAML is read the way the reports are (one source of truth).
:func:`norm_offsets` gives the same text with each character's place in the original, for
headings found inside a line; :func:`fold_chars` the part of the folding that maps one character
to one character, for streams that keep their offsets (:func:`gialint.formats.labels.core_stream`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache, partial

from gialint._lazy import lazy_re

BLANKS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
"""Every character ``str.split()`` splits on (``str.isspace``; the same set as re's ``\\s``)."""
WORDS = {"它": "他", "及": "和", "与": "和", "·": "."}
"""Characters written either way in labels and titles, folded to one (其它/其他, 及/与/和)."""
CHAR_FOLD = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B)}, **WORDS})
"""The one-to-one part of the folding: full-width letters and digits, and :data:`WORDS`."""
_WIDE = lazy_re("[\uff10-\uff5a]")
_FOLD = str.maketrans({**dict.fromkeys(BLANKS), "*": None, **WORDS})
_DROPPED = frozenset(BLANKS + "*")
_DIGIT_COMMA = lazy_re(r"(?<=\d)、")


nfkc: Callable[[str], str] = partial(unicodedata.normalize, "NFKC")
"""``text`` with full-width forms made half-width (NFKC), for labels and cell values alike (a C
call: no Python frame for the many cells it is asked about)."""


@lru_cache(maxsize=1536)  # labels and part titles recur; a report's own cells and lines pass once
def norm_label(text: str) -> str:
    """``text`` as labels and part titles are compared (see the module's docstring)."""
    text = nfkc(text).translate(_FOLD)
    if "、" in text:
        text = _DIGIT_COMMA.sub(".", text)
    return text.replace("..", ".") if ".." in text else text


norm_label_once: Callable[[str], str] = norm_label.__wrapped__
""":func:`norm_label` without its memo: for a report's own text, tried once (a caption test of
every short paragraph), which would only fill the memo of a long run."""


def fold_chars(text: str) -> str:
    """``text`` folded by :data:`CHAR_FOLD` (one character for one: offsets into it stay offsets
    into ``text``); a few ``str`` searches where, as in most lines, there is nothing to fold."""
    if _WIDE.search(text):
        return text.translate(CHAR_FOLD)
    for written, folded in WORDS.items():
        if written in text:
            text = text.replace(written, folded)
    return text


@lru_cache(maxsize=256)
def _norm_char(ch: str) -> str:
    return nfkc(ch).translate(_FOLD)


def norm_offsets(text: str) -> tuple[str, Sequence[int]]:
    """:func:`norm_label` of ``text`` (uncached) and, for each of its characters, the index in
    ``text`` of the character it comes from. Characters are made half-width one by one, which is
    NFKC of the whole text but for combining marks (no label or title has them)."""
    if _DROPPED.isdisjoint(text) and unicodedata.is_normalized("NFKC", text):
        normed = text.translate(_FOLD)  # the usual case: one character for one
        if "、" in normed:
            normed = _DIGIT_COMMA.sub(".", normed)
        if ".." not in normed:
            return normed, range(len(text))
    chars: list[str] = []
    offsets: list[int] = []
    dots = 0  # the run of dots so far: str.replace("..", ".") folds them in pairs, left to right
    for at, ch in enumerate(text):
        for out in _norm_char(ch):
            if out == "、" and chars and chars[-1].isdecimal():
                out = "."  # str.isdecimal is re's \d
            dots = dots + 1 if out == "." else 0
            if dots % 2 == 0 and dots:
                offsets[-1] = at  # the second dot of a pair: the one kept now ends here
                continue
            chars.append(out)
            offsets.append(at)
    return "".join(chars), offsets


def norm_pattern(pattern: str) -> str:
    """A regular expression that finds in :func:`norm_label`-ed text what ``pattern`` names: its
    non-ASCII characters (literal in any pattern) normalised like the text and escaped; ASCII,
    the pattern's syntax, as written."""
    out: list[str] = []
    at = 0
    while at < len(pattern):
        ch = pattern[at]
        if ch == "\\" and at + 1 < len(pattern) and pattern[at + 1].isascii():
            out.append(pattern[at : at + 2])  # an escape (\d, \(, \\) stays as written
            at += 2
            continue
        if ch == "\\" and at + 1 < len(pattern):
            ch = pattern[at + 1]  # an escaped literal (\（): normalised below
            at += 1
        at += 1
        if ch.isascii():
            out.append(ch)
        else:
            normed = _norm_char(ch)
            out.append(ch if normed == ch else re.escape(normed))
    return "".join(out)
