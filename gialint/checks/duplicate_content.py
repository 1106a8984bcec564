"""内容雷同 / A passage copied from another report of the run (another agency's, or last year's).

Supervisors punish reports that are 与往年或与其他单位雷同 (formats.md §4.4, D5): last year's text
with the year changed, or a neighbouring township's with the name changed — and, most often, one
template that several townships of a county all copied. Each paragraph is compared after removing
names, places, years and numbers; passages that are near-identical (similarity at or above
``threshold``) to a passage of another report are reported.

What every report may legitimately share is never counted, and it comes from the format and from
a shipped list, never from "what many reports of this run share" (four townships copying one
template must not turn it into boilerplate):

* the format's own sentences (``boilerplate`` patterns: the statutory preamble, the statistics
  period, contact lines …) and its table labels written out as a sentence;
* common official phrasing (``common-phrases``: 以…为指导, 坚持以人民为中心 …), removed from a
  sentence before it is compared, so that a paragraph of stock phrases only is too short to count.

One other report sharing passages with a report: one finding per part, naming the other report
and line. Two or more (a cluster): one finding for the report, with the cluster's size
("与另外 N 份报告的该段内容基本相同"). The same agency's two reports of one year in one run (a
double submission) are reported too.

Comparison uses MinHash sketches and locality-sensitive hashing (gialint/checks/similarity.py), so ten
thousand reports are compared in minutes, not pair by pair. This is a corpus rule: it runs in
``gialint audit`` and ``gialint check --corpus``, not on a single file in pre-commit.

**FAIL**: 魏店镇's part 五 is 兴隆镇's part 五 with the township's name and the year changed.

**FAIL**: four townships' part 一 is one template with only the names changed (all four reported).

**PASS**: two reports that share only the format's sentences (本报告所列数据的统计期限…).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.numbering import int_to_cn
from gialint.model.record import replace
from gialint.model.rule import (
    CorpusCheck,
    CorpusContext,
    CorpusItem,
    Message,
    Option,
    Options,
    Rule,
    no_document_check,
)
from gialint.model.userregex import MatchClock, option_patterns

BOILERPLATE = [
    r"统计(?:期限|时限|时间|时段)",
    r"本报告(?:电子版|内容|所列|由|是根据|全文|包括)",
    r"如对本报告有.{0,6}疑问",
    r"以下简称《条例》",
    r"年度报告格式",
    r"国办公开办函",
    r"[六6](?:个)?部分",
    r"查阅或下载",
    r"(?:联系)?电话[：:]|地址[：:]|邮编[：:]|电子邮箱[：:]|传真[：:]",
]

COMMON_PHRASES = [
    "以习近平新时代中国特色社会主义思想为指导",
    "全面贯彻党的二十大精神",
    "全面贯彻党的十九大和十九届历次全会精神",
    "深入贯彻落实",
    "坚持以人民为中心的发展思想",
    "坚持以人民为中心",
    "中华人民共和国政府信息公开条例",
    "政府信息公开条例",
    "按照上级有关要求",
    "按照上级部门的工作部署",
    "在县委、县政府的正确领导下",
    "在上级的正确领导下",
    "以公开为常态、不公开为例外",
    "公开为常态、不公开为例外",
    "保障人民群众的知情权、参与权、表达权、监督权",
    "知情权、参与权、表达权和监督权",
    "进一步提高政府工作透明度",
    "推进政务公开标准化规范化",
    "法治政府建设",
    "服务型政府",
    "稳步推进",
    "扎实推进",
    "切实做好",
    "不断提升",
    "进一步加强",
    "高度重视",
    "取得了一定成效",
    "取得明显成效",
]
"""Stock phrases of official writing, removed before comparing (a province may extend the list)."""


def _part_of(doc: Document, line: int) -> str:
    for section in doc.sections:
        if section.level == 1 and section.span.line <= line <= section.end_line:
            return int_to_cn(section.number)
    return ""


def _format_labels(doc: Document) -> tuple[str, ...]:
    if doc.format is None:
        return ()
    words = {c.label for t in doc.format.tables for c in t.columns if len(c.label) >= 2}
    words |= {h for t in doc.format.tables for h in t.header if len(h) >= 2}
    return tuple(sorted(words))


def collect(doc: Document, opts: Options) -> dict[str, Any]:
    # Imported here: corpus rules run in audits only, and start-up counts in pre-commit.
    from gialint.checks.similarity import SENTENCE_END, normalise, sketch

    static = option_patterns(tuple(opts["boilerplate"]), tuple(BOILERPLATE))
    clock = MatchClock(RULES[0].name)
    phrases = sorted(opts["common-phrases"], key=len, reverse=True)
    names = [n for n in (doc.agency, (doc.agency or "").replace("人民政府", "")) if n]
    labels = _format_labels(doc)
    paragraphs = []
    for block in doc.blocks:
        if block.kind not in ("paragraph", "list_item"):
            continue
        kept = []
        for sentence in SENTENCE_END.split(block.text):
            if not sentence.strip() or clock.search(static, sentence, block.span.line):
                continue
            if sum(1 for label in labels if label in sentence) >= 3:
                continue  # the format's own table labels, written out as a sentence
            for phrase in phrases:
                sentence = sentence.replace(phrase, "")
            norm = normalise(sentence, names)
            if norm:
                kept.append(norm)
        text = "".join(kept)
        if len(text) < opts["min-length"]:
            continue
        sig = sketch(text)
        if sig is not None:
            paragraphs.append((block.span.line, _part_of(doc, block.span.line), sig))
    clock.raise_if_expired()
    return {"paragraphs": paragraphs, "agency": doc.agency or "", "year": doc.year}


Match = tuple[int, int, float]
"""(line in this report, line in the other report, similarity)."""


def _matches(items: Sequence[CorpusItem], threshold: float) -> dict[tuple[int, str], dict[int, list[Match]]]:
    """For each (report, part): the other reports with near-identical passages, and where."""
    from gialint.checks.similarity import candidate_pairs, similarity

    sketches, owner, where = [], [], []
    for doc_index, item in enumerate(items):
        for line, part, sig in item.features["paragraphs"]:
            sketches.append(sig)
            owner.append(doc_index)
            where.append((line, part))
    found: dict[tuple[int, str], dict[int, list[Match]]] = defaultdict(lambda: defaultdict(list))
    for i, j in candidate_pairs(sketches, owner):
        score = similarity(sketches[i], sketches[j])
        if score < threshold:
            continue
        for a, b in ((i, j), (j, i)):
            found[(owner[a], where[a][1])][owner[b]].append((where[a][0], where[b][0], score))
    return found


def _part_name(part: str) -> tuple[str, str]:
    return (f"第{part}部分", f"part {part}") if part else ("引言", "the preamble")


def _names(items: Sequence[CorpusItem], others: Sequence[int], most: int = 3) -> str:
    shown = "、".join(items[o].path for o in others[:most])
    return shown + (f" 等 {len(others)} 份" if len(others) > most else "")


def _pairs(items: Sequence[CorpusItem], doc: int, parts: dict[str, dict[int, list[Match]]], ctx: CorpusContext) -> Iterator[Diagnostic]:
    for part, by_other in sorted(parts.items()):
        for other, matches in sorted(by_other.items()):
            matches.sort()
            line, other_line, _ = matches[0]
            zh, en = _part_name(part)
            found = ctx.report(
                items[doc].path, Span(line, 1, line, 1), "copied", part=zh, part_en=en, count=len(matches),
                other=items[other].path, other_line=other_line,
                similarity=round(sum(s for _, _, s in matches) / len(matches) * 100),
            )
            yield replace(found, related=((items[other].path, other_line),))


def _cluster(items: Sequence[CorpusItem], doc: int, parts: dict[str, dict[int, list[Match]]], ctx: CorpusContext) -> Diagnostic:
    others = sorted({o for by_other in parts.values() for o in by_other})
    matches = [m for by_other in parts.values() for ms in by_other.values() for m in ms]
    lines = sorted({m[0] for m in matches})
    names = [_part_name(p) for p in sorted(parts)]
    first_in_other = {o: min(m[1] for ms in (by.get(o, []) for by in parts.values()) for m in ms) for o in others}
    found = ctx.report(
        items[doc].path, Span(lines[0], 1, lines[0], 1), "cluster",
        parts="、".join(n[0] for n in names), parts_en=", ".join(n[1] for n in names),
        count=len(lines), size=len(others), others=_names(items, others),
        others_en=", ".join(items[o].path for o in others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else ""),
        similarity=round(sum(m[2] for m in matches) / len(matches) * 100),
    )
    return replace(found, related=tuple((items[o].path, first_in_other[o]) for o in others))


def _double_submissions(items: Sequence[CorpusItem], ctx: CorpusContext) -> Iterator[Diagnostic]:
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        agency, year = item.features.get("agency", ""), item.features.get("year")
        if agency and year:
            groups[(agency, year)].append(index)
    for (agency, year), members in sorted(groups.items()):
        if len(members) < 2:
            continue
        for index in members:
            others = [m for m in members if m != index]
            yield ctx.report(
                items[index].path, Span(1, 1, 1, 1), "double", agency=agency, year=year,
                count=len(members), others=_names(items, others), others_en=", ".join(items[o].path for o in others),
            )


def finish(items: Sequence[CorpusItem], opts: Options, ctx: CorpusContext) -> Iterator[Diagnostic]:
    if len(items) < 2:
        return
    by_doc: dict[int, dict[str, dict[int, list[Match]]]] = defaultdict(dict)
    for (doc, part), by_other in _matches(items, opts["threshold"]).items():
        by_doc[doc][part] = by_other
    for doc, parts in sorted(by_doc.items()):
        size = len({o for by_other in parts.values() for o in by_other})
        if size >= opts["cluster-size"] - 1:
            yield _cluster(items, doc, parts, ctx)
        else:
            yield from _pairs(items, doc, parts, ctx)
    yield from _double_submissions(items, ctx)


RULES = (
    Rule(
        name="duplicate-content",
        code="GIA601",
        summary_zh="内容雷同：段落与本次检查的另一份报告（其他单位或往年）几乎相同",
        summary_en="Copied content: passages near-identical to another report of the run (another agency's or last year's)",
        check=no_document_check,
        severity=Severity.WARNING,
        options=(
            Option("threshold", (float, int), 0.8, "Similarity (0–1, estimated Jaccard of 4-character shingles) from which passages count as copied."),
            Option("min-length", int, 30, "Passages shorter than this many characters (after normalisation) are not compared."),
            Option("cluster-size", int, 3, "From this many reports sharing passages (the report itself included), one finding per report names the cluster instead of one per pair and part."),
            Option("boilerplate", list, BOILERPLATE, "Regular expressions for the format's own sentences, never counted.", item=str, regex=True),
            Option("common-phrases", list, COMMON_PHRASES, "Stock phrases of official writing, removed from sentences before comparing.", item=str),
            Option("boilerplate-share", (float, int), 0.3, "No longer used (boilerplate is not learned from the run); accepted so that older configurations still load."),
            Option("boilerplate-min-reports", int, 3, "No longer used; accepted so that older configurations still load."),
        ),
        messages={
            "copied": Message(
                "{part}有 {count} 段与 {other}（第 {other_line} 行起）几乎相同（相似度 {similarity}%，已去除机关名称、年份和数字）：疑为照搬，应按本机关本年度的实际情况撰写",
                "{count} passage(s) of {part_en} are near-identical to {other} (from line {other_line}; {similarity}% similar "
                "once names, years and numbers are removed): apparently copied; write about this agency's own year",
            ),
            "cluster": Message(
                "{parts}共 {count} 段与另外 {size} 份报告（{others}）的该段内容基本相同（平均相似度 {similarity}%，已去除机关名称、年份和数字）："
                "疑为多个单位共用同一底稿，应按本机关本年度的实际情况撰写",
                "{count} passage(s) of {parts_en} are essentially the same as in {size} other reports ({others_en}; {similarity}% similar "
                "on average once names, years and numbers are removed): apparently one template shared by several agencies; "
                "write about this agency's own year",
            ),
            "double": Message(
                "本次检查中{agency}的{year}年度报告共有 {count} 份（另见 {others}）：疑为重复提交，应只保留一份",
                "this run holds {count} reports of {agency} for {year} (see also {others_en}): apparently submitted twice; keep one",
            ),
        },
        docs=__doc__ or "",
        corpus=CorpusCheck(collect, finish),
    ),
)
