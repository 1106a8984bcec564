"""The generic ``pattern`` rule kind: simple rules written in YAML only, no Python.

::

    rules:
      no-internal-notes:
        kind: pattern
        code: SC001                      # optional; defaults to the name
        severity: warning
        patterns: ['内部资料', '\\d+号文(?!件)']   # regular expressions …
        literals: ['待补充']              # … and/or literal strings
        message: {zh: '不应出现“{match}”', en: 'remove "{match}"'}
        scope: everywhere                # everywhere | preamble | text | tables | part-一 … part-六
        replacement: ''                  # optional: what `gialint check --fix` puts instead
        # a pattern may carry its own replacement, with back-references:
        #   patterns: [{pattern: '([，。])\\1+', replacement: '\\1'}]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from gialint._lazy import compile_re, lazy_re
from gialint.checks._prefilter import Prefilter, prefilter, starts_plainly
from gialint.model.diagnostic import Diagnostic, Edit, Severity
from gialint.model.document import Document, Span
from gialint.model.numbering import cn_to_int
from gialint.model.record import Record
from gialint.model.rule import Context, Message, Options, Rule
from gialint.model.scan import lines_where, scan
from gialint.model.userregex import MatchClock, compile_user, is_timed

_NEWLINE = lazy_re("\n")
_BACKREF = lazy_re(r"\\[1-9]|\(\?P=|\(\?P<|\(\?\(")
SCOPES = ("everywhere", "preamble", "text", "tables") + tuple(f"part-{n}" for n in "一二三四五六")


class PatternSpec(Record):
    __slots__ = ("items", "scope", "message")

    items: tuple[tuple[Any, str | None], ...]
    """Each regex with the replacement a fix puts instead (``\\1`` refers to its groups), or None.
    Shipped patterns are ``re`` patterns; a user's are ``regex`` patterns, matched with a time limit."""
    scope: str
    message: Message

    def __init__(self, items: tuple[tuple[Any, str | None], ...], scope: str, message: Message) -> None:
        self._init(items, scope, message)


def _lines_in_scope(doc: Document, scope: str) -> Iterator[int]:
    if scope == "everywhere":
        yield from range(1, len(doc.lines) + 1)
    elif scope == "preamble":
        yield from range(1, doc.preamble_end + 1)
    elif scope in ("text", "tables"):
        table_lines = scan(doc).table_lines
        for n in range(1, len(doc.lines) + 1):
            if (n in table_lines) == (scope == "tables"):
                yield n
    elif scope.startswith("part-"):
        number = cn_to_int(scope[5:])
        part = doc.part(number) if number else None
        if part is not None:
            yield from range(part.span.line, part.end_line + 1)


def _candidate_lines(doc: Document, scanners: list[Any], clock: MatchClock, hint: Prefilter | None) -> set[int]:
    """Lines worth matching line by line: with a prefilter (see :mod:`gialint.checks._prefilter`),
    the lines where one of the patterns its characters let through matches; else the lines where
    a scan of the whole text finds a match starting."""
    if hint is not None:
        union, gates = hint
        text = doc.lines
        return {
            n for n in lines_where(doc, union)
            if any(gate.search(line) and regex.search(line) for line in (text[n - 1],) for gate, regex in gates)
        }
    from bisect import bisect_right

    starts: list[int] | None = None
    lines: set[int] = set()
    for scanner in scanners:
        for m in clock.finditer(scanner, doc.source):
            if starts is None:
                starts = [0]
                starts.extend(nl.end() for nl in _NEWLINE.finditer(doc.source))
            lines.add(bisect_right(starts, m.start()))
    return lines


def _matches(spec: PatternSpec, line: str, clock: MatchClock, line_no: int) -> list[tuple[Any, str | None]]:
    """Matches of all the rule's patterns on ``line``: leftmost first, longest first, no overlaps."""
    found = [
        (m.start(), -(m.end() - m.start()), order, m, replacement)
        for order, (regex, replacement) in enumerate(spec.items)
        for m in clock.finditer(regex, line, line_no)
        if m.end() > m.start()
    ]
    found.sort(key=lambda f: f[:3])
    out: list[tuple[Any, str | None]] = []
    end = -1
    for start, _, _, m, replacement in found:
        if start >= end:
            out.append((m, replacement))
            end = m.end()
    return out


def _scanners(spec: PatternSpec) -> list[Any]:
    """Patterns that find, in one scan of the whole text, the few lines worth matching line by line.

    Shipped (``re``) patterns without back-references share one alternation; user patterns
    (``regex``, timed) are scanned one by one, so an inline flag such as ``(?i)`` in one of
    them neither breaks nor changes the others.
    """
    scanners: list[Any] = []
    plain: list[str] = []
    for regex, _ in spec.items:
        if is_timed(regex):
            scanners.append(compile_user(regex.pattern, re.MULTILINE))
        elif _BACKREF.search(regex.pattern):
            scanners.append(compile_re(regex.pattern, regex.flags | re.MULTILINE))
        else:
            plain.append(regex.pattern)
    if plain:
        try:
            scanners.append(compile_re("|".join(f"(?:{p})" for p in plain), re.MULTILINE))
        except re.error:  # e.g. two patterns with the same group name: scan them one by one
            scanners.extend(compile_re(p, re.MULTILINE) for p in plain)
    return scanners


def make_pattern_rule(
    name: str,
    code: str,
    spec: PatternSpec,
    severity: Severity,
    summary: Message,
    docs: str,
    plugin: str,
) -> Rule:
    scanners = _scanners(spec)

    @lru_cache(maxsize=1)
    def hint() -> Prefilter | None:
        """For shipped patterns that start with a lookbehind, an anchor or an optional group (a
        user's, timed pattern is scanned under its clock; one starting with a literal or a class
        scans fast); worked out on the rule's first file, not when the rule set is loaded."""
        patterns = [regex for regex, _ in spec.items]
        slow = not any(is_timed(regex) for regex in patterns) and not all(starts_plainly(regex) for regex in patterns)
        return prefilter(patterns) if slow else None

    def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
        clock = MatchClock(name)
        hits = _candidate_lines(doc, scanners, clock, hint())
        if not hits:
            clock.raise_if_expired()
            return
        for line_no in _lines_in_scope(doc, spec.scope):
            if line_no not in hits:
                continue
            line = doc.lines[line_no - 1]
            for m, replacement in _matches(spec, line, clock, line_no):
                span = Span(line_no, m.start() + 1, line_no, m.end() + 1)
                shown = m.group(0).replace("\t", "\\t")
                new = m.expand(replacement) if replacement is not None else None
                params = {"match": shown if len(shown) <= 30 else shown[:29] + "…", "replacement": new or ""}
                fix: tuple[Edit, ...] = ()
                if new is not None:
                    if not new and not (line[: m.start()] + line[m.end() :]).strip():
                        # The match was all the line held: remove the line itself.
                        fix = (Edit(line_no, 1, line_no + 1, 1, ""),)
                    else:
                        fix = (Edit(line_no, m.start() + 1, line_no, m.end() + 1, new),)
                yield ctx.diagnostic(span, spec.message.zh.format(**params), spec.message.en.format(**params), fix=fix)
        clock.raise_if_expired()

    return Rule(
        name=name,
        code=code,
        summary_zh=summary.zh,
        summary_en=summary.en,
        check=check,
        severity=severity,
        messages={"match": spec.message},
        docs=docs,
        plugin=plugin,
        fixable=any(r is not None for _, r in spec.items),
    )
