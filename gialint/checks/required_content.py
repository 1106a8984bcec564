"""必备内容缺失 / Part 一, 五 or 六 does not say what the format requires it to say.

Part 一 (总体情况) of a 2021+ report covers five sub-topics: 主动公开, 依申请公开, 政府信息管理,
政府信息公开平台建设 and 监督保障 (with 工作考核、社会评议和责任追究). They are found by meaning
words anywhere in the part (保密审查 or 公开目录 speak of information management; 网站, 专栏 or
公众号 of platforms), not by exact sub-headings; one finding names each sub-topic not covered.
Part 五 must state both the main problems and the improvements (条例第五十条（四）); in the
2021 format it is also expected to say how last year's problems were dealt with (reported at
info level: the official wording is not confirmed). Part 六 of a 2021+ report must state
whether 信息处理费 (information processing fees) were charged — "无" alone does not say it.
What each part must contain is data in the format files (``required-content:``), so a
province can add its own items.

**FAIL**::

    一、总体情况
    全年主动公开政府信息35条，收到政府信息公开申请2件。    ← no management, platforms, oversight
    六、其他需要报告的事项
    无

**PASS**::

    六、其他需要报告的事项
    本年度未收取信息处理费。
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint.checks._common import part_range
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document
from gialint.model.numbering import cn_to_int
from gialint.model.record import replace
from gialint.model.rule import Context, Message, Options, Rule


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    fmt = doc.format
    if fmt is None:
        return
    for part_no, items in fmt.required_content.items():
        found = part_range(doc, cn_to_int(part_no) or 0)
        if found is None:
            continue  # missing-section reports the part itself
        heading, end = found
        # The heading itself (存在的主要问题及改进情况) must not count as saying it.
        body = "\n".join(doc.lines[heading.end_line : end])
        title = doc.line(heading.line).strip()
        for rank, item in enumerate(items, 1):
            if any(p.search(body) for p in item.any):
                continue
            severity = Severity.parse(item.severity) if item.severity else None
            message = ctx.rule.messages["missing"]
            params = {"part": part_no, "title": title, "what": item.zh, "what_en": item.en, "format": fmt.name_zh, "format_en": fmt.name_en}
            finding = ctx.diagnostic(heading, message.zh.format(**params), message.en.format(**params), severity)
            yield replace(finding, rank=rank)  # at one heading, in the format's order of the items


RULES = (
    Rule(
        name="required-content",
        code="GIA105",
        summary_zh="第一、五、六部分缺少统一格式要求的内容（总体情况的五个方面、问题及改进情况、信息处理费收取情况等）",
        summary_en="Part 一, 五 or 六 lacks content the format requires (the five topics of 总体情况, problems and improvements, processing fees …)",
        check=check,
        severity=Severity.WARNING,
        messages={
            "missing": Message(
                "第{part}部分（{title}）没有写明{what}：{format}要求写明",
                'part {part} ({title}) does not state {what_en}, which the {format_en} requires',
            ),
        },
        docs=__doc__ or "",
    ),
)
