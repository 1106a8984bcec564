"""What linting one file gives back (:class:`FileResult`), and the engine's own pseudo-rules.

A result crosses processes (``--jobs``) and the result cache without its document: see
:meth:`FileResult.portable`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NoReturn

from gialint.config.model import Config
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.record import Record

EVERYTHING = Selection()
"""No --select/--ignore: every enabled rule runs (a frozen, shared default)."""
UNREADABLE = ("unreadable-input", "GIA001")
RULE_ERROR = ("rule-error", "GIA002")
UNUSED_DISABLE = ("unused-disable", "GIA003")


class _NoFeatures(Mapping[str, Any]):
    """An empty, read-only mapping that pickles as a reference to the one instance."""

    __slots__ = ()

    def __getitem__(self, key: str) -> NoReturn:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"

    def __reduce__(self) -> str:
        return "NO_FEATURES"


NO_FEATURES: Mapping[str, Any] = _NoFeatures()
"""The features of every slim result: one shared empty mapping, also across processes."""


class FileResult(Record):
    __slots__ = ("path", "diagnostics", "document", "features", "lines", "agency", "year", "suppressed")

    path: str
    diagnostics: tuple[Diagnostic, ...]
    document: Document | None
    features: Mapping[str, Any]
    """Corpus rules' features of this document, by rule name (see ``CorpusCheck``)."""
    lines: tuple[str, ...] | None
    """The decoded lines, kept when a result crosses a process or the cache instead of the document."""
    agency: str | None
    year: int | None
    suppressed: tuple[tuple[int, int, frozenset[str]], ...]
    """The file's suppression ranges (first line, last line, rules; empty = all), for findings
    that corpus rules make after the file itself was linted."""

    def __init__(
        self,
        path: str,
        diagnostics: tuple[Diagnostic, ...],
        document: Document | None = None,
        features: Mapping[str, Any] | None = None,
        lines: tuple[str, ...] | None = None,
        agency: str | None = None,
        year: int | None = None,
        suppressed: tuple[tuple[int, int, frozenset[str]], ...] = (),
    ) -> None:
        self._init(path, diagnostics, document, {} if features is None else features, lines, agency, year, suppressed)

    def portable(self, keep_lines: bool) -> FileResult:
        """Without the document (not picklable cheaply), keeping its lines if asked."""
        doc = self.document
        if doc is None and (keep_lines or self.lines is None):
            return self  # already portable
        lines = doc.original_lines if keep_lines and doc is not None else self.lines
        return FileResult(
            self.path,
            self.diagnostics,
            None,
            self.features,
            lines if keep_lines else None,
            doc.agency if doc is not None else self.agency,
            doc.year if doc is not None else self.year,
            self.suppressed,
        )

    def slim(self) -> FileResult:
        """What a run keeps of a file no corpus rule looks at again: its path, findings and lines
        (a run over thousands of files keeps thousands of these until the output is written)."""
        if self.features is NO_FEATURES and self.document is None and self.agency is None and self.year is None:
            return self
        return FileResult(self.path, self.diagnostics, None, NO_FEATURES, self.source_lines())

    def source_lines(self) -> tuple[str, ...] | None:
        return self.document.original_lines if self.document is not None else self.lines


def pseudo(config: Config, which: tuple[str, str], path: str, span: Span, zh: str, en: str) -> Diagnostic:
    """A finding of one of the engine's own rules (``which``: name and code), at the configured severity."""
    setting = config.settings.get(which[0])
    severity = setting.severity if setting is not None else Severity.ERROR
    return Diagnostic(path, span.line, span.column, which[1], which[0], span.end_line, span.end_column, severity, zh, en)


def unreadable(path: str, config: Config, selection: Selection, zh: str, en: str, line: int = 1, column: int = 1) -> FileResult:
    """The result of a file that cannot be read: one ``unreadable-input`` finding, or none when
    the rule is off or ``--ignore``\\ d."""
    setting = config.settings.get(UNREADABLE[0])
    if setting is not None and not setting.enabled or selection.explicitly_ignores(*UNREADABLE):
        return FileResult(path, ())
    return FileResult(path, (pseudo(config, UNREADABLE, path, Span(line, column, line, column), zh, en),))
