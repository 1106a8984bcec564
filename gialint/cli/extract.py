"""``gialint extract FILE``: a report as gialint reads it, the text whose line numbers findings use."""

from __future__ import annotations

import argparse
from typing import TextIO

from gialint.cli.common import ExitCode, config_for_path
from gialint.output.escape import printable

HELP = "print a report as gialint reads it: the text whose line numbers findings use (Word/PDF/HTML too)"


def add_arguments(extract: argparse.ArgumentParser) -> None:
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


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gialint.engine.linter import Linter
    from gialint.read import ReadError
    from gialint.read.inputs import InputError, read_report

    registry, config = config_for_path(args, args.file, err)
    try:
        data, _ = read_report(args.file)
        document = Linter(registry.plugins).read(args.file, data, config)
    except InputError as exc:
        err.write(f"gialint: {printable(args.file)}: {exc.message_zh} / {exc.message_en}\n")
        return ExitCode.FINDINGS
    except ReadError as exc:
        err.write(f"{printable(args.file)}:{exc.line}:{exc.column}: {exc.message_zh} / {exc.message_en}\n")
        return ExitCode.FINDINGS
    err.writelines(f"gialint: {printable(args.file)}: {note}\n" for note in (document.origin.notes if document.origin is not None else ()))  # what the reader noticed (tracked changes …)
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

    out.writelines(f"# {note}\n" for note in (document.origin.notes if document.origin is not None else ()))
    width = len(str(len(document.original_lines)))
    for number, line in enumerate(document.original_lines, 1):
        place = document.origin.place(number) if document.origin is not None else None
        out.write(f"{number:>{width}}  {describe_place(place):<14} {line}".rstrip() + "\n")
    return ExitCode.OK
