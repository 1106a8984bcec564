"""工作年份与时态不符 / This year's work dated next year, or next year's plans dated this year.

Two slips supervisors find in reports built from last year's text (formats.md §4.4, D8):

* a sentence in the preamble or parts 一–四 that states work done under the FOLLOWING year
  (``2023年，我镇主动公开政府信息120条`` in the 2022 report) — plans there (将, 计划, 下一步 …),
  dates with a month (``2023年1月``, work done after the year's end) and periods (截至) are not
  reported, nor events early in the following year (春节, 年初) or its documents (要点, 方案);
  years further ahead are ``stale-year``'s;
* part 五's improvement plan dated the report year or earlier (``2022年我镇将在以下方面加以
  改进`` in the 2022 report): the plan is for the following year. A sentence that tells what
  was done (已, 了, 完成: 将 then marks the object, ``将政务公开纳入考核``) is not a plan.

**FAIL** (the 2022 report)::

    一、总体情况
    2023年，我镇主动公开政府信息120条。
    五、存在的主要问题及改进情况
    2022年我镇将在以下方面加以改进：一是…

**PASS**::

    一、总体情况
    2022年，我镇主动公开政府信息120条；截至2023年1月，结转申请已全部办结。
    五、存在的主要问题及改进情况
    2023年，我镇将在以下方面加以改进：一是…
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.checks._common import part_range
from gialint.checks._text import (
    YEAR_WRITTEN,
    in_book_title,
    lines_within,
    sentence_around,
    told_ranges,
)
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Options, Rule
from gialint.model.scan import year_lines

_YEAR = lazy_re(YEAR_WRITTEN + r"(?![ \u3000]*\d{1,2}[ \u3000]*月)")
_PLAN_WORDS = lazy_re(
    r"将|计划|拟|预计|下一步|下步|明年|来年|下一年|下年|争取|力争|继续|打算|目标|部署|安排|展望|筹备|准备|要求|"
    r"截至|截止|结转|以前|之前|起|施行|预算|规划|年初|春节|元旦|前夕|季度|要点|方案|通知|意见|工作报告|清单"
)
# 2022年我镇将…, 2022年度，我们计划…: a year governing a plan verb a few characters later.
_PLAN = lazy_re(
    r"(?<![\d〔\[（(])(?P<year>(?:19|20)\d{2})[ \u3000]*年度?[，,]?[ \u3000]*"
    r"(?P<between>[^，,。；;、\d《》]{0,10}?)(?:将|计划|拟|打算|力争|争取|准备)"
)
_NOT_A_PLAN = lazy_re(r"以来|已|前|曾|底|月|提出|存在|报告|问题|整改|中")
# 将 also marks an object (2022年，我镇将政务公开纳入考核，取得了成效): a sentence telling what was done
_DONE = lazy_re(r"已|了|完成|取得")


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    year = doc.year
    if year is None:
        return
    with_year = year_lines(doc)  # both patterns need a year written 2021年
    told = set(lines_within(with_year, told_ranges(doc, (1, 2, 3, 4))))
    for number in with_year:
        if number not in told:
            continue
        line = doc.line(number)
        for m in _YEAR.finditer(line):
            if int(m.group(1)) != year + 1 or in_book_title(line, m.start()):
                continue
            if _PLAN_WORDS.search(sentence_around(line, m.start(), m.end())):
                continue
            span = Span(number, m.start(1) + 1, number, m.end(1) + 1)
            yield ctx.report(span, "future", stated=m.group(1), year=year)
    five = part_range(doc, 5)
    if five is None:
        return
    heading, end = five
    for number in with_year[bisect_right(with_year, heading.end_line) : bisect_right(with_year, end)]:
        line = doc.line(number)
        for m in _PLAN.finditer(line):
            stated = int(m.group("year"))
            if stated > year or stated < year - 5 or _NOT_A_PLAN.search(m.group("between")) or in_book_title(line, m.start()):
                continue
            if _DONE.search(sentence_around(line, m.start(), m.end())):
                continue
            span = Span(number, m.start("year") + 1, number, m.end("year") + 1)
            yield ctx.report(span, "plan", stated=stated, year=year, next=year + 1)


RULES = (
    Rule(
        name="plan-year",
        code="GIA303",
        summary_zh="本年度工作写成了下一年，或第五部分的改进计划写成了本年度（或更早）",
        summary_en="This year's work dated next year, or part 五's improvement plan dated this year or earlier",
        check=check,
        severity=Severity.WARNING,
        messages={
            "future": Message(
                "此处用{stated}年陈述已做的工作，而本报告是{year}年度报告：应为{year}年（若是计划，请写明“将”“计划”等）",
                "this tells work done under {stated}, but this is the {year} report: it should say {year} "
                "(if it is a plan, say so: 将, 计划 …)",
            ),
            "plan": Message(
                "第五部分的改进计划写的是{stated}年，而本报告是{year}年度报告：改进计划针对下一年，应为{next}年",
                "part 五's plan is dated {stated}, but this is the {year} report: the plan is for the following year, {next}",
            ),
        },
        docs=__doc__ or "",
    ),
)
