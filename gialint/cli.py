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
from gialint.output import FORMATS, formatter

CACHE_DIR = ".gialint_cache"

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from gialint.config import Config, Loader
    from gialint.run import RunOptions, Session
    from gialint.diagnostic import Severity
    from gialint.output import Report
    from gialint.registry import Registry


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
    check.add_argument("--year", type=int, help="report year, overriding the detected one")
    check.add_argument("--quiet", "-q", action="store_true", help="print diagnostics only, no summary")
    check.add_argument("--statistics", action="store_true", help="also print the number of findings per rule (text; json adds a field)")
    check.add_argument("--no-color", action="store_true", help="never colour the output (also: NO_COLOR=1)")
    check.add_argument("--no-plugins", action="store_true", help="do not load third-party plugins (entry points)")
    check.add_argument("--fix", action="store_true", help="apply the fixes rules offer, writing the files in place")
    check.add_argument("--diff", action="store_true", help="show the fixes as a unified diff; write nothing")
    check.add_argument("--report-unused-disables", action="store_true", help="report gialint-disable comments that suppress nothing")
    check.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in this baseline file")
    check.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE (exit 0)")
    check.add_argument("--corpus", action="store_true", help="also run the rules that compare reports (duplicate-content, carry-over)")
    _add_run_options(check)

    audit = sub.add_parser("audit", help="audit a whole tree of reports: corpus rules on, progress, summary per agency and rule")
    audit.add_argument("paths", nargs="*", metavar="DIR", help="directories or files (default: .)")
    audit.add_argument("--config", metavar="FILE", help="use this rule set instead of discovering .gialint.yaml")
    audit.add_argument("--select", action="append", metavar="RULES", help="only these rules")
    audit.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules")
    audit.add_argument("--format", default="text", metavar="FORMAT", help="text, json or html (any --format of check)")
    audit.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    audit.add_argument("--lang", choices=("zh", "en"))
    audit.add_argument("--fail-on", choices=("error", "warning", "info"))
    audit.add_argument("--year", type=int, help="report year, overriding the detected one")
    audit.add_argument("--quiet", "-q", action="store_true", help="no closing count line")
    audit.add_argument("--no-color", action="store_true")
    audit.add_argument("--no-plugins", action="store_true")
    _add_run_options(audit)
    audit.set_defaults(
        fix=False, diff=False, baseline=None, write_baseline=None, statistics=False,
        report_unused_disables=False, corpus=True, summary=True, progress=True,
    )

    rules = sub.add_parser("rules", help="list the available rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--config", metavar="FILE", help="also list the pattern rules this rule set defines")
    rules.add_argument("--no-plugins", action="store_true")

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


def registry_for(no_plugins: bool, warn: Callable[[str], None] | None = None) -> Registry:
    """The rule registry with built-in and (unless ``no_plugins``) third-party plugins."""
    from gialint.plugin import get_plugin_manager
    from gialint.registry import Registry

    registry = Registry(get_plugin_manager(load_entry_points=not no_plugins))
    for problem in registry.problems:
        (warn or _stderr_warn)(f"gialint: warning: {problem.message}")
    return registry


def _stderr_warn(message: str) -> None:
    sys.stderr.write(message + "\n")


def _registry(no_plugins: bool, err: TextIO) -> Registry:
    return registry_for(no_plugins, lambda m: err.write(m + "\n"))


def loader_for(registry: Registry) -> Loader:
    """A config loader knowing every named rule set the plugins contribute."""
    from gialint.config import Loader

    sets: dict[str, object] = {}
    for result in registry.plugins.manager.hook.gialint_get_rule_sets():
        sets.update(result or {})
    return Loader(registry, sets)  # type: ignore[arg-type]



def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores; 1 = in-process)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    parser.add_argument("--cache-dir", metavar="DIR", help=f"where the result cache lives (default: {CACHE_DIR}; also GIALINT_CACHE_DIR)")


def _run_options(args: argparse.Namespace, corpus: bool, keep_sources: bool) -> RunOptions:
    from gialint.run import RunOptions, default_jobs
    from gialint.selection import split_list

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
    )


def _warn_unknown_selection(session: Session, configs: Mapping[str, Config], err: TextIO) -> None:
    selection = session.options.selection
    known = {(r.name, r.code) for c in configs.values() for r in c.rules.values()}
    known |= {(r.name, r.code) for r in session.registry.rules()}
    for item in (*selection.select, *selection.ignore):
        if item.upper() != "ALL" and not any(item == name or code.upper().startswith(item.upper()) for name, code in known):
            err.write(f"gialint: warning: --select/--ignore: no rule matches {item!r}; run `gialint rules` for the list\n")


def _cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO, corpus: bool = False) -> int:
    from gialint.config import ConfigError
    from gialint.diagnostic import Severity
    from gialint.output import Report
    from gialint.run import Session, collect, run

    keep_sources = args.format not in ("text", "json") or bool(args.baseline or args.write_baseline)
    session = Session(_run_options(args, corpus or getattr(args, "corpus", False), keep_sources), lambda m: err.write(m + "\n"))
    try:
        files, configs = collect(session)
    except ConfigError as exc:
        err.write(f"{exc}\n")
        err.write("gialint: configuration error; nothing was checked\n")
        return ExitCode.USAGE
    _warn_unknown_selection(session, configs, err)
    if args.fix or args.diff:
        from gialint.fix import fix_file

        from gialint.read import reader_for

        for file in files:
            if reader_for(file) is not None:
                err.write(
                    f"gialint: {file}: --fix/--diff 不会改写 Word、PDF 或网页文件，请在原文件中按提示修改"
                    " / --fix and --diff never rewrite Word, PDF or HTML files: edit the original as the findings say\n"
                )
                continue
            fixed = fix_file(session.linter, file, configs[file], session.options.selection, write=args.fix and not args.diff)
            if fixed is not None and args.diff and fixed.changed:
                out.write(fixed.diff())
            if fixed is not None and fixed.applied and not args.quiet:
                verb = "would fix" if args.diff else "fixed"
                err.write(f"gialint: {verb} {fixed.applied} problem(s) in {file}\n")
        if args.diff:
            return ExitCode.OK
    progress = _progress(err) if getattr(args, "progress", False) else None
    result = run(session, files, configs, progress)
    diagnostics = result.diagnostics
    sources = result.sources()
    if args.write_baseline or args.baseline:
        from gialint import baseline

        try:
            if args.write_baseline:
                count = baseline.write(Path(args.write_baseline), diagnostics, sources)
                err.write(f"gialint: wrote {count} finding(s) to the baseline {args.write_baseline}\n")
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
    report = Report(diagnostics, files, lang, False, args.quiet, rules, sources)
    if getattr(args, "summary", False):
        from gialint.audit import summarize

        report = replace(report, summary=summarize(result, lang))
    return _write_report(args, out, err, report, fail_on)


def _cmd_audit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return _cmd_check(args, out, err, corpus=True)


def _progress(err: TextIO) -> Callable[[int, int, str], None] | None:
    """A one-line progress bar on a terminal; nothing when stderr is not one."""
    if not err.isatty():
        return None

    def show(done: int, total: int, path: str) -> None:
        width = 30
        filled = width * done // max(total, 1)
        name = path if len(path) <= 40 else "…" + path[-39:]
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
        from gialint.plugin import get_plugin_manager

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
    target = out
    handle = None
    if args.output:
        try:
            handle = open(args.output, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as exc:
            err.write(f"gialint: cannot write --output {args.output}: {exc.strerror or exc}\n")
            return ExitCode.USAGE
        target = handle
    color = target.isatty() and not args.no_color and not os.environ.get("NO_COLOR") and args.format == "text"
    try:
        writer.write(target, replace(report, color=color, statistics=getattr(args, "statistics", False)))
    finally:
        if handle is not None:
            handle.close()
    failed = any(d.severity >= fail_on for d in report.diagnostics)
    return ExitCode.FINDINGS if failed else ExitCode.OK


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
            }
            for r in rows
        ]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return ExitCode.OK
    width = max(len(r.name) for r in rows)
    for r in rows:
        setting = config.settings[r.name]
        state = str(setting.severity) if setting.enabled else "off"
        out.write(f"{r.code:<8} {r.name:<{width}}  {state:<7}  {r.summary_en} / {r.summary_zh}\n")
    return ExitCode.OK


def _cmd_explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gialint.explain import explain

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
    from gialint.discovery import ConfigResolver
    from gialint.engine import Linter
    from gialint.read import ReadError

    registry = _registry(args.no_plugins, err)
    resolver = ConfigResolver(loader_for(registry), Path(args.config) if args.config else None)
    config = resolver.for_path(Path(args.file))
    try:
        data = Path(args.file).read_bytes()
        document = Linter(registry.plugins).read(args.file, data, config)
    except OSError as exc:
        err.write(f"gialint: cannot read {args.file}: {exc.strerror or exc}\n")
        return ExitCode.FINDINGS
    except ReadError as exc:
        err.write(f"{args.file}:{exc.line}:{exc.column}: {exc.message_zh} / {exc.message_en}\n")
        return ExitCode.FINDINGS
    if args.view:
        view = document.view
        if view is not None:
            err.write(f"gialint: {args.file}: {', '.join(view.notes)}\n")
        out.write(document.source if document.source.endswith("\n") else document.source + "\n")
        return ExitCode.OK
    if not args.places:
        source = document.original_source
        out.write(source if source.endswith("\n") else source + "\n")
        return ExitCode.OK
    from gialint.read.places import describe_place

    width = len(str(len(document.original_lines)))
    for number, line in enumerate(document.original_lines, 1):
        place = document.origin.place(number) if document.origin is not None else None
        out.write(f"{number:>{width}}  {describe_place(place):<14} {line}".rstrip() + "\n")
    return ExitCode.OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else ExitCode.USAGE
    if args.command is None:
        parser.print_help(out)
        return ExitCode.USAGE
    from gialint.config import ConfigError

    commands = {"check": _cmd_check, "audit": _cmd_audit, "rules": _cmd_rules, "explain": _cmd_explain, "extract": _cmd_extract}
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
