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

from bisect import bisect_right
from collections.abc import Iterator
from itertools import compress, count
from operator import eq

from gialint._lazy import lazy_re
from gialint.checks._text import looks_tabular
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Options, Rule
from gialint.model.scan import lines_where, scan

# Particles never doubled in formal prose — unless the second starts a word: 的确, 了解, 了结 …
# (和, 在, 与, 从 … are left out: 和和平村, 在在建项目, 与与会代表, 从从事 are right).
_SINGLE = lazy_re(r"(的)\1(?!确)|(了)\2(?![解结如然])")
_TWICE = lazy_re("的的|了了")
"""What every match of _SINGLE starts with."""
_WORD = lazy_re(r"([\u4e00-\u9fff]{2,4})\1")
_NUMERAL = lazy_re(r"^[〇零一二三四五六七八九十百千万亿两几第]+$")
_CLAUSE = lazy_re(r"[^，,。；;！？：:\n]+")


def _clause_repeats(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, clause) of each clause of ``text`` (of four characters or more, blanks
    around it aside) that repeats the one just before it, one mark (or line break) between them."""
    clauses = list(map(str.strip, _CLAUSE.findall(text)))
    # The clauses equal to the one before (an index into clauses), at C speed: most texts have
    # none of four characters or more; only then are the clauses found again, with places.
    twice = [i for i in compress(count(1), map(eq, clauses, clauses[1:])) if len(clauses[i]) >= 4]
    if not twice:
        return
    found = list(_CLAUSE.finditer(text))
    for i in twice:
        start, previous_end = found[i].start(), found[i - 1].end()
        if start - previous_end == 1:
            yield start, found[i].end(), clauses[i]


def _may_double(text: str) -> bool:
    """Whether _WORD matches somewhere in ``text``: a word of two to four characters of
    \\u4e00-\\u9fff written twice in a row. The same answer as ``_WORD.search(text)``, found by
    comparing the text with itself shifted by two, three and four characters, all at once.

    ``re`` tries _WORD at every such character (most of a report) and at each backtracks from
    four characters to two: most of this rule's time. Here each character is two bytes (UTF-16,
    one code unit; a character beyond is two units neither of which counts); the high byte of
    a character of the range is 0x4E–0x9F, and a character outside gets a high byte of 0x00 in
    one copy, 0x01 in the other. XOR of the copies, the second shifted by k units, is zero in a
    unit exactly where both characters are of the range and equal; k zero units in a row from
    unit i (with i + 2k units in the text) are the word text[i:i + k] written twice."""
    data = text.encode("utf-16-le", "surrogatepass")
    size = len(data)
    high = data[1::2]
    mine, theirs = bytearray(data), bytearray(data)
    mine[1::2] = high.translate(_HIGH_OR_0)
    theirs[1::2] = high.translate(_HIGH_OR_1)
    first, second = int.from_bytes(mine, "little"), int.from_bytes(theirs, "little")
    for k in (2, 3, 4):
        zeros = bytes(2 * k)
        same = (first ^ (second >> (16 * k))).to_bytes(size, "little")
        at = same.find(zeros, 0, size - 2 * k)
        while at >= 0 and at % 2:  # a run from a high byte, not a whole unit: look on
            at = same.find(zeros, at + 1, size - 2 * k)
        if at >= 0:
            return True
    return False


_HIGH_OR_0 = bytes(b if 0x4E <= b <= 0x9F else 0 for b in range(256))
_HIGH_OR_1 = bytes(b if 0x4E <= b <= 0x9F else 1 for b in range(256))


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    starts = scan(doc).starts
    repeats: dict[int, list[tuple[int, int, str]]] = {}
    source = doc.source
    for start, end, text in _clause_repeats(source):
        if source[start - 1] == "\n":
            continue  # the clause before ends the line before
        number = bisect_right(starts, start)
        offset = starts[number - 1]
        repeats.setdefault(number, []).append((start - offset, end - offset, text))
    # One scan of the text each: most lines double no word, and most reports none at all.
    doubled = set(lines_where(doc, _WORD)) if _may_double(doc.source) else set()
    singles = set(lines_where(doc, _TWICE))
    lines = doc.lines
    for number in sorted(repeats.keys() | doubled | singles):
        line = lines[number - 1]
        if not line.strip() or looks_tabular(line):
            continue
        taken: set[int] = set()
        for start, end, text in repeats.get(number, ()):
            taken.update(range(start, end))
            yield ctx.report(Span(number, start + 1, number, end + 1), "clause", text=text)
        if number in singles:
            patterns = (_SINGLE, _WORD)
        elif number in doubled:
            patterns = (_WORD,)
        else:
            continue
        for pattern in patterns:
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
