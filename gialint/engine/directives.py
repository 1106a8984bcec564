"""Inline suppression: ``gialint-disable`` comments in the report itself (markdownlint style).

Markdown (as HTML comments, anywhere on a line)::

    <!-- gialint-disable-file -->                    every rule, whole file
    <!-- gialint-disable-file stale-year -->         one rule, whole file
    <!-- gialint-disable absent-contact GIA502 -->   from here on …
    <!-- gialint-enable -->                          … until here (or: enable absent-contact)
    <!-- gialint-disable-next-line stale-year -->    the next non-blank line
    正文…… <!-- gialint-disable-line stale-year -->   this line

Plain-text exports (.txt) have no comments, so there the same words stand on a line of their
own, optionally wrapped as ``<!-- … -->``, ``【…】``, ``[…]``, ``# …`` or ``// …``::

    【gialint-disable-next-line placeholder-text】

Rules are named by name or code, separated by spaces or commas; none means all rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gialint.model.diagnostic import Diagnostic
from gialint.model.document import Document, Span

_KINDS = "disable-file|disable-next-line|disable-line|disable|enable"
_MD = re.compile(r"<!--\s*gialint-(" + _KINDS + r")\b([^>]*?)\s*-->")
_TXT = re.compile(
    r"^\s*(?:<!--|【|\[|#|//)?\s*gialint-(" + _KINDS + r")\b(.*?)\s*(?:-->|】|\])?\s*$"
)


@dataclass
class Directive:
    kind: str
    rules: frozenset[str]
    """Rule names/codes (upper-cased codes, lower-case names); empty means every rule."""
    span: Span
    used: bool = False

    def covers(self, d: Diagnostic) -> bool:
        return not self.rules or d.rule in self.rules or d.code.upper() in self.rules


@dataclass
class _Range:
    directive: Directive
    start: int
    end: int  # inclusive


@dataclass
class Suppressions:
    ranges: list[_Range] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)

    def apply(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics not suppressed; marks the directives that suppressed something."""
        kept = []
        for d in diagnostics:
            hit = False
            for r in self.ranges:
                if r.start <= d.line <= r.end and r.directive.covers(d):
                    r.directive.used = True
                    hit = True
            if not hit:
                kept.append(d)
        return kept

    def unused(self) -> list[Directive]:
        return [d for d in self.directives if not d.used and d.kind != "enable"]


def _rules(text: str) -> frozenset[str]:
    out = set()
    for item in re.split(r"[\s,，、]+", text.strip()):
        if item:
            out.add(item.upper() if re.fullmatch(r"[A-Za-z]+[0-9]+", item) else item.lower())
    return frozenset(out)


def _find(doc: Document) -> list[Directive]:
    found: list[Directive] = []
    markdown = doc.syntax == "markdown"
    for number, line in enumerate(doc.lines, 1):
        if "gialint-" not in line:
            continue
        matches = list(_MD.finditer(line)) if markdown else [m for m in [_TXT.match(line)] if m]
        for m in matches:
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            end = m.start() + len(m.group(0).rstrip())
            span = Span(number, start + 1, number, end + 1)
            found.append(Directive(m.group(1), _rules(m.group(2)), span))
    return found


def _next_content_line(lines: Sequence[str], after: int, directive_lines: set[int]) -> int:
    for number in range(after + 1, len(lines) + 1):
        if lines[number - 1].strip() and number not in directive_lines:
            return number
    return after + 1


def suppressions(doc: Document) -> Suppressions:
    directives = _find(doc)
    result = Suppressions(directives=directives)
    if not directives:
        return result
    last = len(doc.lines)
    directive_lines = {d.span.line for d in directives}
    open_ranges: list[_Range] = []
    for d in directives:
        line = d.span.line
        if d.kind == "disable-file":
            result.ranges.append(_Range(d, 1, last))
        elif d.kind == "disable-line":
            result.ranges.append(_Range(d, line, line))
        elif d.kind == "disable-next-line":
            target = _next_content_line(doc.lines, line, directive_lines)
            result.ranges.append(_Range(d, target, target))
        elif d.kind == "disable":
            r = _Range(d, line, last)
            open_ranges.append(r)
            result.ranges.append(r)
        elif d.kind == "enable":
            # `enable` closes every open range; `enable X` closes the ranges that only disabled X.
            for r in open_ranges:
                if not d.rules or (r.directive.rules and r.directive.rules <= d.rules):
                    r.end = line
                    d.used = True
            open_ranges = [r for r in open_ranges if r.end == last]
    return result
