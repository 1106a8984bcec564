"""Command line: ``gialint check``, ``gialint rules``, ``gialint explain``.

``main(argv) -> int`` returns the exit code and never lets a traceback reach the user.
Heavy modules are imported inside the commands, so ``gialint --version`` and a one-file
pre-commit run start fast.
"""

from __future__ import annotations

import argparse
import enum
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from gialint import __version__
from gialint.engine.wiring import loader_for, registry_for
from gialint.output import FORMATS, formatter
from gialint.output.escape import printable

CACHE_DIR = ".gialint_cache"

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from gialint.config.model import Config
    from gialint.engine.registry import Registry
    from gialint.engine.session import RunOptions, Session
    from gialint.model.diagnostic import Diagnostic, Severity
    from gialint.output import Report


class ExitCode(enum.IntEnum):
    OK = 0
    """No findings at or above the ``--fail-on`` severity."""
    FINDINGS = 1
    """At least one finding at or above the ``--fail-on`` severity."""
    USAGE = 2
    """Bad command line or configuration (malformed YAML, unknown rule, bad option)."""
    INTERNAL = 3
    """gialint itself failed; please report it."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gialint",
        description="Lint 政府信息公开工作年度报告 (government information-disclosure annual reports).",
    )
    parser.add_argument("--version", action="version", version=f"gialint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint report files and directories")
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
    check.add_argument("--year", type=_year, help="report year (2000–2100), overriding the detected one")
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
    )
    check.add_argument("--annotate-dir", metavar="DIR", help="with --annotate: write the annotated copies into DIR")
    _add_run_options(check)
    _add_text_options(check)

    audit = sub.add_parser("audit", help="audit a whole tree of reports: corpus rules on, progress, summary per agency and rule")
    audit.add_argument("paths", nargs="*", metavar="DIR", help="directories or files (default: .)")
    audit.add_argument("--config", metavar="FILE", help="use this rule set instead of discovering .gialint.yaml")
    audit.add_argument("--select", action="append", metavar="RULES", help="only these rules")
    audit.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules")
    audit.add_argument("--format", default="text", metavar="FORMAT", help="text, json, html, csv or xlsx (any --format of check; xlsx needs gialint[xlsx] and --output)")
    audit.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    audit.add_argument("--lang", choices=("zh", "en"))
    audit.add_argument("--fail-on", choices=("error", "warning", "info"))
    audit.add_argument("--year", type=_year, help="report year (2000–2100), overriding the detected one")
    audit.add_argument("--quiet", "-q", action="store_true", help="no closing count line")
    audit.add_argument("--no-color", action="store_true")
    audit.add_argument("--no-plugins", action="store_true")
    audit.add_argument(
        "--respect-tree-config",
        action="store_true",
        help="use the .gialint.yaml/pyproject.toml found inside the audited folders (default: ignore them; "
        "the configuration is --config or the one found from the current folder)",
    )
    _add_run_options(audit)
    _add_text_options(audit)
    audit.set_defaults(
        fix=False, force=False, diff=False, baseline=None, write_baseline=None, statistics=False,
        report_unused_disables=False, corpus=True, summary=True, progress=True,
    )

    rules = sub.add_parser("rules", help="list the available rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--lang", choices=("zh", "en"), help="summaries in this language only (default: both)")
    rules.add_argument("--config", metavar="FILE", help="also list the pattern rules this rule set defines")
    rules.add_argument("--no-plugins", action="store_true")

    serve = sub.add_parser("serve", help="start a local web page where report writers check their files (needs gialint[web])")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    serve.add_argument("--max-upload-mb", type=float, default=20, metavar="MB", help="largest file accepted (default 20 MB)")
    serve.add_argument("--config", metavar="FILE", help="rule set to check with (default: the built-in default set)")
    serve.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the findings (default zh)")
    serve.add_argument("--no-plugins", action="store_true", help="do not load third-party plugins (entry points)")

    show = sub.add_parser("config", help="show the configuration that applies to a report, and which file set each key")
    show.add_argument("path", nargs="?", default=".", metavar="PATH", help="a report (or a folder) to show the configuration of (default: .)")
    show.add_argument("--config", metavar="FILE", help="use this rule set instead of discovering .gialint.yaml")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.add_argument("--lang", choices=("zh", "en"), default="zh")
    show.add_argument("--no-plugins", action="store_true", help="do not load third-party plugins (entry points)")

    extract = sub.add_parser(
        "extract",
        help="print a report as gialint reads it: the text whose line numbers findings use (Word/PDF/HTML too)",
    )
    extract.add_argument("file", metavar="FILE", help="a report file (.docx, .pdf, .html, .md, .txt …)")
    extract.add_argument("--places", action="store_true", help="prefix each line with its number and where it came from (paragraph, table row, page)")
    extract.add_argument(
        "--view",
        action="store_true",
        help="print the text the rules see instead: flattened lines split at part headings, traditional characters "
        "converted, page chrome removed (findings still point into the text printed without --view)",
    )
    extract.add_argument("--config", metavar="FILE", help="use this rule set instead of discovering .gialint.yaml")
    extract.add_argument("--no-plugins", action="store_true", help="do not load third-party plugins (entry points)")

    explain = sub.add_parser("explain", help="show a rule's documentation and options")
    explain.add_argument("rule", metavar="RULE", help="rule name or code")
    explain.add_argument("--lang", choices=("zh", "en"))
    explain.add_argument("--config", metavar="FILE")
    explain.add_argument("--no-plugins", action="store_true")
    return parser


YEARS = (2000, 2100)
"""The report years ``--year`` accepts."""


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not YEARS[0] <= year <= YEARS[1]:
        raise argparse.ArgumentTypeError(f"{year} is outside {YEARS[0]}–{YEARS[1]} (年份应在 {YEARS[0]}–{YEARS[1]} 之间)")
    return year


def _registry(no_plugins: bool, err: TextIO) -> Registry:
    return registry_for(no_plugins, lambda m: err.write(m + "\n"))


def _add_text_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output-format", choices=("full", "concise"), default="full",
        help="text output: full (each finding with its line and a caret under the place, on a terminal) or concise (one line each)",
    )  # fmt: skip
    show = parser.add_mutually_exclusive_group()
    show.add_argument("--show-source", dest="show_source", action="store_true", default=None, help="show each finding's line with a caret (text output; default on a terminal)")
    show.add_argument("--no-show-source", dest="show_source", action="store_false", help="do not show the lines of findings")


def _shows_source(args: argparse.Namespace, out: TextIO) -> bool:
    """Whether text output shows each finding's line: --show-source, else on a terminal unless
    --quiet or --output-format concise."""
    if args.format != "text":
        return False
    if getattr(args, "show_source", None) is not None:
        return bool(args.show_source)
    return out.isatty() and not args.quiet and getattr(args, "output_format", "full") == "full" and not args.output


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores; 1 = in-process)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    parser.add_argument("--cache-dir", metavar="DIR", help=f"where the result cache lives (default: {CACHE_DIR}; also GIALINT_CACHE_DIR)")
    parser.add_argument(
        "--rule-timeout", type=_seconds, metavar="SECONDS",
        help="stop a rule that runs longer than this on one file and report it (default: 5; also rule-timeout: in the config)",
    )


def _seconds(text: str) -> float:
    from gialint.config.loader import MAX_RULE_TIMEOUT

    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= MAX_RULE_TIMEOUT:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds between 0 and {MAX_RULE_TIMEOUT}")
    return value


def _run_options(args: argparse.Namespace, corpus: bool, keep_sources: bool) -> RunOptions:
    from gialint.engine.selection import split_list
    from gialint.engine.session import RunOptions, default_jobs

    cache_dir = None if args.no_cache else (args.cache_dir or os.environ.get("GIALINT_CACHE_DIR") or CACHE_DIR)
    return RunOptions(
        paths=tuple(args.paths or ["."]),
        config=args.config,
        select=split_list(args.select),
        ignore=split_list(args.ignore),
        no_plugins=args.no_plugins,
        year=args.year,
        jobs=args.jobs if args.jobs else default_jobs(),
        cache_dir=cache_dir,
        corpus=corpus,
        keep_sources=keep_sources,
        report_unused_disables=getattr(args, "report_unused_disables", False),
        confine=args.command == "audit",
        tree_config=args.command != "audit" or args.respect_tree_config,
        rule_timeout=args.rule_timeout,
    )


def _warn_unknown_selection(session: Session, configs: Mapping[str, Config], err: TextIO) -> None:
    selection = session.options.selection
    known = {(r.name, r.code) for c in configs.values() for r in c.rules.values()}
    known |= {(r.name, r.code) for r in session.registry.rules()}
    for item in (*selection.select, *selection.ignore):
        if item.upper() != "ALL" and not any(item == name or code.upper().startswith(item.upper()) for name, code in known):
            err.write(f"gialint: warning: --select/--ignore: no rule matches {item!r}; run `gialint rules` for the list\n")


def _cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO, corpus: bool = False) -> int:
    from gialint.config.loader import ConfigError
    from gialint.engine.session import Session, collect, run
    from gialint.model.diagnostic import Severity
    from gialint.output import Report

    show_source = _shows_source(args, out)
    keep_sources = args.format not in ("text", "json") or bool(args.baseline or args.write_baseline) or show_source
    session = Session(_run_options(args, corpus or getattr(args, "corpus", False), keep_sources), lambda m: err.write(m + "\n"))
    reading_stdin = args.paths == ["-"]
    if "-" in (args.paths or []) and not reading_stdin:
        err.write("gialint: '-' (standard input) cannot be mixed with file names / 标准输入不能与文件名一起使用\n")
        return ExitCode.USAGE
    if reading_stdin and (args.fix or args.diff or corpus or getattr(args, "corpus", False)):
        err.write("gialint: --fix, --diff and --corpus need files, not standard input / 这些选项不能用于标准输入\n")
        return ExitCode.USAGE
    try:
        if reading_stdin:
            files, configs = _stdin_file(args, session)
        else:
            files, configs = collect(session)
    except ConfigError as exc:
        err.write(f"{exc}\n")
        err.write("gialint: configuration error; nothing was checked\n" if args.lang == "en" else "gialint: 配置有误，没有进行检查\n")
        return ExitCode.USAGE
    _warn_unknown_selection(session, configs, err)
    if not files and (args.quiet or args.format != "text"):
        from gialint.output.text import NO_REPORTS_EN, NO_REPORTS_ZH

        err.write(f"gialint: {NO_REPORTS_ZH} / {NO_REPORTS_EN}\n")
    for option, written in (("--output", args.output), ("--write-baseline", getattr(args, "write_baseline", None))):
        if written and (refusal := _refuse_output(written, files, option)):
            err.write(refusal)
            return ExitCode.USAGE
    not_written: list[Diagnostic] = []
    if args.fix or args.diff:
        from gialint.engine.fix import fix_file
        from gialint.read import reader_for

        pending = False
        roots = (*session.options.roots, os.path.realpath("."))
        for file in files:
            shown = printable(file)
            if reader_for(file) is not None:
                err.write(
                    f"gialint: {shown}: --fix/--diff 不会改写 Word、PDF 或网页文件，请在原文件中按提示修改"
                    " / --fix and --diff never rewrite Word, PDF or HTML files: edit the original as the findings say\n"
                )
                continue
            write = args.fix and not args.diff
            fixed = fix_file(session.linter, file, configs[file], session.options.selection, write, args.force, roots)
            if fixed is not None and args.diff and fixed.changed:
                out.write(fixed.diff())
                pending = True
            if fixed is not None and fixed.problem is not None:
                not_written.append(fixed.problem)
            elif fixed is not None and fixed.applied and not args.quiet:
                if args.lang == "en":
                    err.write(f"gialint: {'would fix' if args.diff else 'fixed'} {fixed.applied} problem(s) in {shown}\n")
                else:
                    err.write(f"gialint: {shown} 中{'可修复' if args.diff else '已修复'} {fixed.applied} 个问题\n")
        if args.diff:  # like ruff: 1 when fixes are pending, so a hook or CI job can stop on it
            return ExitCode.FINDINGS if pending else ExitCode.OK
    progress = _progress(err) if getattr(args, "progress", False) else None
    if reading_stdin:
        from gialint.engine.session import RunResult

        data = _read_stdin(args)
        result = RunResult(list(files), configs, [session.lint_data(files[0], data, configs[files[0]])])
    else:
        result = run(session, files, configs, progress)
    diagnostics = sorted([*result.diagnostics, *not_written], key=lambda d: (d.path, d.line, d.column, d.code))
    sources = result.sources()
    if args.write_baseline or args.baseline:
        from gialint.engine import baseline

        try:
            if args.write_baseline:
                count = baseline.write(Path(args.write_baseline), diagnostics, sources)
                if args.lang == "en":
                    err.write(f"gialint: wrote {count} finding(s) to the baseline {args.write_baseline}\n")
                else:
                    err.write(f"gialint: 已把 {count} 个问题记入基线文件 {args.write_baseline}\n")
                return ExitCode.OK
            known = baseline.load(Path(args.baseline))
        except (baseline.BaselineError, OSError) as exc:
            err.write(f"gialint: {exc}\n")
            return ExitCode.USAGE
        diagnostics = baseline.filter_new(diagnostics, sources, Path(args.baseline), known)
    any_config = next(iter(configs.values()), None)
    lang = args.lang or (any_config.lang if any_config and any_config.lang else "zh")
    fail_on = Severity.parse(args.fail_on) if args.fail_on else (any_config.fail_on if any_config and any_config.fail_on else Severity.WARNING)
    rules = {name: rule for c in configs.values() for name, rule in c.rules.items()}
    report = Report(diagnostics, files, lang, False, args.quiet, rules, sources, show_source=show_source)
    annotated = True
    if getattr(args, "annotate", False):
        from gialint.output.annotate import annotate_files

        folder = Path(args.annotate_dir) if args.annotate_dir else None
        annotated = annotate_files(files, diagnostics, lang, folder, err)
    if getattr(args, "summary", False):
        from gialint.engine.audit import summarize

        report = replace(report, summary=summarize(result, lang, tuple(args.paths or ["."])))
    code = _write_report(args, out, err, report, fail_on)
    return ExitCode.FINDINGS if code == ExitCode.OK and not annotated else code


STDIN_LIMIT = 20 * 1024 * 1024


def _stdin_file(args: argparse.Namespace, session: Session) -> tuple[list[str], dict[str, Config]]:
    """``gialint check -``: the one "file" is standard input, named by ``--stdin-filename`` (its
    suffix chooses the reader, its folder the configuration), else ``-``, read as plain text."""
    name = getattr(args, "stdin_filename", None) or "-"
    return [name], {name: session.config_for(name if name != "-" else "stdin.txt")}


def _read_stdin(args: argparse.Namespace) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (tests): its text as UTF-8
        return sys.stdin.read(STDIN_LIMIT + 1).encode("utf-8")
    return stream.read(STDIN_LIMIT + 1)


def _cmd_audit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return _cmd_check(args, out, err, corpus=True)


def _progress(err: TextIO) -> Callable[[int, int, str], None] | None:
    """A one-line progress bar on a terminal; nothing when stderr is not one."""
    if not err.isatty():
        return None

    def show(done: int, total: int, path: str) -> None:
        width = 30
        filled = width * done // max(total, 1)
        shown = printable(path)
        name = shown if len(shown) <= 40 else "…" + shown[-39:]
        err.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name:<40}")
        if done == total:
            err.write("\n")
        err.flush()

    return show


def _write_report(args: argparse.Namespace, out: TextIO, err: TextIO, report: Report, fail_on: Severity) -> int:
    """Write ``report`` in the chosen format to stdout or ``--output``; the exit code from ``fail_on``."""
    from dataclasses import replace

    extra: dict[str, str] = {}
    if args.format not in FORMATS:
        from gialint.engine.plugin import get_plugin_manager

        for result in get_plugin_manager(load_entry_points=not args.no_plugins).manager.hook.gialint_get_formatters():
            extra.update({name: module for name, module in (result or {}).items() if name not in FORMATS})
        if args.format not in extra:
            known = ", ".join([*FORMATS, *sorted(extra)])
            err.write(f"gialint: unknown --format {args.format!r}; known formats: {known}\n")
            return ExitCode.USAGE
    try:
        writer = formatter(args.format, extra)
    except ImportError as exc:
        module = {**FORMATS, **extra}[args.format]
        err.write(f"gialint: cannot load --format {args.format!r} ({module}): {exc}; check the plugin that adds it\n")
        return ExitCode.USAGE
    if getattr(writer, "BINARY", False):
        return _write_binary(args, out, err, writer, report, fail_on)
    if args.output:
        from gialint.output.outfile import OutputError, write_output

        try:
            write_output(args.output, lambda target: writer.write(target, replace(report, color=False, statistics=getattr(args, "statistics", False))))
        except OutputError as exc:
            err.write(f"gialint: {exc.message_zh} / {exc.message_en}\n")
            return ExitCode.USAGE
    else:
        color = out.isatty() and not args.no_color and not os.environ.get("NO_COLOR") and args.format == "text"
        writer.write(out, replace(report, color=color, statistics=getattr(args, "statistics", False)))
    failed = any(d.severity >= fail_on for d in report.diagnostics)
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _write_binary(args: argparse.Namespace, out: TextIO, err: TextIO, writer: object, report: Report, fail_on: Severity) -> int:
    """A binary format (xlsx): to ``--output``, or to standard output when it is not a terminal."""
    import io

    if not args.output and (out.isatty() or getattr(out, "buffer", None) is None):
        err.write(f"gialint: --format {args.format} 生成的是工作簿文件，请用 --output 指定文件名（例如 --output 结果.{args.format}）"
                  f" / --format {args.format} writes a workbook: give --output FILE.{args.format}\n")
        return ExitCode.USAGE
    buffer = io.BytesIO()
    try:
        writer.write_binary(buffer, report)  # type: ignore[attr-defined]
    except ImportError as exc:
        err.write(f"gialint: --format {args.format} 需要安装 openpyxl：pip install 'gialint[xlsx]' / "
                  f"--format {args.format} needs openpyxl: pip install 'gialint[xlsx]' ({exc})\n")
        return ExitCode.USAGE
    if args.output:
        from gialint.output.outfile import OutputError, write_output

        def put(target: TextIO) -> None:
            target.flush()
            target.buffer.write(buffer.getvalue())  # type: ignore[attr-defined]

        try:
            write_output(args.output, put)
        except OutputError as exc:
            err.write(f"gialint: {exc.message_zh} / {exc.message_en}\n")
            return ExitCode.USAGE
    else:
        out.flush()
        out.buffer.write(buffer.getvalue())  # type: ignore[attr-defined]
        out.buffer.flush()  # type: ignore[attr-defined]
    failed = any(d.severity >= fail_on for d in report.diagnostics)
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _refuse_output(output: str, files: Sequence[str], option: str = "--output") -> str | None:
    """Why ``option``'s file may not be written (it is one of the reports checked), or None."""
    for file in files:
        try:
            same = os.path.samefile(output, file)
        except OSError:
            continue
        if same:
            return (
                f"gialint: {option} {printable(output)} 是被检查的报告之一，不能覆盖它：请换一个文件名"
                f" / {option} {printable(output)} is one of the reports being checked; it is never overwritten: choose another name\n"
            )
    return None


def _config_for_listing(args: argparse.Namespace, registry: Registry) -> Config:
    loader = loader_for(registry)
    return loader.load_file(Path(args.config)) if args.config else loader.load_named("default")


def _cmd_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    registry = _registry(args.no_plugins, err)
    config = _config_for_listing(args, registry)
    rows = sorted(config.rules.values(), key=lambda r: (r.code, r.name))
    if args.format == "json":
        import json

        data = [
            {
                "name": r.name,
                "code": r.code,
                "severity": str(config.settings[r.name].severity),
                "enabled": config.settings[r.name].enabled,
                "plugin": r.plugin,
                "summary_zh": r.summary_zh,
                "summary_en": r.summary_en,
                "fixable": r.fixable,
            }
            for r in rows
        ]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return ExitCode.OK
    width = max(len(r.name) for r in rows)
    lang = args.lang
    words = {"zh": {"error": "错误", "warning": "警告", "info": "提示", "off": "关闭"}}.get(lang or "", {})
    fix_word = {"zh": "可修复", "en": "fixable"}.get(lang or "", "fix")
    for r in rows:
        setting = config.settings[r.name]
        state = str(setting.severity) if setting.enabled else "off"
        state = words.get(state, state)
        summary = r.summary_en if lang == "en" else r.summary_zh if lang == "zh" else f"{r.summary_en} / {r.summary_zh}"
        fixable = fix_word if r.fixable else ""
        out.write(f"{r.code:<8} {r.name:<{width}}  {state:<7}  {fixable:<{len(fix_word)}}  {summary}\n")
    return ExitCode.OK


def _cmd_explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gialint.output.explain import explain

    registry = _registry(args.no_plugins, err)
    config = _config_for_listing(args, registry)
    rule = config.rules.get(args.rule) or next((r for r in config.rules.values() if r.code.upper() == args.rule.upper()), None)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(args.rule, list(config.rules), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; run `gialint rules` for the list"
        err.write(f"gialint: unknown rule {args.rule!r}{hint}\n")
        return ExitCode.USAGE
    out.write(explain(rule, config.settings[rule.name], args.lang or config.lang or "zh", config))
    return ExitCode.OK


def _cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gialint.config.discovery import ConfigResolver
    from gialint.engine.linter import Linter
    from gialint.read import ReadError

    registry = _registry(args.no_plugins, err)
    resolver = ConfigResolver(loader_for(registry), Path(args.config) if args.config else None)
    config = resolver.for_path(Path(args.file))
    from gialint.read.inputs import InputError, read_report

    try:
        data, _ = read_report(args.file)
        document = Linter(registry.plugins).read(args.file, data, config)
    except InputError as exc:
        err.write(f"gialint: {printable(args.file)}: {exc.message_zh} / {exc.message_en}\n")
        return ExitCode.FINDINGS
    except ReadError as exc:
        err.write(f"{printable(args.file)}:{exc.line}:{exc.column}: {exc.message_zh} / {exc.message_en}\n")
        return ExitCode.FINDINGS
    for note in document.origin.notes if document.origin is not None else ():
        err.write(f"gialint: {printable(args.file)}: {note}\n")  # what the reader noticed (tracked changes …)
    if args.view:
        view = document.view
        if view is not None:
            err.write(f"gialint: {printable(args.file)}: {', '.join(view.notes)}\n")
        out.write(document.source if document.source.endswith("\n") else document.source + "\n")
        return ExitCode.OK
    if not args.places:
        source = document.original_source
        out.write(source if source.endswith("\n") else source + "\n")
        return ExitCode.OK
    from gialint.read.places import describe_place

    for note in document.origin.notes if document.origin is not None else ():
        out.write(f"# {note}\n")
    width = len(str(len(document.original_lines)))
    for number, line in enumerate(document.original_lines, 1):
        place = document.origin.place(number) if document.origin is not None else None
        out.write(f"{number:>{width}}  {describe_place(place):<14} {line}".rstrip() + "\n")
    return ExitCode.OK


def _cmd_config(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gialint.config.discovery import ConfigResolver
    from gialint.config.settings_view import effective, render_text

    registry = _registry(args.no_plugins, err)
    resolver = ConfigResolver(loader_for(registry), Path(args.config) if args.config else None)
    config = resolver.for_path(Path(args.path))
    view = effective(config, args.lang)
    if args.format == "json":
        import json

        json.dump(view, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(render_text(view, args.path, args.lang))
    return ExitCode.OK


def _cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not 0 < args.port < 65536 or args.max_upload_mb <= 0:
        err.write("gialint: --port must be 1–65535 and --max-upload-mb positive\n")
        return ExitCode.USAGE
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401

        from gialint.web import ServeSettings, serve
    except ImportError as exc:
        err.write(f"gialint: gialint serve 需要网页组件：pip install 'gialint[web]' / needs the web extra: pip install 'gialint[web]' ({exc.name})\n")
        return ExitCode.USAGE
    settings = ServeSettings(args.host, args.port, int(args.max_upload_mb * 1024 * 1024), args.config, args.no_plugins, args.lang)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        err.write(f"gialint: 注意：服务监听在 {args.host}，同一网络中的其他电脑也能访问 / warning: listening on {args.host}, reachable from other computers\n")
    host = f"[{args.host}]" if ":" in args.host else args.host
    out.write(f"gialint 检查页面已启动：http://{host}:{args.port}/ （在浏览器中打开；按 Ctrl+C 停止）\n"
              f"gialint is serving the checking page at http://{host}:{args.port}/ (Ctrl+C stops it)\n")
    out.flush()
    serve(settings)
    return ExitCode.OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    from gialint.cli.text import language, localized

    words = list(sys.argv[1:] if argv is None else argv)
    with localized(None, language(words)):
        parser = _parser()
        try:
            with localized(parser, language(words)):
                args = parser.parse_args(argv)
        except SystemExit as exc:
            return int(exc.code or 0) if exc.code in (0, None) else ExitCode.USAGE
        if args.command is None:
            parser.print_help(out)
            return ExitCode.USAGE
    from gialint.config.loader import ConfigError

    commands = {"check": _cmd_check, "audit": _cmd_audit, "rules": _cmd_rules, "explain": _cmd_explain, "extract": _cmd_extract, "serve": _cmd_serve, "config": _cmd_config}
    try:
        return commands[args.command](args, out, err)
    except ConfigError as exc:
        err.write(f"{exc}\n")
        return ExitCode.USAGE
    except KeyboardInterrupt:
        err.write("gialint: interrupted\n")
        return 130
    except BrokenPipeError:
        return ExitCode.OK
    except Exception as exc:  # noqa: BLE001 - the user gets a message, not a traceback
        import traceback

        err.write(f"gialint: internal error: {type(exc).__name__}: {exc}\n")
        if os.environ.get("GIALINT_DEBUG"):
            traceback.print_exc(file=err)
        else:
            err.write("Run again with GIALINT_DEBUG=1 for details and please report it.\n")
        return ExitCode.INTERNAL
