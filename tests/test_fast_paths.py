"""The str-method and memoised fast paths of the readers and the table matcher (issue #12) give
what the slower code they replaced gave: checked against that code on random text."""

from __future__ import annotations

import random
import re

import pytest

from gialint.formats.labels import builtin_formats, is_value, label_like, vocabulary
from gialint.formats.matchfacts import facts, table_of, text_kind
from gialint.model.document import Block, Cell, Row, Span, Table
from gialint.read.parse import tabular
from gialint.read.parse.markdown import _pipe_row
from gialint.read.parse.tabular import _INDENT, split_tab_row
from gialint.read.parse.texttokens import _tokenize, tokenize

_ONE_CELL_LINE = re.compile(r"^[ \u3000\xa0]*\t([^\t]*)$")


def _strings(alphabet: list[str], count: int, longest: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(count)]


def _split_by_find(line_no: int, line: str) -> Row:
    """The tab-row reader as it was: a cell between each pair of tabs, by str.find."""
    cells, start = [], 0
    while True:
        end = line.find("\t", start)
        cells.append(_cell(line_no, line, start, len(line) if end < 0 else end))
        if end < 0:
            return Row(tuple(cells), line_no)
        start = end + 1


def test_one_cell_lines_and_tab_rows() -> None:
    for line in _strings([" ", "\u3000", "\xa0", "\t", "a", "规", "\n", "\r", "0"], 5_000, 8, 1):
        m = _ONE_CELL_LINE.match(line)
        assert _cell_line(line) == (m.start(1) if m else -1), repr(line)
        assert split_tab_row(3, line) == _split_by_find(3, line), repr(line)


def _pipe_row_as_was(line_no: int, line: str) -> Row:
    """The pipe-row reader before it skipped the replacements a line does not need."""
    if "\\" in line:
        cuts = [m.start() for m in re.finditer(r"(?<!\\)\|", line)]
        segments = [line[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(line)])]
    else:
        segments = line.split("|")
    stripped = line.strip()
    skip_first, skip_last = stripped.startswith("|"), stripped.endswith("|")
    cells, a = [], 0
    for i, raw in enumerate(segments):
        at, a = a, a + len(raw) + 1
        if i == 0 and skip_first or i == len(segments) - 1 and skip_last and not raw.strip():
            continue
        text = raw.strip()
        col = at + len(raw) - len(raw.lstrip()) + 1
        cells.append(Cell(text.replace("**", "").replace("\\|", "|"), Span(line_no, col, line_no, col + len(text))))
    return Row(tuple(cells), line_no)


def test_pipe_rows() -> None:
    for line in _strings(["|", "*", "\\", " ", "a", "规", "\t", "0"], 5_000, 10, 2):
        assert _pipe_row(2, line) == _pipe_row_as_was(2, line), repr(line)


def test_cell_kinds_are_the_label_tests() -> None:
    texts = ["", "0", "12", "1,234", "3.5万元", "-", "/", "无", "规章", "1.规章", "（一）行政许可", "本年新收", "xx", "。。"]
    for text in texts + _strings(["0", "1", ".", ",", "万", "元", "规", "章", "-", " ", "（", "一"], 2_000, 6, 3):
        assert text_kind(text) == (is_value(text), label_like(Cell(text, Span(1, 1, 1, 1)))), repr(text)


def test_format_facts_are_the_formats() -> None:
    for fmt in builtin_formats():
        known = facts(fmt)
        assert facts(fmt) is known
        for table in fmt.tables:
            assert table_of(fmt, table.id) is fmt.table(table.id)
        assert table_of(fmt, "no such table") is None
        assert set(known.unlabeled) == {t.id for t in fmt.tables if any(not r.label for r in t.rows)}


def _fields(tokens: list) -> list[tuple[object, ...]]:
    return [(t.kind, t.start, t.end, t.text, t.glued, t.unknown) for t in tokens]


def test_tokenize_memo_hands_out_new_tokens() -> None:
    vocab = vocabulary(builtin_formats())
    lines = ["第二十条第（一）项", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "规章 | 0 | 0 | 0", "本年新收政府信息公开申请数量 5 0 0"]
    for line in lines * 2:
        first, again = tokenize(line, vocab), tokenize(line, vocab)
        assert _fields(first) == _fields(again) == _fields(_tokenize(line, vocab))
        assert all(a is not b for a, b in zip(first, again))  # the reader adjusts them in place
        if first:
            first[0].kind = "text"
            assert tokenize(line, vocab)[0].kind == _tokenize(line, vocab)[0].kind


def test_table_ends_where_the_untried_rules_would_end_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table row starting with none of the terminating rules' first characters is not tried
    against them: the tables found are those found when every row is tried."""
    from gialint.read.parse import mdit

    starts = ["|", "a", "规", " ", "   ", "    ", "-", "*", "_", "+", "#", ">", "<", "`", "~", "1", "1.", "2)", "<div>", "```", "***", "- x", "# h", ""]
    rnd = random.Random(7)
    texts = []
    for _ in range(400):
        rows = [f"{rnd.choice(starts)}{rnd.choice(['', ' ', '|'])}{rnd.choice(['a', '1', '规', ''])} | b |" for _ in range(rnd.randint(0, 5))]
        texts.append("\n".join(["| h | k |", "|---|---|", *rows, rnd.choice(["", "after", "| x | y |"])]) + "\n")
    md = mdit.parser()

    def maps() -> list[list[tuple[str, list[int] | None]]]:
        return [[(t.type, t.map) for t in md.parse(text)] for text in texts]

    fast = maps()
    monkeypatch.setattr(mdit, "_starts", lambda names: None)
    assert fast == maps()


def test_bare_figures_read_as_before() -> None:
    """parse_number and is_value answer a bare ASCII figure without normalising it: the same
    answer as the full path (NFKC, units, separators, the number pattern)."""
    from gialint.formats import labels

    number = re.compile(r"^[+\-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:[.．]\d+)?\s*(?:万元|元|万|件|条|个|项)?$")
    for text in _strings(["0", "1", "9", "²", "１", "٣", " ", "件"], 3_000, 6, 2):
        t = labels._UNIT_SUFFIX.sub("", labels.nfkc(text).strip().replace("−", "-").replace(",", "")).strip()
        try:
            expected: float | None = float(t)
        except ValueError:
            expected = None
        assert labels.parse_number(text) == expected, repr(text)
        assert labels.is_value(text) == bool(number.match(labels.nfkc(text).strip())), repr(text)


def _clauses_by_match(line: str) -> list[tuple[int, int, str]]:
    """doubled-word's clause scan as it was: every clause compared with the one before it."""
    found, previous_text, previous_end = [], None, -2
    for m in re.finditer(r"[^，,。；;！？：:\n]+", line):
        text = m.group().strip()
        if len(text) >= 4 and text == previous_text and m.start() - previous_end == 1:
            found.append((m.start(), m.end(), text))
        previous_text, previous_end = text, m.end()
    return found


def test_repeated_clauses_as_before() -> None:
    from gialint.checks.doubled_word import _clause_repeats

    for line in _strings(["审核把关", "审核把关", "公开", " ", "，", "，", "。", "\n", "公"], 5_000, 8, 3):
        assert list(_clause_repeats(line)) == _clauses_by_match(line), repr(line)


def test_patterns_that_start_with_a_character_set_match_as_before() -> None:
    """Patterns rewritten to start with a character set (re then skips what is outside it) find
    what the plainer forms found."""
    from gialint.read.parse.flattened import _PART_NUMERAL
    from gialint.read.parse.texttables import _ROW_FIGURES

    numeral = re.compile(r"([一二三四五六七八九十]{1,2})[ \u3000\xa0]*[、．.][ \u3000\xa0]*")
    figures = re.compile(r"[|｜]|\d[ \u3000\xa0]+[-—–/0-9]|\d{3,}(?![\d年月日号件条个项元%％])")
    for text in _strings(["一", "二", "十", "、", "．", ".", " ", "\u3000", "\xa0", "\n", "本", "。"], 20_000, 12, 7):
        old = [(m.span(), m.groups()) for m in numeral.finditer(text)]
        assert [(m.span(), m.groups()) for m in _PART_NUMERAL.finditer(text)] == old, repr(text)
    alphabet = ["0", "1", "9", "０", "٣", "|", "｜", " ", "\u3000", "\xa0", "-", "—", "/", "年", "件", "%", "a", "。"]
    for text in _strings(alphabet, 30_000, 10, 8):
        assert (_ROW_FIGURES.search(text) is None) == (figures.search(text) is None), repr(text)


def _segment_as_before(lines: list[str], first_line: int) -> list[Block | Table]:
    """The text-export segmenter as it was: one helper call per line for each test."""
    out: list[Block | Table] = []
    rows: list[Row] = []
    shape = ""

    def close() -> None:
        nonlocal rows, shape
        if rows:
            out.append(tabular._table(rows, shape))
        rows, shape = [], ""

    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        line_no = first_line + i
        if _is_blank(line):
            if shape == "tabs":
                close()
            i += 1
            continue
        if _cell_line(line) >= 0:
            cells: list[Cell] = []
            j = i
            while j < n and not _is_blank(lines[j]):
                current = lines[j]
                at = _cell_line(current)
                if at >= 0:
                    cells.append(_cell(first_line + j, current, at, len(current)))
                elif cells and not tabular._PART_HEADING.match(current) and "\t" not in current:
                    prev = cells[-1]
                    text = current.strip()
                    lead = len(current) - len(current.lstrip())
                    span = Span(
                        prev.span.line if prev.text else first_line + j,
                        prev.span.column if prev.text else lead + 1,
                        first_line + j,
                        lead + 1 + len(text),
                    )
                    cells[-1] = Cell((prev.text + text) if prev.text else text, span)
                else:
                    break
                j += 1
            lone = cells[0].text if len(cells) == 1 else ""
            if lone and (
                not rows and len(lone) > 40 and tabular._SENTENCE_END.search(lone)
                or len(lone) <= 40 and tabular._HEADING.match(lone)
            ):
                close()
                out.append(Block("paragraph", cells[0].text, cells[0].span))
            else:
                if shape != "cell-per-line":
                    close()
                    shape = "cell-per-line"
                rows.append(Row(tuple(cells), cells[0].span.line))
            i = j
            continue
        if "\t" in line:
            if shape != "tabs":
                close()
                shape = "tabs"
            rows.append(split_tab_row(line_no, line))
            i += 1
            continue
        close()
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        out.append(Block("paragraph", stripped, Span(line_no, lead + 1, line_no, lead + 1 + len(stripped))))
        i += 1
    close()
    return out


def test_segment_reads_lines_as_before() -> None:
    """One find of a tab per line (the helpers inlined) splits text exports as the helpers did."""
    pieces = ["\t", "\t", " ", "\u3000", "\xa0", "规章", "0", "一、", "（二）", "。", "x" * 41, "\r"]
    rnd = random.Random(9)
    for _ in range(3_000):
        lines = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 4))) for _ in range(rnd.randint(0, 14))]
        first = rnd.randint(1, 30)
        assert tabular.segment(lines, first) == _segment_as_before(lines, first), lines


def test_lines_of_words_without_labels_skip_the_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a table, a line of other words with no label and no pipe is not tokenized: the
    tables found are those found when it was."""
    from gialint.read.parse import texttables

    base = vocabulary(builtin_formats())
    labels = ["规章", "行政许可", "本年新收政府信息公开申请数量", "自然人", "总计", "第二十条第（一）项", "项目"]
    others = ["0", "12", "353535", "2021年", "5件", "无", "-", "|", "｜", " ", "  ", "\u3000", "本报告", "。", "其他", "补证", "行政", "本年", "申请"]
    rnd = random.Random(11)

    def line() -> str:
        pool = others if rnd.random() < 0.4 else labels + others
        return "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 9)))

    cases = [[(n, line()) for n in range(1, rnd.randint(2, 9))] for _ in range(1_500)]

    def found(unless_labelled: bool) -> list[object]:
        out: list[object] = []
        for numbered in cases:
            vocab = base.replace(prose=set())
            out.append([(f.table, f.pieces) for f in texttables._find(numbered, vocab)])
        return out

    fast = found(True)
    plain = texttables.tokenize
    monkeypatch.setattr(texttables, "tokenize", lambda line, vocab, unless_labelled=False: plain(line, vocab))
    assert fast == found(False)
    assert any(fast)


# The reader's old helpers, kept here as the reference its inlined fast paths are compared with.


def _cell(line_no: int, line: str, start: int, end: int) -> Cell:
    raw = line[start:end]
    stripped = raw.strip()
    if stripped:
        lead = len(raw) - len(raw.lstrip())
        col = start + lead + 1
        return Cell(stripped, Span(line_no, col, line_no, col + len(stripped)))
    return Cell("", Span(line_no, start + 1, line_no, start + 1))


def _is_blank(line: str) -> bool:
    """A line with a tab is never blank: in a one-cell-per-line table ``\\t`` alone is an empty cell."""
    return "\t" not in line and not line.strip()


def _cell_line(line: str) -> int:
    """Where the cell of a one-cell line starts (after its only tab, only blanks before it), or -1:
    ``^[ \\u3000\\xa0]*\\t[^\\t]*$`` with str methods."""
    tab = line.find("\t")
    if tab < 0 or line.find("\t", tab + 1) >= 0 or line[:tab].strip(_INDENT):
        return -1
    return tab + 1
