"""数字单元格填了符号或单位 / A table cell where the format wants a number holds a dash, 无 or a unit.

The format's tables take bare figures: where nothing happened, 0 is written; the unit is in the
column's header (本年收费金额（单位：万元）), not in the cell. This rule reports the two shapes
supervisors mark by hand:

* a stand-in for "none" — ``-``, ``—``, ``/``, ``无`` — where 0 is due (empty-cell reports any
  cell holding words; where it already reports the cell, this rule keeps silent);
* a figure written with its unit where the header already gives it (``35.2万元`` under
  本年收费金额（单位：万元）, ``3件`` in a count): the cell should hold the bare figure, and a unit
  other than the header's (``3500元`` in a 万元 column) changes its value. Where the header
  names no unit (the 2019 format's 采购总金额), a unit in the cell is needed and is accepted.

**FAIL**::

    行政规范性文件 | - | 无 | 5
    行政事业性收费 | 35.2万元

**PASS**::

    行政规范性文件 | 0 | 0 | 5
    行政事业性收费 | 35.2
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.checks._tables import (
    checked_tables,
    column_name,
    row_phrase,
    table_name,
    table_name_en,
    value_rows,
)
from gialint.formats.normalise import nfkc
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document
from gialint.model.rule import Context, Message, Options, Rule

_FILLER = lazy_re(r"^(?:[-—–－/／\\、·.。…]+|无|没有|暂无|空)$")
_UNIT = lazy_re(r"^[+\-]?[\d,.]+\s*(?P<unit>万元|元|万|件|条|个|项|次|宗|起)$")


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    for table in checked_tables(doc):
        t = table.template
        name = table_name(t)
        for row in value_rows(table):
            for v in row.values:
                if not v.text or v.text.isascii() and v.text.isdigit() or t.kind(row.template, v.column) == "text":
                    continue  # blank, a bare figure (most cells: neither filler nor unit), or a text column
                text = nfkc(v.text).strip()
                filler = _FILLER.match(text) is not None
                unit = None if filler else _UNIT.match(text)
                if not filler and unit is None:
                    continue  # a figure: most cells
                zh, en = row_phrase(row.template.label)
                where = {"table": name, "table_en": table_name_en(t), "row": zh, "row_en": en, "column": column_name(v.column, t)}
                if unit is None:
                    yield ctx.report(v.span, "filler", text=v.text, **where)
                    continue
                figure = text[: unit.start("unit")].strip()
                header_unit = "万元" in v.column.label or "单位" in v.column.label
                is_count = unit.group("unit") not in ("万元", "元", "万")
                if not header_unit and not is_count:
                    continue  # a column whose header names no unit (2019: 采购总金额): the cell must say it
                key = "wrong-unit" if header_unit and unit.group("unit") in ("元", "万") and "万元" not in text else "unit"
                yield ctx.report(v.span, key, text=v.text, unit=unit.group("unit"), figure=figure, **where)


RULES = (
    Rule(
        name="non-numeric-cell",
        code="GIA208",
        summary_zh="应填数字的单元格填了“-”“/”“无”等符号，或数字后带了单位（35.2万元）",
        summary_en="A cell that takes a number holds a dash, slash or 无, or a figure with its unit (35.2万元)",
        check=check,
        severity=Severity.WARNING,
        messages={
            "filler": Message(
                "{table}{row}“{column}”列填的是“{text}”：统一格式要求填数字，没有发生的应填 0",
                '{table_en}, {row_en}column "{column}" holds "{text}": the format wants a number; write 0 where there is none',
            ),
            "unit": Message(
                "{table}{row}“{column}”列的“{text}”带有单位“{unit}”：单位见表头，单元格只填数字 {figure}",
                '{table_en}, {row_en}column "{column}": "{text}" carries the unit "{unit}"; the unit is in the header, '
                "write the bare figure {figure}",
            ),
            "wrong-unit": Message(
                "{table}{row}“{column}”列写的是“{text}”，而本列单位是万元：请换算为万元后只填数字",
                '{table_en}, {row_en}column "{column}" says "{text}", but the column counts 万元 (10,000 yuan): '
                "convert it to 万元 and write the bare figure",
            ),
        },
        docs=__doc__ or "",
        # A cell holding words is empty-cell's finding already; one finding per cause.
        yields_to=("empty-cell",),
    ),
)
