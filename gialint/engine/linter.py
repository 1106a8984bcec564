"""Run the enabled rules over one report: read, decode, parse, check; never raise.

Input problems and crashing rules become diagnostics (``unreadable-input``, ``rule-error``)
that flow through the same output as any finding, and the run goes on with the next rule
and the next file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gialint.config.model import Config
from gialint.engine.guard import Alarm
from gialint.engine.plugin import Plugins
from gialint.engine.rulerun import RuleRunner, crash_message
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Diagnostic, Severity
from gialint.model.document import Document, Span
from gialint.model.record import replace
from gialint.model.rule import Context
from gialint.read.decode import DecodeError, decode
from gialint.read.parse.options import ParseOptions

EVERYTHING = Selection()
"""No --select/--ignore: every enabled rule runs (a frozen, shared default)."""
UNREADABLE = ("unreadable-input", "GIA001")
RULE_ERROR = ("rule-error", "GIA002")
UNUSED_DISABLE = ("unused-disable", "GIA003")


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    diagnostics: tuple[Diagnostic, ...]
    document: Document | None = None
    features: Mapping[str, Any] = field(default_factory=dict)
    """Corpus rules' features of this document, by rule name (see ``CorpusCheck``)."""
    lines: tuple[str, ...] | None = None
    """The decoded lines, kept when a result crosses a process or the cache instead of the document."""
    agency: str | None = None
    year: int | None = None
    suppressed: tuple[tuple[int, int, frozenset[str]], ...] = ()
    """The file's suppression ranges (first line, last line, rules; empty = all), for findings
    that corpus rules make after the file itself was linted."""

    def portable(self, keep_lines: bool) -> FileResult:
        """Without the document (not picklable cheaply), keeping its lines if asked."""
        lines = self.document.original_lines if keep_lines and self.document is not None else self.lines
        doc = self.document
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

    def source_lines(self) -> tuple[str, ...] | None:
        return self.document.original_lines if self.document is not None else self.lines


def _pseudo(config: Config, which: tuple[str, str], path: str, span: Span, zh: str, en: str) -> Diagnostic:
    setting = config.settings.get(which[0])
    severity = setting.severity if setting is not None else Severity.ERROR
    return Diagnostic(path, span.line, span.column, which[1], which[0], span.end_line, span.end_column, severity, zh, en)


def _with_format(document: Document, config: Config) -> Document:
    """Attach the format the report must follow and its tables matched against the templates."""
    from gialint.formats.tablematch import match
    from gialint.formats.templates import choose

    fmt = choose(config.formats, document.year, config.format_pin)
    if fmt is None:
        return document
    others = tuple(f for f in config.formats if f.id != fmt.id)
    return replace(document, format=fmt, other_formats=others, match=match(document, fmt, others))


def _as_original(document: Document) -> Document:
    """The document with its own text (suppression comments are read where the user wrote them)."""
    view = document.view
    return document if view is None else replace(document, source=view.source, lines=view.lines, view=None)


def _suppressed(d: Diagnostic, ranges: Sequence[tuple[int, int, frozenset[str]]]) -> bool:
    return any(a <= d.line <= b and (not rules or d.rule in rules or d.code.upper() in rules) for a, b, rules in ranges)


def _order(d: Diagnostic) -> tuple[int, int, str, int, str]:
    return (d.line, d.column, d.code, d.rank, d.message_en)


def _one_per_cause(diagnostics: list[Diagnostic], yields: Mapping[str, tuple[str, ...]]) -> list[Diagnostic]:
    """Drop a finding whose rule yields to another rule that reports the same place (one cause,
    one finding: a placeholder phone number is placeholder-text's, not also absent-contact's)."""
    if not yields:
        return diagnostics
    at = {(d.line, d.column, d.rule) for d in diagnostics}
    return [d for d in diagnostics if not any((d.line, d.column, other) in at for other in yields.get(d.rule, ()))]


class Linter:
    """Lints files with a plugin manager; configuration and selection are handed in per call."""

    def __init__(
        self, plugins: Plugins, report_unused_disables: bool = False, corpus: bool = False, confine: Sequence[str] = ()
    ) -> None:
        self.plugins = plugins
        self.confine = tuple(confine)
        """Resolved folders the run may read from (``gialint audit``); empty = anywhere."""
        self.report_unused_disables = report_unused_disables
        self.corpus = corpus
        """Whether corpus rules collect features (``gialint audit``, ``check --corpus``)."""

    def lint_path(self, path: str, config: Config, selection: Selection = EVERYTHING) -> FileResult:
        result = self._lint_path(path, config, selection)
        if selection.explicitly_ignores(*UNREADABLE):
            return FileResult(path, tuple(d for d in result.diagnostics if d.rule != UNREADABLE[0]), result.document)
        return result

    def _lint_path(self, path: str, config: Config, selection: Selection) -> FileResult:
        from gialint.read.inputs import InputError, read_report

        try:
            data, _ = read_report(path, self.confine)
        except InputError as err:
            return self._unreadable(path, config, err.message_zh, err.message_en)
        return self.lint_bytes(path, data, config, selection)

    def read(self, path: str, data: bytes, config: Config) -> Document:
        """The document gialint makes of a file's bytes (``gialint extract``), without checking it.

        :raises gialint.read.ReadError: the file cannot be read (decode errors included).
        """
        from gialint.read import ReadError, reader_for

        options = ParseOptions(year=config.year, agency=config.agency, formats=config.formats)
        text, raw = "", data
        if reader_for(path) is None:
            try:
                decoded = decode(data)
            except DecodeError as err:
                raise ReadError(err.message_zh, err.message_en, err.line, err.column) from None
            text, raw = decoded.text, None
            options = ParseOptions(config.year, config.agency, decoded.encoding, decoded.newline, config.formats)
        document = self.plugins.manager.hook.gialint_parse_document(path=path, text=text, options=options, data=raw)
        if document is None:
            raise ReadError("没有能读取此类文件的解析器", "no parser accepts this kind of file")
        return document

    def lint_bytes(self, path: str, data: bytes, config: Config, selection: Selection = EVERYTHING) -> FileResult:
        from gialint.read import reader_for

        if reader_for(path) is not None:  # Word/PDF/HTML: a reader takes the bytes, not decoded text
            options = ParseOptions(year=config.year, agency=config.agency, formats=config.formats)
            return self.lint_text(path, "", config, selection, options, data=data)
        try:
            decoded = decode(data)
        except DecodeError as err:
            return self._unreadable(path, config, err.message_zh, err.message_en, err.line, err.column)
        options = ParseOptions(
            year=config.year, agency=config.agency, encoding=decoded.encoding, newline=decoded.newline, formats=config.formats
        )
        return self.lint_text(path, decoded.text, config, selection, options)

    def lint_text(
        self,
        path: str,
        text: str,
        config: Config,
        selection: Selection = EVERYTHING,
        options: ParseOptions | None = None,
        data: bytes | None = None,
    ) -> FileResult:
        """Parse and check one report. ``data`` is the file's bytes for the kinds a reader takes
        (``text`` is then empty), None for text input."""
        from gialint.read import ReadError

        options = options or ParseOptions(year=config.year, agency=config.agency, formats=config.formats)
        hook = self.plugins.manager.hook
        try:
            document = hook.gialint_parse_document(path=path, text=text, options=options, data=data)
        except ReadError as err:
            return self._unreadable(path, config, err.message_zh, err.message_en, err.line, err.column)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - a parser plugin must not stop the run (sys.exit included)
            return self._unreadable(
                path, config, f"解析器出错（{type(exc).__name__}: {exc}）", f"the parser failed ({type(exc).__name__}: {exc})"
            )
        if document is None:
            return self._unreadable(path, config, "没有能读取此类文件的解析器", "no parser accepts this kind of file")
        diagnostics: list[Diagnostic] = []
        if config.formats:
            document = _with_format(document, config)
        for impl in hook.gialint_extend_document.get_hookimpls():
            try:
                extra = impl.function(document=document)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - sys.exit in a plugin included
                name = self.plugins.name_of(impl.plugin)
                diagnostics.append(self._crash(config, path, f"plugin {name}", exc))
                continue
            if extra:
                document.extensions.update(extra)
        features: dict[str, Any] = {}
        yields: dict[str, tuple[str, ...]] = {}
        view = document.view
        with Alarm() as alarm:
            runner = RuleRunner(config, alarm, self._rule_error)
            for rule, setting in config.enabled_rules():
                if (rule.name, rule.code) in (UNREADABLE, RULE_ERROR, UNUSED_DISABLE) or not selection.allows(rule.name, rule.code):
                    continue
                what = f"rule {rule.name} ({rule.code}) of plugin {rule.plugin}"
                if rule.corpus is not None:
                    if self.corpus:
                        collect, options = rule.corpus.collect, setting.options
                        found = runner.run(path, what, lambda: [collect(document, options)], diagnostics)
                        if found:
                            features[rule.name] = found[0]
                    continue
                ctx = Context(rule, setting.severity, path, lines=view.line if view is not None else None)
                if rule.yields_to:
                    yields[rule.name] = rule.yields_to
                check, options = rule.check, setting.options
                produced = runner.run(path, what, lambda: check(document, options, ctx), diagnostics)
                runner.vet(path, what, produced, document.lines, setting.severity, diagnostics)
        if view is not None:  # positions in the text the user has, not in the normalised view
            from gialint.read.parse.mapping import to_original

            diagnostics = [to_original(view, d) for d in diagnostics]
        diagnostics = _one_per_cause(self._suppress(document, diagnostics, config, selection), yields)
        crash_setting = config.settings.get(RULE_ERROR[0])
        if crash_setting is not None and not crash_setting.enabled or selection.explicitly_ignores(*RULE_ERROR):
            diagnostics = [d for d in diagnostics if d.rule != RULE_ERROR[0]]
        if document.origin is not None:
            from gialint.read.locate import locate

            diagnostics = [replace(d, location=locate(document, d)) if d.location is None else d for d in diagnostics]
        unique = {(d.line, d.column, d.code, d.message_en): d for d in diagnostics}
        suppressed = ()
        if self.corpus and "gialint-" in document.original_source:
            from gialint.engine.directives import suppressions

            ranges = suppressions(_as_original(document)).ranges
            suppressed = tuple((r.start, r.end, r.directive.rules) for r in ranges)
        return FileResult(path, tuple(sorted(unique.values(), key=_order)), document, features, suppressed=suppressed)

    def finish_corpus(self, results: Sequence[FileResult], config: Config, selection: Selection = EVERYTHING) -> list[Diagnostic]:
        """Run every corpus rule's ``finish`` over the features the documents gave."""
        from gialint.model.rule import CorpusContext, CorpusItem

        out: list[Diagnostic] = []
        crash = config.settings.get(RULE_ERROR[0])
        report_errors = (crash is None or crash.enabled) and not selection.explicitly_ignores(*RULE_ERROR)
        with Alarm() as alarm:
            runner = RuleRunner(config, alarm, self._rule_error)
            for rule, setting in config.enabled_rules():
                if rule.corpus is None or not selection.allows(rule.name, rule.code):
                    continue
                items = [CorpusItem(r.path, r.features[rule.name]) for r in results if rule.name in r.features]
                what = f"corpus rule {rule.name} ({rule.code}) of plugin {rule.plugin}"
                where = results[0].path if results else ""
                finish, options, ctx = rule.corpus.finish, setting.options, CorpusContext(rule, setting.severity)
                problems: list[Diagnostic] = []
                # A corpus rule sees every document: its time limit grows with their number.
                limit = runner.timeout * max(1, len(items))
                produced = runner.run(where, what, lambda: finish(items, options, ctx), problems, limit)
                runner.vet(where, what, produced, None, setting.severity, out, problems)
                if report_errors:
                    out.extend(problems)
        ranges = {r.path: r.suppressed for r in results if r.suppressed}
        return [d for d in out if not _suppressed(d, ranges.get(d.path, ()))]

    def _suppress(
        self, document: Document, diagnostics: list[Diagnostic], config: Config, selection: Selection
    ) -> list[Diagnostic]:
        """Drop what ``gialint-disable`` comments suppress; report unused ones when asked."""
        if "gialint-" not in document.original_source:
            return diagnostics  # no suppression comment: skip parsing for them
        from gialint.engine.directives import suppressions

        found = suppressions(_as_original(document))
        if not found.directives:
            return diagnostics
        kept = found.apply(diagnostics)
        setting = config.settings.get(UNUSED_DISABLE[0])
        # Asked for with --report-unused-disables: --select does not hide it, --ignore and `off` do.
        not_ignored = Selection((), selection.ignore).allows(*UNUSED_DISABLE)
        wanted = self.report_unused_disables and (setting is None or setting.enabled) and not_ignored
        if wanted:
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

    def _unreadable(self, path: str, config: Config, zh: str, en: str, line: int = 1, column: int = 1) -> FileResult:
        span = Span(line, column, line, column)
        setting = config.settings.get(UNREADABLE[0])
        if setting is not None and not setting.enabled:
            return FileResult(path, ())  # the user turned unreadable-input off
        return FileResult(path, (_pseudo(config, UNREADABLE, path, span, zh, en),))

    def _rule_error(self, config: Config, path: str, line: int, zh: str, en: str) -> Diagnostic:
        return _pseudo(config, RULE_ERROR, path, Span(line, 1, line, 1), zh, en)

    def _crash(self, config: Config, path: str, what: str, exc: BaseException) -> Diagnostic:
        return self._rule_error(config, path, 1, *crash_message(what, exc))
