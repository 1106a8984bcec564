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
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from gialint import __version__
from gialint.output import FORMATS, formatter

if TYPE_CHECKING:
    from gialint.config import Config
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
    check.add_argument("--format", choices=tuple(FORMATS), default="text", help="output format (default: text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    check.add_argument("--lang", choices=("zh", "en"), help="message language (default: zh, or lang: in config)")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit code 1 (default: warning)")
    check.add_argument("--year", type=int, help="report year, overriding the detected one")
    check.add_argument("--quiet", "-q", action="store_true", help="print diagnostics only, no summary")
    check.add_argument("--no-color", action="store_true", help="never colour the output (also: NO_COLOR=1)")
    check.add_argument("--no-plugins", action="store_true", help="do not load third-party plugins (entry points)")

    rules = sub.add_parser("rules", help="list the available rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--config", metavar="FILE", help="also list the pattern rules this rule set defines")
    rules.add_argument("--no-plugins", action="store_true")

    explain = sub.add_parser("explain", help="show a rule's documentation and options")
    explain.add_argument("rule", metavar="RULE", help="rule name or code")
    explain.add_argument("--lang", choices=("zh", "en"))
    explain.add_argument("--config", metavar="FILE")
    explain.add_argument("--no-plugins", action="store_true")
    return parser


def _registry(no_plugins: bool, err: TextIO) -> Registry:
    from gialint.plugin import get_plugin_manager
    from gialint.registry import Registry

    registry = Registry(get_plugin_manager(load_entry_points=not no_plugins))
    for problem in registry.problems:
        err.write(f"gialint: warning: {problem.message}\n")
    return registry


def _loader(registry: Registry):  # type: ignore[no-untyped-def]
    from gialint.config import Loader

    sets: dict[str, object] = {}
    for result in registry.plugins.manager.hook.gialint_get_rule_sets():
        sets.update(result or {})
    return Loader(registry, sets)  # type: ignore[arg-type]


def _cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gialint.config import ConfigError
    from gialint.diagnostic import Diagnostic, Severity
    from gialint.discovery import ConfigResolver, excluded, iter_files
    from gialint.engine import Linter
    from gialint.output import Report
    from gialint.selection import Selection, split_list

    registry = _registry(args.no_plugins, err)
    selection = Selection(split_list(args.select), split_list(args.ignore))
    resolver = ConfigResolver(_loader(registry), Path(args.config) if args.config else None)
    paths = args.paths or ["."]
    try:
        configs: dict[str, Config] = {}
        files: list[str] = []
        for file, named in iter_files(paths):
            config = resolver.for_path(Path(file))
            if not named and excluded(file, config):
                continue
            files.append(file)
            configs[file] = config
    except ConfigError as exc:
        err.write(f"{exc}\n")
        err.write("gialint: configuration error; nothing was checked\n")
        return ExitCode.USAGE
    known = {(r.name, r.code) for c in configs.values() for r in c.rules.values()}
    known |= {(r.name, r.code) for r in registry.rules()}
    for item in (*selection.select, *selection.ignore):
        if item.upper() != "ALL" and not any(item == name or code.upper().startswith(item.upper()) for name, code in known):
            err.write(f"gialint: warning: --select/--ignore: no rule matches {item!r}; run `gialint rules` for the list\n")
    if args.year is not None:
        from dataclasses import replace

        configs = {f: replace(c, year=args.year) for f, c in configs.items()}
    linter = Linter(registry.plugins)
    diagnostics: list[Diagnostic] = []
    sources: dict[str, tuple[str, ...]] = {}
    for file in files:
        result = linter.lint_path(file, configs[file], selection)
        diagnostics.extend(result.diagnostics)
        if result.document is not None and args.format not in ("text", "json"):
            sources[file] = result.document.lines
    any_config = next(iter(configs.values()), None)
    lang = args.lang or (any_config.lang if any_config and any_config.lang else "zh")
    fail_on = Severity.parse(args.fail_on) if args.fail_on else (any_config.fail_on if any_config and any_config.fail_on else Severity.WARNING)
    diagnostics.sort(key=lambda d: (d.path, d.line, d.column, d.code))
    rules = {name: rule for c in configs.values() for name, rule in c.rules.items()}
    return _write_report(args, out, err, Report(diagnostics, files, lang, False, args.quiet, rules, sources), fail_on)


def _write_report(args: argparse.Namespace, out: TextIO, err: TextIO, report: Report, fail_on: Severity) -> int:
    """Write ``report`` in the chosen format to stdout or ``--output``; the exit code from ``fail_on``."""
    from dataclasses import replace

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
        formatter(args.format).write(target, replace(report, color=color))
    finally:
        if handle is not None:
            handle.close()
    failed = any(d.severity >= fail_on for d in report.diagnostics)
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _config_for_listing(args: argparse.Namespace, registry: Registry) -> Config:
    loader = _loader(registry)
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

    commands = {"check": _cmd_check, "rules": _cmd_rules, "explain": _cmd_explain}
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
