"""Machine-readable output: one JSON object, diagnostics sorted by path, line, column.

Contract (CI jobs and tools read it; add fields, never rename)::

    {"version": "0.1.0", "files": ["a.txt", …],
     "diagnostics": [{"path", "line", "column", "end_line", "end_column",
                      "rule", "code", "severity", "message"[, "location"]}, …]}

``related`` (``[{"path", "line"}, …]``) names the other places a finding refers to (the report a
passage was copied from). ``location`` is present for Word/PDF/HTML input only (line and column then point into the text
``gialint extract`` prints): ``{"kind", "paragraph", "table", "table_name", "row", "column",
"row_label", "column_label", "page", "heading": [...], "quote"}`` with the fields that apply.

With ``--statistics`` the object also has ``"statistics": [{"code", "rule", "count"}, …]``,
most frequent first.
"""

from __future__ import annotations

import json
from typing import TextIO

from gialint import __version__
from gialint.model.diagnostic import Diagnostic
from gialint.output import Report, rule_counts
from gialint.output.escape import json_text


def as_dict(d: Diagnostic, lang: str) -> dict[str, object]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line or d.line,
        "end_column": d.end_column or d.column,
        "rule": d.rule,
        "code": d.code,
        "severity": str(d.severity),
        "message": d.message(lang),
        **({"location": d.location.as_dict()} if d.location is not None else {}),
        **({"related": [{"path": path, "line": line} for path, line in d.related]} if d.related else {}),
    }


def write(out: TextIO, report: Report) -> None:
    ordered = sorted(report.diagnostics, key=lambda d: (d.path, d.line, d.column, d.code))
    payload: dict[str, object] = {
        "version": __version__,
        "files": sorted(report.files),
        "diagnostics": [as_dict(d, report.lang) for d in ordered],
    }
    if report.summary is not None:
        payload["summary"] = report.summary
    if report.statistics:
        rows = rule_counts(report.diagnostics)
        payload["statistics"] = [{"code": code, "rule": rule, "count": n} for n, code, rule in rows]
    # File names that are not UTF-8 are kept exactly, as \udcXX escapes (see gialint.output.escape).
    out.write(json_text(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n")
