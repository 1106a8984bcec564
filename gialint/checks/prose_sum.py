"""正文总数与分项之和不符 / A total in the text that its own breakdown does not add up to.

Reports state a total and break it down: ``主动公开政府信息120条，其中工作动态58条，…，其他信息
12条``. When one figure is updated and the other is not, the parts no longer add up. The rule
checks a total followed by ``其中`` and figures in the same unit, up to the end of the sentence
(or 另有/此外/结转…, which start something else; or a ； when the items are separated by ，/、). Because a breakdown may name only some of the
items, or channels that overlap (门户网站 and 公众号 both publish the same item), it reports
only when:

* the breakdown ends with a remainder (其他…/其余…), so it claims to be complete, and the sum
  differs from the total; or
* the parts add up to MORE than the total and do not overlap (publishing channels, the 2019
  format's 新制作 and 新公开, or stages such as 制发/废止 and 受理/办结 count one item twice, or are
  not part of the total).

Approximate totals (``2300余条``) are not checked.

**FAIL**::

    全年主动公开政府信息120条，其中工作动态58条，财政信息4条，其他信息12条。
    共收到政府信息公开申请4件，其中自然人申请3件、商业企业申请2件。

**PASS**::

    全年主动公开政府信息74条，其中工作动态58条，财政信息4条，其他信息12条。
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.checks._tables import fmt_number
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Options, Rule

_UNITS = "条|件|个|项|次|人次|篇|期|场"
_TOTAL = lazy_re(rf"(?<![\d.第])(?P<n>\d+)\s*(?P<unit>{_UNITS})[。，,；;：:\s]{{0,2}}其中[：:，,]?")
_ITEM = lazy_re(rf"(?<![\d.第])(?P<n>\d+)\s*(?P<unit>{_UNITS})(?![\d%％])")
_END = lazy_re(r"。|其中|另有|另外|此外|同时|结转|上年|因|\n")
_SEPARATOR = lazy_re(r"\s*[；;]")
_REST = lazy_re(r"其他|其它|其余|剩余")
# Breakdowns whose items overlap: publishing channels, and the 2019 format's 新制作/新公开 (a
# document made this year is also published this year).
_OVERLAPPING = lazy_re(r"网站|网页|平台|公众号|微信|微博|新媒体|公开栏|公示栏|客户端|抖音|头条|APP|政务服务网|报刊|电视|广播|新制作|新公开|新增|累计|制发|废止|受理|办结|答复")


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    for number, line in enumerate(doc.lines, 1):
        if "其中" not in line:
            continue
        for total in _TOTAL.finditer(line):
            if line[max(0, total.start() - 1) : total.start()] == "余" or line[total.end("unit") : total.end("unit") + 1] == "余":
                continue
            stop = _END.search(line, total.end())
            body = line[total.end() : stop.start() if stop else len(line)]
            unit = total.group("unit")
            items = [m for m in _ITEM.finditer(body) if m.group("unit") == unit and body[m.end() : m.end() + 1] != "余"]
            if items and _SEPARATOR.match(body, items[0].end()) is None:
                # Items separated by ，/、: a ； ends the list (what follows is another subject).
                semicolon = body.find("；", items[0].end())
                if semicolon >= 0:
                    body = body[:semicolon]
                    items = [m for m in items if m.end() <= semicolon]
            if len(items) < 2:
                continue
            stated = int(total.group("n"))
            parts = sum(int(m.group("n")) for m in items)
            if parts == stated:
                continue
            last_item = body[: items[-1].start()]
            last_item = last_item[max(last_item.rfind(c) for c in "，,；;、") + 1 :]
            complete = bool(_REST.search(last_item))
            if not complete and (parts < stated or _OVERLAPPING.search(body)):
                continue
            span = Span(number, total.start("n") + 1, number, total.end("unit") + 1)
            figures = "＋".join(m.group("n") for m in items)
            yield ctx.report(span, "sum", total=f"{stated}{unit}", figures=figures, parts=fmt_number(parts), unit=unit)


RULES = (
    Rule(
        name="prose-sum",
        code="GIA207",
        summary_zh="正文中的总数与其后“其中”各分项之和不符",
        summary_en="A total stated in the text differs from the sum of its breakdown (其中 …)",
        check=check,
        severity=Severity.WARNING,
        messages={
            "sum": Message(
                "正文写总数{total}，而其后“其中”各分项相加为 {figures}＝{parts}{unit}：总数与分项应一致，请核对",
                "the text states a total of {total}, but its breakdown (其中 …) adds up to {figures} = {parts}{unit}: "
                "make them agree",
            ),
        },
        docs=__doc__ or "",
    ),
)
