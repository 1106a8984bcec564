"""One self-contained HTML page for a supervisor auditing many reports.

At the top, a table of files × rules with the number of findings (totals row and column),
sortable by clicking a column header; each count links to that file's section. Each section
lists the file's findings, each linked to its line in the file's source shown below it, where
the lines with findings are highlighted and annotated. Inline CSS and JS only: no external
asset, no network (a Content-Security-Policy forbids it). Everything from the reports is
HTML-escaped. Tests and scripts can read the counts from ``<td data-file=… data-rule=CODE
data-count=N>`` (``data-rule="total"`` for the totals column, ``data-file=""`` with
``data-total`` on the totals row).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TextIO

from gialint import __version__
from gialint.diagnostic import Diagnostic, Severity
from gialint.output import Report
from gialint.output.escape import unsurrogate
from gialint.output.text import counts, summary

_LABELS = {
    "zh": {
        "title": "gialint 检查报告",
        "overview": "汇总",
        "file": "文件",
        "total": "合计",
        "hint": "点击列标题排序；点击数字跳到该文件。",
        "findings": "问题",
        "source": "原文",
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
        "total": "Total",
        "hint": "Click a column header to sort; click a number to go to that file.",
        "findings": "Findings",
        "source": "Source",
        "no_source": "The source cannot be shown.",
        "clean": "No problems found.",
        "back": "Back to the overview",
        "rules": "Rules",
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "info",
    },
}

_CSS = """
:root { --err: #c62828; --warn: #b26a00; --info: #1565c0; --line: #d0d7de; --muted: #57606a;
  --err-bg: #ffebee; --warn-bg: #fff4e0; --info-bg: #e3f2fd; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei",
  sans-serif; color: #1f2328; background: #f6f8fa; }
header { background: #24292f; color: #fff; padding: 14px 24px; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 4px 0 0; color: #d0d7de; }
main { padding: 16px 24px 48px; max-width: 1400px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px;
  margin: 0 0 20px; }
h2 { font-size: 17px; margin: 0 0 8px; word-break: break-all; }
.hint, .muted { color: var(--muted); font-size: 13px; }
.table-wrap { overflow-x: auto; }
table.matrix { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 4px 6px; }
.matrix thead th { position: sticky; top: 0; background: #eaeef2; vertical-align: bottom; }
.matrix thead button { font: inherit; font-weight: 600; border: 0; background: none; cursor: pointer;
  padding: 0; color: inherit; }
.matrix thead th[aria-sort="ascending"] button::after { content: " \\25B2"; }
.matrix thead th[aria-sort="descending"] button::after { content: " \\25BC"; }
.matrix tbody th { text-align: left; font-weight: normal; min-width: 9em; max-width: 24em; overflow-wrap: anywhere; }
.matrix td { text-align: right; min-width: 3.2em; }
.matrix td a { display: block; color: inherit; font-weight: 600; text-decoration: none; }
.matrix td a:hover { text-decoration: underline; }
.matrix .total, .matrix tfoot td, .matrix tfoot th { background: #f0f3f6; font-weight: 600; }
.matrix td.sev-error { background: var(--err-bg); color: var(--err); }
.matrix td.sev-warning { background: var(--warn-bg); color: var(--warn); }
.matrix td.sev-info { background: var(--info-bg); color: var(--info); }
.matrix tbody tr:hover th, .matrix tbody tr:hover td { outline: 1px solid #8c959f; }
dl.rules { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 12px 0 0;
  font-size: 13px; }
dl.rules dt { font-family: ui-monospace, monospace; }
dl.rules dd { margin: 0; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; color: #fff; }
.badge.sev-error { background: var(--err); } .badge.sev-warning { background: var(--warn); }
.badge.sev-info { background: var(--info); }
ol.findings { margin: 8px 0 12px; padding-left: 24px; }
ol.findings li { margin: 2px 0; }
ol.findings .pos { font-family: ui-monospace, monospace; }
code { font-family: ui-monospace, "Noto Sans Mono CJK SC", monospace; }
.rule { color: var(--muted); }
table.source { border-collapse: collapse; width: 100%; font: 13px/1.5 ui-monospace,
  "Noto Sans Mono CJK SC", monospace; }
.source td { padding: 0 8px; vertical-align: top; }
.source td.ln { width: 1%; text-align: right; color: #8c959f; user-select: none; border-right: 1px solid var(--line); }
.source td.ln a { color: inherit; text-decoration: none; }
.source td.text { white-space: pre-wrap; word-break: break-all; }
.source tr.hit.sev-error td { background: var(--err-bg); }
.source tr.hit.sev-warning td { background: var(--warn-bg); }
.source tr.hit.sev-info td { background: var(--info-bg); }
.source tr.hit td.ln { color: #1f2328; font-weight: 600; }
.source tr.note td.text { white-space: normal; font: 12px/1.4 system-ui, sans-serif; padding: 1px 8px 4px 24px; }
.source tr.note.sev-error td.text { color: var(--err); } .source tr.note.sev-warning td.text { color: var(--warn); }
.source tr.note.sev-info td.text { color: var(--info); }
:target { outline: 2px solid #0969da; }
a.back { font-size: 13px; }
"""

_JS = """
(function () {
  "use strict";
  var table = document.getElementById("summary");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(body.rows, function (row, i) { row.setAttribute("data-index", i); });
  function key(cell, numeric) {
    return numeric ? Number(cell.getAttribute("data-count")) : cell.getAttribute("data-key") || "";
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var numeric = th.getAttribute("data-type") === "num";
      var now = th.getAttribute("aria-sort");
      var ascending = now ? now !== "ascending" : !numeric;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a.cells[col], numeric), y = key(b.cells[col], numeric);
        var c = numeric ? x - y : x.localeCompare(y, "zh");
        if (!ascending) { c = -c; }
        return c || Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index"));
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _e(text: object) -> str:
    return escape(unsurrogate(str(text)), quote=True)


def _worst(diagnostics: Sequence[Diagnostic]) -> str:
    return f"sev-{max(d.severity for d in diagnostics)}" if diagnostics else ""


def _count_cell(path: str, rule: str, found: Sequence[Diagnostic], href: str, extra: str = "") -> str:
    cls = " ".join(c for c in (extra, _worst(found)) if c)
    attrs = f'data-file="{_e(path)}" data-rule="{_e(rule)}" data-count="{len(found)}"'
    if cls:
        attrs += f' class="{cls}"'
    shown = str(len(found)) if found or "total" in extra else ""
    body = f'<a href="{href}">{shown}</a>' if found and href else shown
    return f"<td {attrs}>{body}</td>"


Labels = dict[object, str]


def _overview(report: Report, files: list[str], by_file: dict[str, list[Diagnostic]], labels: Labels) -> list[str]:
    codes = sorted({d.code for d in report.diagnostics})
    names = {d.code: d.rule for d in report.diagnostics}
    rules_by_code = {r.code: r for r in report.rules.values()}
    lang = report.lang
    html = [
        '<section id="overview">',
        f"<h2>{_e(labels['overview'])}</h2>",
        f'<p class="hint">{_e(labels["hint"])}</p>',
        '<div class="table-wrap"><table id="summary" class="matrix">',
        f'<thead><tr><th scope="col" data-type="text"><button type="button">{_e(labels["file"])}</button></th>',
    ]
    for code in codes:
        rule = rules_by_code.get(code)
        summary_text = (rule.summary_en if lang == "en" else rule.summary_zh) if rule else ""
        title = f"{names[code]}: {summary_text}" if summary_text else names[code]
        html.append(
            f'<th scope="col" data-type="num" data-rule="{_e(code)}" title="{_e(title)}">'
            f'<button type="button">{_e(code)}</button></th>'
        )
    html.append(
        f'<th scope="col" data-type="num" data-rule="total"><button type="button">{_e(labels["total"])}</button></th>'
    )
    html.append("</tr></thead><tbody>")
    for index, path in enumerate(files, 1):
        found = by_file[path]
        row = [f'<tr data-file="{_e(path)}"><th scope="row" data-key="{_e(path)}"><a href="#f{index}">{_e(path)}</a></th>']
        for code in codes:
            row.append(_count_cell(path, code, [d for d in found if d.code == code], f"#f{index}"))
        row.append(_count_cell(path, "total", found, f"#f{index}", "total"))
        html.append("".join(row) + "</tr>")
    html.append(f'</tbody><tfoot><tr data-total=""><th scope="row">{_e(labels["total"])}</th>')
    for code in codes:
        html.append(_count_cell("", code, [d for d in report.diagnostics if d.code == code], ""))
    html.append(_count_cell("", "total", report.diagnostics, "", "total"))
    html.append("</tr></tfoot></table></div>")
    if codes:
        html.append(f'<dl class="rules" aria-label="{_e(labels["rules"])}">')
        for code in codes:
            rule = rules_by_code.get(code)
            text = (rule.summary_en if lang == "en" else rule.summary_zh) if rule else ""
            html.append(f"<dt>{_e(code)}</dt><dd><b>{_e(names[code])}</b> {_e(text)}</dd>")
        html.append("</dl>")
    html.append("</section>")
    return html


def _file_section(
    index: int, path: str, found: list[Diagnostic], lines: Sequence[str] | None, report: Report, labels: Labels
) -> list[str]:
    fid = f"f{index}"
    lang = report.lang
    tally = counts(found, lang) if found else labels["clean"]
    html = [
        f'<section class="file" id="{fid}" data-file="{_e(path)}" data-count="{len(found)}">',
        (
            f'<h2><code>{_e(path)}</code></h2><p class="muted">{_e(tally)} · '
            f'<a class="back" href="#overview">{_e(labels["back"])}</a></p>'
        ),
    ]
    n_lines = len(lines) if lines is not None else 0
    if found:
        html.append('<ol class="findings">')
        for i, d in enumerate(found, 1):
            target = f"#{fid}-L{min(max(d.line, 1), n_lines)}" if n_lines else f"#{fid}"
            sev = f"sev-{d.severity}"
            html.append(
                f'<li id="{fid}-d{i}" class="{sev}" data-rule="{_e(d.code)}" data-line="{d.line}">'
                f'<a class="pos" href="{target}">{d.line}:{d.column}</a> '
                f'<span class="badge {sev}">{_e(labels[d.severity])}</span> '
                f'<code>{_e(d.code)}</code> <span class="rule">{_e(d.rule)}</span> {_e(d.message(lang))}</li>'
            )
        html.append("</ol>")
    if lines is None:
        html.append(f'<p class="muted">{_e(labels["no_source"])}</p>')
    elif lines:
        at: dict[int, list[Diagnostic]] = {}
        for d in found:
            at.setdefault(min(max(d.line, 1), n_lines), []).append(d)
        html.append(f"<details{' open' if found else ''}><summary>{_e(labels['source'])}</summary>")
        html.append('<table class="source"><tbody>')
        for number, text in enumerate(lines, 1):
            here = at.get(number, [])
            cls = f' class="hit {_worst(here)}"' if here else ""
            html.append(
                f'<tr id="{fid}-L{number}"{cls}><td class="ln"><a href="#{fid}-L{number}">{number}</a></td>'
                f'<td class="text">{_e(text)}</td></tr>'
            )
            for d in here:
                html.append(
                    f'<tr class="note sev-{d.severity}"><td class="ln"></td><td class="text">'
                    f"▲ {d.column}: <code>{_e(d.code)}</code> {_e(d.rule)} — {_e(d.message(lang))}</td></tr>"
                )
        html.append("</tbody></table></details>")
    html.append("</section>")
    return html


def _agencies(report: Report) -> list[str]:
    """``gialint audit``: findings per agency (the summary the text and json reports carry)."""
    if not report.summary:
        return []
    zh = report.lang != "en"
    head = ("机关", "年度", "文件数", "问题数", "主要问题") if zh else ("Agency", "Years", "Files", "Findings", "Most frequent")
    html = [
        '<section id="agencies">',
        f"<h2>{'按机关汇总' if zh else 'Per agency'}</h2>",
        '<div class="table-wrap"><table id="agency-summary" class="matrix">',
        "<thead><tr>" + "".join(f'<th scope="col">{_e(h)}</th>' for h in head) + "</tr></thead><tbody>",
    ]
    for a in report.summary.get("agencies", []):  # type: ignore[union-attr]
        years = ", ".join(str(y) for y in a["years"])
        top = ", ".join(f"{code}×{n}" for code, n in list(a["rules"].items())[:5])
        html.append(
            f'<tr data-agency="{_e(a["agency"])}"><th scope="row">{_e(a["agency"])}</th><td>{_e(years)}</td>'
            f'<td>{a["files"]}</td><td>{a["findings"]}</td><td>{_e(top)}</td></tr>'
        )
    html += ["</tbody></table></div>", "</section>"]
    return html


def write(out: TextIO, report: Report) -> None:
    labels = _LABELS["en" if report.lang == "en" else "zh"]
    files = list(dict.fromkeys([*report.files, *(d.path for d in report.diagnostics)]))
    by_file: dict[str, list[Diagnostic]] = {p: [] for p in files}
    for d in report.diagnostics:
        by_file[d.path].append(d)
    overall = summary(report.diagnostics, len(report.files), report.lang)
    page = [
        "<!DOCTYPE html>",
        '<html lang="zh">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="gialint {_e(__version__)}">',
        f"<title>{_e(labels['title'])}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{_e(labels['title'])}</h1><p>{_e(overall)} · gialint {_e(__version__)}</p></header>",
        "<main>",
        *_overview(report, files, by_file, labels),
        *_agencies(report),
    ]
    for index, path in enumerate(files, 1):
        page.extend(_file_section(index, path, by_file[path], report.sources.get(path), report, labels))
    page += ["</main>", f"<script>{_JS}</script>", "</body>", "</html>"]
    out.write("\n".join(page) + "\n")
