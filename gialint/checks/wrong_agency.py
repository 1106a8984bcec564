"""内容与报告机关不符 / Text that belongs to another agency's report.

Reports are often built from a neighbour's: the title names one township, but a sentence in
the preamble or part 一 still names the other as doing the work (``李家镇高度重视政务公开工作``
in 青石镇's report). And a township or street office sometimes copies a county's or city's
text describing duties only a higher-level government has — making 规章 (under the 立法法 only
国务院部门 and the governments of provinces and 设区的市 make them) or 地方性法规.

The rule is conservative: another 镇/乡/街道 counts only as the subject of a clause (after a
sentence or clause break, followed by a verb of doing the work such as 高度重视, 认真, 积极,
主动公开); working with, visiting or helping another township (与李家镇, 协助…) is not
reported. The agency comes from the title (or ``agency:`` in config); its level as in
``implausible-value``.

**FAIL** (青石镇人民政府's report)::

    2022年，李家镇高度重视政府信息公开工作。
    本年度我镇制定规章1件。

**PASS**::

    2022年，青石镇高度重视政府信息公开工作，与李家镇开展交流学习。
    本年度我镇未制定规章。
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.checks._text import lines_within, looks_tabular, told_ranges
from gialint.checks.implausible_value import agency_level
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Options, Rule
from gialint.model.scan import lines_where

_OWN = lazy_re(r"(?P<name>[\u4e00-\u9fff]*?(?:镇|乡|街道))(?:办事处|人民政府|政府|党委)?$")
# A township's name at its end, the office, then a verb of doing the work.
_AS_SUBJECT = (
    r"(?:镇|乡|街道))(?:人民政府|政府|办事处|党委|党委政府)?"
    r"(?=高度重视|认真|严格|积极|扎实|深入|全面|坚持|始终|进一步|按照|围绕|主动公开|共收到|共公开|全年|本年度|"
    r"不断|切实|及时|依法|紧紧|持续|着力|紧扣|大力|狠抓|强化|加强|全力)"
)
_SUBJECT = lazy_re(r"(?:^|(?<=[。；;，,：:\s“])|(?<=\d年)|(?<=\d年度))(?P<name>[\u4e00-\u9fff]{2,4}?" + _AS_SUBJECT)
# Where _SUBJECT can match: its end, which starts with 镇, 乡 or 街 (a scan of the whole text finds
# these lines fast; _SUBJECT, starting with a lookbehind, would be tried at every place).
_SUBJECT_END = lazy_re("(?:" + _AS_SUBJECT)
_NOT_A_NAME = lazy_re(
    r"^(?:[乡镇城市县区省村]|城镇|集镇)|[我本全该各每所其这此将对向在的和与及了是为把按从经由据]|公开|乡镇|小城镇"
)  # 全镇, 我镇, 现将我镇, 公开镇政府…: words, not another township's name
_HIGHER = lazy_re(
    r"(?:制定|制发|出台|起草|印发|发布|审议通过)(?:了)?(?:\s*\d+\s*(?:件|部|个)\s*)?(?:本级)?(?:政府)?(?P<what>规章|地方性法规)"
)
_NEGATION = lazy_re(r"未|无|没有|不涉及|无权|不得|不具备|不属于|0件|零")
_CLAUSE = lazy_re(r"[。；;，,！？]")
_BLANKS = lazy_re(r"\s+")
_RULE_WORD = lazy_re("规")


def _own_name(doc: Document) -> str | None:
    m = _OWN.search(_BLANKS.sub("", doc.agency or ""))
    return m.group("name") if m else None


def _clause_before(line: str, start: int) -> str:
    left = max((m.end() for m in _CLAUSE.finditer(line, 0, start)), default=0)
    return line[left:start]


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    if agency_level(doc, "auto") != "township":
        return
    own = _own_name(doc)
    title_lines = set(range(doc.title.span.line, doc.title.span.end_line + 1)) if doc.title else set()
    if own is not None:
        for number in lines_within(lines_where(doc, _SUBJECT_END), told_ranges(doc, (1,))):
            if number in title_lines:
                continue
            line = doc.line(number)
            for m in _SUBJECT.finditer(line):
                other = m.group("name")
                if _NOT_A_NAME.search(other) or other == own or own.endswith(other) or other.endswith(own):
                    continue
                span = Span(number, m.start("name") + 1, number, m.end("name") + 1)
                yield ctx.report(span, "other", other=other, own=own)
    lines = doc.lines
    for number in lines_where(doc, _RULE_WORD):  # 规章 and 地方性法规 both hold 规
        line = lines[number - 1]
        if looks_tabular(line):
            continue
        for m in _HIGHER.finditer(line):
            if _NEGATION.search(_clause_before(line, m.start()) + m.group(0)):
                continue
            span = Span(number, m.start() + 1, number, m.end() + 1)
            yield ctx.report(span, "higher", text=m.group(0), what=m.group("what"))


RULES = (
    Rule(
        name="wrong-agency",
        code="GIA109",
        summary_zh="正文把另一个乡镇（街道）写成了开展工作的机关，或乡镇报告写了只有上级政府才有的职责（制定规章等）",
        summary_en="The text names another township as the agency doing the work, or a township claims a higher government's duty (making 规章 …)",
        check=check,
        severity=Severity.WARNING,
        messages={
            "other": Message(
                "此处写的是“{other}”开展工作，而本报告是{own}的报告：可能沿用了其他乡镇的报告，请改为本机关",
                'this names "{other}" as doing the work, but the report is {own}\'s: probably copied from another '
                "township's report; name this agency",
            ),
            "higher": Message(
                "“{text}”：乡镇（街道）无权制定{what}（规章只能由国务院部门和省、设区的市人民政府制定）：可能沿用了上级政府的报告，请核对",
                '"{text}": a township cannot make {what} (only State Council departments and provincial or '
                "prefecture-city governments make 规章): probably copied from a higher government's report; check it",
            ),
        },
        docs=__doc__ or "",
    ),
)
