"""列举序号跳号或重复 / An inline enumeration (一是…二是…) that skips or repeats a number.

Reports list their measures inline: ``一是加强组织领导；二是规范发布流程；三是…``. When a
paragraph is edited, the numbering breaks: ``一是…三是…`` (二 was deleted) or
``一是…二是…二是…`` (a point was pasted in). An enumeration starts at 一是 and may run over
the following lines when each of them starts with the next 是-marker; 第一/第二 and
其一/其二 are not checked.

**FAIL**::

    一是加强组织领导；三是规范发布流程。
    一是加强组织领导；二是规范发布流程；二是强化监督考核。

**PASS**::

    一是加强组织领导；二是规范发布流程；三是强化监督考核。
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.checks._text import looks_tabular
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.numbering import cn_to_int, int_to_cn
from gialint.model.rule import Context, Message, Options, Rule
from gialint.model.scan import lines_where

# 一是 after a sentence or clause boundary (not 统一是, 唯一是, 之一是).
_MARKER = lazy_re(r"(?:^|(?<=[。；;：:，,！？、\s（(）)“”]))(?P<n>[一二三四五六七八九十]{1,2})是(?![否非])")


_NUMERAL_IS = lazy_re("[一二三四五六七八九十]是")
"""The end of every marker: a line without it holds none, and (not blank) ends an enumeration."""


def _markers(line: str) -> list[tuple[int, int, int]]:
    """(number, start, end) of every 是-marker in the line."""
    out = []
    for m in _MARKER.finditer(line):
        n = cn_to_int(m.group("n"))
        if n:
            out.append((n, m.start("n"), m.end()))
    return out


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    last = 0  # the number of the last marker of the running enumeration (0: none)
    lines = doc.lines
    previous = 0
    for number in lines_where(doc, _NUMERAL_IS):
        if any(map(str.strip, lines[previous : number - 1])):
            last = 0  # a line between, not blank, holds no marker: a new paragraph
        previous = number
        line = lines[number - 1]
        if looks_tabular(line):
            last = 0
            continue
        markers = _markers(line)
        starts_with_marker = bool(markers) and not line[: markers[0][1]].strip(" \u3000\t*（(-+·•>#")
        if not starts_with_marker:
            last = 0  # a new paragraph: an enumeration does not run on into it
        for n, start, end in markers:
            span = Span(number, start + 1, number, end + 1)
            if n == 1:
                last = 1
                continue
            if last == 0:
                continue  # not inside an enumeration that began with 一是
            if n == last:
                yield ctx.report(span, "repeated", marker=f"{int_to_cn(n)}是", expected=f"{int_to_cn(n + 1)}是")
            elif n > last + 1:
                yield ctx.report(span, "skipped", marker=f"{int_to_cn(n)}是", expected=f"{int_to_cn(last + 1)}是")
            elif n < last:
                yield ctx.report(span, "back", marker=f"{int_to_cn(n)}是", expected=f"{int_to_cn(last + 1)}是")
            last = n


RULES = (
    Rule(
        name="enumeration-order",
        code="GIA505",
        summary_zh="“一是…二是…”列举的序号跳号、重复或倒序",
        summary_en="An inline enumeration (一是…二是…) skips, repeats or goes back a number",
        check=check,
        severity=Severity.WARNING,
        messages={
            "skipped": Message(
                "列举序号跳号：此处是“{marker}”，按顺序应为“{expected}”",
                'the enumeration skips a number: this is "{marker}", the next one should be "{expected}"',
            ),
            "repeated": Message(
                "列举序号重复：又一个“{marker}”，按顺序应为“{expected}”",
                'the enumeration repeats "{marker}": the next one should be "{expected}"',
            ),
            "back": Message(
                "列举序号倒序：此处是“{marker}”，按顺序应为“{expected}”",
                'the enumeration goes back to "{marker}": the next one should be "{expected}"',
            ),
        },
        docs=__doc__ or "",
    ),
)
