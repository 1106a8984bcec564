"""Writing a run's report: the chosen ``--format`` to standard output or ``--output``, the exit
code from ``--fail-on``; never over one of the reports checked."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from gialint.cli.common import ExitCode
from gialint.output.escape import printable

if TYPE_CHECKING:
    from gialint.engine.result import FileResult
    from gialint.model.diagnostic import Severity
    from gialint.output import Report
    from gialint.output.tally import Tally


def shows_source(args: argparse.Namespace, out: TextIO) -> bool:
    """Whether text output shows each finding's line: --show-source, else on a terminal unless
    --quiet or --output-format concise."""
    if args.format != "text":
        return False
    if getattr(args, "show_source", None) is not None:
        return bool(args.show_source)
    return out.isatty() and not args.quiet and getattr(args, "output_format", "full") == "full" and not args.output


def refuse_output(output: str, files: Sequence[str], option: str = "--output") -> str | None:
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


def _exit_code(report: Report, fail_on: Severity) -> int:
    failed = any(d.severity >= fail_on for d in report.diagnostics)
    return ExitCode.FINDINGS if failed else ExitCode.OK


def write_report(args: argparse.Namespace, out: TextIO, err: TextIO, report: Report, fail_on: Severity) -> int:
    """Write ``report`` in the chosen format to stdout or ``--output``; the exit code from ``fail_on``."""
    from gialint.output import FORMATS, formatter

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
    statistics = getattr(args, "statistics", False)
    if args.output:
        from gialint.output.outfile import OutputError, write_output

        try:
            write_output(args.output, lambda target: writer.write(target, replace(report, color=False, statistics=statistics)))
        except OutputError as exc:
            err.write(f"gialint: {exc.message_zh} / {exc.message_en}\n")
            return ExitCode.USAGE
    else:
        writer.write(out, _to_stdout(args, out, report))
    return _exit_code(report, fail_on)


def _to_stdout(args: argparse.Namespace, out: TextIO, report: Report) -> Report:
    """``report`` as shown on standard output: colour on a terminal (text), ``--statistics``."""
    color = out.isatty() and not args.no_color and not os.environ.get("NO_COLOR") and args.format == "text"
    return replace(report, color=color, statistics=getattr(args, "statistics", False))


def stream_report(args: argparse.Namespace, out: TextIO, report: Report, fail_on: Severity, results: Iterable[FileResult]) -> int:
    """Write each file's findings to standard output as ``results`` yields it (``report`` has no
    findings: nothing is kept but counts); the exit code from ``fail_on``. Only for the formats and
    runs :func:`gialint.cli.running.streams` allows: the output is the same as ``write_report``'s."""
    from gialint.output import formatter

    writer = formatter(args.format)
    show = report.show_source
    batches = ((r.diagnostics, r.source_lines() if show else None) for r in results)
    tally: Tally = writer.write_batches(out, _to_stdout(args, out, report), batches)  # type: ignore[attr-defined]
    return ExitCode.FINDINGS if tally.reaches(fail_on) else ExitCode.OK


def _write_binary(args: argparse.Namespace, out: TextIO, err: TextIO, writer: object, report: Report, fail_on: Severity) -> int:
    """A binary format (xlsx): to ``--output``, or to standard output when it is not a terminal."""
    import io

    if not args.output and (out.isatty() or getattr(out, "buffer", None) is None):
        err.write(f"gialint: --format {args.format} 生成的是工作簿文件，请用 --output 指定文件名（例如 --output 结果.{args.format}）"
                  f" / --format {args.format} writes a workbook: give --output FILE.{args.format}\n")  # fmt: skip
        return ExitCode.USAGE
    buffer = io.BytesIO()
    try:
        writer.write_binary(buffer, report)  # type: ignore[attr-defined]
    except ImportError as exc:
        err.write(f"gialint: --format {args.format} 需要安装 openpyxl：pip install 'gialint[xlsx]' / "
                  f"--format {args.format} needs openpyxl: pip install 'gialint[xlsx]' ({exc})\n")  # fmt: skip
        return ExitCode.USAGE
    if args.output:
        from gialint.output.outfile import OutputError, write_output

        def put(target: TextIO) -> None:
            target.flush()
            target.buffer.write(buffer.getvalue())

        try:
            write_output(args.output, put)
        except OutputError as exc:
            err.write(f"gialint: {exc.message_zh} / {exc.message_en}\n")
            return ExitCode.USAGE
    else:
        out.flush()
        out.buffer.write(buffer.getvalue())
        out.buffer.flush()
    return _exit_code(report, fail_on)
