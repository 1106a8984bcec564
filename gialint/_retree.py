"""What a regular expression's parse tree tells a prefilter: the characters every match needs.

Standard library only: the wheel's build hook loads it alone, beside :mod:`gialint._regexcode`,
to store :func:`facts` of each built-in pattern with its sre code, so that a run need not parse
the pattern again; :mod:`gialint.checks._prefilter` computes the same :func:`facts` itself for a
pattern the table lacks. One function, both ways: the stored facts are what a run would compute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

WIDEST = 64
"""A character class wider than this is no use as a filter."""

Facts = tuple[frozenset[str] | None, frozenset[str], bool]
"""(characters one of which every match holds, or None; characters every match holds each;
whether the pattern starts plainly, with a literal or a class)."""

NO_FACTS: Facts = (None, frozenset(), False)
"""What a pattern that does not parse tells."""


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
        elif kind is RANGE and value[1] - value[0] < WIDEST:
            out.update(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return None  # a negated class, \d, \s, a wide range …
    return frozenset(out) if len(out) <= WIDEST else None


def needed_in(sequence: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
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
            found = None if arg[1] & re.IGNORECASE else needed_in(arg[3])
        elif op is ATOMIC_GROUP:
            found = needed_in(arg)
        elif op is BRANCH:
            alternatives = [needed_in(alt) for alt in arg[1]]
            found = None if any(a is None for a in alternatives) else frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            found = needed_in(arg[2]) if arg[0] >= 1 else None
        else:
            found = _chars((op, arg))  # lookarounds, anchors and the like need nothing: None
        if found is not None and (best is None or len(found) < len(best)):
            best = found
    return best


def literals_in(sequence: Iterable[tuple[Any, Any]], into: set[str]) -> None:
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
            literals_in(arg[3], into)
        elif op is ATOMIC_GROUP:
            literals_in(arg, into)
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and arg[0] >= 1:
            literals_in(arg[2], into)


def starts_plainly(tree: Any) -> bool:
    """Whether the parsed pattern starts with a literal or a class (in a group or not)."""
    from re._constants import IN, LITERAL, SUBPATTERN

    while tree and tree[0][0] is SUBPATTERN:
        tree = tree[0][1][3]
    return bool(tree) and tree[0][0] in (LITERAL, IN)


def facts(tree: Any) -> Facts:
    """What the parse tree of a pattern (``re._parser.parse(pattern, flags)``) tells a prefilter;
    a case-insensitive pattern (by its flags or an inline ``(?i)``) needs no character known."""
    plain = starts_plainly(tree)
    if tree.state.flags & re.IGNORECASE:
        return None, frozenset(), plain
    found: set[str] = set()
    literals_in(tree, found)
    return needed_in(tree), frozenset(found), plain


def of(pattern: str, flags: int) -> Facts:
    """:func:`facts` of ``pattern`` parsed with ``flags``; :data:`NO_FACTS` when it does not parse."""
    from re import _parser  # type: ignore[attr-defined]

    try:
        tree = _parser.parse(pattern, flags)
    except re.error:
        return NO_FACTS
    return facts(tree)
