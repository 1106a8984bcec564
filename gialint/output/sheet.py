"""The rows of the supervisor's score sheet, shared by the csv and xlsx formats.

Two tables: one row per report (agency, county, year, counts by severity, the deduction score,
then one column per rule code with its count), and one row per finding. Headers follow ``lang``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gialint.output import Report
from gialint.output.text import SEVERITY_WORDS

_REPORT_HEADERS = {
    "zh": ["文件", "机关", "县（区）", "年度", "扣分", "问题数", "错误", "警告", "提示"],
    "en": ["file", "agency", "county", "year", "score", "findings", "errors", "warnings", "info"],
}
_FINDING_HEADERS = {
    "zh": ["文件", "行", "列", "级别", "规则代码", "规则", "问题说明", "位置"],
    "en": ["file", "line", "column", "severity", "code", "rule", "message", "where"],
}
def _codes(rows: Sequence[dict[str, Any]]) -> list[str]:
    found = {code for row in rows for code in row["rules"]}
    return sorted(found)


def report_rows(report: Report) -> list[list[Any]]:
    """Header, then one row per report (``gialint audit``); per file from the findings otherwise."""
    lang = "en" if report.lang == "en" else "zh"
    rows = list((report.summary or {}).get("reports", [])) or _rows_from_findings(report)
    codes = _codes(rows)
    names = {r.code: r.name for r in report.rules.values()}
    header = [*_REPORT_HEADERS[lang], *(f"{code} {names.get(code, '')}".strip() for code in codes)]
    out: list[list[Any]] = [header]
    for row in rows:
        out.append(
            [row["path"], row.get("agency", ""), row.get("county", ""), row.get("year") or "", row.get("score", 0),
             row["findings"], row["errors"], row["warnings"], row["infos"], *(row["rules"].get(code, 0) for code in codes)]
        )
    return out


def _rows_from_findings(report: Report) -> list[dict[str, Any]]:
    """Rows per file for ``check`` (an audit's summary has its own): findings grouped once."""
    by_path: dict[str, list[Any]] = {path: [] for path in report.files}
    for d in report.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    rows = []
    for path, found in by_path.items():
        counts: dict[str, int] = {}
        for d in found:
            counts[d.code] = counts.get(d.code, 0) + 1
        severities = [str(d.severity) for d in found]
        rows.append(
            {"path": path, "findings": len(found), "rules": counts, "errors": severities.count("error"),
             "warnings": severities.count("warning"), "infos": severities.count("info")}
        )
    return rows


def finding_rows(report: Report) -> list[list[Any]]:
    lang = "en" if report.lang == "en" else "zh"
    out: list[list[Any]] = [list(_FINDING_HEADERS[lang])]
    for d in report.diagnostics:
        severity = SEVERITY_WORDS[lang][d.severity]
        where = d.location.describe(report.lang) if d.location is not None else ""
        out.append([d.path, d.line, d.column, severity, d.code, d.rule, d.message(report.lang), where])
    return out


def safe_cell(value: Any) -> Any:
    """A value a spreadsheet shows as text, never runs: cells starting with = + - @ are formulas in
    Excel and WPS (CSV injection), so text starting with one gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
