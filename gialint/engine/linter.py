"""Run the enabled rules over one report: read, decode, parse, check; never raise.

Input problems and crashing rules become diagnostics (``unreadable-input``, ``rule-error``)
that flow through the same output as any finding, and the run goes on with the next rule
and the next file. What a result holds is in :mod:`gialint.engine.result`; what happens to the
findings afterwards (suppression, one per cause) in :mod:`gialint.engine.findings`; corpus rules'
second half in :mod:`gialint.engine.corpusrun`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gialint.config.model import Config, RuleSetting
from gialint.engine.corpusrun import finish_corpus, rule_error
from gialint.engine.findings import one_per_cause, order, suppress, suppression_ranges
from gialint.engine.guard import Alarm
from gialint.engine.plugin import Plugins
from gialint.engine.result import (
    EVERYTHING,
    RULE_ERROR,
    UNREADABLE,
    UNUSED_DISABLE,
    FileResult,
    pseudo,
    unreadable,
)
from gialint.engine.rulerun import RuleRunner, crash_message
from gialint.engine.selection import Selection
from gialint.model.diagnostic import Diagnostic
from gialint.model.document import Document
from gialint.model.record import replace
from gialint.model.rule import Context, Rule
from gialint.read.decode import DecodeError, decode
from gialint.read.parse.options import ParseOptions

if TYPE_CHECKING:
    from gialint.read.inputs import InputError

__all__ = ["EVERYTHING", "RULE_ERROR", "UNREADABLE", "UNUSED_DISABLE", "FileResult", "Linter"]

_pseudo = pseudo  # the name gialint.engine.fixwrite and older plugins import


def _with_format(document: Document, config: Config) -> Document:
    """Attach the format the report must follow and its tables matched against the templates."""
    from gialint.formats.tablematch import match
    from gialint.formats.templates import choose

    fmt = choose(config.formats, document.year, config.format_pin)
    if fmt is None:
        return document
    others = tuple(f for f in config.formats if f.id != fmt.id)
    return replace(document, format=fmt, other_formats=others, match=match(document, fmt, others))


def _source(path: str, data: bytes, config: Config) -> tuple[str, bytes | None, ParseOptions]:
    """What a parser is given for a file's bytes: decoded text, or the bytes themselves for the
    kinds a reader takes (Word/PDF/HTML).

    :raises gialint.read.ReadError: the bytes cannot be decoded.
    """
    from gialint.read import ReadError, reader_for

    if reader_for(path) is not None:
        return "", data, ParseOptions(year=config.year, agency=config.agency, formats=config.formats)
    try:
        decoded = decode(data)
    except DecodeError as err:
        raise ReadError(err.message_zh, err.message_en, err.line, err.column) from None
    options = ParseOptions(config.year, config.agency, decoded.encoding, decoded.newline, config.formats)
    return decoded.text, None, options


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
        self._plans: dict[int, tuple[Config, Selection, list[tuple[Rule, RuleSetting, str]]]] = {}

    def lint_path(self, path: str, config: Config, selection: Selection = EVERYTHING) -> FileResult:
        from gialint.read.inputs import InputError, read_report

        try:
            data, _ = read_report(path, self.confine)
        except InputError as err:
            return self.unreadable(path, config, selection, err)
        return self.lint_bytes(path, data, config, selection)

    def unreadable(self, path: str, config: Config, selection: Selection, err: InputError) -> FileResult:
        """The result of a file that could not be read (``err`` says why)."""
        return unreadable(path, config, selection, err.message_zh, err.message_en)

    def read(self, path: str, data: bytes, config: Config) -> Document:
        """The document gialint makes of a file's bytes (``gialint extract``), without checking it.

        :raises gialint.read.ReadError: the file cannot be read (decode errors included).
        """
        from gialint.read import ReadError

        text, raw, options = _source(path, data, config)
        document = self.plugins.manager.hook.gialint_parse_document(path=path, text=text, options=options, data=raw)
        if document is None:
            raise ReadError("没有能读取此类文件的解析器", "no parser accepts this kind of file")
        return document

    def lint_bytes(self, path: str, data: bytes, config: Config, selection: Selection = EVERYTHING) -> FileResult:
        from gialint.read import ReadError

        try:
            text, raw, options = _source(path, data, config)
        except ReadError as err:
            return unreadable(path, config, selection, err.message_zh, err.message_en, err.line, err.column)
        return self.lint_text(path, text, config, selection, options, data=raw)

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
            return unreadable(path, config, selection, err.message_zh, err.message_en, err.line, err.column)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - a parser plugin must not stop the run (sys.exit included)
            name = f"{type(exc).__name__}: {exc}"
            return unreadable(path, config, selection, f"解析器出错（{name}）", f"the parser failed ({name})")
        if document is None:
            return unreadable(path, config, selection, "没有能读取此类文件的解析器", "no parser accepts this kind of file")
        diagnostics: list[Diagnostic] = []
        if config.formats:
            document = _with_format(document, config)
        for impl in hook.gialint_extend_document.get_hookimpls():
            try:
                extra = impl.function(document=document)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - sys.exit in a plugin included
                diagnostics.append(rule_error(config, path, 1, *crash_message(f"plugin {self.plugins.name_of(impl.plugin)}", exc)))
                continue
            if extra:
                document.extensions.update(extra)
        features, yields = self._check(path, document, config, selection, diagnostics)
        view = document.view
        if view is not None:  # positions in the text the user has, not in the normalised view
            from gialint.read.parse.mapping import to_original

            diagnostics = [to_original(view, d) for d in diagnostics]
        diagnostics = one_per_cause(suppress(document, diagnostics, config, selection, self.report_unused_disables), yields)
        crash_setting = config.settings.get(RULE_ERROR[0])
        if crash_setting is not None and not crash_setting.enabled or selection.explicitly_ignores(*RULE_ERROR):
            diagnostics = [d for d in diagnostics if d.rule != RULE_ERROR[0]]
        if document.origin is not None:
            from gialint.read.locate import locate

            diagnostics = [replace(d, location=locate(document, d)) if d.location is None else d for d in diagnostics]
        unique = {(d.line, d.column, d.code, d.message_en): d for d in diagnostics}
        ranges = suppression_ranges(document) if self.corpus else ()
        return FileResult(path, tuple(sorted(unique.values(), key=order)), document, features, suppressed=ranges)

    def _check(
        self, path: str, document: Document, config: Config, selection: Selection, diagnostics: list[Diagnostic]
    ) -> tuple[dict[str, Any], dict[str, tuple[str, ...]]]:
        """Run every enabled, selected rule over ``document`` (findings into ``diagnostics``):
        the corpus rules' features and which rules yield to which."""
        features: dict[str, Any] = {}
        yields: dict[str, tuple[str, ...]] = {}
        view = document.view
        lines = view.line if view is not None else None
        with Alarm() as alarm:
            runner = RuleRunner(config, alarm, rule_error)
            for rule, setting, what in self._rules(config, selection):
                if rule.corpus is not None:
                    if self.corpus:
                        collect, options = rule.corpus.collect, setting.options
                        found = runner.run(path, what, lambda: [collect(document, options)], diagnostics)
                        if found:
                            features[rule.name] = found[0]
                    continue
                ctx = Context(rule, setting.severity, path, lines)
                if rule.yields_to:
                    yields[rule.name] = rule.yields_to
                check, options = rule.check, setting.options
                produced = runner.run(path, what, lambda: check(document, options, ctx), diagnostics)
                runner.vet(path, what, produced, document.lines, setting.severity, diagnostics)
        return features, yields

    def _rules(self, config: Config, selection: Selection) -> list[tuple[Rule, RuleSetting, str]]:
        """The enabled rules ``selection`` allows, each with the name rule-error findings give it:
        the same for every file of a configuration, so worked out once per configuration."""
        entry = self._plans.get(id(config))
        if entry is not None and entry[0] is config and entry[1] is selection:
            return entry[2]
        rules = [
            (rule, setting, f"rule {rule.name} ({rule.code}) of plugin {rule.plugin}")
            for rule, setting in config.enabled_rules()
            if (rule.name, rule.code) not in (UNREADABLE, RULE_ERROR, UNUSED_DISABLE) and selection.allows(rule.name, rule.code)
        ]
        if len(self._plans) >= 64:  # a long-lived linter (gialint serve) meets new configurations
            self._plans.clear()
        self._plans[id(config)] = (config, selection, rules)
        return rules

    def finish_corpus(self, results: Sequence[FileResult], config: Config, selection: Selection = EVERYTHING) -> list[Diagnostic]:
        """Run every corpus rule's ``finish`` over the features the documents gave."""
        return finish_corpus(results, config, selection)
