"""``gialint check --fix`` and ``--diff``: apply (or show) the fixes rules offer, text files only."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from gialint.output.escape import printable

if TYPE_CHECKING:
    from gialint.config.model import Config
    from gialint.engine.session import Session
    from gialint.model.diagnostic import Diagnostic


def fix_files(
    args: argparse.Namespace,
    session: Session,
    files: Sequence[str],
    configs: Mapping[str, Config],
    out: TextIO,
    err: TextIO,
    not_written: list[Diagnostic],
) -> bool:
    """Fix (``--fix``) or show the diff of (``--diff``) every file; the files that could not be
    written add their finding to ``not_written``. True when some fix is pending (``--diff``)."""
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
    return pending
