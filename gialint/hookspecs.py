"""Every hook a gialint plugin can implement.

Plugins are modules or objects with functions marked ``@gialint.hookimpl``, installed under
the entry-point group ``gialint``::

    [project.entry-points.gialint]
    my_province = "my_province_rules"

The built-in parsers, rules and rule sets are registered through these same hooks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

    from gialint.model.document import Document
    from gialint.model.rule import Rule
    from gialint.read.parse.options import ParseOptions

hookspec = pluggy.HookspecMarker("gialint")


@hookspec
def gialint_get_rules() -> Sequence[Rule]:
    """Return the rules this plugin contributes.

    Called once per run, after all plugins are registered and before any file is read.
    Import rule modules lazily inside the implementation: start-up time counts in pre-commit.

    :return: a sequence of :class:`gialint.model.rule.Rule`. Names and codes must be unique across
        all plugins; a duplicate, or an item that is not a Rule, is reported and skipped.

    Each rule's ``check`` runs under a time limit (``rule-timeout:``, default 5 seconds per
    file) and what it yields is checked (:mod:`gialint.engine.guard`): an exception, ``sys.exit``, an
    overrun, something that is not a :class:`gialint.model.diagnostic.Diagnostic`, a finding without a
    message, with an invalid severity or a position outside the file each become a
    ``rule-error`` finding naming the rule and the plugin; the run goes on.

    Corpus-level rules — rules that see every document of a run, e.g. to compare reports with
    each other — are ordinary rules with ``corpus=CorpusCheck(collect, finish)``: ``collect``
    runs once per document (possibly in a worker process) and returns small picklable features,
    ``finish`` runs once over all of them and reports through a
    :class:`gialint.model.rule.CorpusContext`. They run in ``gialint audit`` and ``check --corpus``.
    """


@hookspec
def gialint_get_rule_sets() -> Mapping[str, Path | Traversable]:
    """Return named YAML rule sets that a config can ``extends:`` by name.

    Called when a configuration names a set that is not a path, e.g. a province's own set::

        extends: [default, sichuan]

    :return: mapping of set name to the YAML file (a path or an ``importlib.resources`` file).
    """


@hookspec(firstresult=True)
def gialint_parse_document(path: str, text: str, options: ParseOptions, data: bytes | None) -> Document | None:
    """Parse an input file into the document model, or return None to let another parser try.

    Called once per input file; the first non-None result wins. The built-in parsers (Markdown,
    plain text, and the Word/PDF/HTML readers of :mod:`gialint.read`) are registered
    ``trylast``, so a plugin can claim new input formats (e.g. by file suffix) before them.

    Text files (``.md``, ``.txt`` …) arrive decoded in ``text``. Files that a reader of
    :data:`gialint.read.READERS` takes (``.docx``, ``.pdf``, ``.html`` …) are not decoded:
    ``text`` is empty and ``data`` holds the file's bytes. A parser that cannot read a file it
    claims raises :class:`gialint.read.ReadError`, which is reported as ``unreadable-input``.

    :param path: the file's path as given on the command line.
    :param text: the decoded text, line endings normalised to ``\\n`` (empty for binary kinds).
    :param options: what the configuration says about the report (forced year, agency …).
    :param data: the file's bytes when it is one of the reader kinds, else None. An
        implementation may leave this parameter out of its signature.
    :return: a :class:`gialint.model.document.Document` with positions in the original file (for
        binary kinds: in the extracted text, with ``origin`` saying where each line came from).
    """


@hookspec
def gialint_extend_document(document: Document) -> Mapping[str, object] | None:
    """Add derived data to a parsed document, before the rules run.

    Called once per document after parsing. The returned mapping is merged into
    ``document.extensions``, where rules can read it (e.g. a province's extra
    table recognition). Keys should be namespaced with the plugin's name.

    :return: a mapping of extension name to value, or None.
    """


@hookspec
def gialint_get_formatters() -> Mapping[str, str]:
    """Return output formats this plugin adds to ``gialint check --format``.

    Called only when ``--format`` names a format that is not built in (``text``, ``json``,
    ``sarif``, ``github``, ``junit``, ``html``), after all files were checked; a plugin cannot
    replace a built-in format. Keep the format's module light to import::

        @gialint.hookimpl
        def gialint_get_formatters():
            return {"csv": "my_province_rules.csv_output"}

    :return: mapping of format name to the dotted path of a module that defines
        ``write(out: TextIO, report: gialint.output.Report) -> None``; ``out`` is standard
        output or the ``--output`` file, opened as UTF-8 text.
    """
