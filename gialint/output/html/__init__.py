"""One self-contained HTML page for a supervisor auditing many reports.

At the top, a table of files × rules with the number of findings (totals row and column), the
full width of the page (rule codes written vertically, so the default set's columns fit 1400 px),
sortable by clicking a column header and filtered by county, agency, rule, severity or file name;
each count links to that file's section. For ``gialint audit`` the table also gives each report's
agency and deduction score, and a table per agency follows. Each file's section lists its
findings with their places; a finding in a table is shown on the table's grid with the offending
cell marked and the broken relation beside it; a copied passage stands next to the one it
copies. The source follows: whole for small runs, otherwise only the lines around findings (with
a link to the file), so that a page for 500 reports stays small. A print stylesheet puts the
matrix on A4 landscape and each report's findings on their own page.

Inline CSS and JS only: no external asset, no network (a Content-Security-Policy forbids it).
Everything from the reports is HTML-escaped. Tests and scripts can read the counts from ``<td
data-file=… data-rule=CODE data-count=N>`` (``data-rule="total"`` for the totals column,
``data-file=""`` with ``data-total`` on the totals row).
"""

from __future__ import annotations

from typing import TextIO

from gialint import __version__
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.output import Report
from gialint.output.html.assets import CSS, JS
from gialint.output.html.overview import agencies, e, overview
from gialint.output.html.sections import file_section
from gialint.output.text import summary

FULL_SOURCES_LIMIT = 1_000_000
"""Whole sources are carried when all of them together hold at most this many characters."""

_LABELS = {
    "zh": {
        "title": "gialint 检查报告",
        "overview": "汇总",
        "file": "文件",
        "agency": "机关",
        "score": "扣分",
        "total": "合计",
        "hint": "点击列标题排序；用下面的选项筛选；点击数字跳到该文件。",
        "source": "原文",
        "context": "问题所在的原文",
        "whole": "打开原文件",
        "this": "本报告",
        "no_source": "无法显示原文。",
        "clean": "未发现问题。",
        "back": "返回汇总",
        "rules": "规则",
        Severity.ERROR: "错误",
        Severity.WARNING: "警告",
        Severity.INFO: "提示",
    },
    "en": {
        "title": "gialint report",
        "overview": "Overview",
        "file": "File",
        "agency": "Agency",
        "score": "Score",
        "total": "Total",
        "hint": "Click a column header to sort; filter with the choices below; click a number to go to that file.",
        "source": "Source",
        "context": "The source around the findings",
        "whole": "Open the file",
        "this": "This report",
        "no_source": "The source cannot be shown.",
        "clean": "No problems found.",
        "back": "Back to the overview",
        "rules": "Rules",
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "info",
    },
}

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def write(out: TextIO, report: Report) -> None:
    labels = _LABELS["en" if report.lang == "en" else "zh"]
    files = list(dict.fromkeys([*report.files, *(d.path for d in report.diagnostics)]))
    by_file: dict[str, list[Diagnostic]] = {p: [] for p in files}
    for d in report.diagnostics:
        by_file[d.path].append(d)
    rows = {str(r["path"]): r for r in (report.summary or {}).get("reports", [])}
    if rows:  # an audit: highest deduction score first
        order = {p: i for i, p in enumerate(files)}
        files.sort(key=lambda p: (-float(rows.get(p, {}).get("score", 0)), order[p]))
    anchors = {path: f"f{i}" for i, path in enumerate(files, 1)}
    full = sum(len(line) + 1 for lines in report.sources.values() for line in lines) <= FULL_SOURCES_LIMIT
    overall = summary(report.diagnostics, len(report.files), report.lang)
    page = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if report.lang == "en" else "zh"}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="gialint {e(__version__)}">',
        f"<title>{e(labels['title'])}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{e(labels['title'])}</h1><p>{e(overall)} · gialint {e(__version__)}</p></header>",
        "<main>",
        *overview(report, files, by_file, labels),
        *agencies(report),
    ]
    for index, path in enumerate(files, 1):
        page.extend(file_section(index, path, by_file[path], report.sources.get(path), report, labels, anchors, full))
    page += ["</main>", f"<script>{JS}</script>", "</body>", "</html>"]
    out.write("\n".join(page) + "\n")
