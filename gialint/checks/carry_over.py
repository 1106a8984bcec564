"""上年结转数不符 / This year's 上年结转 differs from last year's 结转下年度继续办理.

When a run holds the same agency's reports for consecutive years, table 三's
二、上年结转政府信息公开申请数量 must equal the previous report's 四、结转下年度继续办理, column by
column (formats.md §2.9: a public checker compares exactly these). Reports are paired by agency
name (人民政府 aside) and year. This is a corpus rule: it runs in ``gialint audit`` and
``gialint check --corpus``.

**FAIL**: the 2020 report carries 1 application (自然人) into 2021, the 2021 report says 0 were
carried over.

**PASS**: the 2021 report's 上年结转 equals the 2020 report's 结转下年度继续办理.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from gialint._lazy import lazy_re
from gialint.checks._tables import active, column_name, fmt_number
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import (
    CorpusCheck,
    CorpusContext,
    CorpusItem,
    Message,
    Options,
    Rule,
    no_document_check,
)

_SUFFIX = lazy_re(r"(?:人民政府|政府|办事处)$")


def agency_key(name: str | None) -> str:
    return _SUFFIX.sub("", re.sub(r"\s+", "", name or ""))


def _row(doc: Document, table: str, row: str) -> dict[str, tuple[float, int, int, str]]:
    m = active(doc)
    if m is None or table not in m.tables or row not in m.tables[table].rows:
        return {}
    template = m.tables[table].template
    return {
        v.column.key: (v.value, v.span.line, v.span.column, column_name(v.column, template))
        for v in m.tables[table].rows[row].values
        if v.value is not None
    }


def collect(doc: Document, opts: Options) -> dict[str, Any] | None:
    if doc.year is None or not doc.agency:
        return None
    return {
        "agency": agency_key(doc.agency),
        "year": doc.year,
        "carried": _row(doc, "三", "carried"),
        "next": _row(doc, "三", "next-year"),
    }


def finish(items: Sequence[CorpusItem], opts: Options, ctx: CorpusContext) -> Iterator[Diagnostic]:
    by_agency: dict[str, dict[int, CorpusItem]] = defaultdict(dict)
    for item in items:
        if item.features:
            by_agency[item.features["agency"]][item.features["year"]] = item
    for years in by_agency.values():
        for year, item in sorted(years.items()):
            previous = years.get(year - 1)
            if previous is None:
                continue
            before = previous.features["next"]
            for key, (value, line, column, label) in sorted(item.features["carried"].items()):
                if key not in before or before[key][0] == value:
                    continue
                last = before[key]
                yield ctx.report(
                    item.path,
                    Span(line, column, line, column + 1),
                    "differs",
                    column=label,
                    value=fmt_number(value),
                    year=year,
                    last_year=year - 1,
                    previous=previous.path,
                    previous_line=last[1],
                    previous_value=fmt_number(last[0]),
                )



RULES = (
    Rule(
        name="carry-over",
        code="GIA602",
        summary_zh="本年“上年结转”与同一机关上年报告的“结转下年度继续办理”不一致",
        summary_en="This year's carried-over requests differ from the same agency's previous report",
        check=no_document_check,
        severity=Severity.ERROR,
        messages={
            "differs": Message(
                "表三“二、上年结转政府信息公开申请数量”“{column}”列为 {value}，而{last_year}年报告（{previous} 第 {previous_line} 行）“四、结转下年度继续办理”为 {previous_value}：两者应相等",
                'table 三, "二、上年结转…", column "{column}" is {value}, but the {last_year} report ({previous}, line '
                '{previous_line}) carried {previous_value} into {year} ("四、结转下年度继续办理"): they must be equal',
            ),
        },
        docs=__doc__ or "",
        corpus=CorpusCheck(collect, finish),
    ),
)
