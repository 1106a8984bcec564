"""What the end of a run says about all its findings — the counts in the summary line, the
``--statistics`` rows, the exit code — kept as counts, so that a run whose findings are written
file by file (see :func:`gialint.output.text.write_batches`) need not keep the findings.
"""

from __future__ import annotations

from collections.abc import Iterable

from gialint.model.diagnostic import Diagnostic, Severity

UNREADABLE_CODE = "GIA001"
"""``unreadable-input`` (gialint.engine.result.UNREADABLE): its files are counted apart."""


class Tally:
    """Counts over findings added a batch at a time.

    Files are counted per batch (the distinct paths of a batch): a batch per file, or one batch
    of everything, counts each file with findings once."""

    __slots__ = ("by_rule", "by_severity", "files_with_findings", "fixable", "total", "unreadable")

    def __init__(self) -> None:
        self.total = 0
        self.by_severity: dict[Severity, int] = dict.fromkeys(Severity, 0)
        self.files_with_findings = 0
        self.unreadable = 0
        """Files with an ``unreadable-input`` finding."""
        self.fixable = 0
        """Findings ``--fix`` can repair (a fix, and a text file: Word/PDF/HTML are never rewritten)."""
        self.by_rule: dict[tuple[str, str], int] = {}
        """Findings per ``(code, rule name)``."""

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> Tally:
        tally = cls()
        tally.add(diagnostics)
        return tally

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Count one batch of findings (one file's, or all of them)."""
        paths: set[str] = set()
        unreadable: set[str] = set()
        by_severity, by_rule = self.by_severity, self.by_rule
        for d in diagnostics:
            self.total += 1
            by_severity[d.severity] += 1
            paths.add(d.path)
            if d.code == UNREADABLE_CODE:
                unreadable.add(d.path)
            if d.fix and d.location is None:
                self.fixable += 1
            key = (d.code, d.rule)
            by_rule[key] = by_rule.get(key, 0) + 1
        self.files_with_findings += len(paths)
        self.unreadable += len(unreadable)

    def rule_counts(self) -> list[tuple[int, str, str]]:
        """``(count, code, rule name)`` per rule, most frequent first, then by code."""
        return sorted(((n, code, rule) for (code, rule), n in self.by_rule.items()), key=lambda t: (-t[0], t[1], t[2]))

    def reaches(self, severity: Severity) -> bool:
        """Whether any finding is at least as severe as ``severity`` (``--fail-on``)."""
        return any(n for s, n in self.by_severity.items() if s >= severity)
