"""工作要点落实情况 / Part 六 does not say how the year's 政务公开工作要点 were carried out.

Every year the 国务院办公厅, and then each provincial government, publish 政务公开工作要点: the
key points of open-government work for the year. 岚江省's 政务公开办 asks every report, from
the 2021 reports on, to say in part 六 (其他需要报告的事项) how the agency carried out the key
points of the level above it, typically under a heading such as
（二）落实上级年度政务公开工作要点情况. The national format does not ask for it, so gialint's
own rules do not check it.

The rule looks for one of the ``phrases`` anywhere in part 六, heading included. A report
without part 六 is left to gialint's ``missing-section``; a report whose year is known and
earlier than ``since-year`` is not checked. This docstring is the rule's documentation
(``gialint explain lj-work-priorities``).

**FAIL**::

    六、其他需要报告的事项
    本年度未收取信息处理费。

**PASS**::

    六、其他需要报告的事项
    本年度未收取信息处理费。我镇按照县政府办公室印发的年度政务公开工作要点，逐项分解任务，均已按期完成。
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint.diagnostic import Diagnostic, Severity
from gialint.document import Document
from gialint.rule import Context, Message, Option, Options, Rule

PART = 6  # 六、其他需要报告的事项


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    if doc.year is not None and doc.year < opts["since-year"]:
        return
    part = doc.part(PART)
    if part is None:
        return  # missing-section reports the missing part
    body = "\n".join(doc.lines[part.span.line - 1 : part.end_line])
    if any(phrase in body for phrase in opts["phrases"]):
        return
    yield ctx.report(part.span, "missing", title=part.title, since=opts["since-year"])


RULE = Rule(
    name="lj-work-priorities",
    # A plugin's codes use its own prefix: GIA is gialint's. Codes and names must be unique
    # across all installed plugins, and never change once published (configs refer to them).
    code="LJ101",
    summary_zh="第六部分应报告落实上级年度政务公开工作要点的情况（岚江省要求）",
    summary_en="Part 六 should report how the annual 政务公开工作要点 were carried out (岚江省)",
    check=check,
    severity=Severity.WARNING,
    options=(
        Option(
            "phrases",
            list,
            ["政务公开工作要点", "政务公开重点工作", "政务公开要点"],
            "Phrases of which part 六 must contain at least one.",
            item=str,
        ),
        Option("since-year", int, 2021, "First report year the rule applies to (reports of unknown year are checked)."),
    ),
    messages={
        "missing": Message(
            "第六部分“{title}”没有报告落实上级年度政务公开工作要点的情况（岚江省自{since}年度报告起要求写明）",
            'part 六 "{title}" does not report how the annual 政务公开工作要点 (key points of '
            "open-government work) were carried out, which 岚江省 requires from the {since} reports on",
        )
    },
    docs=__doc__ or "",
)
