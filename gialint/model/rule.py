"""What a rule is: metadata as data (name, code, options, bilingual messages) plus a check function.

A rule module looks like this (see gialint/checks/ for real ones)::

    RULE = Rule(
        name="absent-contact", code="GIA401",
        summary_zh="…", summary_en="…",
        severity=Severity.WARNING,
        options=(Option("require", list, ["phone", "address", "online"], "…"),),
        messages={"missing": Message("缺少{what}", "no {what}")},
        check=check,
    )

    def check(doc: Document, opts: Options, ctx: Context) -> Iterator[Diagnostic]:
        yield ctx.report(span, "missing", what="电话")

Rules never read files or config: they get the document and their validated, frozen options.
Severity is decided by configuration and stamped by :class:`Context`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from gialint.model.diagnostic import Diagnostic, Edit, Severity
from gialint.model.record import Record, setfield

if TYPE_CHECKING:
    from gialint.model.document import Document, Span

Options = Mapping[str, Any]
CheckFn = Callable[["Document", Options, "Context"], Iterable[Diagnostic]]


class Message(Record):
    __slots__ = ("zh", "en")

    zh: str
    en: str

    def __init__(self, zh: str, en: str) -> None:
        setfield(self, "zh", zh)
        setfield(self, "en", en)


class Option(Record):
    __slots__ = ("name", "type", "default", "doc", "item", "choices", "regex")

    name: str
    type: type | tuple[type, ...]
    """Accepted Python type(s) of the YAML value; ``list`` options hold strings unless ``item`` says."""
    default: Any
    doc: str
    item: type | None
    """Type of the items of a list option."""
    choices: tuple[Any, ...]
    regex: bool
    """The items are regular expressions: each is compiled when the configuration is read (a bad
    one is a located config error) and a rule matches them through
    :func:`gialint.model.userregex.option_patterns` and a :class:`gialint.model.userregex.MatchClock`."""

    def __init__(
        self,
        name: str,
        type: type | tuple[type, ...],
        default: Any,
        doc: str,
        item: type | None = None,
        choices: tuple[Any, ...] = (),
        regex: bool = False,
    ) -> None:
        setfield(self, "name", name)
        setfield(self, "type", type)
        setfield(self, "default", default)
        setfield(self, "doc", doc)
        setfield(self, "item", item)
        setfield(self, "choices", choices)
        setfield(self, "regex", regex)

    def type_name(self) -> str:
        types = self.type if isinstance(self.type, tuple) else (self.type,)
        name = " or ".join(t.__name__ for t in types)
        return f"{name} of {self.item.__name__}" if self.item is not None else name


class CorpusItem(Record):
    __slots__ = ("path", "features")

    path: str
    features: Any
    """What the rule's ``collect`` returned for that document."""

    def __init__(self, path: str, features: Any) -> None:
        setfield(self, "path", path)
        setfield(self, "features", features)


class CorpusCheck(Record):
    """The corpus-level part of a rule: it sees every document of a run, e.g. to compare them.

    ``collect`` runs once per document, possibly in a worker process, and returns small picklable
    features (keep them small: a run may hold ten thousand reports). ``finish`` runs once, in the
    main process, over all documents' features, and yields diagnostics through
    :meth:`CorpusContext.report`. Corpus rules run in ``gialint audit`` and with
    ``gialint check --corpus``, not in ordinary (pre-commit) runs.
    """

    __slots__ = ("collect", "finish")

    collect: Callable[[Document, Options], Any]
    finish: Callable[[Sequence[CorpusItem], Options, CorpusContext], Iterable[Diagnostic]]

    def __init__(
        self,
        collect: Callable[[Document, Options], Any],
        finish: Callable[[Sequence[CorpusItem], Options, CorpusContext], Iterable[Diagnostic]],
    ) -> None:
        setfield(self, "collect", collect)
        setfield(self, "finish", finish)


def no_document_check(doc: Document, opts: Options, ctx: Context) -> Iterable[Diagnostic]:
    """The ``check`` of rules that report through the engine or a :class:`CorpusCheck` only."""
    return ()


_RULE_FIELDS = (
    "name", "code", "summary_zh", "summary_en", "check", "severity", "options", "messages", "docs", "plugin", "fixable",
    "corpus", "yields_to", "explain_config",
)


class Rule(Record):
    __slots__ = _RULE_FIELDS

    name: str
    """Stable kebab-case name (configs, --select and suppressions refer to it)."""
    code: str
    """Stable code, e.g. ``GIA101``."""
    summary_zh: str
    summary_en: str
    check: CheckFn
    severity: Severity
    """Default severity; configuration may change it."""
    options: tuple[Option, ...]
    messages: Mapping[str, Message]
    docs: str
    """Long description (Markdown), shown by ``gialint explain`` and in docs/rules.md."""
    plugin: str
    """Name of the plugin that registered the rule (filled in by the registry)."""
    fixable: bool
    """Whether the rule offers fixes (``gialint check --fix``)."""
    corpus: CorpusCheck | None
    """For rules that compare the documents of a run (see :class:`CorpusCheck`)."""
    yields_to: tuple[str, ...]
    """Names of rules that report the same cause better: a finding of this rule is dropped when
    one of theirs (not suppressed) starts at the same line and column."""
    explain_config: Callable[[Any], str] | None
    """Optional: extra text for ``gialint explain`` from the active configuration (e.g. the
    relations of the active report format). Receives the :class:`gialint.config.model.Config`."""

    def __init__(
        self,
        name: str,
        code: str,
        summary_zh: str,
        summary_en: str,
        check: CheckFn,
        severity: Severity = Severity.WARNING,
        options: tuple[Option, ...] = (),
        messages: Mapping[str, Message] | None = None,
        docs: str = "",
        plugin: str = "",
        fixable: bool = False,
        corpus: CorpusCheck | None = None,
        yields_to: tuple[str, ...] = (),
        explain_config: Callable[[Any], str] | None = None,
    ) -> None:
        setfield(self, "name", name)
        setfield(self, "code", code)
        setfield(self, "summary_zh", summary_zh)
        setfield(self, "summary_en", summary_en)
        setfield(self, "check", check)
        setfield(self, "severity", severity)
        setfield(self, "options", options)
        setfield(self, "messages", {} if messages is None else messages)
        setfield(self, "docs", docs)
        setfield(self, "plugin", plugin)
        setfield(self, "fixable", fixable)
        setfield(self, "corpus", corpus)
        setfield(self, "yields_to", yields_to)
        setfield(self, "explain_config", explain_config)

    def defaults(self) -> Options:
        return MappingProxyType({o.name: o.default for o in self.options})


_LINE_PARAMS = frozenset({"line"})


class Context:
    """Handed to a rule's check for one document: builds diagnostics with the configured severity."""

    __slots__ = ("rule", "severity", "path", "lines")

    def __init__(self, rule: Rule, severity: Severity, path: str, lines: Callable[[int], int] | None = None) -> None:
        self.rule = rule
        self.severity = severity
        self.path = path
        self.lines = lines
        """Maps a line of the document's (normalised) text to the file's own line, when they differ."""

    def report(self, span: Span, key: str, /, fix: tuple[Edit, ...] = (), **params: Any) -> Diagnostic:
        """A diagnostic at ``span`` with the rule's message ``key`` filled with ``params``.

        A parameter named ``line`` is a line number of the document and is shown as the file's
        own line number."""
        if self.lines is not None:
            for name in _LINE_PARAMS.intersection(params):
                if isinstance(params[name], int):
                    params[name] = self.lines(params[name])
        message = self.rule.messages[key]
        return self.diagnostic(span, message.zh.format(**params), message.en.format(**params), fix=fix)

    def diagnostic(
        self, span: Span, zh: str, en: str, severity: Severity | None = None, fix: tuple[Edit, ...] = ()
    ) -> Diagnostic:
        """A diagnostic with these messages; ``severity`` only where configuration data sets one
        (e.g. a format's ``required-content`` item), never the rule's own choice."""
        return Diagnostic(
            path=self.path,
            line=span.line,
            column=span.column,
            code=self.rule.code,
            rule=self.rule.name,
            end_line=span.end_line,
            end_column=span.end_column,
            severity=severity or self.severity,
            message_zh=zh,
            message_en=en,
            fix=fix,
        )


class CorpusContext:
    """Handed to a corpus rule's ``finish``: builds diagnostics for any document of the run."""

    __slots__ = ("rule", "severity")

    def __init__(self, rule: Rule, severity: Severity) -> None:
        self.rule = rule
        self.severity = severity

    def report(self, path: str, span: Span, key: str, /, **params: Any) -> Diagnostic:
        return Context(self.rule, self.severity, path).report(span, key, **params)
