"""多出统一格式没有的部分 / A part the format does not have, or a preamble announcing one.

The national formats have exactly six parts (一、总体情况 … 六、其他需要报告的事项). Reports
copied from a work summary often add a seventh (``七、下一步工作打算``) or announce, in the
preamble, a list of parts that is not the format's (``全文包括总体情况、…、下一步工作打算等七个
部分``). Plans belong in part 五 (改进情况), anything else in part 六. The parts are read from the
format's YAML (``parts:`` and their variants); 附表/附件 in the announcement are accepted.

**FAIL**::

    六、其他需要报告的事项
    本年度未收取信息处理费。
    七、下一步工作打算

**PASS**: the six parts, and a preamble that lists them (``…其他需要报告的事项，共六个部分``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from gialint._lazy import lazy_re
from gialint.formats.normalise import norm_label
from gialint.formats.templates import PartTemplate
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.numbering import cn_to_int, int_to_cn
from gialint.model.rule import Context, Message, Options, Rule

_ANNOUNCE = lazy_re(
    r"(?:包括|包含|分为|分成|由)(?P<list>[^。；;]{8,240}?)(?:等|共|总共|计)?(?:(?P<count>[一二三四五六七八九十\d]{1,2})个|几个)?(?:部分|方面)(?:组成|构成)?"
    r"|由(?P<list2>[^。；;]{8,240}?)(?:组成|构成)"
)
_APPENDIX = lazy_re(r"^(?:附表|附件|统计表|数据表|表格|相关表格|附录)")
_JOINERS = lazy_re(r"^(?:以及|和|及|与)|(?:等)$")
_LIST_COMMA = lazy_re(r"[、，,]")
_LIST_AND = lazy_re(r"以及|和|及|与")


def _is_part(item: str, parts: Sequence[PartTemplate]) -> bool:
    text = norm_label(item)
    return bool(text) and any(text == norm_label(p.title) or any(v.search(text) for v in p.variants) for p in parts)


def _items(listed: str, parts: Sequence[PartTemplate]) -> tuple[int, list[str]]:
    """(parts named, names that are not parts) of an announced list."""
    raw = [x.strip(" \u3000“”\"") for x in _LIST_COMMA.split(listed) if x.strip(" \u3000“”\"")]
    known, unknown, i = 0, [], 0
    while i < len(raw):
        item = _JOINERS.sub("", raw[i])
        if i + 1 < len(raw) and not _is_part(item, parts) and _is_part(item + "、" + _JOINERS.sub("", raw[i + 1]), parts):
            known, i = known + 1, i + 2  # 行政复议、行政诉讼情况 is one part
            continue
        halves = [h for h in _LIST_AND.split(item) if h]
        if _is_part(item, parts) or _APPENDIX.match(item):
            known += not _APPENDIX.match(item)
        elif len(halves) == 2 and all(_is_part(h, parts) or _APPENDIX.match(h) for h in halves):
            known += sum(1 for h in halves if not _APPENDIX.match(h))
        elif len(halves) == 2 and _is_part(halves[0], parts) and not _is_part(item, parts):
            known += 1
            unknown.append(halves[1])
        else:
            unknown.append(item)
        i += 1
    return known, unknown


def _announcements(doc: Document, parts: Sequence[PartTemplate]) -> Iterator[Diagnostic | tuple[Span, str, str]]:
    for number in range(1, doc.preamble_end + 1):
        line = doc.line(number)
        if "、" not in line:
            continue
        for m in _ANNOUNCE.finditer(line):
            group = "list" if m.group("list") else "list2"
            listed = m.group(group)
            if listed.count("、") < 2:
                continue
            known, unknown = _items(listed, parts)
            if known < 3:
                continue  # not the list of the report's parts
            count = m.group("count")
            span = Span(number, m.start(group) + 1, number, m.end() + 1)
            if unknown:
                yield span, "announced", "、".join(unknown)
            elif count and (cn_to_int(count) if not count.isdigit() else int(count)) != len(parts):
                yield span, "count", count


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    fmt = doc.format
    if fmt is None or not fmt.parts:
        return
    parts = fmt.parts
    total = int_to_cn(len(parts))
    for span, key, what in _announcements(doc, parts):  # type: ignore[misc]
        yield ctx.report(span, key, what=what, total=total, count=len(parts))
    seen_last = False
    for section in doc.sections:
        if section.level != 1:
            continue
        if section.number == len(parts) or section.number == len(parts) - 1:
            seen_last = True
        elif section.number > len(parts) and seen_last:
            heading = f"{section.numeral}{section.title}"
            yield ctx.report(section.span, "extra", heading=heading, total=total, count=len(parts))


RULES = (
    Rule(
        name="extra-section",
        code="GIA108",
        summary_zh="出现统一格式没有的部分（如“七、下一步工作打算”），或引言列出的部分与统一格式不符",
        summary_en="A part the format does not have (e.g. 七、下一步工作打算), or a preamble announcing parts other than the format's",
        check=check,
        severity=Severity.WARNING,
        messages={
            "extra": Message(
                "“{heading}”不是统一格式的部分：统一格式只有{total}个部分，改进计划应写入第五部分，其他内容写入第六部分",
                '"{heading}" is not a part of the format, which has {count} parts: put plans in part 五 and anything else in part 六',
            ),
            "announced": Message(
                "引言列出的“{what}”不是统一格式的部分：应列出统一格式的{total}个部分",
                'the preamble announces "{what}", which is not a part of the format: list the format\'s {count} parts',
            ),
            "count": Message(
                "引言说报告共{what}个部分，而统一格式有{total}个部分：请核对",
                "the preamble announces {what} parts, but the format has {count}: check it",
            ),
        },
        docs=__doc__ or "",
    ),
)
