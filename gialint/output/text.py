"""``path:line:col: CODE name message`` lines and a summary; colour only on a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from gialint.diagnostic import Diagnostic, Severity
from gialint.output import Report, rule_counts
from gialint.output.escape import printable

UNREADABLE_CODE = "GIA001"
"""``unreadable-input`` (gialint.engine.UNREADABLE), counted in the summary."""
NO_REPORTS_ZH = "没有可检查的报告（未找到 .md、.txt、.docx、.pdf、.html 等报告文件）"
NO_REPORTS_EN = "No reports to check (no .md, .txt, .docx, .pdf, .html … report files found)."
_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def counts(diagnostics: Sequence[Diagnostic], lang: str) -> str:
    """``3 个问题（错误 1，警告 2，提示 0）`` / ``3 problems (1 errors, 2 warnings, 0 info)``."""
    n = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    if lang == "en":
        return (
            f"{len(diagnostics)} problem{'s' * (len(diagnostics) != 1)} ({n[Severity.ERROR]} errors, "
            f"{n[Severity.WARNING]} warnings, {n[Severity.INFO]} info)"
        )
    return f"{len(diagnostics)} 个问题（错误 {n[Severity.ERROR]}，警告 {n[Severity.WARNING]}，提示 {n[Severity.INFO]}）"


def summary(diagnostics: Sequence[Diagnostic], files: int, lang: str) -> str:
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    problem_files = len({d.path for d in diagnostics})
    unreadable = len({d.path for d in diagnostics if d.code == UNREADABLE_CODE})
    if not files:
        return NO_REPORTS_ZH if lang == "zh" else NO_REPORTS_EN
    if not diagnostics:
        return f"未发现问题（检查了 {files} 个文件）" if lang == "zh" else f"No problems found in {files} file{'s' * (files != 1)}."
    if lang == "zh":
        line = (
            f"共 {len(diagnostics)} 个问题（错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，"
            f"提示 {counts[Severity.INFO]}），涉及 {problem_files}/{files} 个文件"
        )
        return line + (f"；检查了 {files} 个文件，其中 {unreadable} 个无法读取" if unreadable else "")
    line = (
        f"Found {len(diagnostics)} problem{'s' * (len(diagnostics) != 1)} "
        f"({counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, {counts[Severity.INFO]} info) "
        f"in {problem_files} of {files} file{'s' * (files != 1)}"
    )
    return line + (f"; checked {files} file{'s' * (files != 1)}, {unreadable} could not be read." if unreadable else ".")


def write(out: TextIO, report: Report) -> None:
    lang = report.lang
    for d in report.diagnostics:
        # Names and messages escaped: one finding is one line, and nothing can steer the terminal.
        where = f"{printable(d.path)}:{d.line}:{d.column}:"
        message = printable(d.message(lang))
        if report.color:
            out.write(f"{_BOLD}{where}{_RESET} {_COLORS[d.severity]}{d.code}{_RESET} {_DIM}{d.rule}{_RESET} {message}\n")
        else:
            out.write(f"{where} {d.code} {d.rule} {message}\n")
        if d.location is not None:
            out.write(f"    {'位置' if lang != 'en' else 'where'}: {printable(d.location.describe(lang))}\n")
    if not report.quiet:
        out.write(summary(report.diagnostics, len(report.files), lang) + "\n")
    if report.statistics:
        out.writelines(statistics(report.diagnostics))
    if report.summary is not None:
        from gialint.audit import render_text

        text = render_text(dict(report.summary), lang)
        out.write("\n".join(printable(line, keep="\t") for line in text.split("\n")))


def statistics(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """``--statistics``: ``  N  CODE name`` per rule, most frequent first, then by code."""
    rows = rule_counts(diagnostics)
    width = max((len(str(n)) for n, _, _ in rows), default=1)
    return [f"  {n:>{width}}  {code} {rule}\n" for n, code, rule in rows]
