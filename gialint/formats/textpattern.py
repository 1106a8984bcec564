"""A wording a format lists (a part's heading variants, the words of ``required-content:``, the
statements' patterns): a fixed string is found with ``str`` operations, and only a wording that
really is a pattern becomes a regular expression, compiled on first use.

Both kinds answer ``search``, ``match`` and ``pattern`` like a compiled :class:`re.Pattern`, so
rules use them alike. Compiling the formats' ~150 regular expressions cost more at start-up than
reading a report; most wordings are fixed strings (主动公开, 公开目录 …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from gialint._lazy import lazy_re


class Found:
    """Where a :class:`Literal` was found (the part of :class:`re.Match` the rules use)."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string, self._start, self._end = string, start, end

    def start(self, group: int = 0) -> int:
        return self._start

    def end(self, group: int = 0) -> int:
        return self._end

    def span(self, group: int = 0) -> tuple[int, int]:
        return self._start, self._end

    def group(self, group: int = 0) -> str:
        return self.string[self._start : self._end]


class _Wording:
    """What both kinds share: the wording as written, compared and hashed by it."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.pattern))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.pattern!r})"


class Literal(_Wording):
    """A fixed wording: ``search`` is ``str.find``, ``match`` is ``str.startswith``."""

    __slots__ = ()

    def search(self, text: str, pos: int = 0) -> Found | None:
        at = text.find(self.pattern, min(pos, len(text)))
        return None if at < 0 else Found(text, at, at + len(self.pattern))

    def match(self, text: str, pos: int = 0) -> Found | None:
        pos = min(pos, len(text))
        return Found(text, pos, pos + len(self.pattern)) if text.startswith(self.pattern, pos) else None


class LazyRegex(_Wording):
    """A regular expression compiled the first time it is used (:func:`gialint._lazy.lazy_re`)."""

    __slots__ = ("_compiled",)

    def __init__(self, pattern: str, compiled: re.Pattern[str] | None = None) -> None:
        super().__init__(pattern)
        self._compiled = compiled if compiled is not None else lazy_re(pattern)

    @property
    def groupindex(self) -> Any:
        return self._compiled.groupindex

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._compiled.search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._compiled.match(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self._compiled.finditer(text)

    def sub(self, replacement: str, text: str) -> str:
        return self._compiled.sub(replacement, text)

    def __reduce__(self) -> tuple[Any, ...]:
        return LazyRegex, (self.pattern,)  # sent to a worker uncompiled


TextPattern = Literal | LazyRegex


def is_literal(text: str) -> bool:
    """Whether ``text`` as a regular expression only stands for itself (nothing to escape)."""
    return re.escape(text) == text


def text_pattern(text: str, compiled: re.Pattern[str] | None = None) -> TextPattern:
    """A fixed wording as a :class:`Literal`, anything else as a :class:`LazyRegex`."""
    return Literal(text) if is_literal(text) else LazyRegex(text, compiled)
