"""Characters a regular expression cannot match without: a cheap first look for a slow pattern.

Many of the rules' patterns start with a lookbehind or an optional group, which keeps ``re``
from skipping ahead to where a match can start: it tries every position of the text. Each of
them, though, needs some character (``待`` in ``(?:(?<=[（(])|^)\\s*待(?:补充|完善)``, one of
``[XxＸｘ]`` in ``(?<![A-Za-z])[XxＸｘ]{2,}``). :func:`needed` reads the pattern's parse tree for
the smallest such set (:mod:`gialint._retree`; stored at build time for gialint's own patterns), and :func:`prefilter` makes one character class of a rule's patterns, for
:func:`gialint.model.scan.lines_where` to find in one scan the lines worth matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from gialint import _retree
from gialint._lazy import LazyPattern, compile_re
from gialint._retree import Facts


def _source(pattern: object) -> tuple[str, int] | None:
    """The source and flags of an ``re`` pattern, or None for a user's pattern of the regex
    module (its own syntax). Compiled and lazy (:func:`gialint._lazy.lazy_re`) patterns count,
    and so do a format's wordings (:class:`gialint.formats.textpattern.LazyRegex`, always ``re``
    syntax with no flags): the statements of text-table-mismatch are such wordings."""
    from gialint.formats.textpattern import LazyRegex

    if isinstance(pattern, (re.Pattern, LazyPattern)):
        return pattern.pattern, pattern.flags
    if isinstance(pattern, LazyRegex):
        return pattern.pattern, 0
    return None


def _facts(pattern: object) -> Facts | None:
    """The prefilter's facts of ``pattern`` (None: not an ``re`` pattern): stored with its
    compiled code when the wheel's table holds it, else read from its parse tree (the same
    function, :func:`gialint._retree.facts`; a case-insensitive pattern needs no character)."""
    source = _source(pattern)
    return None if source is None else _facts_of(*source)


@lru_cache(maxsize=512)
def _facts_of(pattern: str, flags: int) -> Facts:
    from gialint import _regexcode

    stored = _regexcode.facts(pattern, flags)
    return stored if stored is not None else _retree.of(pattern, flags)


def literals(pattern: re.Pattern[str]) -> frozenset[str]:
    """The characters every match of ``pattern`` holds, all of them (``行政复议\\s*\\d+`` → 行政复议);
    empty when none can be told. A line lacking one of them holds no match."""
    facts = _facts(pattern)
    return frozenset() if facts is None else facts[1]


def needed(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters one of which every match of ``pattern`` holds; None when none can be told
    (a case-insensitive pattern, a back-reference or wide class at every step, a pattern that can
    match the empty string)."""
    facts = _facts(pattern)
    return None if facts is None else facts[0]


def starts_plainly(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` starts with a literal or a class (in a group or not): ``re`` then
    tries it cheaply at each position, and a prefilter gains little."""
    facts = _facts(pattern)
    return facts is not None and facts[2]


def _class(chars: Iterable[str]) -> re.Pattern[str]:
    return compile_re("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


Gate = tuple[re.Pattern[str], re.Pattern[str]]
"""(a character class, the pattern whose every match holds one of its characters)."""


@lru_cache(maxsize=512)
def gate(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The class of the characters every match of ``pattern`` needs (an ``re`` pattern that
    cannot match across a line break), or None."""
    chars = needed(pattern)  # None for a user's pattern (the regex module): its own syntax
    return None if chars is None or "\n" in chars else _class(chars)


Prefilter = tuple[re.Pattern[str], tuple[Gate, ...]]
"""The class of all the patterns' characters, and each pattern's gate."""


def prefilter(patterns: Iterable[re.Pattern[str]]) -> Prefilter | None:
    """One character class that every match of any of ``patterns`` holds a character of, and
    each pattern with its own class; None when one of them gives no such set. The classes match
    within a line (never a line break): a line where no pattern's class matches holds no match,
    and a pattern need only be tried on a line where its class matches."""
    gates: list[Gate] = []
    union: set[str] = set()
    for pattern in patterns:
        chars = needed(pattern)
        if chars is None or "\n" in chars:
            return None
        gates.append((_class(chars), pattern))
        union |= chars
    if not gates:
        return None
    return _class(union), tuple(gates)
