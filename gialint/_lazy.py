"""A package's face without its cost: names re-exported from submodules, imported on first use;
and regular expressions compiled on first use (:func:`lazy_re`), from the code compiled into the
wheel when it has them (:func:`compile_re`, see :mod:`gialint._regexcode`).

Each layer package (``gialint.engine``, ``gialint.config`` …) names what it offers in its
``__init__``; importing the package imports none of its modules until a name is asked for, so a
module that needs one submodule never pays for the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import re


def face(package: str, names: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for *package*: each name comes from ``package.<module>``."""

    def getattr_(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    def dir_() -> list[str]:
        return sorted(names)

    return getattr_, dir_


_PATTERN_ATTRS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner", "flags", "groups", "groupindex")


class LazyPattern:
    """A regular expression compiled on first use; then its methods sit in slots (no indirection)."""

    __slots__ = ("pattern", "_flags", *_PATTERN_ATTRS)

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only called while the slot is empty, i.e. before the first use.
        if name not in _PATTERN_ATTRS:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        from gialint._regexcode import compile

        compiled = compile(self.pattern, self._flags)
        for attr in _PATTERN_ATTRS:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re({self.pattern!r})"


def lazy_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used, not at import: a
    module's patterns cost nothing to a run that never reaches them. Use it as a compiled pattern
    (``.search``, ``.sub`` …), not as an argument to ``re`` functions."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))


def compile_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` now, from the wheel's compiled code when it has the pattern:
    for gialint's own patterns built at run time (a built-in rule set's, a format's …). Never for
    a user's pattern (those go through ``regex``, timed)."""
    from gialint._regexcode import compile

    return compile(pattern, flags)
