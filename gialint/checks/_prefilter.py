"""Characters a regular expression cannot match without: a cheap first look for a slow pattern.

Many of the rules' patterns start with a lookbehind or an optional group, which keeps ``re``
from skipping ahead to where a match can start: it tries every position of the text. Each of
them, though, needs some character (``待`` in ``(?:(?<=[（(])|^)\\s*待(?:补充|完善)``, one of
``[XxＸｘ]`` in ``(?<![A-Za-z])[XxＸｘ]{2,}``). :func:`needed` reads the pattern's parse tree for
the smallest such set, and :func:`prefilter` makes one character class of a rule's patterns, for
:func:`gialint.model.scan.lines_where` to find in one scan the lines worth matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from gialint._lazy import LazyPattern, compile_re

_WIDEST = 64
"""A character class wider than this is no use as a filter."""


def _chars(item: tuple[Any, Any]) -> frozenset[str] | None:
    """The characters one parsed element consumes first, if it is a literal or a small class."""
    from re._constants import IN, LITERAL, RANGE  # type: ignore[import-not-found]

    op, arg = item
    if op is LITERAL:
        return frozenset(chr(arg))
    if op is not IN:
        return None
    out: set[str] = set()
    for kind, value in arg:
        if kind is LITERAL:
            out.add(chr(value))
        elif kind is RANGE and value[1] - value[0] < _WIDEST:
            out.update(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return None  # a negated class, \d, \s, a wide range …
    return frozenset(out) if len(out) <= _WIDEST else None


def _needed_in(sequence: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
    """The smallest set of characters one of which every match of ``sequence`` holds."""
    from re._constants import (
        ATOMIC_GROUP,
        BRANCH,
        MAX_REPEAT,
        MIN_REPEAT,
        POSSESSIVE_REPEAT,
        SUBPATTERN,
    )

    best: frozenset[str] | None = None
    for op, arg in sequence:
        found: frozenset[str] | None
        if op is SUBPATTERN:
            found = None if arg[1] & re.IGNORECASE else _needed_in(arg[3])
        elif op is ATOMIC_GROUP:
            found = _needed_in(arg)
        elif op is BRANCH:
            alternatives = [_needed_in(alt) for alt in arg[1]]
            found = None if any(a is None for a in alternatives) else frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            found = _needed_in(arg[2]) if arg[0] >= 1 else None
        else:
            found = _chars((op, arg))  # lookarounds, anchors and the like need nothing: None
        if found is not None and (best is None or len(found) < len(best)):
            best = found
    return best


def _literals_in(sequence: Iterable[tuple[Any, Any]], into: set[str]) -> None:
    """Add to ``into`` the characters every match of ``sequence`` holds, each one (not a choice)."""
    from re._constants import (
        ATOMIC_GROUP,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        POSSESSIVE_REPEAT,
        SUBPATTERN,
    )

    for op, arg in sequence:
        if op is LITERAL:
            into.add(chr(arg))
        elif op is SUBPATTERN and not arg[1] & re.IGNORECASE:
            _literals_in(arg[3], into)
        elif op is ATOMIC_GROUP:
            _literals_in(arg, into)
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and arg[0] >= 1:
            _literals_in(arg[2], into)


def _tree(pattern: object) -> Any:
    """The parse tree of an ``re`` pattern, or None: a case-insensitive pattern (its characters
    come in other cases too), a user's pattern of the regex module (its own syntax), a pattern
    that does not parse. Compiled or lazy (:func:`gialint._lazy.lazy_re`) patterns are read,
    and so are a format's wordings (:class:`gialint.formats.textpattern.LazyRegex`, always ``re``
    syntax with no flags): the statements of text-table-mismatch are such wordings."""
    from re import _parser  # type: ignore[attr-defined]

    from gialint.formats.textpattern import LazyRegex

    if isinstance(pattern, (re.Pattern, LazyPattern)):
        source, flags = pattern.pattern, pattern.flags
    elif isinstance(pattern, LazyRegex):
        source, flags = pattern.pattern, 0
    else:
        return None
    if flags & re.IGNORECASE:
        return None
    try:
        tree = _parser.parse(source, flags)
    except re.error:
        return None
    return None if tree.state.flags & re.IGNORECASE else tree  # an inline (?i)


@lru_cache(maxsize=512)
def literals(pattern: re.Pattern[str]) -> frozenset[str]:
    """The characters every match of ``pattern`` holds, all of them (``行政复议\\s*\\d+`` → 行政复议);
    empty when none can be told. A line lacking one of them holds no match."""
    tree = _tree(pattern)
    if tree is None:
        return frozenset()
    found: set[str] = set()
    _literals_in(tree, found)
    return frozenset(found)


def needed(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters one of which every match of ``pattern`` holds; None when none can be told
    (a case-insensitive pattern, a back-reference or wide class at every step, a pattern that can
    match the empty string)."""
    tree = _tree(pattern)
    return None if tree is None else _needed_in(tree)


def starts_plainly(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` starts with a literal or a class (in a group or not): ``re`` then
    tries it cheaply at each position, and a prefilter gains little."""
    from re import _parser  # type: ignore[attr-defined]
    from re._constants import IN, LITERAL, SUBPATTERN

    try:
        tree: Any = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:
        return False
    while tree and tree[0][0] is SUBPATTERN:
        tree = tree[0][1][3]
    return bool(tree) and tree[0][0] in (LITERAL, IN)


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
