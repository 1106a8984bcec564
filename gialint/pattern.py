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
        replacement: ''                  # optional: what a fix would put instead
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gialint.diagnostic import Diagnostic, Severity
from gialint.document import Document, Span
from gialint.numbering import cn_to_int
from gialint.rule import Context, Message, Options, Rule

SCOPES = ("everywhere", "preamble", "text", "tables") + tuple(f"part-{n}" for n in "一二三四五六")


@dataclass(frozen=True, slots=True)
class PatternSpec:
    regex: re.Pattern[str]
    scope: str
    message: Message
    replacement: str | None


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


def make_pattern_rule(
    name: str,
    code: str,
    spec: PatternSpec,
    severity: Severity,
    summary: Message,
    docs: str,
    plugin: str,
) -> Rule:
    def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
        for line_no in _lines_in_scope(doc, spec.scope):
            line = doc.lines[line_no - 1]
            for m in spec.regex.finditer(line):
                if m.end() == m.start():
                    continue
                span = Span(line_no, m.start() + 1, line_no, m.end() + 1)
                shown = m.group(0).replace("\t", "\\t")
                params = {"match": shown if len(shown) <= 30 else shown[:29] + "…", "replacement": spec.replacement or ""}
                yield ctx.diagnostic(span, spec.message.zh.format(**params), spec.message.en.format(**params))

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
    )
