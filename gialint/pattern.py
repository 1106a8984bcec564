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
from dataclasses import dataclass

from gialint.diagnostic import Diagnostic, Edit, Severity
from gialint.document import Document, Span
from gialint.numbering import cn_to_int
from gialint.rule import Context, Message, Options, Rule

_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?P<")
SCOPES = ("everywhere", "preamble", "text", "tables") + tuple(f"part-{n}" for n in "一二三四五六")


@dataclass(frozen=True, slots=True)
class PatternSpec:
    items: tuple[tuple[re.Pattern[str], str | None], ...]
    """Each regex with the replacement a fix puts instead (``\\1`` refers to its groups), or None."""
    scope: str
    message: Message


def _lines_in_scope(doc: Document, scope: str) -> Iterator[int]:
    if scope == "everywhere":
        yield from range(1, len(doc.lines) + 1)
    elif scope == "preamble":
        yield from range(1, doc.preamble_end + 1)
    elif scope in ("text", "tables"):
        table_lines = {c.span.line for t in doc.tables for r in t.rows for c in r.cells}
        table_lines |= {c.span.end_line for t in doc.tables for r in t.rows for c in r.cells}
        for n in range(1, len(doc.lines) + 1):
            if (n in table_lines) == (scope == "tables"):
                yield n
    elif scope.startswith("part-"):
        number = cn_to_int(scope[5:])
        part = doc.part(number) if number else None
        if part is not None:
            yield from range(part.span.line, part.end_line + 1)


def _candidate_lines(doc: Document, scanners: list[re.Pattern[str]]) -> set[int]:
    from bisect import bisect_right

    starts: list[int] | None = None
    lines: set[int] = set()
    for scanner in scanners:
        for m in scanner.finditer(doc.source):
            if starts is None:
                starts = [0]
                starts.extend(nl.end() for nl in re.finditer("\n", doc.source))
            lines.add(bisect_right(starts, m.start()))
    return lines


def _matches(spec: PatternSpec, line: str) -> list[tuple[re.Match[str], str | None]]:
    """Matches of all the rule's patterns on ``line``: leftmost first, longest first, no overlaps."""
    found = [
        (m.start(), -(m.end() - m.start()), order, m, replacement)
        for order, (regex, replacement) in enumerate(spec.items)
        for m in regex.finditer(line)
        if m.end() > m.start()
    ]
    found.sort(key=lambda f: f[:3])
    out: list[tuple[re.Match[str], str | None]] = []
    end = -1
    for start, _, _, m, replacement in found:
        if start >= end:
            out.append((m, replacement))
            end = m.end()
    return out


def make_pattern_rule(
    name: str,
    code: str,
    spec: PatternSpec,
    severity: Severity,
    summary: Message,
    docs: str,
    plugin: str,
) -> Rule:
    # One scan of the whole text finds the few lines worth matching line by line: the patterns
    # without back-references go into one alternation, the others are scanned on their own.
    plain = [r.pattern for r, _ in spec.items if not _BACKREF.search(r.pattern)]
    scanners = [re.compile(r.pattern, r.flags | re.MULTILINE) for r, _ in spec.items if _BACKREF.search(r.pattern)]
    if plain:
        scanners.append(re.compile("|".join(f"(?:{p})" for p in plain), re.MULTILINE))

    def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
        hits = _candidate_lines(doc, scanners)
        if not hits:
            return
        for line_no in _lines_in_scope(doc, spec.scope):
            if line_no not in hits:
                continue
            line = doc.lines[line_no - 1]
            for m, replacement in _matches(spec, line):
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
