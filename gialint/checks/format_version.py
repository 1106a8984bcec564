"""格式版本不符 / The report follows another national format than its year requires.

Reports for 2019 and 2020 follow the 2019 format (国办公开办函〔2019〕60号); reports from 2021 on
follow the 2021 format (国办公开办函〔2021〕30号). A 2021 report that fills in the 2019 tables
(本年新制作数量, 上一年项目数量, 第二十条第（九）项 政府集中采购 …), or cites the other format's
document number, or a mixed-up number such as 〔2019〕30号, is reported. Which format applies
follows the report's year, or ``format:`` in the configuration.

**FAIL** (a 2021 report)::

    →信息内容
    →本年新制作数量
    →本年新公开数量

**PASS**: the 2021 columns 本年制发件数 / 本年废止件数 / 现行有效件数, and 〔2021〕30号.
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Options, Rule
from gialint.model.scan import lines_where

_CITING = lazy_re("国办公开办函")
"""How every cited document number starts: the lines worth reading for one."""
_DOC_NUMBER = lazy_re(r"国办公开办函\s*[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*(\d+)\s*号")


def _number(text: str) -> tuple[int, int] | None:
    m = _DOC_NUMBER.search(text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    fmt = doc.format
    m = doc.match
    if fmt is None or m is None:
        return
    year = doc.year if doc.year is not None else "?"
    for part, foreign in sorted(m.foreign.items()):
        labels = "、".join(dict.fromkeys(text for text, _ in foreign.evidence))
        span = foreign.evidence[0][1]
        yield ctx.report(
            span,
            "tables",
            part=part or "?",
            other=foreign.other.name_zh,
            other_en=foreign.other.name_en,
            labels=labels,
            year=year,
            format=fmt.name_zh,
            format_en=fmt.name_en,
            document=fmt.document,
        )
    known = {n: f for f in (fmt, *doc.other_formats) if (n := _number(f.document)) is not None}
    own = _number(fmt.document)
    lines = doc.lines
    for line_no in lines_where(doc, _CITING):
        line = lines[line_no - 1]
        for hit in _DOC_NUMBER.finditer(line):
            cited = (int(hit.group(1)), int(hit.group(2)))
            if cited == own:
                continue
            span = Span(line_no, hit.start() + 1, line_no, hit.end() + 1)
            if cited in known:
                other = known[cited]
                yield ctx.report(span, "cited-other", cited=hit.group(0), other=other.name_zh, other_en=other.name_en, year=year, document=fmt.document)
            elif cited[0] in {n[0] for n in known} or cited[1] in {n[1] for n in known}:
                numbers = "、".join(f.document for f in known.values())
                yield ctx.report(span, "mixed-up", cited=hit.group(0), numbers=numbers, document=fmt.document)


RULES = (
    Rule(
        name="format-version",
        code="GIA104",
        summary_zh="报告使用了与年度不符的统一格式（表格或所引文号属于另一版格式）",
        summary_en="The report follows the other national format than its year requires (tables or the cited document number)",
        check=check,
        severity=Severity.ERROR,
        messages={
            "tables": Message(
                "第{part}部分的表格是{other}的（{labels}），而{year}年度报告应使用{format}（{document}）：请按新格式重新填报",
                "part {part} uses the tables of the {other_en} ({labels}), but a {year} report must use the {format_en} ({document}): fill in the current tables",
            ),
            "cited-other": Message(
                "引用的“{cited}”是{other}的文号，而{year}年度报告依据的是{document}",
                '"{cited}" is the document number of the {other_en}; a {year} report follows {document}',
            ),
            "mixed-up": Message(
                "文号“{cited}”不存在，像是把两版格式的文号混在了一起（{numbers}）：本报告应引用{document}",
                '"{cited}" does not exist: it mixes up the two formats\' numbers ({numbers}); this report should cite {document}',
            ),
        },
        docs=__doc__ or "",
    ),
)
