"""``gialint check``: lint files and folders (``gialint audit`` runs the same with the corpus
rules, progress and a summary)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from gialint.cli.common import ExitCode, warner
from gialint.cli.options import add_run_options, add_text_options, year

if TYPE_CHECKING:
    from gialint.config.model import Config
    from gialint.engine.options import RunOptions
    from gialint.engine.session import RunResult, Session
    from gialint.engine.warm import Served
    from gialint.model.diagnostic import Diagnostic, Severity

HELP = "lint report files and directories"


def add_arguments(check: argparse.ArgumentParser) -> None:
    from gialint.output import FORMATS

    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    check.add_argument("--config", metavar="FILE", help="use this rule set instead of discovering .gialint.yaml")
    check.add_argument("--select", action="append", metavar="RULES", help="only these rules (names, codes or code prefixes, comma-separated)")
    check.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules (names, codes or code prefixes)")
    check.add_argument(
        "--format",
        default="text",
        metavar="FORMAT",
        help=f"output format: {', '.join(FORMATS)} or one a plugin adds (default: text)",
    )
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    check.add_argument("--lang", choices=("zh", "en"), help="message language (default: zh, or lang: in config)")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit code 1 (default: warning)")
    check.add_argument("--year", type=year, help="report year (2000–2100), overriding the detected one")
    check.add_argument("--quiet", "-q", action="store_true", help="print diagnostics only, no summary")
    check.add_argument("--statistics", action="store_true", help="also print the number of findings per rule (text; json adds a field)")
    check.add_argument("--no-color", action="store_true", help="never colour the output (also: NO_COLOR=1)")
    check.add_argument("--no-plugins", action="store_true", help="do not load third-party plugins (entry points)")
    check.add_argument("--fix", action="store_true", help="apply the fixes rules offer, writing the files in place")
    check.add_argument("--force", action="store_true", help="with --fix: also rewrite read-only files")
    check.add_argument("--diff", action="store_true", help="show the fixes as a unified diff; write nothing")
    check.add_argument("--report-unused-disables", action="store_true", help="report gialint-disable comments that suppress nothing")
    check.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in this baseline file")
    check.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE (exit 0)")
    check.add_argument("--corpus", action="store_true", help="also run the rules that compare reports (duplicate-content, carry-over)")
    check.add_argument("--stdin-filename", metavar="NAME", help="with PATH '-': the name standard input stands for (its suffix chooses the reader, its folder the configuration)")
    check.add_argument(
        "--annotate", action="store_true",
        help="write each Word file's findings into a copy as comments (批注): report.docx → report.gialint.docx",
    )  # fmt: skip
    check.add_argument("--annotate-dir", metavar="DIR", help="with --annotate: write the annotated copies into DIR")
    add_run_options(check)
    add_text_options(check)


def run(args: argparse.Namespace, out: TextIO, err: TextIO, corpus: bool = False) -> int:
    if not getattr(args, "annotate", False):
        return _run(args, out, err, corpus)
    from gialint.read.office import conversions_kept

    with conversions_kept():  # a .doc/.wps goes through LibreOffice once, for the lint and its copy
        return _run(args, out, err, corpus)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO, corpus: bool) -> int:
    from gialint.cli.running import run_options
    from gialint.cli.writing import shows_source, write_report
    from gialint.model.diagnostic import Severity
    from gialint.output import Report

    corpus = corpus or getattr(args, "corpus", False)
    show_source = shows_source(args, out)
    keep_sources = args.format not in ("text", "json") or bool(args.baseline or args.write_baseline) or show_source
    options = run_options(args, corpus, keep_sources)
    served = _from_cache(args, options)
    if served is not None:
        from gialint.cli.running import warn_unknown

        files, diagnostics, sources, rules, result = served.files, [d for r in served.results for d in r.diagnostics], {}, {}, None
        warn_unknown(options.selection, served.known_rules, err)
        lang_set, fail_set = served.lang, Severity(served.fail_on) if served.fail_on is not None else None
    else:
        ran = _lint(args, out, err, options, corpus)
        if isinstance(ran, int):
            return ran
        files, configs, result, not_written = ran
        diagnostics = [*result.diagnostics, *not_written]
        sources = result.sources()
        rules = {name: rule for c in configs.values() for name, rule in c.rules.items()}
        lang_set, fail_set = _configured(configs)
    diagnostics.sort(key=lambda d: (d.path, d.line, d.column, d.code))
    if args.write_baseline or args.baseline:
        from gialint.cli.baseline import apply_baseline

        filtered = apply_baseline(args, diagnostics, sources, err)
        if isinstance(filtered, int):
            return filtered
        diagnostics = filtered
    lang, fail_on = _chosen(args, lang_set, fail_set)
    report = Report(diagnostics, files, lang, False, args.quiet, rules, sources, show_source=show_source)
    annotated = True
    if getattr(args, "annotate", False):
        from pathlib import Path

        from gialint.output.annotate import annotate_files

        folder = Path(args.annotate_dir) if args.annotate_dir else None
        annotated = annotate_files(files, diagnostics, lang, folder, err)
    if getattr(args, "summary", False):
        from dataclasses import replace

        from gialint.engine.audit import summarize

        assert result is not None
        report = replace(report, summary=summarize(result, lang, tuple(args.paths or ["."])))
    code = write_report(args, out, err, report, fail_on)
    return ExitCode.FINDINGS if code == ExitCode.OK and not annotated else code


def _from_cache(args: argparse.Namespace, options: RunOptions) -> Served | None:
    """The whole run from the result cache, nothing loaded (:mod:`gialint.engine.warm`), when the
    command is one it serves: files checked and printed as text or JSON, nothing written but
    the report. None: run the normal way."""
    if args.command != "check" or args.format not in ("text", "json") or "-" in (args.paths or []):
        return None
    if args.fix or args.diff or args.annotate or args.baseline or args.write_baseline:
        return None
    from gialint.engine.warm import serve

    served = serve(options)
    if served is not None and args.output:
        from gialint.cli.writing import refuse_output

        if refuse_output(args.output, served.files):
            return None  # the normal way says why
    return served


def _lint(
    args: argparse.Namespace, out: TextIO, err: TextIO, options: RunOptions, corpus: bool
) -> tuple[list[str], dict[str, Config], RunResult, list[Diagnostic]] | int:
    """The normal way: plugins, configurations, the lint (and ``--fix``); an exit code if it stops."""
    from gialint.cli.running import files_to_check, lint, streams, warn_unknown_selection
    from gialint.cli.writing import refuse_output
    from gialint.config.loader import ConfigError
    from gialint.engine.session import Session

    session = Session(options, warner(err))
    reading_stdin = args.paths == ["-"]
    if "-" in (args.paths or []) and not reading_stdin:
        err.write("gialint: '-' (standard input) cannot be mixed with file names / 标准输入不能与文件名一起使用\n")
        return ExitCode.USAGE
    if reading_stdin and (args.fix or args.diff or corpus):
        err.write("gialint: --fix, --diff and --corpus need files, not standard input / 这些选项不能用于标准输入\n")
        return ExitCode.USAGE
    try:
        files, configs = files_to_check(args, session, reading_stdin)
    except ConfigError as exc:
        err.write(f"{exc}\n")
        err.write("gialint: configuration error; nothing was checked\n" if args.lang == "en" else "gialint: 配置有误，没有进行检查\n")
        return ExitCode.USAGE
    warn_unknown_selection(session, configs, err)
    if not files and (args.quiet or args.format != "text"):
        from gialint.output.text import NO_REPORTS_EN, NO_REPORTS_ZH

        err.write(f"gialint: {NO_REPORTS_ZH} / {NO_REPORTS_EN}\n")
    for option, written in (("--output", args.output), ("--write-baseline", getattr(args, "write_baseline", None))):
        if written and (refusal := refuse_output(written, files, option)):
            err.write(refusal)
            return ExitCode.USAGE
    not_written: list[Diagnostic] = []
    if args.fix or args.diff:
        from gialint.cli.fixing import fix_files

        pending = fix_files(args, session, files, configs, out, err, not_written)
        if args.diff:  # like ruff: 1 when fixes are pending, so a hook or CI job can stop on it
            return ExitCode.FINDINGS if pending else ExitCode.OK
    if streams(args, files, corpus, reading_stdin):  # each file's findings written as it is linted, none kept
        return _streamed(args, out, err, session, files, configs)
    return files, configs, lint(args, session, files, configs, reading_stdin, err), not_written


def _streamed(
    args: argparse.Namespace, out: TextIO, err: TextIO, session: Session, files: list[str], configs: dict[str, Config]
) -> int:
    """Text or github output written file by file as each is linted, keeping only the counts
    (:func:`gialint.cli.running.streams` says when): the exit code."""
    from gialint.cli.running import each_file
    from gialint.cli.writing import shows_source, stream_report
    from gialint.output import Report

    lang, fail_on = _chosen(args, *_configured(configs))
    rules = {name: rule for c in configs.values() for name, rule in c.rules.items()}
    report = Report((), files, lang, False, args.quiet, rules, show_source=shows_source(args, out))
    return stream_report(args, out, report, fail_on, each_file(args, session, files, configs, err))


def _configured(configs: dict[str, Config]) -> tuple[str | None, Severity | None]:
    """The language and failure threshold the configuration sets (the first file's), if any."""
    any_config = next(iter(configs.values()), None)
    return (any_config.lang, any_config.fail_on) if any_config else (None, None)


def _chosen(args: argparse.Namespace, lang_set: str | None, fail_set: Severity | None) -> tuple[str, Severity]:
    """The language and failure threshold of the run: the command line's, else the configuration's,
    else Chinese and warnings."""
    from gialint.model.diagnostic import Severity

    fail_on = Severity.parse(args.fail_on) if args.fail_on else (fail_set or Severity.WARNING)
    return args.lang or lang_set or "zh", fail_on
