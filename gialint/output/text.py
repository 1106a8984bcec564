"""``path:line:col: CODE name [severity] message`` lines and a summary; colour only on a terminal.

The severity is written in words (错误/警告/提示, error/warning/info), so it reads without colour.
With ``show_source`` (on by default on a terminal, ``--no-show-source`` or ``--output-format
concise`` turn it off) each finding is followed by its line with a caret under the place. The
summary says how many findings ``--fix`` can repair.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from gialint.model.diagnostic import Diagnostic, Severity
from gialint.output import Report, rule_counts
from gialint.output.escape import printable
from gialint.output.tally import UNREADABLE_CODE, Tally

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
    return summary_line(Tally.of(diagnostics), files, lang)


def summary_line(tally: Tally, files: int, lang: str) -> str:
    """The last line: how many findings of each severity in how many of the ``files`` checked."""
    counts, total = tally.by_severity, tally.total
    problem_files, unreadable, fixable = tally.files_with_findings, tally.unreadable, tally.fixable
    if not files:
        return NO_REPORTS_ZH if lang == "zh" else NO_REPORTS_EN
    if not total:
        return f"未发现问题（检查了 {files} 个文件）" if lang == "zh" else f"No problems found in {files} file{'s' * (files != 1)}."
    if lang == "zh":
        line = (
            f"共 {total} 个问题（错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，"
            f"提示 {counts[Severity.INFO]}），涉及 {problem_files}/{files} 个文件"
        )
        line += f"；检查了 {files} 个文件，其中 {unreadable} 个无法读取" if unreadable else ""
        return line + (f"；其中 {fixable} 个可用 --fix 自动修复" if fixable else "")
    line = (
        f"Found {total} problem{'s' * (total != 1)} "
        f"({counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, {counts[Severity.INFO]} info) "
        f"in {problem_files} of {files} file{'s' * (files != 1)}"
    )
    line += f"; checked {files} file{'s' * (files != 1)}, {unreadable} could not be read" if unreadable else ""
    return line + (f"; {fixable} can be fixed with --fix." if fixable else ".")


SEVERITY_WORDS = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
SNIPPET_WIDTH = 72
"""Display columns of source shown around a finding (a flattened report's line can be very long)."""


def _width(text: str) -> int:
    """Display width in a terminal: CJK and full-width characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def snippet(line: str, number: int, column: int, end_column: int) -> list[str]:
    """The line (a window of it when long) and a caret line under ``column``…``end_column``."""
    start = max(column - 1, 0)
    end = max(end_column - 1, start + 1) if end_column > column else start + 1
    first = 0
    if _width(line) > SNIPPET_WIDTH:
        first = start
        while first > 0 and _width(line[first - 1 : start]) < SNIPPET_WIDTH // 3:
            first -= 1
    shown = line[first : first + SNIPPET_WIDTH]  # every character is at least one column wide
    while _width(shown) > SNIPPET_WIDTH and len(shown) > start - first + 1:
        shown = shown[:-1]
    prefix = "…" if first else ""
    suffix = "…" if first + len(shown) < len(line) else ""
    text = printable(prefix + shown.replace("\t", " ") + suffix)
    lead = _width(prefix) + _width(line[first:start].replace("\t", " "))
    marks = max(1, _width(line[start:min(end, first + len(shown))].replace("\t", " ")))
    gutter = f"{number:>5} | "
    return [f"{gutter}{text}\n", f"{' ' * 5} | {' ' * lead}{'^' * marks}\n"]


def write(out: TextIO, report: Report) -> None:
    write_batches(out, report, ((report.diagnostics, None),))


def write_batches(out: TextIO, report: Report, batches: Iterable[tuple[Sequence[Diagnostic], Sequence[str] | None]]) -> Tally:
    """``write`` with the findings handed in a batch at a time (a file's, as each is linted) and
    not kept: each batch's findings are written at once, the summary from their counts.

    A batch is ``(findings, lines)``: findings in the order of ``report.diagnostics`` (every batch
    after the one before it), and the lines of their file when it is shown (None: from ``report.sources``)."""
    tally = Tally()
    for diagnostics, lines in batches:
        tally.add(diagnostics)
        _findings(out, report, diagnostics, lines)
    if not report.quiet:
        out.write(summary_line(tally, len(report.files), report.lang) + "\n")
    if report.statistics:
        out.writelines(_statistics(tally.rule_counts()))
    if report.summary is not None:
        from gialint.engine.audit import render_text

        text = render_text(dict(report.summary), report.lang)
        out.write("\n".join(printable(line, keep="\t") for line in text.split("\n")))
    return tally


def _findings(out: TextIO, report: Report, diagnostics: Sequence[Diagnostic], lines: Sequence[str] | None) -> None:
    lang = report.lang
    words = SEVERITY_WORDS["en" if lang == "en" else "zh"]
    for d in diagnostics:
        # Names and messages escaped: one finding is one line, and nothing can steer the terminal.
        where = f"{printable(d.path)}:{d.line}:{d.column}:"
        message = printable(d.message(lang))
        word = f"[{words[d.severity]}]"
        if report.color:
            out.write(f"{_BOLD}{where}{_RESET} {_COLORS[d.severity]}{d.code}{_RESET} {_DIM}{d.rule}{_RESET} {_COLORS[d.severity]}{word}{_RESET} {message}\n")
        else:
            out.write(f"{where} {d.code} {d.rule} {word} {message}\n")
        if d.location is not None:
            out.write(f"    {'位置' if lang != 'en' else 'where'}: {printable(d.location.describe(lang))}\n")
        shown = (lines if lines is not None else report.sources.get(d.path)) if report.show_source else None
        if shown and 1 <= d.line <= len(shown) and d.code != UNREADABLE_CODE:
            out.writelines(snippet(shown[d.line - 1], d.line, d.column, d.end_column if d.end_line in (0, d.line) else 0))


def statistics(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """``--statistics``: ``  N  CODE name`` per rule, most frequent first, then by code."""
    return _statistics(rule_counts(diagnostics))


def _statistics(rows: list[tuple[int, str, str]]) -> list[str]:
    width = max((len(str(n)) for n, _, _ in rows), default=1)
    return [f"  {n:>{width}}  {code} {rule}\n" for n, code, rule in rows]
