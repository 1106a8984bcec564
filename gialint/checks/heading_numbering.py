"""标题编号跳号、重号或混用样式 / Heading numbering that skips, repeats or mixes styles.

Within one parent section the numbered headings must count up one by one: （一）（二）（三），
not （一）（二）（四） (a skip) nor （一）（二）（二） (a repeat). A list may start again at 1
(under a new item, or for a second list). One level must use one numbering style: a part whose
sub-parts run （1）（2）（三）（四） mixes two styles in one sequence, and the （1）-style
headings are reported with the numeral they should have. Run-in enumerations in the body text
(``1、…。``) count too, but only skips are reported there.

In Markdown, the ``#`` depth must agree with the numbering: a sub-part heading must be deeper
than its part's heading, and siblings must share one depth. The parts (一、…) are left to
``section-order`` and ``missing-section``: a gap in their numbering is a missing part.

**FAIL**::

    一、总体情况
    （1）主动公开情况              ← should be （一）
    （2）依申请公开情况            ← should be （二）
    （三）政府信息管理情况
    （五）监督保障情况             ← skips （四）

    ### 一、总体情况
    #### （一）主动公开情况
    ## （二）依申请公开情况        ← should be ####

**PASS**::

    一、总体情况
    （一）主动公开情况
    （二）依申请公开情况
    五、存在的主要问题及改进情况
    （一）存在的问题
    1. 信息公开不够及时。
    （二）改进情况
    1. 加强培训。                  ← a new list under a new parent restarts at 1
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import groupby

from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Section
from gialint.model.numbering import int_to_cn
from gialint.model.rule import Context, Message, Option, Options, Rule

_STYLE_LEVEL = {"cn": 1, "paren-cn": 2, "arabic": 3, "paren-arabic": 3}


def _render(number: int, style: str, like: Section | None) -> str:
    """``number`` written in ``style``, with the brackets/separator of ``like`` when given."""
    written = like.numeral.strip() if like is not None else ""
    if style == "cn":
        return f"{int_to_cn(number)}、"
    if style in ("paren-cn", "paren-arabic"):
        opening, closing = ("(", ")") if written.startswith("(") else ("（", "）")
        inner = int_to_cn(number) if style == "paren-cn" else str(number)
        return f"{opening}{inner}{closing}"
    sep = written[-1] if written[-1:] in ("、", ".", "．") else "、"
    return f"{number}{sep}"


def _heading(section: Section) -> str:
    title = section.title if len(section.title) <= 16 else section.title[:15] + "…"
    return f"{section.numeral}{title}"


def _target_style(parent_level: int, runs: Sequence[Sequence[Section]]) -> str:
    """The style a mixed sequence should use: the one proper to its depth, else the majority."""
    styles = [run[0].style for run in runs]
    counts = Counter(item.style for run in runs for item in run)
    pool = [s for s in styles if _STYLE_LEVEL[s] == parent_level + 1] or styles
    return max(pool, key=lambda s: (counts[s], -styles.index(s)))


def _sequence(items: Sequence[Section], ctx: Context, render_style: str | None = None) -> Iterator[Diagnostic]:
    """Skips, repeats and a wrong start in ``items`` (one numbering sequence, in order)."""
    prev: Section | None = None
    for item in items:
        style, n = render_style or item.style, item.number
        expected = _render((prev.number + 1) if prev else 1, style, item)
        if prev is None:
            if n != 1:
                missing = " ".join(_render(i, style, item) for i in range(1, min(n, 4)))
                yield ctx.report(item.span, "start", numeral=item.numeral, missing=missing, expected=expected)
        elif n > prev.number + 1:
            missing = " ".join(_render(i, style, item) for i in range(prev.number + 1, min(n, prev.number + 4)))
            missing += " …" if n > prev.number + 4 else ""
            yield ctx.report(item.span, "skip", numeral=item.numeral, prev=prev.numeral, missing=missing, expected=expected)
        elif n <= prev.number and n != 1 and not item.run_in:
            yield ctx.report(item.span, "repeat", numeral=item.numeral, prev=prev.numeral, line=prev.span.line, expected=expected)
        prev = item


def _numbering(parent: Section | None, kids: Sequence[Section], ctx: Context) -> Iterator[Diagnostic]:
    items = [k for k in kids if k.level != 1]  # the parts themselves: section-order / missing-section
    parent_level = parent.level if parent is not None else 0
    # Body enumerations (1、…。) take no part in the style check.
    heads = [k for k in items if not (k.run_in and k.style == "arabic")]
    runs = [list(run) for _, run in groupby(heads, key=lambda k: k.style)]
    mixed = (
        len(runs) == 2
        and runs[0][0].number == 1
        and runs[1][0].number == runs[0][-1].number + 1
        and all(a.number + 1 == b.number for a, b in zip(runs[0], runs[0][1:]))
    )
    if mixed:
        target = _target_style(parent_level, runs)
        like = next(item for run in runs for item in run if item.style == target)
        for item in heads:
            if item.style != target:
                expected = _render(item.number, target, like)
                yield ctx.report(item.span, "style", heading=_heading(item), example=like.numeral, expected=expected)
        yield from _sequence(heads, ctx, render_style=target)
        items = [k for k in items if k not in heads]
    for style in dict.fromkeys(k.style for k in items):
        yield from _sequence([k for k in items if k.style == style], ctx)


def _markdown_levels(parent: Section | None, kids: Sequence[Section], ctx: Context) -> Iterator[Diagnostic]:
    floor = parent.md_level if parent is not None else 0
    for level in sorted({k.level for k in kids if k.md_level}):
        group = [k for k in kids if k.md_level and k.level == level]
        counts = Counter(k.md_level for k in group if k.md_level > floor)
        if floor:
            expected = max(counts, key=lambda d: (counts[d], -d)) if counts else floor + 1
        else:
            top, count = counts.most_common(1)[0]
            if count * 2 <= len(group):
                continue  # no clear majority to hold the others to
            expected = top
        for k in group:
            if k.md_level == expected:
                continue
            if parent is not None and k.md_level <= floor:
                yield ctx.report(
                    k.span, "md-parent", heading=_heading(k), hashes="#" * k.md_level, parent=_heading(parent),
                    parent_hashes="#" * floor, expected="#" * expected,
                )
            else:
                like = _heading(next(s for s in group if s.md_level == expected))
                yield ctx.report(k.span, "md-sibling", heading=_heading(k), hashes="#" * k.md_level, example=like, expected="#" * expected)


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    found: list[Diagnostic] = []
    parents: list[tuple[Section | None, Sequence[Section]]] = [(None, doc.sections)]
    parents += [(s, s.children) for s in doc.all_sections() if s.children]
    for parent, kids in parents:
        found.extend(_numbering(parent, kids, ctx))
        if opts["markdown-levels"]:
            found.extend(_markdown_levels(parent, kids, ctx))
    yield from sorted(found, key=lambda d: (d.line, d.column))


RULES = (
    Rule(
        name="heading-numbering",
        code="GIA106",
        summary_zh="同级标题编号跳号、重号或混用编号样式，或 Markdown 标题层级与编号层级不符",
        summary_en="Sibling headings whose numbering skips, repeats or mixes styles, or whose Markdown depth contradicts it",
        check=check,
        severity=Severity.WARNING,
        options=(
            Option("markdown-levels", bool, True, "Also check that Markdown heading depth (#) agrees with the numbering."),
        ),
        messages={
            "skip": Message(
                "编号从“{prev}”跳到“{numeral}”，漏掉了{missing}：此处应为“{expected}”（或补上漏掉的部分）",
                'the numbering jumps from "{prev}" to "{numeral}", skipping {missing}: this should be "{expected}" '
                "(or the missing item is lost)",
            ),
            "start": Message(
                "同级编号从“{numeral}”开始，前面没有{missing}：应从“{expected}”开始编号",
                'the numbering at this level starts at "{numeral}" with no {missing} before it: it should start at "{expected}"',
            ),
            "repeat": Message(
                "编号“{numeral}”没有接着第{line}行的“{prev}”往下编（重号或倒序）：此处应为“{expected}”",
                'the number "{numeral}" repeats or goes back after "{prev}" (line {line}): this should be "{expected}"',
            ),
            "style": Message(
                "“{heading}”与同级的“{example}”用了不同的编号样式（同一层级混用两种编号）：应写作“{expected}”",
                'the heading "{heading}" is numbered in another style than its sibling "{example}" '
                '(two numbering styles at one level): write "{expected}"',
            ),
            "md-parent": Message(
                "“{heading}”是 {hashes} 级标题，不比所属的“{parent}”（{parent_hashes}）更深：应改为 {expected}",
                'the heading "{heading}" is a `{hashes}` heading, no deeper than its parent "{parent}" (`{parent_hashes}`): '
                "make it `{expected}`",
            ),
            "md-sibling": Message(
                "“{heading}”是 {hashes} 级标题，与同级的“{example}”（{expected}）层级不同：应改为 {expected}",
                'the heading "{heading}" is a `{hashes}` heading while its sibling "{example}" is `{expected}`: '
                "make it `{expected}`",
            ),
        },
        docs=__doc__ or "",
    ),
)
