"""Regular expressions a configuration supplies: compiled one by one, matched with a time limit.

A pattern written in a rule set (``kind: pattern`` rules, regex options such as stale-year's
``legitimate``) is compiled on its own with the `regex <https://pypi.org/project/regex/>`_
module (``VERSION0``: the syntax of Python's ``re``, plus ``\\p{Han}``, atomic groups and
possessive quantifiers), so an inline flag like ``(?i)`` works wherever it stands and an error
names the one pattern at fault. Matching is bounded by :data:`MATCH_BUDGET` seconds per pattern
per file: a pattern that backtracks for ever (``(a|aa)+$``) is stopped and reported, the rest of
the run goes on. The ``regex`` module is imported only when a configuration has such patterns:
the patterns gialint ships are trusted and stay on ``re``, which starts faster.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from gialint._lazy import compile_re, lazy_re
from gialint.engine.guard import RuleStopped

MATCH_BUDGET = 1.0
"""Seconds one user pattern may spend matching in one file before it is given up."""

_TEMPLATE_ESCAPE = lazy_re(r"\\(.?)", re.DOTALL)
_TEMPLATE_GROUP = lazy_re(r"\\([1-9]\d?)|\\g<([^>]*)>")


class PatternTimeout(RuleStopped):
    """A user pattern took longer than :data:`MATCH_BUDGET` on a file."""

    def __init__(self, rule: str, pattern: str, line: int) -> None:
        shown = pattern if len(pattern) <= 60 else pattern[:59] + "…"
        super().__init__(
            line,
            f"规则 {rule} 的正则表达式“{shown}”在本文件中匹配超过 {MATCH_BUDGET:g} 秒，已停止使用它，"
            "本文件可能因此漏报：请简化此表达式（避免 (a|aa)+ 这类嵌套或重叠的重复）",
            f"rule {rule}: the regular expression {shown!r} took more than {MATCH_BUDGET:g} s on this file and was "
            "stopped, so findings may be missing here: simplify it (avoid nested or overlapping repeats like (a|aa)+)",
        )
        self.pattern = pattern


def compile_user(text: str, flags: int = 0) -> Any:
    """``text`` compiled with the ``regex`` module; raises :class:`ValueError` with the reason."""
    import regex

    try:
        return regex.compile(text, flags | regex.VERSION0)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise ValueError(str(exc)) from None


def check_template(pattern: Any, template: str) -> None:
    """Raise :class:`ValueError` unless ``template`` is a replacement ``pattern`` can fill in.

    Refused: unknown escapes (``\\q``), a trailing ``\\``, group references the pattern lacks
    (``\\3``, ``\\g<-1>``, ``\\g<name>``) and ``\\0``, which would put an invisible NUL character
    into the report (``\\g<0>`` stands for the whole match).
    """
    if "\\" not in template:
        return  # only an escape can be wrong: a template without one is put in as written
    for m in _TEMPLATE_ESCAPE.finditer(template):
        if m.group(1) == "0":
            raise ValueError("\\0 is not the whole match (it would insert a NUL character); write \\g<0>")
        if m.group(1) == "":
            raise ValueError("the replacement ends with a lone \\; write \\\\ for a backslash")
    for ref in _TEMPLATE_GROUP.findall(template):
        group = ref[0] or ref[1]
        missing = int(group) > pattern.groups if group.isdigit() else group not in pattern.groupindex
        if missing:
            raise ValueError(f"the replacement refers to group {group}, which the pattern does not have")
    try:
        # Expand it as a fix will, on a match of the same groups: ``(?:pattern)|`` matches "".
        compile_: Any = __import__("regex").compile if is_timed(pattern) else compile_re
        try:
            match = compile_(f"(?:{pattern.pattern})|", pattern.flags).match("")
        except Exception:  # noqa: BLE001 - e.g. an inline flag re wants at the start
            match = None
        if match is not None:
            match.expand(template)
        else:
            pattern.sub(template, "")
    except Exception as exc:  # noqa: BLE001 - re.error, regex.error, IndexError …
        raise ValueError(str(exc)) from None


def is_timed(pattern: Any) -> bool:
    """Whether ``pattern`` came from :func:`compile_user` (it accepts ``timeout=``)."""
    return type(pattern).__module__ in ("_regex", "regex", "regex._regex")


class MatchClock:
    """The time each user pattern has left on one file; a pattern out of time is skipped."""

    __slots__ = ("rule", "left", "expired")

    def __init__(self, rule: str) -> None:
        self.rule = rule
        self.left: dict[str, float] = {}
        self.expired: list[tuple[str, int]] = []
        """(pattern, line) of each pattern that ran out of time, in the order it happened."""

    def finditer(self, pattern: Any, text: str, line: int = 1) -> list[Any]:
        """All matches of ``pattern`` in ``text``; [] once the pattern has run out of time."""
        if not is_timed(pattern):
            return list(pattern.finditer(text))
        key = pattern.pattern
        left = self.left.get(key, MATCH_BUDGET)
        if left <= 0:
            return []
        start = time.process_time()
        try:
            found = list(pattern.finditer(text, timeout=left))
        except TimeoutError:
            self.left[key] = 0.0
            self.expired.append((key, line))
            return []
        self.left[key] = left - (time.process_time() - start)
        return found

    def search(self, patterns: Sequence[Any], text: str, line: int = 1) -> bool:
        """Whether any of ``patterns`` matches in ``text`` (within their time)."""
        for pattern in patterns:
            if not is_timed(pattern):
                if pattern.search(text):
                    return True
                continue
            key = pattern.pattern
            left = self.left.get(key, MATCH_BUDGET)
            if left <= 0:
                continue
            start = time.process_time()
            try:
                if pattern.search(text, timeout=left):
                    self.left[key] = left - (time.process_time() - start)
                    return True
            except TimeoutError:
                self.left[key] = 0.0
                self.expired.append((key, line))
                continue
            self.left[key] = left - (time.process_time() - start)
        return False

    def raise_if_expired(self) -> None:
        """After the rule's findings: a :class:`PatternTimeout` for the first pattern that ran out."""
        if self.expired:
            pattern, line = self.expired[0]
            raise PatternTimeout(self.rule, pattern, line)


@lru_cache(maxsize=64)
def option_patterns(patterns: tuple[str, ...], defaults: tuple[str, ...]) -> tuple[Any, ...]:
    """A rule's regex option compiled for matching, once per distinct value: the shipped
    ``defaults`` with ``re``, any other pattern with ``regex`` (the loader refused invalid ones)."""
    shipped = [p for p in patterns if p in defaults]
    compiled: list[Any] = []
    if shipped:  # known to be good together: one alternation is one scan
        compiled.append(compile_re("|".join(f"(?:{p})" for p in shipped)))
    compiled.extend(compile_user(p) for p in patterns if p not in defaults)
    return tuple(compiled)
