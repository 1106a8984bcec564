"""年份错误 / A year that contradicts the report's year (copied from last year, or in the future).

The report's year comes from its title (else the statistics period, else the file name, or
``year:`` in config). This rule flags:

* a statistics period (统计期限自X年1月1日起至X年12月31日止) for another year;
* sentences in parts 一–四 that state this year's work under another year, the typical trace of
  last year's text copied forward (``2020年，我镇主动公开政府信息35条`` in a 2021 report);
* years after the following one, which no report can speak of yet.

Mentions that are rightly about another year are left alone: last year's problems and their
rectification (上年度问题的整改, 2020年存在的问题), comparisons (较上年, 同比), carried-over
requests (结转, the format's own 上年结转), periods (截至, 以来), last year's 决算/预算 or annual
report published this year, document titles in 《》, and all of part 五.

**FAIL** (a 2021 report)::

    本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。
    2020年，我镇主动公开政府信息35条。

**PASS**::

    本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。
    2021年，我镇主动公开政府信息35条；2020年存在的问题已全部整改。
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePath

from gialint._lazy import lazy_re
from gialint.checks._text import YEAR_WRITTEN, in_book_title, sentence_around
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Option, Options, Rule
from gialint.model.scan import year_lines
from gialint.model.userregex import MatchClock, option_patterns

_YEAR = lazy_re(YEAR_WRITTEN)
_PERIOD = lazy_re(
    r"统计(?:期限|时限|时间|时段|周期|区间|范围|时间跨度)?[^。\n]{0,20}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日"
    r"[^。\n]{0,6}?(?:((?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日"
)
# The format's own words for last year's requests: never a stale year, whatever `legitimate` says.
_FORMAT_WORDING = lazy_re(r"上年结转|上一年度结转|结转下年度|结转下一年度")
_FILE_YEAR = lazy_re(r"(?<!\d)(20\d{2})(?!\d)")
_SOURCE_ZH = {"title": "标题", "config": "配置", "filename": "文件名", "text": "正文"}


def _consensus(doc: Document) -> int | None:
    """Most frequent year stated in the body, for reports whose year came from the period itself."""
    lines = doc.lines
    counts = Counter(int(m.group(1)) for n in year_lines(doc) for m in _YEAR.finditer(lines[n - 1]))
    return counts.most_common(1)[0][0] if counts else None


def _report_year(doc: Document) -> tuple[int | None, str]:
    if doc.year_source in ("title", "config") or doc.year is None:
        return doc.year, doc.year_source
    m = _FILE_YEAR.search(PurePath(doc.path).name)
    if m:
        return int(m.group(1)), "filename"
    return _consensus(doc) or doc.year, "text"


def _parts_1_to_4(doc: Document) -> list[tuple[int, int]]:
    ranges = [(1, doc.preamble_end)]
    for section in doc.sections:
        if section.level == 1 and section.number <= 4:
            ranges.append((section.span.line, section.end_line))
    return ranges


_LEGITIMATE = (
    "上年", "上一年", "去年", "往年", "历年", "前年", "以来", "截至", "截止", "同比", "相比", "比上",
    "较上", "较去", "增长", "减少", "下降", "结转", "整改", "问题", "年报", "年度报告",
    r"(?:19|20)\d{2}\s*年度?[^，,。；;、\d]{0,8}(?:决算|预算)", r"自\d{4}", "起至", "成立",
    r"于\d{4}年\d{1,2}月", r"\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:起|以来|建成|设立|印发|出台|制定)",
)


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    year, source = _report_year(doc)
    if year is None:
        return
    legit = option_patterns(tuple(opts["legitimate"]), _LEGITIMATE)
    clock = MatchClock(RULES[0].name)
    period_lines: set[int] = set()
    with_year = year_lines(doc)  # every pattern here needs a year written 2021年
    lines = doc.lines
    for number in with_year:
        line = lines[number - 1]
        for m in _PERIOD.finditer(line):
            period_lines.add(number)
            for group in (1, 2):
                value = m.group(group)
                if value and int(value) != year:
                    span = Span(number, m.start(group) + 1, number, m.end(group) + 1)
                    yield ctx.report(span, "period", stated=value, year=year, source_zh=_SOURCE_ZH.get(source, source), source=source)
    for number in with_year:
        for m in _YEAR.finditer(lines[number - 1]):
            stated = int(m.group(1))
            span = Span(number, m.start(1) + 1, number, m.end(1) + 1)
            if stated > year + 1 and number not in period_lines:
                yield ctx.report(span, "future", stated=stated, year=year)
    if not opts["check-body"]:
        return
    for start, end in _parts_1_to_4(doc):
        for number in with_year[bisect_left(with_year, start) : bisect_right(with_year, end)]:
            if number in period_lines:
                continue
            line = doc.line(number)
            for m in _YEAR.finditer(line):
                stated = int(m.group(1))
                if stated >= year or stated < year - 3 or in_book_title(line, m.start()):
                    continue
                clause = sentence_around(line, m.start(), m.end())
                if _FORMAT_WORDING.search(clause) or clock.search(legit, clause, number):
                    continue
                span = Span(number, m.start(1) + 1, number, m.end(1) + 1)
                yield ctx.report(span, "body", stated=stated, year=year)
    clock.raise_if_expired()


RULES = (
    Rule(
        name="stale-year",
        code="GIA301",
        summary_zh="年份与报告年度不符：统计期限或正文写成了其他年份（沿用上年文字），或出现未来年份",
        summary_en="A year contradicts the report's year: statistics period or body text copied from another year, or a future year",
        check=check,
        severity=Severity.ERROR,
        options=(
            Option("check-body", bool, True, "Also check sentences in the preamble and parts 一–四, not only the statistics period."),
            Option(
                "legitimate",
                list,
                list(_LEGITIMATE),
                "Regular expressions; a year in a clause matching any of them is a legitimate mention of another year.",
                item=str,
                regex=True,
            ),
        ),
        messages={
            "period": Message(
                "统计期限写的是{stated}年，而本报告是{year}年度报告（年度取自{source_zh}）：应为{year}年1月1日至{year}年12月31日",
                "the statistics period says {stated} but this is the {year} report (year from the {source}): "
                "it should run from 1 January to 31 December {year}",
            ),
            "body": Message(
                "此处用{stated}年陈述本年度工作，而本报告是{year}年度报告：可能是沿用上年报告未改年份，应改为{year}年（若确指往年，请写明“上年”等）",
                "this states the year's work under {stated}, but this is the {year} report: probably last year's text "
                "copied forward; write {year} (or say 上年 if it really means the previous year)",
            ),
            "future": Message(
                "{stated}年在{year}年度报告中是未来年份：请核对年份",
                "{stated} is in the future for a {year} report: check the year",
            ),
        },
        docs=__doc__ or "",
    ),
)
