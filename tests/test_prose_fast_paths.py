"""The prose rules' cheap first looks (issue #12) decide as the patterns they stand for: checked
against those patterns, and the rewritten loops against the loops they replaced, on random text."""

from __future__ import annotations

import random
from collections.abc import Iterator

from gialint.checks._text import lines_within, told_lines, told_ranges
from gialint.checks.doubled_word import _WORD, _may_double
from gialint.checks.enumeration_order import _markers
from gialint.checks.enumeration_order import check as enumeration_check
from gialint.checks.wrong_agency import _SUBJECT, _SUBJECT_END
from gialint.model.document import Document
from gialint.testing import lint


def _strings(alphabet: list[str], count: int, longest: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(count)]


def test_may_double_is_the_word_pattern() -> None:
    # Chinese characters (the range's ends and its neighbours), blanks, a character beyond the
    # BMP, a lone surrogate, characters whose low or high byte is zero (U+3000, U+0100, NUL).
    alphabet = ["公", "开", "工", "的", "一", "\u9fff", "\u4dff", "\ua000", "\u3000", " ", "\n", "，",
                "a", "\U00020000", "\udcff", "\u0100", "\x00", "Ā"]
    for seed, longest in ((1, 6), (2, 12), (3, 24)):
        for text in _strings(alphabet, 20_000, longest, seed):
            assert _may_double(text) == bool(_WORD.search(text)), repr(text)
    for text in _strings(["公", "开", "工", "作"], 20_000, 14, 4):  # few characters: many doubles
        assert _may_double(text) == bool(_WORD.search(text)), repr(text)


def test_subject_end_is_found_wherever_the_subject_is() -> None:
    pieces = ["李家", "镇", "乡", "街道", "人民政府", "政府", "党委", "高度重视", "认真", "加强", "。", "，", " ",
              "2022年", "2022年度", "我", "与", "\n"]
    for text in _strings(pieces, 30_000, 8, 5):
        if _SUBJECT.search(text):
            assert _SUBJECT_END.search(text), repr(text)


def _enumeration_as_before(lines: tuple[str, ...]) -> Iterator[tuple[int, int, int, str]]:
    """enumeration-order's loop as it was: every line, (line, marker number, last, what)."""
    last = 0
    for number, line in enumerate(lines, 1):
        if "是" not in line or "\t" in line or "|" in line:
            last = 0 if line.strip() else last
            continue
        markers = _markers(line)
        if not (bool(markers) and not line[: markers[0][1]].strip(" \u3000\t*（(-+·•>#")):
            last = 0
        for n, _, _ in markers:
            if n == 1:
                last = 1
                continue
            if last == 0:
                continue
            yield number, n, last, "repeated" if n == last else "skipped" if n > last + 1 else "back" if n < last else ""
            last = n


def test_enumeration_order_reads_the_lines_it_reads_as_before() -> None:
    pieces = ["一是", "二是", "三是", "四是", "统一是", "加强", "；", "。", "\n", "\n", " ", "\t", "是"]
    for text in _strings(pieces, 3_000, 14, 6):
        lines = tuple(text.split("\n"))
        doc = Document(path="r.txt", source="\n".join(lines), lines=lines, syntax="text", blocks=(), tables=(), sections=())
        expected = [(line, key) for line, _, _, key in _enumeration_as_before(lines) if key]
        ctx = _Ctx()
        got = [(d[0], d[1]) for d in enumeration_check(doc, {}, ctx)]  # type: ignore[arg-type]
        assert got == expected, repr(text)


class _Ctx:
    def report(self, span, key, **params):  # type: ignore[no-untyped-def]
        return span.line, key


def test_lines_within_are_the_told_lines_among_them() -> None:
    text = "\n".join(["某镇2022年政府信息公开工作年度报告", "引言2022年", "一、总体情况", "2022年我镇", "二、主动公开政府信息情况",
                      "2023年", "三、收到和处理政府信息公开申请情况", "2021年"] * 2)
    from gialint.testing import _environment, make_config

    _, _, linter = _environment()
    doc = linter.read("r.txt", text.encode(), make_config())
    every = tuple(range(1, len(doc.lines) + 1))
    for parts in ((1,), (1, 2, 3, 4), (2, 1)):
        assert list(lines_within(every, told_ranges(doc, parts))) == list(told_lines(doc, parts))
        some = every[::3]
        assert list(lines_within(some, told_ranges(doc, parts))) == [n for n in told_lines(doc, parts) if n in some]


def test_enumeration_order_still_reports() -> None:
    assert [d.rule for d in lint("一是加强领导；三是规范发布。\n", select=["enumeration-order"])] == ["enumeration-order"]
