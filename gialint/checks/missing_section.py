"""缺少必备部分 / A required part of the report is missing.

The national formats (2019 and 2021) require six parts, each under its own heading:
一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项.
A heading is accepted in any shape (plain line, Markdown ``#``, ``**bold**``) and with the
wording variants real reports use (和/及/、, 其它/其他, 因…被申请行政复议和提起行政诉讼 …).
A missing part is reported where it should have been: at the table that is left without
its heading when one is recognisable, else at the next part present.

**FAIL**::

    二、主动公开政府信息情况
    …
    五、存在的主要问题及改进情况        ← parts 三 and 四 are missing

**PASS**: all six headings present.
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.checks._common import FoundPart, find_parts, is_number, part_specs_of
from gialint.formats.normalise import norm_label
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span, Table
from gialint.model.numbering import cn_to_int
from gialint.model.record import replace
from gialint.model.rule import Context, Message, Option, Options, Rule

# Labels that identify the table of a part when its heading is lost.
_TABLE_SIGNS = {
    2: lazy_re(r"第二十条第\([一五六八九]\)项|本年制发件数|本年新制作数量"),
    3: lazy_re(r"申请人情况|本年新收|上年结转|予以公开|不予公开|属于国家秘密|禁止公开|三安全一稳定|第三方合法权益|无法提供|不予处理"),
    4: lazy_re(r"行政复议|行政诉讼|结果维持|结果纠正|尚未审结"),
}


def _table_of(spec_number: int, table: Table) -> bool:
    sign = _TABLE_SIGNS.get(spec_number)
    labels = norm_label("".join(c.text for row in table.rows[:3] for c in row.cells))
    if sign is not None and sign.search(labels):
        return True
    # Table 四's data row: fifteen figures in a row and nothing else.
    return spec_number == 4 and any(
        sum(1 for c in row.cells if is_number(c.text)) >= 15 for row in table.rows[:2]
    )


def _where(doc: Document, number: int, found: dict[int, FoundPart]) -> tuple[Span, str, str]:
    before = max((n for n in found if n < number), default=None)
    after = min((n for n in found if n > number), default=None)
    start = found[before].span.line if before is not None else doc.preamble_end
    end = found[after].span.line if after is not None else len(doc.lines) + 1
    for table in doc.tables:
        if start < table.span.line < end and _table_of(number, table):
            first = table.rows[0]
            span = doc.line_span(first.line)
            return span, "在此表格之前", "before this table"
    prev_zh = f"第{found[before].spec.numeral}部分之后" if before is not None else ""
    prev_en = f"after part {found[before].spec.numeral}" if before is not None else ""
    if after is not None:
        numeral = found[after].spec.numeral
        if before is None:
            return found[after].span, f"在第{numeral}部分之前", f"before part {numeral}"
        return found[after].span, f"在{prev_zh}、第{numeral}部分之前", f"{prev_en}, before part {numeral}"
    last = len(doc.lines)
    while last > 1 and not doc.line(last).strip():
        last -= 1
    if before is not None:
        return doc.line_span(last), f"在{prev_zh}（报告末尾）", f"{prev_en} (at the end of the report)"
    return doc.line_span(last), "在报告末尾", "at the end of the report"


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    if not doc.lines or not any(line.strip() for line in doc.lines):
        return
    wanted = {cn_to_int(p) for p in opts["parts"]}
    found = find_parts(doc)
    for spec in part_specs_of(doc):
        if spec.number not in wanted or spec.number in found:
            continue
        span, where_zh, where_en = _where(doc, spec.number, found)
        finding = ctx.report(
            span,
            "missing",
            numeral=spec.numeral,
            title=spec.title,
            english=spec.english,
            where_zh=where_zh,
            where_en=where_en,
        )
        yield replace(finding, rank=spec.number)  # parts missing at one place are listed 三 before 四


RULES = (
    Rule(
        name="missing-section",
        code="GIA101",
        summary_zh="缺少统一格式规定的六个部分之一（一、总体情况 … 六、其他需要报告的事项）",
        summary_en="One of the six parts the national format requires is missing",
        check=check,
        severity=Severity.ERROR,
        options=(
            Option("parts", list, ["一", "二", "三", "四", "五", "六"], "Parts (by numeral) that must be present.", item=str),
        ),
        messages={
            "missing": Message(
                "缺少第{numeral}部分“{numeral}、{title}”：应{where_zh}补上该部分标题及内容",
                'part {numeral} "{numeral}、{title}" ({english}) is missing: add its heading and content {where_en}',
            )
        },
        docs=__doc__ or "",
    ),
)
