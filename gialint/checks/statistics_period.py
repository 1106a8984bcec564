"""统计期限缺失、不完整或格式错误 / The statistics period is missing, partial or malformed.

A report states, usually in its opening paragraph, the period its figures cover:
``本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止`` (also 统计时限/统计时间/统计时间跨度/
数据统计期限, with 为/自/从, 至/到/—, spaces between the digits, or no year on the end date).
This rule reports:

* no such sentence at all (at the end of the preamble);
* a period that does not cover the whole calendar year (``至11月30日``, ``自2月1日起``);
* a malformed period, typically dates whose 年/月 were lost when the page was exported
  (``统计时间为202211日至20221231日``).

A period for another year than the report's is ``stale-year``'s finding and is not reported here.

**FAIL**::

    本报告所列数据的统计期限自2021年1月1日起至2021年11月30日止。
    本报告中所列数据的统计时间为202111日至20211231日。

**PASS**::

    本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。
    本报告中所列数据的统计期限自 2020 年 1 月 1 日起至 2020 年 12 月 31 日止。
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.numbering import cn_to_int
from gialint.model.rule import Context, Message, Option, Options, Rule
from gialint.model.scan import lines_where

_G = r"[ \u3000\xa0*]*"
_Y = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})"
_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"


def _date_re(p: str) -> str:
    """A date whose groups are prefixed ``p``: 2021年1月1日, 1月1日, 2021年1月, or 2021.1.1."""
    return (
        rf"(?:(?:(?P<{p}y>{_Y}){_G}年{_G})?(?P<{p}m>{_N}){_G}月(?:{_G}(?P<{p}d>{_N}){_G}日)?"
        rf"|(?P<{p}y2>\d{{4}})[.．/-](?P<{p}m2>\d{{1,2}})[.．/-](?P<{p}d2>\d{{1,2}})日?)"
    )


_RANGE = lazy_re(
    rf"{_date_re('s')}{_G}(?:起|开始)?{_G}(?:至|到|—+|－|-|~|～){_G}{_date_re('e')}{_G}(?:止|为止)?$"
)
_SINGLE = lazy_re(rf"{_date_re('e')}{_G}(?:止|为止)?$")
_WHOLE_YEAR = lazy_re(rf"{_Y}{_G}年(?:度|全年)?$")
# 统计/所列数据, then at most a few words (期限, 时间, 为, 自 …) before the first digit of a date.
_HEAD = lazy_re(r"(?:统计|所列数据|报告数据)([^。；;，,\n\d〇○]{0,15}?)(?=\d|二[〇○零])")
_HEAD_WORDS = lazy_re(r"统计|所列数据|报告数据")
_PERIOD_WORD = lazy_re(
    r"^[的 \u3000*]*(?:统计)?[的 \u3000*]*(?:起止|数据)?(?:期限|时限|时间|时段|周期|区间|期间|跨度|日期|截至|截止)"
)
_PLAIN_HEAD = lazy_re(r"^[ \u3000*]*(?:的)?[ \u3000*]*(?:自|从)[ \u3000*]*$")
_DATEISH = lazy_re(r"[月日至到—~～]|\d[.．/-]\d")
_FOUR_DIGITS = lazy_re(r"\d{4}")
_REGION_END = lazy_re(r"[，,。；;（(）)\n]|止")
_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_YEAR = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def _value(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    return cn_to_int(text) if len(text) < 4 else int(text.translate(_CN_YEAR))


def _date(m: re.Match[str], p: str) -> tuple[int | None, int | None, int | None, int, int]:
    """(year, month, day, start, end) of the date named ``p`` in ``m``."""
    if m.group(f"{p}m") is not None:
        first = f"{p}y" if m.group(f"{p}y") else f"{p}m"
        last, unit = (f"{p}d", "日") if m.group(f"{p}d") else (f"{p}m", "月")
        end = m.string.find(unit, m.end(last)) + 1
        return _value(m.group(f"{p}y")), _value(m.group(f"{p}m")), _value(m.group(f"{p}d")), m.start(first), end
    return _value(m.group(f"{p}y2")), _value(m.group(f"{p}m2")), _value(m.group(f"{p}d2")), m.start(f"{p}y2"), m.end(f"{p}d2")


def _statements(doc: Document) -> Iterator[tuple[int, int, str, str]]:
    """(line, column offset of the date region, region, head) of every statistics-period statement."""
    for number in lines_where(doc, _HEAD_WORDS):  # _HEAD reads the same before and after _WIDE
        line = doc.lines[number - 1].translate(_WIDE)
        for head in _HEAD.finditer(line):
            words = head.group(1)
            if not (_PERIOD_WORD.match(words) or _PLAIN_HEAD.match(words)):
                continue
            start = head.end()
            stop = _REGION_END.search(line, start)
            end = stop.end() if stop and stop.group() == "止" else stop.start() if stop else len(line)
            region = line[start:end].rstrip(" \u3000\t*")
            if _WHOLE_YEAR.match(region) or _DATEISH.search(region):
                yield number, start, region, words


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    if not any(line.strip() for line in doc.lines):
        return
    seen = False
    for number, offset, region, head in _statements(doc):
        seen = True
        year = _FOUR_DIGITS.search(region)
        y = str(doc.year) if doc.year else year.group() if year else "X"
        whole = Span(number, offset + 1, number, offset + 1 + max(len(region), 1))
        if _WHOLE_YEAR.match(region):
            continue
        m = _RANGE.match(region)
        if m is None:
            single = _SINGLE.match(region)
            if single is not None and re.search(r"截至|截止", head):
                m_end = _date(single, "e")
                if (m_end[1], m_end[2] or 31) != (12, 31):
                    span = Span(number, offset + m_end[3] + 1, number, offset + m_end[4] + 1)
                    yield ctx.report(span, "end", written=region)
                continue
            yield ctx.report(whole, "malformed", written=region, year=y)
            continue
        _, sm, sd, s0, s1 = _date(m, "s")
        _, em, ed, e0, e1 = _date(m, "e")
        if (sm, sd or 1) != (1, 1):
            yield ctx.report(Span(number, offset + s0 + 1, number, offset + s1 + 1), "start", written=region)
        if (em, ed or 31) != (12, 31):
            yield ctx.report(Span(number, offset + e0 + 1, number, offset + e1 + 1), "end", written=region)
    if seen or not opts["require"]:
        return
    part = next((s for s in doc.sections if s.level == 1), None)
    last = doc.preamble_end if part is not None else 0
    while last > 0 and not doc.line(last).strip():
        last -= 1
    if last:
        span = doc.line_span(last)  # the end of the preamble, where the period is normally stated
    elif part is not None:
        span = part.span
    else:
        span = doc.title.span if doc.title else doc.line_span(next(i for i, t in enumerate(doc.lines, 1) if t.strip()))
    yield ctx.report(span, "missing", year=str(doc.year) if doc.year else "X")


RULES = (
    Rule(
        name="statistics-period",
        code="GIA302",
        summary_zh="缺少统计期限说明，或统计期限未覆盖全年（1月1日至12月31日）、日期残缺",
        summary_en="The statistics period is not stated, does not cover 1 January to 31 December, or is malformed",
        check=check,
        severity=Severity.WARNING,
        options=(Option("require", bool, True, "Report a report that does not state its statistics period at all."),),
        messages={
            "missing": Message(
                "报告没有说明数据的统计期限：应在开头写明“本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止”",
                "the report does not state the period its figures cover: add to the opening "
                "“本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止”",
            ),
            "start": Message(
                "统计期限“{written}”不是从1月1日开始，未覆盖全年：应自1月1日起",
                'the statistics period "{written}" does not start on 1 January, so it misses part of the year: '
                "it should start on 1月1日",
            ),
            "end": Message(
                "统计期限“{written}”不是到12月31日为止，未覆盖全年：应至12月31日止",
                'the statistics period "{written}" does not end on 31 December, so it misses part of the year: '
                "it should end on 12月31日",
            ),
            "malformed": Message(
                "统计期限“{written}”日期残缺（缺少年、月、日或起止）：应写作“{year}年1月1日至{year}年12月31日”",
                'the statistics period "{written}" is malformed (年/月/日 or one of its ends is missing): '
                "write “{year}年1月1日至{year}年12月31日”",
            ),
        },
        docs=__doc__ or "",
    ),
)
