"""The page's inline stylesheet and script (no external asset: a Content-Security-Policy forbids it)."""

from __future__ import annotations

CSS = """
:root { --err: #c62828; --warn: #b26a00; --info: #1565c0; --line: #d0d7de; --muted: #57606a;
  --err-bg: #ffebee; --warn-bg: #fff4e0; --info-bg: #e3f2fd; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei",
  sans-serif; color: #1f2328; background: #f6f8fa; }
header { background: #24292f; color: #fff; padding: 14px 24px; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 4px 0 0; color: #d0d7de; }
main { padding: 16px 24px 48px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px;
  margin: 0 0 20px; }
h2 { font-size: 17px; margin: 0 0 8px; word-break: break-all; }
.hint, .muted { color: var(--muted); font-size: 13px; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 0 0 10px; font-size: 14px; }
.filters label { display: inline-flex; gap: 4px; align-items: center; }
.filters select, .filters input { font: inherit; padding: 2px 4px; }
.table-wrap { overflow-x: auto; }
table.matrix { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 3px 4px; }
.matrix thead th { position: sticky; top: 0; background: #eaeef2; vertical-align: bottom; }
.matrix thead th.code { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
  font-size: 12px; padding: 6px 2px; }
.matrix thead button { font: inherit; font-weight: 600; border: 0; background: none; cursor: pointer;
  padding: 0; color: inherit; }
.matrix thead th[aria-sort="ascending"] button::after { content: " \\25B2"; }
.matrix thead th[aria-sort="descending"] button::after { content: " \\25BC"; }
.matrix tbody th { text-align: left; font-weight: normal; min-width: 9em; max-width: 22em; overflow-wrap: anywhere; }
.matrix td { text-align: right; min-width: 1.9em; font-size: 13px; }
.matrix td.text { text-align: left; white-space: nowrap; }
.matrix td a { display: block; color: inherit; font-weight: 600; text-decoration: none; }
.matrix td a:hover { text-decoration: underline; }
.matrix .total, .matrix tfoot td, .matrix tfoot th { background: #f0f3f6; font-weight: 600; }
.matrix td.sev-error { background: var(--err-bg); color: var(--err); }
.matrix td.sev-warning { background: var(--warn-bg); color: var(--warn); }
.matrix td.sev-info { background: var(--info-bg); color: var(--info); }
.matrix tbody tr:hover th, .matrix tbody tr:hover td { outline: 1px solid #8c959f; }
.matrix col.picked, .matrix td.picked, .matrix th.picked { box-shadow: inset 0 0 0 2px #0969da; }
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
.where { color: var(--muted); font-size: 13px; }
code { font-family: ui-monospace, "Noto Sans Mono CJK SC", monospace; }
.rule { color: var(--muted); }
.evidence { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: flex-start; margin: 8px 0 12px; }
table.grid { border-collapse: collapse; font-size: 12px; font-variant-numeric: tabular-nums; }
.grid td { border: 1px solid var(--line); padding: 1px 4px; max-width: 16em; overflow-wrap: anywhere; }
.grid td.bad { background: var(--err-bg); outline: 2px solid var(--err); font-weight: 700; }
.grid tr.bad-row td { background: #fffaf0; }
.evidence .why { max-width: 40em; font-size: 13px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin: 6px 0 12px; }
.pair blockquote { margin: 0; padding: 6px 10px; background: #f6f8fa; border-left: 3px solid var(--warn);
  font-size: 13px; }
.pair .from { font-size: 12px; color: var(--muted); margin-bottom: 4px; }
table.source { border-collapse: collapse; width: 100%; font: 13px/1.5 ui-monospace,
  "Noto Sans Mono CJK SC", monospace; }
.source td { padding: 0 8px; vertical-align: top; }
.source td.ln { width: 1%; text-align: right; color: #8c959f; user-select: none; border-right: 1px solid var(--line); }
.source td.ln a { color: inherit; text-decoration: none; }
.source td.text { white-space: pre-wrap; word-break: break-all; }
.source tr.gap td { color: #8c959f; text-align: center; }
.source tr.hit.sev-error td { background: var(--err-bg); }
.source tr.hit.sev-warning td { background: var(--warn-bg); }
.source tr.hit.sev-info td { background: var(--info-bg); }
.source tr.hit td.ln { color: #1f2328; font-weight: 600; }
.source tr.note td.text { white-space: normal; font: 12px/1.4 system-ui, sans-serif; padding: 1px 8px 4px 24px; }
.source tr.note.sev-error td.text { color: var(--err); } .source tr.note.sev-warning td.text { color: var(--warn); }
.source tr.note.sev-info td.text { color: var(--info); }
:target { outline: 2px solid #0969da; }
a.back { font-size: 13px; }
[hidden] { display: none !important; }
@media print {
  @page { size: A4 landscape; margin: 8mm; }
  body { background: #fff; font-size: 10px; }
  header { background: none; color: #000; padding: 0 0 4px; }
  header p { color: #333; }
  main { padding: 0; }
  .filters, .hint, a.back, a.whole, dl.rules { display: none !important; }
  section { border: 0; padding: 0; margin: 0; }
  #overview { break-after: page; }
  #agencies { break-after: page; }
  section.file { break-before: page; }
  .table-wrap { overflow: visible; }
  table.matrix { font-size: 7px; width: 100%; }
  .matrix th, .matrix td { padding: 0 2px; min-width: 0; }
  .matrix td { font-size: 7px; }
  .matrix thead th { position: static; }
  .matrix thead th.code { font-size: 7px; padding: 2px 0; }
  .matrix tbody th { min-width: 0; max-width: none; font-size: 7px; }
  .matrix tr { break-inside: avoid; }
  .matrix td.sev-error, .matrix td.sev-warning, .matrix td.sev-info { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

JS = """
(function () {
  "use strict";
  function sortable(table) {
    if (!table || !table.tBodies.length || !table.tHead) { return; }
    var body = table.tBodies[0];
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(body.rows, function (row, i) { row.setAttribute("data-index", i); });
    function key(cell, numeric) {
      return numeric ? Number(cell.getAttribute("data-count")) : cell.getAttribute("data-key") || cell.textContent || "";
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
          var c = numeric ? x - y : String(x).localeCompare(String(y), "zh");
          if (!ascending) { c = -c; }
          return c || Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index"));
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  sortable(document.getElementById("summary"));
  sortable(document.getElementById("agency-summary"));

  var table = document.getElementById("summary");
  var filters = document.querySelectorAll("[data-filter]");
  function apply() {
    var want = {};
    Array.prototype.forEach.call(filters, function (f) { want[f.getAttribute("data-filter")] = f.value; });
    var shown = {};
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var ok = true;
      if (want.county && row.getAttribute("data-county") !== want.county) { ok = false; }
      if (want.agency && row.getAttribute("data-agency") !== want.agency) { ok = false; }
      if (want.severity && !(Number(row.getAttribute("data-" + want.severity)) > 0)) { ok = false; }
      if (want.rule) {
        var cell = row.querySelector('td[data-rule="' + want.rule + '"]');
        if (!cell || !(Number(cell.getAttribute("data-count")) > 0)) { ok = false; }
      }
      if (want.text && (row.getAttribute("data-file") || "").indexOf(want.text) < 0) { ok = false; }
      row.hidden = !ok;
      shown[row.getAttribute("data-file")] = ok;
    });
    Array.prototype.forEach.call(table.querySelectorAll("[data-rule]"), function (cell) {
      cell.classList.toggle("picked", !!want.rule && cell.getAttribute("data-rule") === want.rule);
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.file"), function (section) {
      section.hidden = shown[section.getAttribute("data-file")] === false;
    });
    var count = document.getElementById("shown-count");
    if (count) { count.textContent = String(Object.keys(shown).filter(function (k) { return shown[k]; }).length); }
  }
  Array.prototype.forEach.call(filters, function (f) {
    f.addEventListener(f.tagName === "INPUT" ? "input" : "change", apply);
  });
})();
"""
