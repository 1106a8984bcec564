"""部分顺序错乱、重复或序号与标题不符 / Parts out of order, repeated, or numbered against their title.

The national format fixes the order of the six parts: 一、总体情况 二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况 六、其他需要报告的事项. This rule reports, at the heading:

* a part that comes after a later part (the fewest parts are reported that, moved, restore the order);
* a part that appears a second time (two ``三、收到和处理…`` headings);
* a part whose own numeral contradicts its title (``三、主动公开政府信息情况``), naming the
  numeral the title calls for;
* a part heading whose title has a typo or a wrong word (``四、政府信息公开行政复义、行政诉讼情况``,
  ``一、基本情况``): it is taken for the part it nearly names (so ``missing-section`` does not
  report that part missing) and the right wording is given. The wording variants the format's
  YAML lists (``因…被申请行政复议和提起行政诉讼情况``, ``其他事项`` …) are accepted silently.

A part that is missing altogether is left to ``missing-section``; the numbering of the parts
that remain (一 二 三 五 六) is then right and is not reported.

**FAIL**::

    一、总体情况
    三、主动公开政府信息情况                ← numeral 三, title of part 二
    二、收到和处理政府信息公开申请情况      ← numeral 二, title of part 三
    四、政府信息公开行政复议、行政诉讼情况
    六、其他需要报告的事项
    五、存在的主要问题及改进情况            ← should come before part 六

    四、政府信息公开行政复义、行政诉讼情况  ← typo: 四、政府信息公开行政复议、行政诉讼情况

**PASS**::

    一、总体情况
    二、主动公开政府信息情况
    三、收到和处理政府信息公开申请情况
    五、存在的主要问题及改进情况            ← part 四 missing: missing-section's finding
    六、其他需要报告的事项
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from gialint.checks._common import FoundPart, find_all_parts
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document
from gialint.model.numbering import int_to_cn
from gialint.model.rule import Context, Message, Options, Rule


def _kept(numbers: Sequence[int]) -> set[int]:
    """Indexes of a longest increasing subsequence, preferring the earliest headings."""
    best = [1] * len(numbers)
    for i in range(len(numbers) - 1, -1, -1):
        for j in range(i + 1, len(numbers)):
            if numbers[j] > numbers[i]:
                best[i] = max(best[i], best[j] + 1)
    kept: set[int] = set()
    want, last = max(best, default=0), 0
    for i, number in enumerate(numbers):
        if want and best[i] == want and number > last:
            kept.add(i)
            want, last = want - 1, number
    return kept


def _written(part: FoundPart) -> str:
    if part.section is None:
        return part.spec.title
    return f"{part.section.numeral}{part.section.title}"


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    found: list[Diagnostic] = []
    first: dict[int, FoundPart] = {}
    unique: list[FoundPart] = []
    for part in find_all_parts(doc):
        spec = part.spec
        if spec.number in first:
            earlier = first[spec.number]
            found.append(
                ctx.report(
                    part.span, "repeated", heading=_written(part), numeral=spec.numeral, title=spec.title,
                    line=earlier.span.line,
                )
            )
            continue
        first[spec.number] = part
        unique.append(part)
        if part.near and part.section is not None:
            found.append(
                ctx.report(part.span, "title", heading=_written(part), numeral=spec.numeral, title=spec.title, english=spec.english)
            )
        if part.section is not None and part.section.number != spec.number:
            found.append(
                ctx.report(
                    part.span, "numeral", heading=_written(part), written=int_to_cn(part.section.number),
                    numeral=spec.numeral, title=spec.title,
                )
            )
    numbers = [p.spec.number for p in unique]
    kept = _kept(numbers)
    for i, part in enumerate(unique):
        if i in kept:
            continue
        n = part.spec.number
        later_before = [unique[j] for j in sorted(kept) if j < i and numbers[j] > n]
        if later_before:
            other = later_before[0]
            found.append(ctx.report(part.span, "before", numeral=part.spec.numeral, other=other.spec.numeral, line=other.span.line))
        else:
            other = [unique[j] for j in sorted(kept) if j > i and numbers[j] < n][-1]
            found.append(ctx.report(part.span, "after", numeral=part.spec.numeral, other=other.spec.numeral, line=other.span.line))
    yield from sorted(found, key=lambda d: (d.line, d.column))


RULES = (
    Rule(
        name="section-order",
        code="GIA107",
        summary_zh="六个部分顺序错乱、重复出现、部分序号与其标题不符，或部分标题有错字",
        summary_en="The six parts are out of order, one appears twice, a part's numeral contradicts its title, or its title is miswritten",
        check=check,
        severity=Severity.WARNING,
        messages={
            "before": Message(
                "第{numeral}部分排在第{other}部分（第{line}行）之后：应按“一、总体情况”至“六、其他需要报告的事项”的顺序，移到第{other}部分之前",
                "part {numeral} comes after part {other} (line {line}): the parts must run 一 to 六, so move it before part {other}",
            ),
            "after": Message(
                "第{numeral}部分排在第{other}部分（第{line}行）之前：应按“一、总体情况”至“六、其他需要报告的事项”的顺序，移到第{other}部分之后",
                "part {numeral} comes before part {other} (line {line}): the parts must run 一 to 六, so move it after part {other}",
            ),
            "repeated": Message(
                "“{heading}”重复了第{line}行已有的第{numeral}部分“{title}”：每个部分只应出现一次，应合并或删去重复的标题",
                'the heading "{heading}" repeats part {numeral} "{title}" already at line {line}: '
                "each part appears once, so merge or remove the repeated heading",
            ),
            "title": Message(
                "“{heading}”的标题与统一格式不符：第{numeral}部分的标题应为“{numeral}、{title}”",
                'the heading "{heading}" is not worded as the format requires: part {numeral} ({english}) '
                'is headed "{numeral}、{title}"',
            ),
            "numeral": Message(
                "“{heading}”的序号是“{written}”，但标题是第{numeral}部分“{title}”：序号应为“{numeral}、”",
                'the heading "{heading}" is numbered {written} but its title is that of part {numeral} "{title}": '
                "number it {numeral}、",
            ),
        },
        docs=__doc__ or "",
    ),
)
