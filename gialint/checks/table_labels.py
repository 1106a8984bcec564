"""表格标签不规范 / A table label differs from the format's canonical wording.

Row and column labels must be the national format's own: a typo (补证 for 补正), a dropped
numbering (上年结转… without 二、), the 2019 wording in a 2021 report (规范性文件 for
行政规范性文件), or a column missing from the header (自然人 in weidian-2021.txt) all make the
table read differently from every other report. The canonical label is suggested. Blanks,
full-width/half-width brackets and 1、/1. differences are not reported.

**FAIL**::

    →上年结转政府信息公开申请数量
    →1.申请人无正当理由逾期不补证，行政机关不再处理其政府信息公开申请

**PASS**::

    →二、上年结转政府信息公开申请数量
    →1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.checks._tables import checked_tables, column_name, table_name
from gialint.formats.labels import core
from gialint.formats.normalise import norm_label
from gialint.formats.tablematch import MatchedTable
from gialint.formats.templates import Label, TableTemplate
from gialint.model.diagnostic import Diagnostic, Edit, Severity
from gialint.model.document import Document, Span
from gialint.model.rule import Context, Message, Options, Rule

_NUMBERING = lazy_re(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)+|\d{1,2}\.)")


def _difference(written: str, canonical: str) -> str:
    """The characters that differ, e.g. '证→正', or '' when it is only numbering or punctuation."""
    import difflib  # only when a label differs: not at start-up

    a, b = core(written), core(canonical)
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            old, new = a[i1:i2], b[j1:j2]
            changes.append(f"多“{old}”" if not new else f"缺“{new}”" if not old else f"{old}→{new}")
    return "，".join(changes[:3])


def _is_label_text(text: str) -> bool:
    """Whether a cell holds words (a label), not only numbers, spaces and punctuation."""
    return any(ch.isalpha() for ch in text)


_NEEDED: dict[int, tuple[TableTemplate, Counter[str]]] = {}
"""Per template (by id, the template kept alive with it): how often each column label is due."""


def _needed(t: TableTemplate) -> Counter[str]:
    known = _NEEDED.get(id(t))
    if known is None or known[0] is not t:
        known = _NEEDED[id(t)] = (t, Counter(norm_label(c.label) for c in t.columns if c.label))
    return known[1]


def _missing_columns(table: MatchedTable) -> list[Label]:
    """:meth:`MatchedTable.missing_columns`, at once empty when each column label the template
    has is seen in the header as often as it is due: written as such (the usual header), else
    counted once per label rather than once per column (table 四 repeats five labels three
    times, each header cell written with its group: 行政复议结果维持). A header that may miss a
    column is left to the method, which says which."""
    if not table.header:
        return []
    seen = [norm_label(h.text) for h in table.header]
    exact = Counter(seen)
    for key, due in _needed(table.template).items():
        # as MatchedTable.missing_columns counts a header cell for a label
        if exact[key] < due and sum(1 for s in seen if s == key or (key in s and len(s) <= len(key) + 8)) < due:
            return table.missing_columns()
    return []


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    for table in checked_tables(doc):
        name = table_name(table.template)
        for row in table.rows.values():
            if row.exact or not row.written:
                continue
            canonical = row.template.label
            # Report the row's own label cell, not a parent label merged into the same row.
            written = row.own or row.written
            span = row.own_span or row.label_span
            diff = _difference(written, canonical)
            # The fix rewrites the label's own cell, only when that cell holds nothing but this label
            # and is a label at all: values run together ("0 0") are never overwritten by a label.
            fixable = row.own and span.line == span.end_line and _is_label_text(row.own)
            fix = (Edit(span.line, span.column, span.end_line, span.end_column, canonical),) if fixable else ()
            if diff:
                yield ctx.report(span, "label", table=name, written=written, canonical=canonical, diff=diff, fix=fix)
            elif _NUMBERING.sub("", norm_label(written)) == _NUMBERING.sub("", norm_label(canonical)):
                yield ctx.report(span, "numbering", table=name, written=written, canonical=canonical, fix=fix)
            else:
                yield ctx.report(span, "punctuation", table=name, written=written, canonical=canonical, fix=fix)
        missing = _missing_columns(table)
        if missing:
            first = table.header[0].span
            labels = "、".join(column_name(c, table.template) for c in missing)
            yield ctx.report(Span(first.line, first.column, first.line, first.end_column), "column", table=name, labels=labels)


RULES = (
    Rule(
        name="table-labels",
        code="GIA202",
        summary_zh="表格的行、列标签与统一格式不一致（错字、缺编号、缺列、用了旧格式措辞）",
        summary_en="A table row or column label differs from the national format (typo, missing numbering or column, old wording)",
        check=check,
        severity=Severity.WARNING,
        fixable=True,
        messages={
            "label": Message(
                "{table}的标签“{written}”与统一格式不符（{diff}）：应为“{canonical}”",
                '{table}: the label "{written}" differs from the format ({diff}): write "{canonical}"',
            ),
            "numbering": Message(
                "{table}的标签“{written}”缺少或写错了编号：应为“{canonical}”",
                '{table}: the label "{written}" lacks or misnumbers its item number: write "{canonical}"',
            ),
            "punctuation": Message(
                "{table}的标签“{written}”标点与统一格式不符：应为“{canonical}”",
                '{table}: the label "{written}" has other punctuation than the format: write "{canonical}"',
            ),
            "column": Message(
                "{table}的表头缺少“{labels}”列：统一格式的列不得删减，应补上",
                '{table}: the header lacks the column(s) "{labels}": the format\'s columns may not be left out',
            ),
        },
        docs=__doc__ or "",
    ),
)
