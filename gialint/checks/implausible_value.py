"""不合理的数值 / A value the format makes impossible or suspect.

* a negative count (only 本年增/减 in the 2019 format may be negative);
* a fraction in a count cell (only amounts such as 本年收费金额（万元） may have decimals);
* 规章 made, repealed or in force in a township or county report: under the 立法法 only
  国务院部门 and the governments of provinces and 设区的市 make 规章. The agency's level comes
  from the report's title/agency name (镇, 乡, 街道 → township; 县, 区, 旗 → county) or the
  ``agency-level`` option.

**FAIL**::

    规章→1→0→1         (in 兴隆镇人民政府's report)
    行政许可→-3

**PASS**::

    规章→0→0→0
    行政许可→12
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint._lazy import lazy_re
from gialint.checks._tables import cell_name, cell_name_en, checked_tables, fmt_number, value_rows
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document
from gialint.model.rule import Context, Message, Option, Options, Rule

LEVELS = ("auto", "township", "county", "city", "province", "ministry")
_NO_REGULATIONS = ("township", "county")


_BLANKS = lazy_re(r"\s+")
_BELOW_CITY = lazy_re(r"[县区镇乡]|街道")
_UNIT = lazy_re(r"自治区|自治州|自治县|街道|省|市|州|盟|县|区|旗|镇|乡")
_LEVEL = {
    "自治区": "province", "省": "province", "市": "city", "州": "city", "自治州": "city", "盟": "city",
    "县": "county", "区": "county", "旗": "county", "自治县": "county",
    "镇": "township", "乡": "township", "街道": "township",
}
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def agency_level(doc: Document, configured: str) -> str:
    """township, county, city or province from the agency's name: its LAST administrative unit
    (镇江市人民政府办公室 is a city's office; 广西壮族自治区人民政府 a province's government)."""
    if configured != "auto":
        return configured
    name = _BLANKS.sub("", doc.agency or (doc.title.text if doc.title else ""))
    if name.startswith(_MUNICIPALITIES) and not _BELOW_CITY.search(name[3:]):
        return "province"
    units = list(_UNIT.finditer(name))
    # 萍乡市, 镇江市: a unit character inside a place name is followed by another unit.
    return _LEVEL[units[-1].group(0)] if units else "unknown"


def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
    level = agency_level(doc, opts["agency-level"])
    regulation_rows = opts["regulation-rows"]
    for table in checked_tables(doc):
        t = table.template
        for row in value_rows(table):
            regulated = level in _NO_REGULATIONS and row.template.label in regulation_rows
            for v in row.values:
                if v.value is None or not regulated and v.value >= 0 and v.value % 1 == 0:
                    continue  # a whole figure, not negative, in a row without 规章: nothing to say (most cells)
                kind = t.kind(row.template, v.column)
                if v.value < 0 and kind != "signed":
                    key = "negative"
                elif kind in ("count", "signed") and v.value != int(v.value):
                    key = "fraction"
                elif regulated and v.value > 0:
                    key = "regulations"
                else:
                    continue
                name, name_en = cell_name(t, row.template, v.column), cell_name_en(t, row.template, v.column)
                if key != "regulations":
                    yield ctx.report(v.span, key, cell=name, cell_en=name_en, value=v.text)
                else:
                    yield ctx.report(
                        v.span,
                        "regulations",
                        cell=name,
                        cell_en=name_en,
                        value=fmt_number(v.value),
                        level_zh="乡镇" if level == "township" else "县（区）",
                        level_en=level,
                    )


RULES = (
    Rule(
        name="implausible-value",
        code="GIA206",
        summary_zh="表格数值不合理：负数、计数带小数，或乡镇、县级报告填报了规章",
        summary_en="An implausible table value: a negative count, a fraction in a count, or 规章 in a township or county report",
        check=check,
        severity=Severity.WARNING,
        options=(
            Option("agency-level", str, "auto", "The reporting agency's level; auto detects it from the agency name.", choices=LEVELS),
            Option("regulation-rows", list, ["规章"], "Row labels that count 规章 (regulations).", item=str),
        ),
        messages={
            "negative": Message("{cell}是负数 {value}：件数不能为负", "{cell_en} is negative ({value}): a count cannot be"),
            "fraction": Message("{cell}是 {value}：件数应为整数", "{cell_en} is {value}: a count is a whole number"),
            "regulations": Message(
                "{cell}为 {value}，但{level_zh}机关无权制定规章（只有国务院部门和省、设区的市人民政府可以）：请核对，应为 0",
                "{cell_en} is {value}, but a {level_en} agency cannot make 规章 (only State Council departments and "
                "provincial or prefecture-city governments can): check it; it should be 0",
            ),
        },
        docs=__doc__ or "",
    ),
)
