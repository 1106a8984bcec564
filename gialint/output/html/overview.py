"""The top of the page: the files × rules matrix with its filters, and the per-agency table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from gialint.model.diagnostic import Diagnostic, Severity
from gialint.output import Report
from gialint.output.escape import unsurrogate

Labels = Mapping[object, str]


def e(text: object) -> str:
    return escape(unsurrogate(str(text)), quote=True)


def worst(diagnostics: Sequence[Diagnostic]) -> str:
    return f"sev-{max(d.severity for d in diagnostics)}" if diagnostics else ""


def _count_cell(path: str, rule: str, found: Sequence[Diagnostic], href: str, extra: str = "") -> str:
    cls = " ".join(c for c in (extra, worst(found)) if c)
    attrs = f'data-file="{e(path)}" data-rule="{e(rule)}" data-count="{len(found)}"'
    if cls:
        attrs += f' class="{cls}"'
    shown = str(len(found)) if found or "total" in extra else ""
    body = f'<a href="{href}">{shown}</a>' if found and href else shown
    return f"<td {attrs}>{body}</td>"


def _select(name: str, label: str, values: Sequence[tuple[str, str]], everything: str) -> str:
    options = "".join(f'<option value="{e(v)}">{e(t)}</option>' for v, t in values)
    return f'<label>{e(label)} <select data-filter="{name}"><option value="">{e(everything)}</option>{options}</select></label>'


def _filters(report: Report, codes: Sequence[str], names: Mapping[str, str], rows: Mapping[str, Mapping[str, Any]], labels: Labels) -> str:
    zh = report.lang != "en"
    everything = "全部" if zh else "all"
    parts = ['<div class="filters" role="search">']
    counties = sorted({str(r.get("county", "")) for r in rows.values()} - {""})
    agencies = sorted({str(r.get("agency", "")) for r in rows.values()} - {""})
    if counties:
        parts.append(_select("county", "县（区）" if zh else "County", [(c, c) for c in counties], everything))
    if agencies:
        parts.append(_select("agency", "机关" if zh else "Agency", [(a, a) for a in agencies], everything))
    parts.append(_select("rule", labels["rules"], [(c, f"{c} {names[c]}") for c in codes], everything))
    severities = [(str(s), labels[s]) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    parts.append(_select("severity", "级别" if zh else "Severity", severities, everything))
    parts.append(f'<label>{"文件名包含" if zh else "File name contains"} <input type="search" data-filter="text" size="16"></label>')
    parts.append(f'<span class="muted">{"显示" if zh else "showing"} <span id="shown-count">{len(report.files)}</span></span>')
    parts.append("</div>")
    return "".join(parts)


def overview(report: Report, files: list[str], by_file: dict[str, list[Diagnostic]], labels: Labels) -> list[str]:
    codes = sorted({d.code for d in report.diagnostics})
    names = {d.code: d.rule for d in report.diagnostics}
    rules_by_code = {r.code: r for r in report.rules.values()}
    rows = {str(r["path"]): r for r in (report.summary or {}).get("reports", [])}
    audit = bool(rows)
    lang = report.lang
    html = [
        '<section id="overview">',
        f"<h2>{e(labels['overview'])}</h2>",
        f'<p class="hint">{e(labels["hint"])}</p>',
        _filters(report, codes, names, rows, labels),
        '<div class="table-wrap"><table id="summary" class="matrix">',
        f'<thead><tr><th scope="col" data-type="text"><button type="button">{e(labels["file"])}</button></th>',
    ]
    if audit:
        html.append(f'<th scope="col" data-type="text"><button type="button">{e(labels["agency"])}</button></th>')
        html.append(f'<th scope="col" data-type="num"><button type="button">{e(labels["score"])}</button></th>')
    for code in codes:
        rule = rules_by_code.get(code)
        summary_text = (rule.summary_en if lang == "en" else rule.summary_zh) if rule else ""
        title = f"{names[code]}: {summary_text}" if summary_text else names[code]
        html.append(
            f'<th scope="col" class="code" data-type="num" data-rule="{e(code)}" title="{e(title)}">'
            f'<button type="button">{e(code)}</button></th>'
        )
    html.append(f'<th scope="col" data-type="num" data-rule="total"><button type="button">{e(labels["total"])}</button></th>')
    html.append("</tr></thead><tbody>")
    for index, path in enumerate(files, 1):
        found = by_file[path]
        row_info = rows.get(path, {})
        sev = {s: sum(1 for d in found if d.severity is s) for s in Severity}
        attrs = (
            f'data-file="{e(path)}" data-county="{e(row_info.get("county", ""))}" data-agency="{e(row_info.get("agency", ""))}" '
            f'data-error="{sev[Severity.ERROR]}" data-warning="{sev[Severity.WARNING]}" data-info="{sev[Severity.INFO]}"'
        )
        row = [f'<tr {attrs}><th scope="row" data-key="{e(path)}"><a href="#f{index}">{e(path)}</a></th>']
        if audit:
            row.append(f'<td class="text" data-key="{e(row_info.get("agency", ""))}">{e(row_info.get("agency", ""))}</td>')
            score = row_info.get("score", 0)
            row.append(f'<td data-count="{score}" data-score="{score}">{score:g}</td>')
        for code in codes:
            row.append(_count_cell(path, code, [d for d in found if d.code == code], f"#f{index}"))
        row.append(_count_cell(path, "total", found, f"#f{index}", "total"))
        html.append("".join(row) + "</tr>")
    html.append(f'</tbody><tfoot><tr data-total=""><th scope="row">{e(labels["total"])}</th>')
    if audit:
        html.append("<td></td><td></td>")
    for code in codes:
        html.append(_count_cell("", code, [d for d in report.diagnostics if d.code == code], ""))
    html.append(_count_cell("", "total", report.diagnostics, "", "total"))
    html.append("</tr></tfoot></table></div>")
    if codes:
        html.append(f'<dl class="rules" aria-label="{e(labels["rules"])}">')
        for code in codes:
            rule = rules_by_code.get(code)
            text = (rule.summary_en if lang == "en" else rule.summary_zh) if rule else ""
            html.append(f"<dt>{e(code)}</dt><dd><b>{e(names[code])}</b> {e(text)}</dd>")
        html.append("</dl>")
    html.append("</section>")
    return html


def agencies(report: Report) -> list[str]:
    """``gialint audit``: findings and deduction scores per agency, highest score first."""
    if not report.summary:
        return []
    zh = report.lang != "en"
    head = ("机关", "年度", "文件数", "问题数", "扣分", "主要问题") if zh else ("Agency", "Years", "Files", "Findings", "Score", "Most frequent")
    types = ("text", "text", "num", "num", "num", "text")
    html = [
        '<section id="agencies">',
        f"<h2>{'按机关汇总（按扣分排序）' if zh else 'Per agency (by deduction score)'}</h2>",
        '<div class="table-wrap"><table id="agency-summary" class="matrix">',
        "<thead><tr>" + "".join(f'<th scope="col" data-type="{t}"><button type="button">{e(h)}</button></th>' for h, t in zip(head, types, strict=True)) + "</tr></thead><tbody>",
    ]
    for a in report.summary.get("agencies", []):  # type: ignore[union-attr]
        years = ", ".join(str(y) for y in a["years"])
        top = ", ".join(f"{code}×{n}" for code, n in list(a["rules"].items())[:5])
        score = a.get("score", 0)
        html.append(
            f'<tr data-agency="{e(a["agency"])}"><th scope="row" data-key="{e(a["agency"])}">{e(a["agency"])}</th><td class="text">{e(years)}</td>'
            f'<td data-count="{a["files"]}">{a["files"]}</td><td data-count="{a["findings"]}">{a["findings"]}</td>'
            f'<td data-count="{score}">{score:g}</td><td class="text">{e(top)}</td></tr>'
        )
    html += ["</tbody></table></div>", "</section>"]
    return html
