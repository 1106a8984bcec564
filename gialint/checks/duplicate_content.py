"""内容雷同 / A passage copied from another report of the run (another agency's, or last year's).

Supervisors punish reports that are 与往年或与其他单位雷同 (formats.md §4.4, D5): last year's text
with the year changed, or a neighbouring township's with the name changed. Each paragraph is
compared after removing names, places, years and numbers; passages that are near-identical
(similarity at or above ``threshold``) to a passage of another report are reported once per part,
naming both places and the similarity. Text every report legitimately shares is not counted: the
format's own sentences (``boilerplate`` patterns: the statutory preamble, the statistics period …)
and sentences the run's corpus shares widely (in at least ``boilerplate-share`` of its reports).

Comparison uses MinHash sketches and locality-sensitive hashing (gialint/similarity.py), so ten
thousand reports are compared in minutes, not pair by pair. This is a corpus rule: it runs in
``gialint audit`` and ``gialint check --corpus``, not on a single file in pre-commit.

**FAIL**: 魏店镇's part 五 is 兴隆镇's part 五 with the township's name and the year changed.

**PASS**: two reports that share only the format's sentences (本报告所列数据的统计期限…).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from gialint.diagnostic import Diagnostic, Severity
from gialint.document import Document, Span
from gialint.numbering import int_to_cn
from gialint.rule import no_document_check, CorpusCheck, CorpusContext, CorpusItem, Message, Option, Options, Rule
from gialint.userregex import MatchClock, option_patterns

BOILERPLATE = [
    r"统计(?:期限|时间|时段)",
    r"本报告(?:电子版|内容|所列|由|是根据|全文|包括)",
    r"如对本报告有.{0,6}疑问",
    r"以下简称《条例》",
    r"年度报告格式",
    r"[六6](?:个)?部分",
    r"查阅或下载",
    r"(?:联系)?电话[：:]|地址[：:]|邮编[：:]|电子邮箱[：:]|传真[：:]",
]


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
    from gialint.similarity import SENTENCE_END, normalise, sentence_hash, sketch

    static = option_patterns(tuple(opts["boilerplate"]), tuple(BOILERPLATE))
    clock = MatchClock(RULES[0].name)
    names = [n for n in (doc.agency, (doc.agency or "").replace("人民政府", "")) if n]
    labels = _format_labels(doc)
    paragraphs = []
    for block in doc.blocks:
        if block.kind not in ("paragraph", "list_item"):
            continue
        sentences = []
        kept = []
        for sentence in SENTENCE_END.split(block.text):
            if not sentence.strip() or clock.search(static, sentence, block.span.line):
                continue
            if sum(1 for label in labels if label in sentence) >= 3:
                continue  # the format's own table labels, written out as a sentence
            norm = normalise(sentence, names)
            if norm:
                sentences.append((sentence_hash(norm), len(norm)))
                kept.append(norm)
        text = "".join(kept)
        if len(text) < opts["min-length"]:
            continue
        sig = sketch(text)
        if sig is not None:
            paragraphs.append((block.span.line, _part_of(doc, block.span.line), tuple(sentences), sig))
    clock.raise_if_expired()
    return {"paragraphs": paragraphs}


def finish(items: Sequence[CorpusItem], opts: Options, ctx: CorpusContext) -> Iterator[Diagnostic]:
    from gialint.similarity import candidate_pairs, similarity

    if len(items) < 2:
        return
    # Sentences that a large share of the run's reports contain are boilerplate.
    df: Counter[int] = Counter()
    for item in items:
        df.update({h for _, _, sentences, _ in item.features["paragraphs"] for h, _ in sentences})
    floor = max(opts["boilerplate-min-reports"], math.ceil(opts["boilerplate-share"] * len(items)))
    common = {h for h, n in df.items() if n >= floor}
    sketches, owner, where = [], [], []
    for doc_index, item in enumerate(items):
        for line, part, sentences, sig in item.features["paragraphs"]:
            total = sum(n for _, n in sentences) or 1
            if sum(n for h, n in sentences if h in common) / total >= 0.6:
                continue
            sketches.append(sig)
            owner.append(doc_index)
            where.append((line, part))
    matches: dict[tuple[int, int, str], list[tuple[int, int, float]]] = defaultdict(list)
    for i, j in candidate_pairs(sketches, owner):
        score = similarity(sketches[i], sketches[j])
        if score < opts["threshold"]:
            continue
        for a, b in ((i, j), (j, i)):
            matches[(owner[a], owner[b], where[a][1])].append((where[a][0], where[b][0], score))
    for (doc_a, doc_b, part), pairs in sorted(matches.items()):
        pairs.sort()
        line, other_line, _ = pairs[0]
        mean = sum(s for _, _, s in pairs) / len(pairs)
        first = Span(line, 1, line, 1)
        yield ctx.report(
            items[doc_a].path,
            first,
            "copied",
            part=f"第{part}部分" if part else "引言",
            part_en=f"part {part}" if part else "the preamble",
            count=len(pairs),
            other=items[doc_b].path,
            other_line=other_line,
            similarity=round(mean * 100),
        )



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
            Option("boilerplate-share", (float, int), 0.3, "Sentences found in at least this share of the run's reports are boilerplate."),
            Option("boilerplate-min-reports", int, 3, "…and in at least this many reports."),
            Option("boilerplate", list, BOILERPLATE, "Regular expressions for the format's own sentences, never counted.", item=str, regex=True),
        ),
        messages={
            "copied": Message(
                "{part}有 {count} 段与 {other}（第 {other_line} 行起）几乎相同（相似度 {similarity}%，已去除机关名称、年份和数字）：疑为照搬，应按本机关本年度的实际情况撰写",
                "{count} passage(s) of {part_en} are near-identical to {other} (from line {other_line}; {similarity}% similar "
                "once names, years and numbers are removed): apparently copied; write about this agency's own year",
            ),
        },
        docs=__doc__ or "",
        corpus=CorpusCheck(collect, finish),
    ),
)
