"""缺少标题 / The report has no proper title.

A report opens with a title naming the agency, the year and 政府信息公开工作年度报告, e.g.
``兴隆镇人民政府2021年政府信息公开工作年度报告`` (it may be split over two lines, agency first).
Exports often lose it, leaving just the year.

**FAIL**::

    2021
    本报告由兴隆镇人民政府按照…

**PASS**::

    兴隆镇人民政府2021年政府信息公开工作年度报告
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document
from gialint.model.rule import Context, Message, Options, Rule
from gialint.read.parse.structure import collapse

_YEAR = lazy_re(r"(?:19|20)\d{2}")


def _example(doc: Document) -> str:
    agency = doc.agency or "XX镇人民政府"
    year = doc.year or "YYYY"
    return f"{agency}{year}年政府信息公开工作年度报告"


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    first = next((n for n, line in enumerate(doc.lines, 1) if line.strip()), None)
    if first is None:
        return
    if doc.title is None:
        shown = doc.line(first).strip()
        if len(shown) > 20:
            shown = shown[:20] + "…"
        yield ctx.report(doc.line_span(first), "none", first=shown, example=_example(doc))
        return
    text = collapse(doc.title.text).replace("*", "")
    if not _YEAR.search(text):
        yield ctx.report(doc.title.span, "no-year", example=_example(doc))
    if doc.agency is None or doc.agency not in text:
        yield ctx.report(doc.title.span, "no-agency", example=_example(doc))
    if "年度报告" not in text:
        yield ctx.report(doc.title.span, "wording", example=_example(doc))


RULES = (
    Rule(
        name="missing-title",
        code="GIA102",
        summary_zh="报告缺少标题，或标题未写明机关名称、年度和“政府信息公开工作年度报告”",
        summary_en="The report lacks a title naming the agency, the year and 政府信息公开工作年度报告",
        check=check,
        severity=Severity.ERROR,
        messages={
            "none": Message(
                "报告没有标题（开头是“{first}”）：应以“{example}”这样的标题开头",
                'the report has no title (it opens with "{first}"): start it with a title such as "{example}"',
            ),
            "no-year": Message("标题没有写明年度：应为“{example}”这样的标题", 'the title does not state the year: write e.g. "{example}"'),
            "no-agency": Message("标题没有写明机关名称：应为“{example}”这样的标题", 'the title does not name the agency: write e.g. "{example}"'),
            "wording": Message(
                "标题应写明“政府信息公开工作年度报告”，如“{example}”",
                'the title should say 政府信息公开工作年度报告, e.g. "{example}"',
            ),
        },
        docs=__doc__ or "",
    ),
)
