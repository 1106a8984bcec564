"""Regular expressions compiled on first use, not when their module is imported.

A module-level ``_YEAR = lazy(r"…")`` costs nothing at start-up; the first ``_YEAR.search(…)``
compiles it and keeps the compiled pattern's methods on the object, so that later calls cost
what a compiled pattern's do. The object stands for an ``re.Pattern`` (its methods and
attributes), but is not one: pass it where a pattern's methods are called, not to ``re.sub``.
"""

from __future__ import annotations

import re
from typing import Any, cast

_KEPT = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner", "flags", "groups", "groupindex")


class LazyPattern:
    """``re.compile(pattern, flags)``, done on first use."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only for what is not set yet: compile, keep, answer
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attr in _KEPT:
            self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled when first used (see the module)."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
