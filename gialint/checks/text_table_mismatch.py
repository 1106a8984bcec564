"""正文与表格数据不符 / A figure stated in the text contradicts the table cell it describes.

The format's ``statements:`` say which sentences state which cell — 共收到政府信息公开申请N件
is table 三's 一、本年新收 / 总计, 行政复议N件 is table 四's 行政复议 / 总计, 行政诉讼N件 is the sum
of table 四's two litigation totals, 现行有效规范性文件N件 (or ``制发行政规范性文件2件，废止1件，
现行有效5件``) is table 二's 现行有效件数, 行政许可/行政处罚决定N件 are table 二's 本年处理决定数量,
收取行政事业性收费N万元 is its 本年收费金额 … A figure in the text that differs from its cell is inaccurate
content (内容不准确), whichever of the two is wrong.

**FAIL**::

    2021年，我镇共收到政府信息公开申请5件。
    …
    一、本年新收政府信息公开申请数量 → 总计 4

**PASS**: the text says 4, like the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.checks._prefilter import gate, literals
from gialint.checks._tables import active, cell_name, cell_name_en, fmt_number
from gialint.formats.tablematch import FormatMatch
from gialint.formats.templates import Statement
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Options, Rule
from gialint.model.scan import scan

_CLAUSE = lazy_re(r"[。；;！？，,（）()]")
_DIGIT = lazy_re(r"\d")
_OTHER_YEAR = lazy_re(r"(?<!\d)((?:19|20)\d{2})\s*年|上年|上一年|去年|同比|较上")


def _about_another_year(line: str, start: int, end: int, year: int | None) -> bool:
    """A figure quoted for another year (（2020年共收到申请2件）, 较上年…) is not this year's."""
    left = max((m.end() for m in _CLAUSE.finditer(line, 0, start)), default=0)
    right = _CLAUSE.search(line, end)
    # The statement's own words (上年结转申请N件) do not count, only what surrounds it.
    clause = line[left:start] + line[end : right.start() if right else len(line)]
    for m in _OTHER_YEAR.finditer(clause):
        if m.group(1) is None or year is None or int(m.group(1)) != year:
            return True
    return False


def _stated_value(m: FormatMatch, statement: Statement) -> tuple[float, int] | None:
    """(value, line) of the cell the statement names, or of the sum of its cells."""
    template = m.format.table(statement.table)
    if template is None or template.part in m.foreign:
        return None
    total, line = 0.0, 0
    for row_key, column_key in ((statement.row, statement.column), *statement.plus):
        cell = m.value(statement.table, row_key, column_key)
        if cell is None or cell.value is None:
            return None
        total += cell.value
        line = line or cell.span.line
    return total, line


def _stated_names(m: FormatMatch, statement: Statement) -> tuple[str, str]:
    """How a finding names the statement's cell (or cells): only when a figure differs."""
    template = m.format.table(statement.table)
    assert template is not None  # _stated_value found the cells
    names, names_en = [], []
    for row_key, column_key in ((statement.row, statement.column), *statement.plus):
        row, column = template.row(row_key), template.column(column_key)
        names.append(cell_name(template, row, column))  # type: ignore[arg-type]
        names_en.append(cell_name_en(template, row, column))  # type: ignore[arg-type]
    if len(names) > 1:
        return "与".join(names) + "之和", " plus ".join(names_en)
    return names[0], names_en[0]


_FILTERS: dict[int, tuple[object, re.Pattern[str] | None, tuple[str, ...]]] = {}
"""A statement's pattern (by identity) → its gate and literals (a format's statements are few and
live for the run; hashing the wording for the memos of gate and literals costs more per report)."""


def _filters(pattern: object) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    entry = _FILTERS.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _FILTERS[id(pattern)] = (pattern, gate(pattern), tuple(sorted(literals(pattern))))  # type: ignore[arg-type]
    return entry[1], entry[2]


def _prose(doc: Document) -> list[tuple[int, str]]:
    """(number, text) of the lines a statement can be on: those with a digit, outside the
    tables (about ten a report). Looked for line by line: a search of the whole text stops
    at the hundred lines of figures in the tables."""
    cell_lines = scan(doc).cell_lines
    digit = _DIGIT.search
    return [(n, line) for n, line in enumerate(doc.lines, 1) if n not in cell_lines and digit(line) is not None]


def _hits(statement: Statement, prose: list[tuple[int, str]]) -> Iterator[tuple[int, re.Match[str]]]:
    """(line, match) of ``statement`` on the prose lines, in order: trying each statement on
    each of the few prose lines costs less than a scan of the whole text per statement. The
    characters every match needs (all of its literals, one of its gate's) skip the lines where
    it cannot match."""
    needs, every = _filters(statement.pattern)
    for line_no, line in prose:
        if all(map(line.__contains__, every)) and (needs is None or needs.search(line) is not None):
            for hit in statement.pattern.finditer(line):
                yield line_no, hit


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    m = active(doc)
    if m is None or not m.format.statements:
        return
    # A statement captures a figure: only lines with a digit, outside the tables, can hold one.
    prose = _prose(doc)
    if not prose:
        return
    for statement in m.format.statements:
        found: tuple[float, int] | None = None
        names: tuple[str, str] | None = None
        for line_no, hit in _hits(statement, prose):
            if found is None:  # the cell, looked up once the text states it
                found = _stated_value(m, statement)
                if found is None:
                    break
            value, cell_line = found
            line = hit.string
            stated = float(hit.group("n"))
            if stated == value or _about_another_year(line, hit.start(), hit.end(), doc.year):
                continue
            if names is None:
                names = _stated_names(m, statement)
            span = Span(line_no, hit.start("n") + 1, line_no, hit.end("n") + 1)
            yield ctx.report(
                span,
                "differs",
                stated=fmt_number(stated),
                text=hit.group(0),
                cell=names[0],
                cell_en=names[1],
                value=fmt_number(value),
                line=cell_line,
            )


RULES = (
    Rule(
        name="text-table-mismatch",
        code="GIA205",
        summary_zh="正文中陈述的数字与表格中对应的数据不一致",
        summary_en="A figure stated in the text contradicts the table cell it describes",
        check=check,
        severity=Severity.WARNING,
        messages={
            "differs": Message(
                "正文“{text}”写的是 {stated}，而{cell}（第 {line} 行）是 {value}：两处应一致，请核对",
                'the text "{text}" says {stated}, but {cell_en} (line {line}) says {value}: make them agree',
            ),
        },
        docs=__doc__ or "",
    ),
)
