"""Output formats, one small module each, all with ``write(out, report)``.

:data:`FORMATS` maps a ``--format`` name to its module; plugins add formats through the
``gialint_get_formatters`` hook. Diagnostics go to stdout (or ``--output FILE``), tool
errors to stderr.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

from gialint.model.record import Record

if TYPE_CHECKING:
    from gialint.model.diagnostic import Diagnostic
    from gialint.model.rule import Rule

FORMATS: dict[str, str] = {
    "text": "gialint.output.text",
    "json": "gialint.output.json",
    "sarif": "gialint.output.sarif",
    "github": "gialint.output.github",
    "junit": "gialint.output.junit",
    "html": "gialint.output.html",
    "csv": "gialint.output.csv",
    "xlsx": "gialint.output.xlsx",
}


class Report(Record):
    """Everything a formatter may show about one run."""

    __slots__ = ("diagnostics", "files", "lang", "color", "quiet", "rules", "sources", "statistics", "summary", "show_source")

    diagnostics: Sequence[Diagnostic]
    """Sorted by path, line, column, code."""
    files: Sequence[str]
    """Every file checked, in the order checked."""
    lang: str
    color: bool
    quiet: bool
    rules: Mapping[str, Rule]
    """Every known rule by name (metadata for SARIF, help links …)."""
    sources: Mapping[str, Sequence[str]]
    """The decoded lines of each checked file, for formats that show the source."""
    statistics: bool
    """``--statistics``: also give the number of findings per rule (text, json)."""
    summary: Mapping[str, object] | None
    """``gialint audit``: counts per agency and per rule (see gialint.engine.audit.summarize)."""
    show_source: bool
    """Text: show each finding's line with a caret under the place (on by default on a terminal)."""

    def __init__(
        self,
        diagnostics: Sequence[Diagnostic],
        files: Sequence[str],
        lang: str = "zh",
        color: bool = False,
        quiet: bool = False,
        rules: Mapping[str, Rule] | None = None,
        sources: Mapping[str, Sequence[str]] | None = None,
        statistics: bool = False,
        summary: Mapping[str, object] | None = None,
        show_source: bool = False,
    ) -> None:
        self._init(
            diagnostics, files, lang, color, quiet, {} if rules is None else rules,
            {} if sources is None else sources, statistics, summary, show_source,
        )  # fmt: skip


class Formatter(Protocol):
    def write(self, out: TextIO, report: Report) -> None: ...


def rule_counts(diagnostics: Sequence[Diagnostic]) -> list[tuple[int, str, str]]:
    """``(count, code, rule name)`` per rule, most frequent first, then by code."""
    from gialint.output.tally import Tally

    return Tally.of(diagnostics).rule_counts()


def formatter(name: str, extra: Mapping[str, str] | None = None) -> Formatter:
    """The module (or object) implementing format ``name``."""
    target = {**FORMATS, **(extra or {})}[name]
    return importlib.import_module(target)  # type: ignore[return-value]
