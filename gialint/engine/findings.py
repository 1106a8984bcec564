"""What happens to a file's findings after its rules ran: suppression comments, one finding per
cause, the order they are shown in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gialint.config.model import Config
from gialint.engine.result import UNUSED_DISABLE
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document
from gialint.model.record import replace

Ranges = tuple[tuple[int, int, frozenset[str]], ...]


def as_original(document: Document) -> Document:
    """The document with its own text (suppression comments are read where the user wrote them)."""
    view = document.view
    return document if view is None else replace(document, source=view.source, lines=view.lines, view=None)


def suppression_ranges(document: Document) -> Ranges:
    """The file's ``gialint-disable`` ranges, kept for the findings of corpus rules."""
    if "gialint-" not in document.original_source:
        return ()
    from gialint.engine.directives import suppressions

    return tuple((r.start, r.end, r.directive.rules) for r in suppressions(as_original(document)).ranges)


def suppressed(d: Diagnostic, ranges: Sequence[tuple[int, int, frozenset[str]]]) -> bool:
    return any(a <= d.line <= b and (not rules or d.rule in rules or d.code.upper() in rules) for a, b, rules in ranges)


def order(d: Diagnostic) -> tuple[int, int, str, int, str]:
    return (d.line, d.column, d.code, d.rank, d.message_en)


def one_per_cause(diagnostics: list[Diagnostic], yields: Mapping[str, tuple[str, ...]]) -> list[Diagnostic]:
    """Drop a finding whose rule yields to another rule that reports the same place (one cause,
    one finding: a placeholder phone number is placeholder-text's, not also absent-contact's)."""
    if not yields:
        return diagnostics
    at = {(d.line, d.column, d.rule) for d in diagnostics}
    return [d for d in diagnostics if not any((d.line, d.column, other) in at for other in yields.get(d.rule, ()))]


def suppress(
    document: Document, diagnostics: list[Diagnostic], config: Config, selection: Selection, report_unused: bool
) -> list[Diagnostic]:
    """Drop what ``gialint-disable`` comments suppress; report unused ones when asked."""
    if "gialint-" not in document.original_source:
        return diagnostics  # no suppression comment: skip parsing for them
    from gialint.engine.directives import suppressions

    found = suppressions(as_original(document))
    if not found.directives:
        return diagnostics
    kept = found.apply(diagnostics)
    setting = config.settings.get(UNUSED_DISABLE[0])
    # Asked for with --report-unused-disables: --select does not hide it, --ignore and `off` do.
    not_ignored = Selection((), selection.ignore).allows(*UNUSED_DISABLE)
    if not (report_unused and (setting is None or setting.enabled) and not_ignored):
        return kept
    severity = setting.severity if setting is not None else Severity.WARNING
    ran = {n for r, st in config.enabled_rules() if selection.allows(r.name, r.code) for n in (r.name, r.code.upper())}
    for directive in found.unused():
        if directive.rules and not directive.rules & ran:
            continue  # its rules did not run (--select, off): it may well be needed
        what = ", ".join(sorted(directive.rules)) or "all rules"
        kept.append(
            Diagnostic(
                document.path, directive.span.line, directive.span.column, UNUSED_DISABLE[1], UNUSED_DISABLE[0],
                directive.span.end_line, directive.span.end_column, severity,
                f"未使用的 gialint-{directive.kind}（{what}）：它没有屏蔽任何问题，可以删除",
                f"unused gialint-{directive.kind} ({what}): it suppresses nothing; remove it",
            )
        )
    return kept
