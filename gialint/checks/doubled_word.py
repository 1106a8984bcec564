"""重复的字词或句子 / A word or clause typed twice (的的, 公开公开, a clause repeated verbatim).

Editing leaves doubles behind: ``我镇的的工作``, ``主动公开公开政府信息``, or the same clause
twice in a row (``加强审核把关，加强审核把关。``). Chinese reduplicates some words on purpose
(常常, 人人, 看看, 谢谢, 层层, 逐一 …), so the rule is conservative: a single character counts
only for the particles 的 and 了, and not where the second starts a word (的的确确, 为了了解);
a doubled word of two
to four characters counts unless it is a numeral; a clause counts when it repeats the one
before it word for word. Table rows, numbers and Latin text are not checked.

**FAIL**::

    我镇的的政务公开工作
    主动公开公开政府信息35条
    严格审核把关，严格审核把关。

**PASS**::

    人人参与，层层落实，常常检查，村村公开。
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.checks._text import looks_tabular
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Options, Rule
from gialint.model.scan import lines_where

# Particles never doubled in formal prose — unless the second starts a word: 的确, 了解, 了结 …
# (和, 在, 与, 从 … are left out: 和和平村, 在在建项目, 与与会代表, 从从事 are right).
_SINGLE = lazy_re(r"(的)\1(?!确)|(了)\2(?![解结如然])")
_WORD = lazy_re(r"([\u4e00-\u9fff]{2,4})\1")
_NUMERAL = lazy_re(r"^[〇零一二三四五六七八九十百千万亿两几第]+$")
_CLAUSE = lazy_re(r"[^，,。；;！？：:\n]+")


def _clause_repeats(line: str) -> Iterator[tuple[int, int, str]]:
    clauses = _CLAUSE.findall(line)
    if len({text.strip() for text in clauses}) == len(clauses):
        return  # no clause written twice anywhere on the line (most lines)
    previous_text, previous_end = None, -2
    for m in _CLAUSE.finditer(line):
        text = m.group().strip()
        start = m.start()
        if len(text) >= 4 and text == previous_text and start - previous_end == 1:
            yield start, m.end(), text
        previous_text, previous_end = text, m.end()


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    doubled = set(lines_where(doc, _WORD))  # one scan of the text: most lines double no word
    for number, line in enumerate(doc.lines, 1):
        if not line.strip() or looks_tabular(line):
            continue
        taken: set[int] = set()
        for start, end, text in _clause_repeats(line):
            taken.update(range(start, end))
            yield ctx.report(Span(number, start + 1, number, end + 1), "clause", text=text)
        singles = "的的" in line or "了了" in line
        if not singles and number not in doubled:
            continue
        for pattern in (_SINGLE, _WORD) if singles else (_WORD,):
            for m in pattern.finditer(line):
                word = next(g for g in m.groups() if g)
                if m.start() in taken or _NUMERAL.match(word):
                    continue
                after = line[m.end() : m.end() + 2]
                if pattern is _SINGLE and len(after) == 2 and after[0] == after[1]:
                    continue  # AABB reduplication: 的的确确, 和和美美
                taken.update(range(m.start(), m.end()))
                yield ctx.report(Span(number, m.start() + 1, number, m.end() + 1), "word", text=m.group(0), word=word)


RULES = (
    Rule(
        name="doubled-word",
        code="GIA506",
        summary_zh="字词或句子重复（的的、公开公开、同一分句连写两遍）",
        summary_en="A word or clause typed twice (的的, 公开公开, the same clause twice in a row)",
        check=check,
        severity=Severity.WARNING,
        messages={
            "word": Message("“{text}”重复了“{word}”：删去一个", '"{text}" repeats "{word}": delete one'),
            "clause": Message("分句“{text}”与前一分句完全相同：删去重复的一句", 'the clause "{text}" repeats the one before it: delete one'),
        },
        docs=__doc__ or "",
    ),
)
