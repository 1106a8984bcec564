"""The shared per-document pass (gialint/model/scan.py), the rules' literal prefilter
(gialint/checks/_prefilter.py) and regexes compiled on first use (gialint/_lazy.py)."""

from __future__ import annotations

import random
import re

import pytest

from gialint._lazy import LazyPattern, lazy_re
from gialint.checks._prefilter import gate, literals, needed, prefilter, starts_plainly
from gialint.model.document import Document
from gialint.model.scan import digit_lines, lines_where, scan, year_lines
from gialint.read.parse.structure import split_lines


def _doc(text: str) -> Document:
    lines = split_lines(text)
    return Document(path="r.md", source=text, lines=lines, syntax="text", blocks=(), tables=(), sections=())


_TEXT = "标题\n\n2021年，我镇收到申请3件。\n2021 年\t表\n\n联系电话：０７３１-1234567\n末行 2020年"


@pytest.mark.parametrize("text", [_TEXT, _TEXT + "\n", "", "\n\n", "2021年"])
@pytest.mark.parametrize("pattern", [r"(?:19|20)\d{2}[^\S\n]*年", r"\d", r"[申电]", r"^$", r"年$"])
def test_lines_where_is_a_search_of_each_line(text: str, pattern: str) -> None:
    doc = _doc(text)
    rx = re.compile(pattern, re.MULTILINE)
    expected = tuple(n for n, line in enumerate(doc.lines, 1) if rx.search(line))
    assert lines_where(doc, rx) == expected
    assert lines_where(doc, rx) is lines_where(doc, rx)  # memoised with the document


def test_scan_offsets_and_shared_line_sets() -> None:
    doc = _doc(_TEXT)
    assert [doc.source[s : s + len(line)] for s, line in zip(scan(doc).starts, doc.lines)] == list(doc.lines)
    assert year_lines(doc) == (3, 4, 7)
    assert digit_lines(doc) == (3, 4, 6, 7)


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        (r"(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])", "XxＸｘ"),
        (r"(?:(?<=[（(【\[：:])|^)\s*待(?:补充|完善)", "待"),
        (r"此处填写|请(?:在此)?填写", "此请"),
        (r"(?:\*\*\*\s*)?\[image:[^\]\n]*\]", "["),
        (r"([，。])\1+", "，。"),
    ],
)
def test_needed_characters(pattern: str, chars: str) -> None:
    assert needed(re.compile(pattern)) == frozenset(chars)


@pytest.mark.parametrize("pattern", [r"a?", r"(?i)todo", r"(?i:todo)x?", r"\s+", r".+", r"[^，]+", r"(a)?\1?"])
def test_no_needed_characters_when_none_can_be_told(pattern: str) -> None:
    assert needed(re.compile(pattern)) is None


def test_prefilter_lets_through_every_line_with_a_match() -> None:
    patterns = [re.compile(p) for p in (r"(?<![A-Za-z])[Xx]{2,}", r"(?<=[（(])\s*具体(?:网址|号码)", r"^\s*待补充", r"某某")]
    found = prefilter(patterns)
    assert found is not None
    union, gates = found
    rnd = random.Random(4)
    alphabet = "Xx（(具体网址号码待补充某 a，"
    for _ in range(5000):
        line = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        for (own, pattern) in gates:
            if pattern.search(line):
                assert own.search(line) and union.search(line), (pattern.pattern, line)
    assert starts_plainly(re.compile("某某")) and not starts_plainly(patterns[0])
    assert gate(re.compile(r"(?:共)?申请\s*(?P<n>\d+)\s*件")) is not None


def test_lazy_pattern_compiles_on_first_use() -> None:
    rx = lazy_re(r"(\d{4})年")
    slot = LazyPattern.__dict__["search"]
    assert isinstance(rx, LazyPattern)
    with pytest.raises(AttributeError):
        slot.__get__(rx, LazyPattern)  # not compiled yet
    assert rx.pattern == r"(\d{4})年"
    assert rx.search("自2021年起").group(1) == "2021"  # type: ignore[union-attr]
    assert slot.__get__(rx, LazyPattern) is not None  # compiled once, kept
    assert [m.group(0) for m in rx.finditer("2020年、2021年")] == ["2020年", "2021年"]
    assert rx.flags == re.compile(r"(\d{4})年").flags


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        (r"(?:被申请|收到)?行政复议(?:案件)?\s*(?P<n>\d+)\s*(?:件|起)", "行政复议"),
        (r"上年结转(?:的)?申请\s*(?P<n>\d+)\s*件", "上年结转申请件"),
        (r"(?:ab)+c?", "ab"),
        (r"a|b", ""),
        (r"(?i)abc", ""),
    ],
)
def test_literals_every_match_holds(pattern: str, chars: str) -> None:
    assert literals(re.compile(pattern)) == frozenset(chars)


def test_a_formats_statement_wordings_are_gated() -> None:
    """The statements of text-table-mismatch are format wordings (LazyRegex), not compiled
    patterns: they are read like one, so the rule matches them only on the lines that can hold one."""
    from gialint.formats.labels import builtin_formats
    from gialint.formats.textpattern import LazyRegex

    statements = [s for fmt in builtin_formats() for s in fmt.statements]
    assert statements and all(isinstance(s.pattern, LazyRegex) for s in statements)
    for statement in statements:
        assert gate(statement.pattern) is not None, statement.pattern
        assert literals(statement.pattern) == literals(re.compile(statement.pattern.pattern))
    assert gate(LazyRegex("(?i)abc")) is None and literals(LazyRegex(r"(?:共)?申请")) == frozenset("申请")
